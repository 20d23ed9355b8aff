import { existsSync, openAsBlob, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import type { Dataset, NamedBlob, Result } from '../../../src/data';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const FIXTURES = join(REPO, 'tests', 'fixtures');

export function textBlob(name: string, text: string): NamedBlob {
  return { name, blob: new Blob([text]) };
}

/** Bytes as ISO-8859-1 would store the text (every char below U+0100 is one byte). */
export function latin1Blob(name: string, text: string): NamedBlob {
  return { name, blob: new Blob([Buffer.from(text, 'latin1')]) };
}

export async function fixture(path: string, as?: string): Promise<NamedBlob> {
  return { name: as ?? path.split('/').pop() ?? path, blob: await openAsBlob(join(FIXTURES, path)) };
}

export function expectOk<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.reason}`);
  return r.value;
}

export function expectFail<T>(r: Result<T>): string {
  if (r.ok) throw new Error('expected a failure, got a value');
  return r.reason;
}

/** (user id, item id, rating, time) of every row, for comparing datasets by content. */
export function rowsOf(ds: Dataset): [string, string, number | null, number | null][] {
  const { user, item, rating, timestamp } = ds.interactions;
  return Array.from(user, (u, k) => [
    ds.userIds[u],
    ds.itemIds[item[k]],
    rating ? rating[k] : null,
    timestamp ? timestamp[k] : null,
  ]);
}

/** MOVIELENS_SOURCE (folder or zip), defaulting to the copy beside the checkout that CI uses. */
export const ML_SOURCE = resolve(REPO, process.env.MOVIELENS_SOURCE ?? '../shared/datasets/ml-100k');
export const HAS_ML = existsSync(ML_SOURCE);
export const ML_SKIP_MESSAGE = `MovieLens-100k not found at ${ML_SOURCE}: set MOVIELENS_SOURCE to a folder or zip to run these tests`;

/** MOVIELENS_SOURCE's files by base name, whether it is a folder or a zip. */
export function ml100kFiles(): Map<string, Uint8Array> {
  if (statSync(ML_SOURCE).isDirectory()) {
    return new Map(readdirSync(ML_SOURCE).map((f) => [f, readFileSync(join(ML_SOURCE, f))]));
  }
  const entries = Object.entries(unzipSync(readFileSync(ML_SOURCE)));
  return new Map(entries.filter(([p]) => !p.endsWith('/')).map(([p, b]) => [basename(p), b]));
}

/**
 * What the damaged copies in circulation did to u.item: decoded as UTF-8 and saved again, which
 * turns every Latin-1 letter into U+FFFD.
 */
export const mangleLatin1 = (bytes: Uint8Array): Uint8Array =>
  Buffer.from(Buffer.from(bytes).toString('utf8'));

/** The value, or a test failure naming what was missing (tests may not use `!`). */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what} to be present`);
  return value;
}

export const itemsOf = (ds: Dataset) => must(ds.items, 'item metadata');
export const usersOf = (ds: Dataset) => must(ds.users, 'user metadata');
export const ratingsOf = (ds: Dataset) => must(ds.interactions.rating, 'ratings');
export const timesOf = (ds: Dataset) => must(ds.interactions.timestamp, 'timestamps');
