/**
 * `npm run prepare-data` (and `prestart`): puts MovieLens-100k's extracted files into
 * public/data/ml-100k/ (git-ignored; the licence forbids redistribution) and writes
 * public/data/manifest.json for the app. The source is MOVIELENS_SOURCE (a folder or a zip) when
 * set, else GroupLens. It never fails the start: without data the lab opens on the synthetic set.
 * A u.data that is not the official one is refused; a u.item that differs is installed with a
 * notice, because copies whose accented titles were mangled circulate and still train the same.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

export const ML100K_URL = 'https://files.grouplens.org/datasets/movielens/ml-100k.zip';
export const U_DATA_SHA256 = '06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490';
export const U_DATA_ROWS = 100_000;
export const U_ITEM_SHA256 = '553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701';
const SPLITS = ['ua', 'ub', 'u1', 'u2', 'u3', 'u4', 'u5'].flatMap((s) => [`${s}.base`, `${s}.test`]);
export const REQUIRED = ['u.data', 'u.item', 'u.user', 'u.genre', 'u.info', 'README', ...SPLITS];
const OPTIONAL = ['u.occupation', 'allbut.pl', 'mku.sh'];
const FALLBACK = 'the lab starts on the built-in synthetic set.';

export interface ManifestEntry {
  available: boolean;
  files?: string[];
  source?: string;
  reason?: string;
  /** Set when the copy differs from the official files but can still be used. */
  notice?: string;
}

export interface PrepareOptions {
  /** Folder that receives ml-100k/ and manifest.json (public/data). */
  target: string;
  /** MOVIELENS_SOURCE: a folder holding u.data etc., or a zip. */
  source?: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

type Files = Map<string, Uint8Array>;

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function countLines(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if (b[i] === 10) n++;
  return b.length > 0 && b[b.length - 1] !== 10 ? n + 1 : n;
}

/** A reason the files are not a genuine ML-100k, or null. */
export function verify(files: Files): string | null {
  const missing = REQUIRED.filter((f) => !files.has(f));
  if (missing.length > 0) return `missing ${missing.join(', ')}`;
  const data = files.get('u.data') as Uint8Array;
  const rows = countLines(data);
  if (rows !== U_DATA_ROWS) return `u.data has ${rows} rows, expected ${U_DATA_ROWS}`;
  const hash = sha256(data);
  if (hash !== U_DATA_SHA256)
    return `u.data SHA-256 is ${hash.slice(0, 12)}..., expected ${U_DATA_SHA256.slice(0, 12)}...`;
  return null;
}

/** A notice naming the file that differs from the official copy, or null when none does. */
export function noticeFor(files: Files): string | null {
  const item = files.get('u.item');
  if (item === undefined) return null;
  const hash = sha256(item);
  if (hash === U_ITEM_SHA256) return null;
  return `u.item differs from the official file (SHA-256 ${hash.slice(0, 12)}..., expected ${U_ITEM_SHA256.slice(0, 12)}...): it still loads, and accented titles are repaired where its IMDb link spells them`;
}

const withNotice = (entry: ManifestEntry, files: Files): ManifestEntry => {
  const notice = noticeFor(files);
  return notice === null ? entry : { ...entry, notice };
};

function readFolder(dir: string): Files {
  const files: Files = new Map();
  for (const name of [...REQUIRED, ...OPTIONAL]) {
    const p = join(dir, name);
    if (existsSync(p)) files.set(name, readFileSync(p));
  }
  return files;
}

function readZip(bytes: Uint8Array): Files {
  const wanted = new Set([...REQUIRED, ...OPTIONAL]);
  const entries = unzipSync(bytes, {
    filter: (f) => wanted.has(basename(f.name)) && !f.name.includes('__MACOSX'),
  });
  return new Map(Object.entries(entries).map(([path, data]) => [basename(path), data]));
}

async function download(opts: PrepareOptions): Promise<Files | string> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  try {
    const res = await fetchImpl(ML100K_URL, { signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
    if (!res.ok) return `download failed: HTTP ${res.status}`;
    return readZip(new Uint8Array(await res.arrayBuffer()));
  } catch (e) {
    return `offline and MOVIELENS_SOURCE unset: ${e instanceof Error ? e.message : String(e)}`;
  }
}

function fromSource(source: string): Files | string {
  const path = resolve(source);
  if (!existsSync(path)) return `MOVIELENS_SOURCE=${source} does not exist`;
  try {
    return statSync(path).isDirectory() ? readFolder(path) : readZip(readFileSync(path));
  } catch (e) {
    return `MOVIELENS_SOURCE=${source} is not a readable folder or zip (${e instanceof Error ? e.message : e})`;
  }
}

/** Writes into a temporary folder first so an interrupted run never leaves a half-written copy. */
function install(files: Files, dir: string): string[] {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, data] of files) writeFileSync(join(tmp, name), data);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return [...files.keys()].sort();
}

function writeManifest(target: string, entry: ManifestEntry): void {
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, 'manifest.json'), `${JSON.stringify({ 'ml-100k': entry }, null, 2)}\n`);
}

/**
 * Ensures target/ml-100k holds a verified ML-100k; returns the manifest entry it wrote. A copy
 * already there is kept when it is official, and replaced from the source when it only differs
 * (the source may be the fixed one); it stays, with its notice, when the source is no better.
 */
export async function prepareMovielens(opts: PrepareOptions): Promise<ManifestEntry> {
  const dir = join(opts.target, 'ml-100k');
  const present = existsSync(dir) ? readFolder(dir) : null;
  const usable = present !== null && verify(present) === null;
  const kept = (files: Files): ManifestEntry =>
    withNotice({ available: true, files: readdirSync(dir).sort(), source: 'already present' }, files);
  let entry: ManifestEntry;
  if (usable && noticeFor(present) === null) {
    entry = kept(present);
  } else {
    const got = opts.source ? fromSource(opts.source) : await download(opts);
    const problem = typeof got === 'string' ? got : verify(got);
    if (typeof got !== 'string' && problem === null) {
      const source = opts.source ? `MOVIELENS_SOURCE=${opts.source}` : ML100K_URL;
      entry = withNotice({ available: true, files: install(got, dir), source }, got);
    } else if (usable) {
      entry = kept(present);
    } else {
      const where = opts.source ? ` in MOVIELENS_SOURCE=${opts.source}` : ' in the download';
      entry = { available: false, reason: typeof got === 'string' ? got : `${problem}${where}` };
    }
  }
  writeManifest(opts.target, entry);
  return entry;
}

export function describe(entry: ManifestEntry, target: string): string {
  if (!entry.available) return `MovieLens-100k not available (${entry.reason}); ${FALLBACK}`;
  const ready = `MovieLens-100k ready in ${join(target, 'ml-100k')} (${entry.source}).`;
  return entry.notice === undefined ? ready : `${ready} Notice: ${entry.notice}.`;
}

async function main(): Promise<void> {
  // RECLAB_DATA_DIR lets tests run the script without touching the app's own public/data.
  const target =
    process.env.RECLAB_DATA_DIR || resolve(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'data');
  try {
    const entry = await prepareMovielens({ target, source: process.env.MOVIELENS_SOURCE || undefined });
    console.log(describe(entry, target));
  } catch (e) {
    // Whatever went wrong (a read-only disk...), `npm start` must still open the lab.
    console.log(`MovieLens-100k not available (${e instanceof Error ? e.message : String(e)}); ${FALLBACK}`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await main();
