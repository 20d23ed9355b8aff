import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ML100K_URL,
  REQUIRED,
  U_DATA_SHA256,
  U_ITEM_SHA256,
  describe as describeEntry,
  prepareMovielens,
} from '../../../scripts/fetch-movielens';
import { ml100kNotice } from '../../../src/cli/sources';
import { parseManifest } from '../../../src/worker/movielens';
import { HAS_ML, ML_SKIP_MESSAGE, ML_SOURCE, REPO, mangleLatin1, ml100kFiles, must } from './helpers';

const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reclab-data-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const manifest = (target: string): unknown => JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8'));
const offline = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;

/** A folder with every required file name but made-up contents. */
function fakeCopy(): string {
  const dir = temp();
  for (const f of REQUIRED) writeFileSync(join(dir, f), f === 'u.data' ? '1\t1\t5\t1\n' : 'x\n');
  return dir;
}

describe('prepare-data without MovieLens', () => {
  it('writes an unavailable manifest and one clear line when offline', async () => {
    const target = temp();
    const entry = await prepareMovielens({ target, fetchImpl: offline });
    expect(entry).toEqual({ available: false, reason: 'offline and MOVIELENS_SOURCE unset: fetch failed' });
    expect(manifest(target)).toEqual({ 'ml-100k': entry });
    expect(describeEntry(entry, target)).toBe(
      'MovieLens-100k not available (offline and MOVIELENS_SOURCE unset: fetch failed); the lab starts on the built-in synthetic set.',
    );
  });

  it('refuses a copy whose u.data is not the genuine one', async () => {
    const target = temp();
    const entry = await prepareMovielens({ target, source: fakeCopy() });
    expect(entry.available).toBe(false);
    expect(entry.reason).toMatch(/^u\.data has 1 rows, expected 100000 in MOVIELENS_SOURCE=/);
    expect(existsSync(join(target, 'ml-100k'))).toBe(false);
  });

  it('refuses a download that is not ML-100k', async () => {
    const zip = zipSync({ 'ml-100k/u.data': strToU8('1\t1\t5\t1\n') });
    const fetchImpl = (() => Promise.resolve(new Response(zip))) as typeof fetch;
    const entry = await prepareMovielens({ target: temp(), fetchImpl });
    expect(entry.reason).toMatch(/^missing u\.item, u\.user, .* in the download$/);
  });

  it('exits 0 with one line when the source is missing, so npm start still opens the lab', () => {
    const target = temp();
    const res = spawnSync(join(REPO, 'node_modules', '.bin', 'tsx'), ['scripts/fetch-movielens.ts'], {
      cwd: REPO,
      env: { ...process.env, MOVIELENS_SOURCE: '/nonexistent/ml-100k', RECLAB_DATA_DIR: target },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toBe(
      'MovieLens-100k not available (MOVIELENS_SOURCE=/nonexistent/ml-100k does not exist); the lab starts on the built-in synthetic set.\n',
    );
    expect(manifest(target)).toMatchObject({ 'ml-100k': { available: false } });
  });
});

describe.skipIf(!HAS_ML)(HAS_ML ? 'prepare-data from MOVIELENS_SOURCE' : ML_SKIP_MESSAGE, () => {
  it('copies and verifies the files, then skips the work when they are present', async () => {
    const target = temp();
    const entry = await prepareMovielens({ target, source: ML_SOURCE, fetchImpl: offline });
    expect(entry.available).toBe(true);
    expect(entry.files).toEqual(expect.arrayContaining(REQUIRED));
    expect(manifest(target)).toEqual({ 'ml-100k': entry });
    expect(entry.notice).toBeUndefined();
    expect(sha256(readFileSync(join(target, 'ml-100k', 'u.data')))).toBe(U_DATA_SHA256);
    expect(sha256(readFileSync(join(target, 'ml-100k', 'u.item')))).toBe(U_ITEM_SHA256);
    const mtime = statSync(join(target, 'ml-100k', 'u.data')).mtimeMs;
    const again = await prepareMovielens({ target, source: '/nonexistent', fetchImpl: offline });
    expect(again).toMatchObject({ available: true, source: 'already present' });
    expect(statSync(join(target, 'ml-100k', 'u.data')).mtimeMs).toBe(mtime);
  });

  it('extracts a zip source, and replaces a damaged copy', async () => {
    const zip = `${ML_SOURCE.replace(/\/$/, '')}.zip`;
    const source = existsSync(zip) ? zip : ML_SOURCE;
    const target = temp();
    mkdirSync(join(target, 'ml-100k'), { recursive: true });
    writeFileSync(join(target, 'ml-100k', 'u.data'), 'damaged');
    const entry = await prepareMovielens({ target, source });
    expect(entry.available).toBe(true);
    expect(readFileSync(join(target, 'ml-100k', 'u.data')).length).toBeGreaterThan(1_000_000);
    expect(readFileSync(join(target, 'ml-100k', 'ua.test'), 'utf8').split('\n')[0]).toBe(
      '1\t20\t4\t887431883',
    );
  });

  /** The official files with u.item's Latin-1 letters turned into U+FFFD, as circulating copies have them. */
  function damagedFiles(): Map<string, Uint8Array> {
    const files = ml100kFiles();
    files.set('u.item', mangleLatin1(must(files.get('u.item'), 'u.item')));
    return files;
  }

  function damagedCopy(): string {
    const dir = temp();
    for (const [f, bytes] of damagedFiles()) writeFileSync(join(dir, f), bytes);
    return dir;
  }

  it('gives the CLI the same notice for a differing u.item, in a folder or a zip, and none for the official one', () => {
    const damaged = damagedCopy();
    const notice = ml100kNotice(damaged);
    expect(notice).toMatch(
      /^u\.item differs from the official file \(SHA-256 [0-9a-f]{12}\.\.\., expected 553841ebc7de/,
    );
    const zip = join(temp(), 'ml-100k.zip');
    writeFileSync(zip, zipSync({ 'ml-100k/u.item': must(damagedFiles().get('u.item'), 'u.item') }));
    expect(ml100kNotice(zip)).toBe(notice);
    const official = temp();
    writeFileSync(join(official, 'u.item'), must(ml100kFiles().get('u.item'), 'u.item'));
    expect(ml100kNotice(official)).toBeNull();
  });

  it('installs a copy whose u.item differs, with one notice naming u.item, then replaces it', async () => {
    const target = temp();
    const damaged = damagedCopy();
    const entry = await prepareMovielens({ target, source: damaged, fetchImpl: offline });
    expect(entry).toMatchObject({ available: true, source: `MOVIELENS_SOURCE=${damaged}` });
    expect(entry.notice).toMatch(
      /^u\.item differs from the official file \(SHA-256 [0-9a-f]{12}\.\.\., expected 553841ebc7de\.\.\.\): it still loads/,
    );
    expect(manifest(target)).toEqual({ 'ml-100k': entry });
    expect(parseManifest(manifest(target))).toMatchObject({ available: true, notice: entry.notice });
    expect(describeEntry(entry, target)).toBe(
      `MovieLens-100k ready in ${join(target, 'ml-100k')} (MOVIELENS_SOURCE=${damaged}). Notice: ${entry.notice}.`,
    );
    // Offline with no better source, the damaged copy stays, notice and all.
    const kept = await prepareMovielens({ target, fetchImpl: offline });
    expect(kept).toMatchObject({ available: true, source: 'already present', notice: entry.notice });
    // The official source replaces it, and the notice goes.
    const fixed = await prepareMovielens({ target, source: ML_SOURCE, fetchImpl: offline });
    expect(fixed).toMatchObject({ available: true, source: `MOVIELENS_SOURCE=${ML_SOURCE}` });
    expect(fixed.notice).toBeUndefined();
    expect(parseManifest(manifest(target)).notice).toBeNull();
    expect(sha256(readFileSync(join(target, 'ml-100k', 'u.item')))).toBe(U_ITEM_SHA256);
  });

  it('checks u.item in a download too', async () => {
    const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
    for (const [f, bytes] of damagedFiles()) entries[`ml-100k/${f}`] = [bytes, { level: 0 }];
    const fetchImpl = (() => Promise.resolve(new Response(zipSync(entries)))) as typeof fetch;
    const entry = await prepareMovielens({ target: temp(), fetchImpl });
    expect(entry).toMatchObject({ available: true, source: ML100K_URL });
    expect(entry.notice).toMatch(/^u\.item differs from the official file/);
  });

  it('prints the notice from the script', () => {
    const target = temp();
    const res = spawnSync(join(REPO, 'node_modules', '.bin', 'tsx'), ['scripts/fetch-movielens.ts'], {
      cwd: REPO,
      env: { ...process.env, MOVIELENS_SOURCE: damagedCopy(), RECLAB_DATA_DIR: target },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(0);
    expect(res.stdout.trim().split('\n')).toHaveLength(1);
    expect(res.stdout).toMatch(
      /\(MOVIELENS_SOURCE=.*\)\. Notice: u\.item differs from the official file \(SHA-256 /,
    );
  });
});
