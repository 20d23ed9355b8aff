import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ML100K_GENRES, loadFiles, sniffFile, unusedColumns } from '../../../src/data';
import { FIXTURES, expectOk, fixture, itemsOf, latin1Blob, rowsOf, textBlob } from './helpers';

/**
 * A ratings CSV as a spreadsheet leaves it: the header names four columns, then four empty names;
 * every line has 8 fields, most extra fields are empty and a few carry numbers. One line was cut
 * short after the item.
 */
const FILE = 'good/ratings-extra-columns.csv';
const SHORT_ROW = 27;

/** The fixture read by hand: the ratings of every line that has all 8 fields. */
function expectedRatings(): [string, string, number, number][] {
  const lines = readFileSync(join(FIXTURES, FILE), 'utf8').trimEnd().split('\n').slice(1);
  return lines
    .map((l) => l.split(','))
    .filter((f) => f.length === 8)
    .map((f) => [f[0], f[1], Number(f[2]), Number(f[3])]);
}

describe('fields in columns nobody mapped', () => {
  it('the sniff shows all 8 columns and marks the 4 unnamed ones unused', async () => {
    const s = expectOk(await sniffFile(await fixture(FILE)));
    expect(s.format).toBe('generic');
    expect(s.suggested).toMatchObject({ user: 0, item: 1, rating: 2, timestamp: 3, hasHeader: true });
    expect(s.columns).toBe(4);
    expect(s.width).toBe(8);
    expect(s.unused).toEqual([4, 5, 6, 7]);
    expect(s.issues).toEqual([]);
    // A mapping that drops the timestamp leaves it unused too.
    expect(unusedColumns({ ...s.suggested, timestamp: null }, s.width)).toEqual([3, 4, 5, 6, 7]);
  });

  it('keeps every rating, stray numbers or not, and skips the short row by name', async () => {
    const ds = expectOk(await loadFiles([await fixture(FILE)]));
    const expected = expectedRatings();
    expect(expected).toHaveLength(37);
    expect(rowsOf(ds)).toEqual(expected);
    expect(ds.skipped).toEqual({
      count: 1,
      examples: [`row ${SHORT_ROW}: has 2 fields; the rating (3) and timestamp (4) columns are missing`],
    });
  });

  it('lets a mapping pick an unnamed column, and ignores text in the one it leaves', async () => {
    const text = 'user,item,rating\nu1,i1,4,oops,100\nu1,i2,5,,200\nu2,i1,2,n/a,300\n';
    const mapping = { user: 0, item: 1, rating: 2, timestamp: 4, hasHeader: true, delimiter: ',' };
    const ds = expectOk(await loadFiles([textBlob('notes.csv', text)], { mapping }));
    expect(rowsOf(ds)).toEqual([
      ['u1', 'i1', 4, 100],
      ['u1', 'i2', 5, 200],
      ['u2', 'i1', 2, 300],
    ]);
    expect(ds.skipped.count).toBe(0);
  });

  it('ignores a line of bare delimiters, as spreadsheets write for an empty row', async () => {
    const ds = expectOk(await loadFiles([textBlob('r.csv', 'user,item,rating,,\n1,2,3,,\n,,,,\n2,2,4,,\n')]));
    expect(ds.interactions.user).toHaveLength(2);
    expect(ds.skipped.count).toBe(0);
  });
});

describe('every loader follows the same rule', () => {
  it('u.data and a split file: an extra field is ignored, a missing item is named', async () => {
    const ds = expectOk(
      await loadFiles([
        textBlob('u.data', '1\t1\t4\t881250949\t\n1\t2\t3\t881250950\tx\n2\t1\t5\t881250951\n'),
        textBlob('ua.test', '1\t2\t3\t881250950\t9\n2\n'),
      ]),
    );
    expect(ds.interactions.user).toHaveLength(3);
    expect(Array.from(ds.officialSplits[0].testRows)).toEqual([1]);
    expect(ds.skipped.examples).toEqual(['ua.test row 2: has 1 field; the item id column (2) is missing']);
  });

  it('u.item: an extra field is ignored, a short row names its first missing column', async () => {
    const flags = ML100K_GENRES.map((_, g) => (g === 5 ? '1' : '0')).join('|');
    const ds = expectOk(
      await loadFiles([
        textBlob('u.data', '1\t1\t4\t881250949\n1\t2\t3\t881250950\n1\t3\t3\t881250951\n'),
        latin1Blob(
          'u.item',
          `1|Café (1995)|01-Jan-1995||http://x|${flags}|stray\n2|Short (1995)|01-Jan-1995||http://x|0|1\n3|Kolya (1996)|24-Jan-1997||http://x|${flags}\n`,
        ),
      ]),
    );
    expect(itemsOf(ds).title).toEqual(['Café (1995)', '', 'Kolya (1996)']);
    expect(ds.skipped.examples).toEqual([
      "u.item row 2: has 7 fields; the Adventure genre flag (8), Animation genre flag (9), Children's genre flag (10) and 14 more columns are missing",
    ]);
  });

  it("ratings.dat, ML-latest's ratings.csv and movies.csv keep rows with extra fields", async () => {
    const dat = expectOk(
      await loadFiles([textBlob('ratings.dat', '1::10::5::978300760::x\n2::10::4::978300761\n')]),
    );
    expect(dat.interactions.user).toHaveLength(2);
    const latest = expectOk(
      await loadFiles([
        textBlob('ratings.csv', 'userId,movieId,rating,timestamp\n1,1,4.0,964982703,,7\n1,3,0.5,964981247\n'),
        textBlob('movies.csv', 'movieId,title,genres\n1,Toy Story (1995),Comedy,,x\n3,Heat (1995),Action\n'),
      ]),
    );
    expect(rowsOf(latest)).toEqual([
      ['1', '1', 4, 964982703],
      ['1', '3', 0.5, 964981247],
    ]);
    expect(itemsOf(latest).title).toEqual(['Toy Story (1995)', 'Heat (1995)']);
    expect(latest.skipped.count).toBe(0);
  });
});
