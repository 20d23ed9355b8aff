import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blobsFromSource } from '../../../src/cli/sources';
import { computeStats, loadFiles, ML100K_GENRES, type Dataset } from '../../../src/data';
import { expectOk, HAS_ML, itemsOf, ML_SKIP_MESSAGE, ML_SOURCE, must, rowsOf, usersOf } from './helpers';

if (!HAS_ML) console.warn(ML_SKIP_MESSAGE);

const SPLIT_SIZES = { ua: 9430, ub: 9430, u1: 20_000, u2: 20_000, u3: 20_000, u4: 20_000, u5: 20_000 };

function rowOf(ds: Dataset, user: string, item: string): number {
  const u = ds.userIds.indexOf(user);
  const i = ds.itemIds.indexOf(item);
  return ds.interactions.user.findIndex((x, k) => x === u && ds.interactions.item[k] === i);
}

describe.skipIf(!HAS_ML)(HAS_ML ? `MovieLens-100k from ${ML_SOURCE}` : ML_SKIP_MESSAGE, () => {
  let ds: Dataset;

  it('loads 943 users, 1682 items and 100,000 ratings', async () => {
    ds = expectOk(await loadFiles(await blobsFromSource(ML_SOURCE)));
    expect(ds).toMatchObject({ id: 'ml-100k', nUsers: 943, nItems: 1682 });
    const s = computeStats(ds);
    expect(s).toMatchObject({ users: 943, items: 1682, ratings: 100_000 });
    expect(s.ratingMean).toBeCloseTo(3.52986, 5);
    expect(s.timeSpan).toEqual({ first: 874724710, last: 893286638 });
    expect(ds.userIds[0]).toBe('1');
    expect(ds.itemIds[1681]).toBe('1682');
  });

  it('decodes u.item as Latin-1: item 1633 reads "Á köldum klaka (Cold Fever) (1994)"', () => {
    const i = ds.itemIds.indexOf('1633');
    expect(itemsOf(ds).title[i]).toBe('Á köldum klaka (Cold Fever) (1994)');
    expect(itemsOf(ds).year[i]).toBe(1994);
    expect(itemsOf(ds).title[0]).toBe('Toy Story (1995)');
    expect(itemsOf(ds).genreNames).toEqual(ML100K_GENRES);
    // Toy Story: Animation, Children's, Comedy.
    expect(itemsOf(ds).genreMask[0]).toBe((1 << 3) | (1 << 4) | (1 << 5));
  });

  it('reads u.user', () => {
    expect(usersOf(ds).age[0]).toBe(24);
    expect(usersOf(ds).gender[0]).toBe('M');
    expect(usersOf(ds).occupation[0]).toBe('technician');
  });

  it('maps the official splits to rows of u.data', () => {
    const sizes = Object.fromEntries(ds.officialSplits.map((s) => [s.name, s.testRows.length]));
    expect(sizes).toEqual(SPLIT_SIZES);
    const ua = must(
      ds.officialSplits.find((s) => s.name === 'ua'),
      'the ua split',
    );
    // ua.test's first line is "1 20 4 887431883": that rating must be on the test side.
    const r = rowOf(ds, '1', '20');
    expect(rowsOf(ds)[r]).toEqual(['1', '20', 4, 887431883]);
    expect(Array.from(ua.testRows)).toContain(r);
    expect(new Set(ua.testRows).size).toBe(9430);
    // ua holds out exactly 10 ratings per user.
    const perUser = new Int32Array(943);
    for (const row of ua.testRows) perUser[ds.interactions.user[row]]++;
    expect(perUser.every((n) => n === 10)).toBe(true);
  });

  it('reports malformed metadata rows instead of dropping them (the CI copy has one)', () => {
    expect(ds.skipped.count).toBeLessThanOrEqual(1);
    expect(ds.skipped.count).toBe(ds.skipped.examples.length);
    for (const e of ds.skipped.examples) expect(e).toBe('u.item row 267: has 25 columns, expected 24');
  });

  const zip = `${ML_SOURCE.replace(/\/$/, '')}.zip`;
  it.skipIf(!existsSync(zip))('gives the same dataset from ml-100k.zip', async () => {
    const fromZip = expectOk(await loadFiles(await blobsFromSource(zip)));
    expect(rowsOf(fromZip)).toEqual(rowsOf(ds));
    expect(itemsOf(fromZip).title).toEqual(itemsOf(ds).title);
    expect(fromZip.officialSplits.map((s) => s.testRows)).toEqual(ds.officialSplits.map((s) => s.testRows));
  });
});
