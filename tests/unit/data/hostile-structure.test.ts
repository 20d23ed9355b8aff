/**
 * Hostile uploads, structure and bytes: line breaks, encodings, archives, very wide rows, bad
 * rows and control characters. Each case loads through loadFiles, as the page and `lab data` do.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeSkips, loadFiles, type NamedBlob } from '../../../src/data';
import { sniffFile } from '../../../src/data/parse/sniff';
import { expectFail, expectOk, fixture, latin1Blob, textBlob } from './helpers';

const bytesBlob = (name: string, bytes: Uint8Array): NamedBlob => ({
  name,
  blob: new Blob([new Uint8Array(bytes)]),
});
const ratingRows = (users: number, items: number, item = (i: number) => `${i}`): string[] =>
  Array.from({ length: users * items }, (_, k) => {
    const u = Math.floor(k / items) + 1;
    const i = (k % items) + 1;
    return `${u},${item(i)},${((u + i) % 5) + 1}`;
  });

describe('line breaks are found per line', () => {
  it('keeps a block of LF lines inside a CRLF file', async () => {
    const ds = expectOk(await loadFiles([await fixture('hostile/mixed-endings.csv')], { chunkSize: 64 }));
    expect(ds.interactions.user.length).toBe(100);
    expect(ds.skipped.count).toBe(0);
    expect(ds.nUsers).toBe(10);
  });

  it('reads a CRLF header over an LF body', async () => {
    const body = ratingRows(60, 100).join('\n');
    const ds = expectOk(await loadFiles([textBlob('r.csv', `user,item,rating\r\n${body}\n`)]));
    expect(ds.interactions.user.length).toBe(6000);
    expect(ds.skipped.count).toBe(0);
  });

  it('reads lone CRs among CRLFs, split across chunks', async () => {
    const text = 'user,item,rating\r\n1,1,4\r2,2,5\r\n3,3,1\n4,4,2\r';
    for (const chunkSize of [1, 2, 5, 1000]) {
      const ds = expectOk(await loadFiles([textBlob('r.csv', text)], { chunkSize }));
      expect(ds.interactions.user.length, `chunk ${chunkSize}`).toBe(4);
    }
  });
});

describe('the encoding is decided once, before parsing', () => {
  // 6,000 rows of UTF-8 items ('café 1'...), one Latin-1 'é' (0xE9) on row 5012.
  const rows = ratingRows(60, 100, (i) => `café ${i}`);
  const head = new TextEncoder().encode(`user,item,rating\n${rows.slice(0, 5010).join('\n')}\n`);
  const bad = Uint8Array.from(Buffer.from('61,caf\xe9 1,4\n', 'latin1'));
  const tail = new TextEncoder().encode(`${rows.slice(5010).join('\n')}\n`);
  const file = bytesBlob('mixed.csv', new Uint8Array([...head, ...bad, ...tail]));

  it('reads a UTF-8 file with one stray Latin-1 byte as UTF-8, skipping only that row', async () => {
    const ds = expectOk(await loadFiles([file], { chunkSize: 4096 }));
    expect(ds.nItems).toBe(100);
    expect(ds.itemIds).toContain('café 7');
    expect(ds.itemIds.some((id) => id.includes('Ã'))).toBe(false);
    expect(ds.interactions.user.length).toBe(6000);
    expect(ds.skipped.examples).toEqual([
      "row 5012: field 2 has bytes that are not valid UTF-8 ('caf\uFFFD 1'); the row is skipped rather than guessed",
    ]);
    expect(ds.notices[0]).toBe(
      `mixed.csv: decoded as UTF-8, but 1 byte is not valid UTF-8 in the file (first: 0xE9 at byte ${head.length + 6}); rows holding them are skipped`,
    );
  });

  it('keeps distinct Latin-1 ids of a ratings.csv apart (no U+FFFD merge)', async () => {
    const ids = Array.from({ length: 80 }, (_, k) => `${'àéîõü'[k % 5]}${k}`);
    const text = `userId,movieId,rating,timestamp\n${ids.map((id, k) => `${k % 7},${id},4,100${k}`).join('\n')}\n`;
    const ds = expectOk(await loadFiles([latin1Blob('ratings.csv', text)]));
    expect(ds.nItems).toBe(80);
    expect(ds.itemIds).toContain('é1');
    expect(ds.notices[0]).toMatch(
      /^ratings\.csv: decoded as Windows-1252 \(Latin-1\): the file is not valid UTF-8 \(first: 0xE0 at byte \d+\)$/,
    );
  });

  it('rejects undecodable rows of a forced-UTF-8 file (u.data) instead of merging them', async () => {
    const text = Buffer.from('1\t1\t4\t1\n2\tcaf\xe9\t3\t2\n3\tcaf\xea\t3\t3\n4\t2\t5\t4\n', 'latin1');
    const ds = expectOk(await loadFiles([bytesBlob('u.data', Uint8Array.from(text))]));
    expect(ds.itemIds).toEqual(['1', '2']);
    expect(ds.skipped.count).toBe(2);
  });
});

describe('UTF-16 with a byte order mark', () => {
  it('decodes little-endian and says so', async () => {
    const ds = expectOk(await loadFiles([await fixture('hostile/utf16le.csv')], { chunkSize: 7 }));
    expect(ds.interactions.user.length).toBe(40);
    expect(ds.itemIds).toContain('café 3');
    expect(ds.notices).toContain(
      'utf16le.csv: decoded as UTF-16 LE: the file starts with a UTF-16 byte order mark',
    );
  });

  it('decodes big-endian', async () => {
    const le = Buffer.from('user,item,rating\n1,é,4\n2,ü,5\n', 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let k = 0; k < le.length; k += 2) [be[k], be[k + 1]] = [le[k + 1], le[k]];
    const ds = expectOk(await loadFiles([bytesBlob('be.csv', Uint8Array.from([0xfe, 0xff, ...be]))]));
    expect(ds.itemIds).toEqual(['é', 'ü']);
    expect(ds.notices[0]).toBe('be.csv: decoded as UTF-16 BE: the file starts with a UTF-16 byte order mark');
  });
});

describe('archives are known by their bytes, not their names', () => {
  const csv = `user,item,rating\n${ratingRows(5, 4).join('\n')}\n`;

  it('reads a CSV named .zip as a CSV', async () => {
    const ds = expectOk(await loadFiles([textBlob('ratings.zip', csv)]));
    expect(ds.interactions.user.length).toBe(20);
  });

  it('reads a zip named .csv as a zip', async () => {
    const zip = zipSync({ 'ratings.csv': new TextEncoder().encode(csv) });
    const ds = expectOk(await loadFiles([bytesBlob('ratings.csv', zip)]));
    expect(ds.interactions.user.length).toBe(20);
  });
});

describe('zip bombs are stopped', () => {
  // 4 MiB of one line repeated compresses about 1000:1.
  const line = new TextEncoder().encode('1,1,5\n');
  const big = new Uint8Array(4 << 20);
  for (let k = 0; k < big.length; k += line.length) big.set(line.subarray(0, big.length - k), k);
  const bomb = zipSync({ 'ratings.csv': big });

  it('stops inflating past the cap on extracted bytes, stating it', async () => {
    const limits = { maxBytes: 1 << 20, maxRatio: 1e9, ratioFrom: Infinity };
    const r = await loadFiles([bytesBlob('bomb.zip', bomb)], { zipLimits: limits });
    expect(expectFail(r)).toBe(
      'bomb.zip: expands past the 1 MiB cap on extracted data (at ratings.csv); unzip it yourself and load the ratings file',
    );
  });

  it('stops an entry that expands far more than any table does', async () => {
    const limits = { maxBytes: 1 << 30, maxRatio: 100, ratioFrom: 1 << 20 };
    const r = await loadFiles([bytesBlob('bomb.zip', bomb)], { zipLimits: limits });
    expect(expectFail(r)).toMatch(
      /^bomb\.zip: ratings\.csv expands more than 100:1 \([\d.]+ KiB to [\d.]+ MiB or more, \d+:1\), which only a zip bomb does; not extracted$/,
    );
  });

  it('refuses an entry that declares more than the default 2 GiB, before inflating it', async () => {
    const zip = zipSync({ 'ratings.csv': new TextEncoder().encode(csv3()) });
    // The local header's uncompressed size (offset 22): 3 GiB.
    new DataView(zip.buffer, zip.byteOffset).setUint32(22, 3 * 2 ** 30, true);
    expect(expectFail(await loadFiles([bytesBlob('huge.zip', zip)]))).toBe(
      'huge.zip: expands past the 2 GiB cap on extracted data (at ratings.csv); unzip it yourself and load the ratings file',
    );
  });
});

function csv3(): string {
  return 'user,item,rating\n1,1,4\n2,2,5\n';
}

describe('very wide rows', () => {
  it('names the column count and the expected long format, not "not delimited text"', async () => {
    const header = ['user', ...Array.from({ length: 99_999 }, (_, k) => `item${k + 1}`)].join(',');
    const row = (u: number) => [u, ...Array.from({ length: 99_999 }, (_, k) => (u + k) % 6)].join(',');
    const file = textBlob('wide.csv', `${header}\n${row(1)}\n${row(2)}\n`);
    expect(expectFail(await loadFiles([file]))).toBe(
      "wide.csv: row 1 has 100,000 columns (split by ','): this looks like a wide users × items matrix. " +
        'RecLab reads ratings in long format, one rating per row: user, item, rating and optionally a timestamp',
    );
  });
});

describe('a header and data split by different delimiters', () => {
  it('names the mismatch', async () => {
    const file = textBlob(
      'semi.csv',
      `user,item,rating\n${ratingRows(3, 3).join('\n').replace(/,/g, ';')}\n`,
    );
    expect(expectFail(await loadFiles([file]))).toBe(
      "semi.csv: row 1 (the header) is split by ',' but the data rows by ';': use one delimiter throughout, or map the columns by hand",
    );
  });
});

describe('bad rows are skipped wherever they are', () => {
  it("skips a '#' preamble and ten bad first rows, keeping the rest and counting both", async () => {
    const file = await fixture('hostile/preamble-bad-first-rows.csv');
    const s = expectOk(await sniffFile(file));
    expect(s.header).toEqual(['user', 'item', 'rating']);
    expect(s.preamble).toBe(2);
    const ds = expectOk(await loadFiles([file], { chunkSize: 16 }));
    expect(ds.interactions.user.length).toBe(200);
    expect(describeSkips(ds.skipped)).toBe("10 rows skipped; first: row 4: rating 'n/a' is not a number");
    expect(ds.notices).toContain(
      "preamble-bad-first-rows.csv: skipped 2 comment lines starting with '#' before row 3",
    );
  });

  it('counts the preamble in the row a header problem names', async () => {
    const text = '# one\n# two\nwho,what,rating\n1,2,3\n';
    expect(expectFail(await loadFiles([textBlob('p.csv', text)]))).toBe(
      'p.csv: row 3: no user column in the header (who, what, rating); name one userId, or map it by hand',
    );
  });

  it('keeps 5,000 good rows after ten bad ones', async () => {
    const text = `user,item,rating\n${'x,,1\n'.repeat(10)}${ratingRows(50, 100).join('\n')}\n`;
    const ds = expectOk(await loadFiles([textBlob('late.csv', text)]));
    expect(ds.interactions.user.length).toBe(5000);
    expect(ds.skipped.count).toBe(10);
  });

  it('fails a file with nothing usable, with the first row and why', async () => {
    const text = `# only a comment\nuser,item,rating\n${'1,2,abc\n'.repeat(3)}`;
    expect(expectFail(await loadFiles([textBlob('none.csv', text)]))).toBe(
      "none.csv: row 3: rating 'abc' is not a number (all 3 data rows are bad)",
    );
  });
});

describe('control characters from a file never reach a message raw', () => {
  it('escapes them in skip examples', async () => {
    const ds = expectOk(await loadFiles([await fixture('hostile/control-chars.csv')]));
    expect(ds.skipped.examples).toEqual([
      "row 3: rating '\\x1b]0;pwned\\x07\\x1b[2J' is not a number",
      "row 4: rating '\\u202eevil' is not a number",
    ]);
  });

  it('escapes them in failure reasons, header cells included', async () => {
    const text = 'who\x1b[31m,what,rating\n1,2,3\n';
    const reason = expectFail(await loadFiles([textBlob('h\x1b.csv', text)]));
    expect(reason).toBe(
      'h\\x1b.csv: row 1: no user column in the header (who\\x1b[31m, what, rating); name one userId, or map it by hand',
    );
  });
});
