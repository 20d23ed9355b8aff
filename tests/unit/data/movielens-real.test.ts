import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { U_ITEM_SHA256 } from '../../../scripts/fetch-movielens';
import { blobsFromSource } from '../../../src/cli/sources';
import { computeStats, loadFiles, ML100K_GENRES, type Dataset } from '../../../src/data';
import {
  expectOk,
  HAS_ML,
  itemsOf,
  mangleLatin1,
  ml100kFiles,
  ML_SKIP_MESSAGE,
  ML_SOURCE,
  must,
  rowsOf,
  usersOf,
} from './helpers';

if (!HAS_ML) console.warn(ML_SKIP_MESSAGE);

/** Titles whose IMDb link spells them otherwise, so only a Latin-1 read can give their accents. */
const UNREPAIRABLE: Record<string, string> = {
  '1005': 'Double vie de Véronique, La (Double Life of Veronique, The) (1991)',
  '1322': 'Metisse (Café au Lait) (1993)',
};

/** u.item's non-ASCII titles by id, read from its bytes as Latin-1 without the loader. */
function accentedTitles(bytes: Uint8Array): Map<string, string> {
  const lines = new TextDecoder('latin1').decode(bytes).split('\n');
  const fields = lines.map((l) => l.split('|')).filter((f) => /[^\x20-\x7e]/.test(f[1] ?? ''));
  return new Map(fields.map((f) => [f[0], f[1]]));
}

const titleOf = (ds: Dataset, id: string): string => itemsOf(ds).title[ds.itemIds.indexOf(id)];

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

  it('decodes the official u.item as Latin-1: item 1633 reads "Á köldum klaka (Cold Fever) (1994)"', () => {
    const item = must(ml100kFiles().get('u.item'), 'u.item');
    expect(createHash('sha256').update(item).digest('hex')).toBe(U_ITEM_SHA256);
    const accented = accentedTitles(item);
    expect(accented.size).toBe(9);
    for (const [id, title] of accented) expect(titleOf(ds, id)).toBe(title);
    for (const [id, title] of Object.entries(UNREPAIRABLE)) expect(titleOf(ds, id)).toBe(title);
    expect(itemsOf(ds).title.filter((t) => t.includes('\uFFFD'))).toEqual([]);
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

  it('skips no row of any file', () => {
    expect(ds.skipped).toEqual({ count: 0, examples: [] });
  });

  it('repairs the titles of a copy whose Latin-1 letters became U+FFFD, where the IMDb link allows', async () => {
    const damaged = [...ml100kFiles()].map(([name, bytes]) => ({
      name,
      blob: new Blob([new Uint8Array(name === 'u.item' ? mangleLatin1(bytes) : bytes)]),
    }));
    const copy = expectOk(await loadFiles(damaged));
    expect(copy.skipped.count).toBe(0);
    expect(titleOf(copy, '1633')).toBe('Á köldum klaka (Cold Fever) (1994)');
    expect(titleOf(copy, '543')).toBe('Misérables, Les (1995)');
    expect(titleOf(copy, '1005')).toBe(
      'Double vie de V\uFFFDronique, La (Double Life of Veronique, The) (1991)',
    );
    const repaired = [...accentedTitles(must(ml100kFiles().get('u.item'), 'u.item'))].filter(
      ([id, title]) => titleOf(copy, id) === title,
    );
    expect(repaired.map(([id]) => id).sort()).toEqual([
      '1104',
      '1233',
      '1252',
      '1366',
      '1623',
      '1633',
      '543',
    ]);
  });

  const zip = `${ML_SOURCE.replace(/\/$/, '')}.zip`;
  it.skipIf(!existsSync(zip))('gives the same dataset from ml-100k.zip', async () => {
    const fromZip = expectOk(await loadFiles(await blobsFromSource(zip)));
    expect(rowsOf(fromZip)).toEqual(rowsOf(ds));
    expect(itemsOf(fromZip).title).toEqual(itemsOf(ds).title);
    expect(fromZip.officialSplits.map((s) => s.testRows)).toEqual(ds.officialSplits.map((s) => s.testRows));
  });
});
