import { describe, expect, it, vi } from 'vitest';
import { describeSkips, loadFiles, type ColumnMapping, type Progress } from '../../../src/data';
import { expectFail, expectOk, itemsOf, must, rowsOf, textBlob, timesOf } from './helpers';

describe('generic ratings files', () => {
  it('reads a headerless tab file like u.data under any name', async () => {
    const ds = expectOk(await loadFiles([textBlob('mine.tsv', '7\t3\t4\t881250949\n8\t3\t2\t881250950\n')]));
    expect(ds).toMatchObject({ id: 'upload:mine.tsv', kind: 'upload', name: 'mine.tsv' });
    expect(rowsOf(ds)).toEqual([
      ['7', '3', 4, 881250949],
      ['8', '3', 2, 881250950],
    ]);
  });

  it('handles a BOM, CRLF, a semicolon delimiter, decimal commas and empty trailing columns', async () => {
    const text = '\uFEFFuser;item;rating;;\r\nanna;film-1;3,5;;\r\nbob;film-2;4;;\r\n';
    const ds = expectOk(await loadFiles([textBlob('export.csv', text)]));
    expect(rowsOf(ds)).toEqual([
      ['anna', 'film-1', 3.5, null],
      ['bob', 'film-2', 4, null],
    ]);
    expect(ds.interactions.timestamp).toBeNull();
  });

  it('reads ISO dates and epoch milliseconds as seconds', async () => {
    const text =
      'user,item,rating,date\nu1,i1,5,2024-01-01\nu1,i2,4,2024-01-01T06:00:00Z\nu2,i1,3,1704067200000\n';
    const ds = expectOk(await loadFiles([textBlob('dated.csv', text)]));
    expect(Array.from(timesOf(ds))).toEqual([1704067200, 1704067200 + 6 * 3600, 1704067200]);
  });

  it('treats a file without a rating column as implicit feedback', async () => {
    const ds = expectOk(await loadFiles([textBlob('clicks.csv', 'visitor,article\nv1,a1\nv2,a1\nv1,a2\n')]));
    expect(ds.interactions.rating).toBeNull();
    expect(ds.ratingScale).toBeNull();
    // Ids that are not all numbers keep their order of first appearance.
    expect(ds.userIds).toEqual(['v1', 'v2']);
    expect(ds.itemIds).toEqual(['a1', 'a2']);
  });

  it('follows an explicit column mapping', async () => {
    const mapping: ColumnMapping = {
      user: 2,
      item: 0,
      rating: null,
      timestamp: 1,
      hasHeader: false,
      delimiter: '|',
    };
    const ds = expectOk(await loadFiles([textBlob('odd.txt', 'i1|100|u1\ni2|200|u1\n')], { mapping }));
    expect(rowsOf(ds)).toEqual([
      ['u1', 'i1', null, 100],
      ['u1', 'i2', null, 200],
    ]);
  });

  it('names the column a mapping gets wrong', async () => {
    const mapping: ColumnMapping = {
      user: 0,
      item: 5,
      rating: null,
      timestamp: null,
      hasHeader: true,
      delimiter: ',',
    };
    expect(expectFail(await loadFiles([textBlob('a.csv', 'u,i,r\n1,2,3\n')], { mapping }))).toBe(
      "a.csv: the item column (6) does not exist; rows have 3 columns with delimiter ','",
    );
    const same = { ...mapping, item: 0 };
    expect(expectFail(await loadFiles([textBlob('a.csv', 'u,i,r\n1,2,3\n')], { mapping: same }))).toBe(
      'a.csv: the user and item columns are both column 1',
    );
  });

  it('enforces a given rating range', async () => {
    const ds = expectOk(
      await loadFiles([textBlob('r.csv', 'user,item,rating\n1,1,4\n1,2,11\n2,1,1\n')], {
        ratingRange: { min: 1, max: 10 },
      }),
    );
    expect(ds.skipped).toEqual({ count: 1, examples: ['row 3: rating 11 is outside the range 1–10'] });
  });

  it('joins an item metadata file by id, with or without a header', async () => {
    const ratings = textBlob('ratings.txt', 'u1,42,5\nu2,7,3\n');
    const withHeader = textBlob(
      'items.csv',
      'id,name,category\n42,"Yoga, Gentle (2020)",Yoga|Calm\n7,Run Club,Running\n',
    );
    const ds = expectOk(await loadFiles([ratings, withHeader]));
    expect(ds.itemIds).toEqual(['7', '42']);
    expect(itemsOf(ds).title).toEqual(['Run Club', 'Yoga, Gentle (2020)']);
    expect(itemsOf(ds).genreNames).toEqual(['Calm', 'Running', 'Yoga']);
    expect(Array.from(itemsOf(ds).year)).toEqual([0, 2020]);
    const headerless = textBlob('catalog.tsv', '42\tGentle Yoga\n');
    const ds2 = expectOk(await loadFiles([ratings, headerless], { metadataFile: 'catalog.tsv' }));
    expect(itemsOf(ds2).title).toEqual(['', 'Gentle Yoga']);
  });

  it('refuses more than one ratings file and one metadata file', async () => {
    const files = ['a.csv', 'b.csv', 'c.csv'].map((n) => textBlob(n, 'u,i\n1,2\n'));
    expect(expectFail(await loadFiles(files))).toBe(
      'Expected one ratings file and at most one item metadata file, got 3: a.csv, b.csv, c.csv',
    );
    expect(expectFail(await loadFiles([]))).toBe('No file given');
  });

  it('grows its typed arrays past the initial capacity', async () => {
    const n = 70_000;
    const text = Array.from({ length: n }, (_, k) => `${k % 997},${k % 1009},${(k % 5) + 1}`).join('\n');
    const ds = expectOk(await loadFiles([textBlob('big.csv', text)], { chunkSize: 64 * 1024 }));
    expect(ds.interactions.user.length).toBe(n);
    expect(ds.interactions.user.buffer.byteLength).toBe(n * 4);
    expect(ds.nUsers).toBe(997);
    expect(ds.userIds[ds.interactions.user[n - 1]]).toBe(String((n - 1) % 997));
  });
});

describe('malformed rows', () => {
  it('counts and reports skipped rows, never dropping them silently', async () => {
    const lines = ['user,item,rating'];
    for (let k = 0; k < 1000; k++) lines.push(k % 3 === 1 && k < 936 ? `${k},${k},abc` : `${k},${k},4`);
    // 312 bad rows; the first is data row k=1, which is line 3 of the file.
    const ds = expectOk(await loadFiles([textBlob('mixed.csv', lines.join('\n'))]));
    expect(ds.skipped.count).toBe(312);
    expect(ds.interactions.user.length).toBe(688);
    expect(ds.skipped.examples).toHaveLength(5);
    expect(describeSkips(ds.skipped)).toBe("312 rows skipped; first: row 3: rating 'abc' is not a number");
    expect(describeSkips({ count: 0, examples: [] })).toBe('no rows skipped');
  });

  it('skips a header repeated inside the file (concatenated exports)', async () => {
    const text = 'user,item,rating\n1,1,4\n2,2,5\nuser,item,rating\n3,3,3\n';
    const ds = expectOk(await loadFiles([textBlob('cat.csv', text)]));
    expect(ds.skipped.examples).toEqual(['row 4: repeats the header row']);
  });

  it('skips ten bad first rows and keeps the good rows after them', async () => {
    const good = Array.from({ length: 1000 }, (_, i) => `1,${i},3\n`).join('');
    const text = 'user,item,rating\n' + '1,2,x\n'.repeat(10) + good;
    const ds = expectOk(await loadFiles([textBlob('bad.csv', text)]));
    expect(ds.interactions.user.length).toBe(1000);
    expect(describeSkips(ds.skipped)).toBe("10 rows skipped; first: row 2: rating 'x' is not a number");
  });

  it('keeps a file where most rows are bad, and says so', async () => {
    const rows = [1, 2, 3, 4].map((k) => `1,2,x\n1,${10 + k},3\n1,4,y\n`).join('');
    const text = 'user,item,rating\n1,1,1\n' + rows;
    const ds = expectOk(await loadFiles([textBlob('most.csv', text)]));
    expect(ds.interactions.user.length).toBe(5);
    expect(ds.notices).toContain(
      "most rows were skipped: 8 of 13 could not be read and 5 were kept; first: row 3: rating 'x' is not a number",
    );
  });

  it('fails a file whose data rows are all bad, naming the first', async () => {
    const text = 'user,item,rating\n' + '1,2,x\n'.repeat(12);
    expect(expectFail(await loadFiles([textBlob('bad.csv', text)]))).toBe(
      "bad.csv: row 2: rating 'x' is not a number (all 12 data rows are bad)",
    );
  });
});

describe('progress and cancellation of a whole load', () => {
  const big = 'user,item,rating,timestamp\n' + '123,456,4,881250949\n'.repeat(200_000);

  it('reports bytes and rows, ending at the total', async () => {
    const events: Progress[] = [];
    expectOk(
      await loadFiles([textBlob('big.csv', big)], { onProgress: (p) => events.push(p), chunkSize: 1 << 16 }),
    );
    const last = must(events.at(-1), 'a progress event');
    expect(last).toMatchObject({
      phase: 'parse',
      unit: 'bytes',
      done: big.length,
      total: big.length,
      rows: 200_001,
    });
  });

  // How soon a cancel lands, in milliseconds, is measured by `npm run bench` (bench/data.ts); these check
  // the behaviour behind it: the loader reads nothing more once aborted, and yields so an abort is seen.

  /** A blob that counts the reads (slices) made of it once `signal` is aborted. */
  const watched = (text: string, signal: AbortSignal) => {
    const reads = { total: 0, afterAbort: 0 };
    class WatchedBlob extends Blob {
      override slice(start?: number, end?: number, type?: string): Blob {
        reads.total++;
        if (signal.aborted) reads.afterAbort++;
        return super.slice(start, end, type);
      }
    }
    return { file: { name: 'big.csv', blob: new WatchedBlob([text]) }, reads };
  };

  it('reads nothing more after an abort and returns Cancelled', async () => {
    const ctl = new AbortController();
    const { file, reads } = watched(big, ctl.signal);
    let rowsAtAbort = 0;
    const onProgress = (p: Progress) => {
      if (!ctl.signal.aborted && (p.rows ?? 0) > 0) {
        rowsAtAbort = p.rows ?? 0;
        ctl.abort();
      }
    };
    const r = await loadFiles([file], { signal: ctl.signal, onProgress, chunkSize: 1 << 16 });
    expect(expectFail(r)).toBe('Cancelled');
    expect(rowsAtAbort).toBeGreaterThan(0);
    expect(rowsAtAbort).toBeLessThan(200_000);
    expect(reads.total).toBeGreaterThan(0);
    expect(reads.afterAbort).toBe(0);
  });

  it('yields to the event loop while parsing, so an abort from outside stops the load', async () => {
    // Every clock read is 50 ms later than the last, so the loader's yield interval (40 ms) always has passed.
    let t = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (t += 50));
    const ctl = new AbortController();
    const { file, reads } = watched(big, ctl.signal);
    setTimeout(() => ctl.abort(), 0);
    const r = await loadFiles([file], { signal: ctl.signal, chunkSize: 1 << 16 }).finally(() =>
      clock.mockRestore(),
    );
    expect(expectFail(r)).toBe('Cancelled');
    expect(reads.afterAbort).toBe(0);
    // The file is about 60 chunks; the abort lands after the first few (plus the one read ahead).
    expect(reads.total).toBeLessThan(6);
  });

  it('returns Cancelled at once for a signal aborted before the start', async () => {
    const ctl = new AbortController();
    ctl.abort();
    expect(expectFail(await loadFiles([textBlob('a.csv', 'u,i\n1,2\n')], { signal: ctl.signal }))).toBe(
      'Cancelled',
    );
  });
});

describe('files no loader reads', () => {
  it('are left out of the load and of its progress', async () => {
    const events: Progress[] = [];
    const files = [
      textBlob('ratings.csv', 'userId,movieId,rating,timestamp\n1,2,4.5,1000\n'),
      textBlob('links.csv', 'movieId,imdbId,tmdbId\n2,114709,862\n'),
      textBlob('tags.csv', 'userId,movieId,tag,timestamp\n1,2,funny,1000\n'),
      textBlob('README.txt', 'x'.repeat(10_000)),
    ];
    const ds = expectOk(await loadFiles(files, { onProgress: (p) => events.push(p) }));
    expect(ds.id).toBe('ml-latest');
    expect(events.at(-1)?.total).toBe(files[0].blob.size);
  });
});
