import { describe, expect, it } from 'vitest';
import { sniffFile, sniffText } from '../../../src/data';
import { expectFail, expectOk, latin1Blob, textBlob } from './helpers';

describe('sniffText', () => {
  it('detects each delimiter', () => {
    const rows = [
      ['1', '10', '4', '881250949'],
      ['2', '11', '3', '881250950'],
      ['3', '12', '5', '881250951'],
    ];
    for (const d of [',', '\t', ';', '|', '::']) {
      const s = sniffText('r.txt', rows.map((r) => r.join(d)).join('\n'), 'utf-8');
      expect(s.delimiter, JSON.stringify(d)).toBe(d);
      expect(s.columns).toBe(4);
      expect(s.hasHeader).toBe(false);
      expect(s.suggested).toEqual({
        user: 0,
        item: 1,
        rating: 2,
        timestamp: 3,
        hasHeader: false,
        delimiter: d,
      });
    }
  });

  it('prefers the delimiter that keeps rows regular over commas inside titles', () => {
    const s = sniffText(
      'm.dat',
      '1::American President, The (1995)::Comedy|Drama\n2::Heat (1995)::Action\n',
      'utf-8',
    );
    expect(s.delimiter).toBe('::');
    expect(s.format).toBe('ml-1m');
    expect(s.quotes).toBe(false);
  });

  it('maps columns by header names in any order', () => {
    const s = sniffText(
      'x.csv',
      'Timestamp,Score,Product ID,Customer\n2024-01-01,4,p1,c1\n2024-01-02,5,p2,c2\n',
      'utf-8',
    );
    expect(s.hasHeader).toBe(true);
    expect(s.header).toEqual(['Timestamp', 'Score', 'Product ID', 'Customer']);
    expect(s.suggested).toMatchObject({ user: 3, item: 2, rating: 1, timestamp: 0 });
    expect(s.sampleRows).toHaveLength(2);
    expect(s.issues).toEqual([]);
  });

  it('recognises an unnamed header by its types, and ML-latest by its names', () => {
    const s = sniffText('x.csv', 'a,b,c\n1,10,4\n2,11,3\n', 'utf-8');
    expect(s.hasHeader).toBe(true);
    expect(s.suggested).toMatchObject({ user: 0, item: 1, rating: 2, timestamp: null });
    const ml = sniffText('ratings.csv', 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n', 'utf-8');
    expect(ml.format).toBe('ml-latest');
  });

  it('guesses implicit feedback with a time column when there is no rating', () => {
    const s = sniffText(
      'clicks.tsv',
      'u1\ti9\t2024-02-03T10:00:00Z\nu2\ti8\t2024-02-03T11:00:00Z\n',
      'utf-8',
    );
    expect(s.suggested).toMatchObject({ user: 0, item: 1, rating: null, timestamp: 2 });
  });

  it('counts columns without empty trailing ones, and shows those as unused', () => {
    const s = sniffText('t.csv', 'user,item,rating,,\n1,2,3,,\n4,5,1,,\n', 'utf-8');
    expect(s.columns).toBe(3);
    expect(s.width).toBe(5);
    expect(s.unused).toEqual([3, 4]);
  });

  it('lists the problems that stop an automatic load', () => {
    expect(sniffText('x.txt', '1 2 3\n4 5 6\n', 'utf-8').issues).toEqual([
      'every row has a single column: the delimiter is not one of , ; tab | ::',
    ]);
    expect(sniffText('x.csv', 'user,item,rating\n1,2,3\n', 'utf-8', ';').issues).toEqual([
      "every row has a single column with delimiter ';'",
    ]);
  });
});

describe('sniffFile', () => {
  it('reads only the head of a file and reports its encoding', async () => {
    const big = textBlob('big.csv', 'user,item,rating\n' + '1,2,3\n'.repeat(40_000));
    const s = expectOk(await sniffFile(big));
    expect(s.sampleRows).toHaveLength(20);
    expect(s.encoding).toBe('utf-8');
    const latin = expectOk(await sniffFile(latin1Blob('m.csv', 'id,title\n1,Café\n')));
    expect(latin.encoding).toBe('windows-1252');
    expect(latin.sampleRows[0]).toEqual(['1', 'Café']);
  });

  it('identifies zips and refuses non-text', async () => {
    const zipHead = new Uint8Array([
      0x50,
      0x4b,
      3,
      4,
      ...new Array(22).fill(0),
      8,
      0,
      0,
      0,
      ...new TextEncoder().encode('ml-100k/'),
    ]);
    expect(expectOk(await sniffFile({ name: 'data.zip', blob: new Blob([zipHead]) })).format).toBe(
      'ml-100k-zip',
    );
    expect(expectFail(await sniffFile(textBlob('e.csv', '')))).toBe('e.csv: the file is empty');
    expect(expectFail(await sniffFile(textBlob('w.csv', '  \n\n')))).toBe('w.csv: the file is empty');
  });
});

it('does not mistake a first data row with a bad value for a header', () => {
  const rows = Array.from({ length: 12 }, (_, k) => `${k},${k + 10},${(k % 5) + 1}`);
  const s = sniffText('r.csv', ['1,10,NA', ...rows].join('\n'), 'utf-8');
  expect(s.hasHeader).toBe(false);
  expect(s.suggested).toMatchObject({ user: 0, item: 1, rating: 2 });
});
