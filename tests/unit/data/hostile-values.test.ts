/** Uploads whose values are hostile: nothing is stored changed, merged or dropped without a word. */
import { describe, expect, it } from 'vitest';
import { computeStats, describeSkips, loadFiles } from '../../../src/data';
import { chooseTimeUnit, parseRating, parseTimestamp } from '../../../src/data/parse/values';
import { parseRange, runData } from '../../../src/cli/commands/data';
import { expectFail, expectOk, rowsOf, textBlob, timesOf } from './helpers';

/** A header and `n` good rows (u<k>, i<k>, 4, 881250949 + k), with `bad` put in at data row `at`. */
function ratingsFile(n: number, bad: Record<number, string> = {}): string {
  const lines = ['userId,itemId,rating,timestamp'];
  for (let k = 1; k <= n; k++) lines.push(bad[k] ?? `u${k % 7},i${k},4,${881250949 + k}`);
  return `${lines.join('\n')}\n`;
}

describe('ratings a float32 cannot hold', () => {
  it('skips 1e39, 1e-50, Infinity and NaN, naming the row, and keeps the mean finite', async () => {
    const text = ratingsFile(20, {
      6: 'u1,i6,1e39,881250955',
      8: 'u1,i8,1e-50,881250957',
      9: 'u1,i9,-Infinity,881250958',
      10: 'u1,i10,NaN,881250959',
      12: 'u1,i12,1e400,881250961',
    });
    const ds = expectOk(await loadFiles([textBlob('hostile.csv', text)]));
    expect(ds.skipped.count).toBe(5);
    expect(ds.skipped.examples).toEqual([
      'row 7: rating 1e39 is too large to store (at most 3.4e38)',
      'row 9: rating 1e-50 is too small to store (at least 1.2e-38)',
      "row 10: rating '-Infinity' is not a finite number",
      "row 11: rating 'NaN' is not a number",
      'row 13: rating 1e400 is too large to store (at most 3.4e38)',
    ]);
    const stats = computeStats(ds);
    expect(stats.ratingMean).toBe(4);
    expect(stats.ratingHistogram).toEqual([{ value: 4, count: 15 }]);
    expect(Array.from(ds.interactions.rating ?? []).every(Number.isFinite)).toBe(true);
  });

  it('keeps zero, negatives and the float32 extremes that do fit', () => {
    expect(parseRating('0', ',')).toBe(0);
    expect(parseRating('-0.5', ',')).toBe(-0.5);
    expect(parseRating('3e38', ',')).toBe(3e38);
    expect(parseRating('2e-38', ',')).toBe(2e-38);
    expect(parseRating('4e38', ',')).toBe('rating 4e38 is too large to store (at most 3.4e38)');
    expect(parseRating('-1e-40', ',')).toBe('rating -1e-40 is too small to store (at least 1.2e-38)');
  });

  it('skips a timestamp that is not finite', async () => {
    const ds = expectOk(await loadFiles([textBlob('t.csv', ratingsFile(20, { 4: 'u1,i4,4,1e400' }))]));
    expect(ds.skipped.examples).toEqual(["row 5: timestamp '1e400' is not a finite number"]);
    expect(Array.from(timesOf(ds)).every(Number.isFinite)).toBe(true);
  });
});

describe('impossible dates', () => {
  it('rejects 2023-02-30 instead of rolling it over to March 2, and keeps real leap days', async () => {
    const text = [
      'user,item,rating,date',
      'u1,i1,4,2023-02-28',
      'u1,i2,4,2023-02-30',
      'u1,i3,4,2024-02-29',
      'u1,i4,4,2023-02-29',
      'u1,i5,4,2023-13-01',
      'u1,i6,4,2023-04-31',
      'u2,i1,4,2023-01-01T24:00:00Z',
      'u2,i2,4,2023-01-01T10:60',
      'u2,i3,4,1900-02-29',
      'u2,i4,4,2000-02-29T23:59:59Z',
      'u2,i5,4,2023-06-30',
      'u2,i6,4,2023-12-31',
      'u3,i1,4,2023-01-31',
      'u3,i2,4,2023-03-01',
      'u3,i3,4,2023-05-05',
      'u3,i4,4,2023-07-07',
      'u3,i5,4,2023-08-31',
      '',
    ].join('\n');
    const ds = expectOk(await loadFiles([textBlob('dates.csv', text)]));
    expect(ds.skipped.count).toBe(7);
    expect(ds.skipped.examples).toEqual([
      "row 3: timestamp '2023-02-30' is not a real date (February 2023 has 28 days)",
      "row 5: timestamp '2023-02-29' is not a real date (February 2023 has 28 days)",
      "row 6: timestamp '2023-13-01' is not a real date (month 13)",
      "row 7: timestamp '2023-04-31' is not a real date (April 2023 has 30 days)",
      "row 8: timestamp '2023-01-01T24:00:00Z' is not a real time of day",
    ]);
    expect(describeSkips(ds.skipped)).toContain('7 rows skipped');
    const kept = new Map(rowsOf(ds).map(([u, i, , t]) => [`${u} ${i}`, t]));
    expect(kept.get('u1 i3')).toBe(Date.UTC(2024, 1, 29) / 1000);
    expect(kept.get('u2 i4')).toBe(Date.UTC(2000, 1, 29, 23, 59, 59) / 1000);
    expect(kept.has('u2 i3')).toBe(false);
  });

  it('parseTimestamp alone refuses impossible dates too', () => {
    expect(parseTimestamp('2023-02-30')).toBeNull();
    expect(parseTimestamp('2023-02-28T12:00:00+01:00')).toBe(Date.UTC(2023, 1, 28, 11) / 1000);
    // Date.UTC would read the year 99 as 1999.
    expect(parseTimestamp('0099-01-01')).toBe(Date.parse('0099-01-01T00:00:00Z') / 1000);
  });
});

/** `n` rows whose times are 2021-01-01 + k hours, written in `perSecond` units. */
function timedFile(n: number, perSecond: number, bad: Record<number, string> = {}): string {
  const lines = ['user,item,rating,timestamp'];
  const base = 1609459200;
  for (let k = 1; k <= n; k++) {
    lines.push(bad[k] ?? `u${k % 5},i${k},3,${BigInt(base + k * 3600) * BigInt(perSecond)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the unit of epoch timestamps', () => {
  it.each([
    ['milliseconds', 1e3, '1.6e12'],
    ['microseconds', 1e6, '1.6e15'],
    ['nanoseconds', 1e9, '1.6e18'],
  ])('reads a file in %s as such, and says so', async (unit, perSecond, around) => {
    const ds = expectOk(await loadFiles([textBlob('times.csv', timedFile(30, perSecond))]));
    expect(ds.notices).toContain(`timestamps read as ${unit} since 1970 (values around ${around})`);
    expect(timesOf(ds)[0]).toBeCloseTo(1609459200 + 3600, 3);
    expect(computeStats(ds).timeSpan?.last).toBeCloseTo(1609459200 + 30 * 3600, 3);
  });

  it('reads plain seconds without a notice', async () => {
    const ds = expectOk(await loadFiles([textBlob('times.csv', timedFile(30, 1))]));
    expect(ds.notices.filter((n) => n.startsWith('timestamps'))).toEqual([]);
    expect(timesOf(ds)[0]).toBe(1609459200 + 3600);
  });

  it('applies the file unit to every row: a stray microsecond time in a seconds file is refused', async () => {
    const text = timedFile(30, 1, { 12: 'u1,i12,3,1609459200000000' });
    const ds = expectOk(await loadFiles([textBlob('times.csv', text)]));
    expect(ds.skipped.examples).toEqual([
      'row 13: timestamp 1609459200000000 is after 2100 read as seconds, the unit of this file',
    ]);
    expect(computeStats(ds).timeSpan?.last).toBe(1609459200 + 30 * 3600);
  });

  it('chooses by the typical magnitude, not by the extremes', () => {
    expect(chooseTimeUnit([881250949, 881250950, 1.6e12]).unit.name).toBe('seconds');
    expect(chooseTimeUnit([1.6e12, 1.6e12, 881250949]).unit.name).toBe('milliseconds');
    expect(chooseTimeUnit([1, 2, 3]).unit.name).toBe('seconds');
  });
});

describe('columns the mapping leaves out', () => {
  it('names a headerless price column it ignores, with why it is not a rating', async () => {
    const lines: string[] = [];
    const prices = ['12.99', '149.50'];
    for (let k = 2; k < 87; k++) prices.push(`${k}.25`);
    for (let k = 0; k < 120; k++) {
      lines.push(`${k % 9},${k},${prices[k % prices.length]},${1609459200 + k}`);
    }
    const ds = expectOk(await loadFiles([textBlob('shop.csv', `${lines.join('\n')}\n`)]));
    expect(ds.interactions.rating).toBeNull();
    expect(ds.notices).toEqual([
      'columns used: 1 user, 2 item, 4 timestamp; ignored: 3 (values like 12.99, 149.5 — not a rating scale: 87 distinct values)',
    ]);
  });

  it('names ignored header columns by their names, and says nothing when every column is used', async () => {
    const text = 'user,item,rating,comment\nu1,i1,4,great\nu2,i1,2,meh\nu1,i2,5,\n';
    const ds = expectOk(await loadFiles([textBlob('c.csv', text)]));
    expect(ds.notices).toContain(
      "columns used: 1 'user' user, 2 'item' item, 3 'rating' rating; ignored: 4 'comment' (values like great, meh — text)",
    );
    const plain = expectOk(await loadFiles([textBlob('p.csv', 'user,item,rating\nu1,i1,4\nu2,i1,2\n')]));
    expect(plain.notices).toEqual([]);
  });
});

describe('duplicate (user, item) rows', () => {
  it('keeps the latest rating by timestamp and counts each pair once', async () => {
    const text = [
      'user,item,rating,timestamp',
      'u1,i1,3,100',
      'u1,i2,2,100',
      'u1,i1,5,300',
      'u2,i1,1,100',
      'u1,i1,4,200',
      'u2,i1,2,50',
      '',
    ].join('\n');
    const ds = expectOk(await loadFiles([textBlob('dups.csv', text)]));
    expect(rowsOf(ds)).toEqual([
      ['u1', 'i2', 2, 100],
      ['u1', 'i1', 5, 300],
      ['u2', 'i1', 1, 100],
    ]);
    expect(ds.notices).toContain(
      '3 duplicate (user, item) rows merged: kept the latest rating of each pair (the latest by timestamp)',
    );
    const stats = computeStats(ds);
    expect(stats.ratings).toBe(3);
    expect(stats.density).toBe(3 / 4);
  });

  it('keeps the last in the file without timestamps, and the density never passes 100%', async () => {
    const text = 'user,item,rating\nu1,i1,1\nu1,i1,2\nu1,i1,3\nu2,i2,4\nu2,i2,5\n';
    const ds = expectOk(await loadFiles([textBlob('dups.csv', text)]));
    expect(rowsOf(ds)).toEqual([
      ['u1', 'i1', 3, null],
      ['u2', 'i2', 5, null],
    ]);
    expect(ds.notices).toContain(
      '3 duplicate (user, item) rows merged: kept the latest rating of each pair (the last in the file)',
    );
    expect(computeStats(ds).density).toBe(0.5);
  });

  it('merges pairs in a large generated file without changing the rest', async () => {
    const lines = ['user,item,rating'];
    for (let k = 0; k < 20000; k++) lines.push(`${k % 500},${(k * 7) % 1000},${1 + (k % 5)}`);
    const ds = expectOk(await loadFiles([textBlob('big.csv', `${lines.join('\n')}\n`)]));
    const pairs = new Set(rowsOf(ds).map(([u, i]) => `${u} ${i}`));
    expect(pairs.size).toBe(ds.interactions.user.length);
    expect(computeStats(ds).density).toBeLessThanOrEqual(1);
    const merged = 20000 - ds.interactions.user.length;
    expect(merged).toBeGreaterThan(0);
    expect(ds.notices.some((n) => n.startsWith(`${merged} duplicate (user, item) rows merged`))).toBe(true);
  });
});

describe('--rating-range', () => {
  it.each([
    ['.:.', "--rating-range '.:.' is not min:max (two numbers, like 1:5)"],
    ['1:', "--rating-range '1:' is not min:max (two numbers, like 1:5)"],
    ['5:1', "--rating-range '5:1': the minimum 5 is above the maximum 1"],
    ['1e999:5', "--rating-range '1e999:5': 1e999 is not a finite number"],
  ])('refuses %s', (text, reason) => {
    expect(expectFail(parseRange(text))).toBe(reason);
  });

  it('reads numbers in any decimal form', () => {
    expect(expectOk(parseRange('0.5:5'))).toEqual({ min: 0.5, max: 5 });
    expect(expectOk(parseRange('-1:1e1'))).toEqual({ min: -1, max: 10 });
    expect(expectOk(parseRange('.5:5.'))).toEqual({ min: 0.5, max: 5 });
  });

  it('the loader itself refuses a NaN or inverted range rather than rejecting nothing', async () => {
    const file = textBlob('r.csv', ratingsFile(12));
    for (const ratingRange of [
      { min: NaN, max: NaN },
      { min: 5, max: 1 },
    ]) {
      expect(expectFail(await loadFiles([file], { ratingRange }))).toBe(
        `r.csv: the rating range ${ratingRange.min}–${ratingRange.max} is not a range of two numbers, min ≤ max`,
      );
    }
  });

  it('lab data stops with the message before reading anything', async () => {
    let err = '';
    const code = await runData(
      ['--file', '/nonexistent/ratings.csv', '--rating-range', '.:.'],
      { write: () => true },
      { write: (t: string) => (err += t) },
    );
    expect(code).toBe(1);
    expect(err).toBe("--rating-range '.:.' is not min:max (two numbers, like 1:5)\n");
  });
});
