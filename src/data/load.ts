import { loadGenericRatings } from './formats/generic';
import { loadMovielensDat, loadMovielensLatest } from './formats/movielens';
import { loadMovielens100k } from './formats/movielens100k';
import { isZipHead } from './parse/decode';
import { readHead, type NamedBlob } from './parse/delimited';
import { printable } from './parse/printable';
import { CANCELLED, JobContext } from './parse/progress';
import { sniffFile, type ColumnMapping } from './parse/sniff';
import { fail, ok, type Dataset, type ProgressFn, type Result } from './types';
import { baseName, expandZip, type ZipLimits } from './zip';

export interface LoadOptions {
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** Column mapping for a generic ratings file (from the mapping step); sniffed when absent. */
  mapping?: ColumnMapping;
  /** Ratings outside this range are malformed rows (MovieLens formats imply their own). */
  ratingRange?: { min: number; max: number };
  /** Base name of the file to use as item metadata when two generic files are given. */
  metadataFile?: string;
  /** Bytes per read; tests make it tiny to push records across chunk boundaries. */
  chunkSize?: number;
  /** How far a zip may expand (ZIP_LIMITS unless a test makes it small). */
  zipLimits?: ZipLimits;
}

/**
 * Files of the MovieLens families that no loader reads (a split's .base is its .test's complement):
 * dropped up front so they neither count in progress nor look like a second generic file.
 */
const NEVER_READ =
  /^(u[1-5ab]\.base|u\.info|u\.occupation|readme(\.txt|\.html)?|allbut\.pl|mku\.sh|links\.csv|tags\.(csv|dat)|genome-(scores|tags)\.csv)$/i;

/** Names that say "item metadata" when two generic files arrive together. */
const METADATA_NAME = /(movie|item|title|meta|product|book|content|catalog)/i;

/** By its bytes, whatever its name: a CSV named .zip is a CSV, a zip named .csv a zip. */
async function isZip(file: NamedBlob): Promise<boolean> {
  return isZipHead(await readHead(file.blob, 4));
}

/** Replaces every zip by the files it holds. */
async function expandAll(files: NamedBlob[], opts: LoadOptions): Promise<Result<NamedBlob[]>> {
  const out: NamedBlob[] = [];
  for (const f of files) {
    if (!(await isZip(f))) {
      out.push({ name: baseName(f.name), blob: f.blob });
      continue;
    }
    const ctx = new JobContext(f.blob.size, opts.onProgress, opts.signal);
    ctx.phase = 'unzip';
    const got = await expandZip(f, ctx, opts.zipLimits);
    if (!got.ok) return got;
    out.push(...got.value);
  }
  return ok(out);
}

function byName(files: NamedBlob[]): Map<string, NamedBlob> {
  return new Map(files.map((f) => [f.name.toLowerCase(), f]));
}

/** ML-latest's ratings.csv is known by its header (userId,movieId,rating,timestamp), whatever its name. */
async function findLatest(files: NamedBlob[], map: Map<string, NamedBlob>) {
  for (const f of files) {
    if (!/\.csv$/i.test(f.name)) continue;
    const s = await sniffFile(f);
    if (!s.ok || s.value.format !== 'ml-latest') continue;
    const other = files.length === 2 ? files.find((g) => g !== f) : undefined;
    return { ratings: f, movies: map.get('movies.csv') ?? other ?? null };
  }
  return null;
}

function pickGeneric(
  files: NamedBlob[],
  opts: LoadOptions,
): Result<{ ratings: NamedBlob; meta: NamedBlob | null }> {
  if (files.length === 1) return ok({ ratings: files[0], meta: null });
  if (files.length > 2) {
    const names = files.map((f) => f.name).join(', ');
    return fail(
      `Expected one ratings file and at most one item metadata file, got ${files.length}: ${names}`,
    );
  }
  const named = opts.metadataFile?.toLowerCase();
  let k = files.findIndex((f) => f.name.toLowerCase() === named);
  if (k === -1) k = files.findIndex((f) => METADATA_NAME.test(f.name));
  if (k === -1) k = files[0].blob.size <= files[1].blob.size ? 0 : 1;
  return ok({ ratings: files[1 - k], meta: files[k] });
}

async function dispatch(files: NamedBlob[], opts: LoadOptions, ctx: JobContext): Promise<Result<Dataset>> {
  const map = byName(files);
  const chunk = opts.chunkSize;
  if (map.has('u.data')) return loadMovielens100k(map, ctx, chunk);
  if (map.has('u.item') || map.has('u.user')) {
    return fail('u.data (the ratings) is missing: add it next to u.item and u.user, or drop ml-100k.zip');
  }
  if (map.has('ratings.dat')) return loadMovielensDat(map, ctx, chunk);
  if (map.has('movies.dat')) return fail('ratings.dat is missing: movies.dat alone has no ratings');
  const latest = opts.mapping ? null : await findLatest(files, map);
  if (latest) return loadMovielensLatest(latest.ratings, latest.movies, ctx, chunk);
  const picked = pickGeneric(files, opts);
  if (!picked.ok) return picked;
  const generic = { mapping: opts.mapping, ratingRange: opts.ratingRange, chunkSize: chunk };
  return loadGenericRatings(picked.value.ratings, picked.value.meta, generic, ctx);
}

/**
 * Loads a dataset from dropped or chosen files: ml-100k.zip or its files (u.data plus u.item,
 * u.user, u.genre and split files), ML-1M/10M's ratings.dat (+ movies.dat, users.dat), ML-latest's
 * ratings.csv (+ movies.csv), or one generic ratings file (+ one item metadata file).
 */
export async function loadFiles(input: NamedBlob[], opts: LoadOptions = {}): Promise<Result<Dataset>> {
  let result: Result<Dataset>;
  try {
    result = await loadAll(input, opts);
  } catch (e) {
    // Reading a Blob can still fail underneath us (a file deleted or changed while it is read).
    result = fail(
      `Could not read ${input.map((f) => f.name).join(', ')}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  // Every message may quote file content (and file names): none may drive a terminal.
  if (!result.ok) return fail(printable(result.reason));
  const ds = result.value;
  ds.notices = ds.notices.map(printable);
  ds.skipped = { count: ds.skipped.count, examples: ds.skipped.examples.map(printable) };
  return result;
}

/** Said when most rows were skipped: the data is kept, but the user should know how little. */
function mostSkipped(ds: Dataset): string | null {
  const kept = ds.interactions.user.length;
  const skipped = ds.skipped.count;
  if (skipped <= kept) return null;
  const first = ds.skipped.examples[0];
  return (
    `most rows were skipped: ${skipped.toLocaleString('en-US')} of ${(skipped + kept).toLocaleString('en-US')} ` +
    `could not be read and ${kept.toLocaleString('en-US')} ${kept === 1 ? 'was' : 'were'} kept${first === undefined ? '' : `; first: ${first}`}`
  );
}

async function loadAll(input: NamedBlob[], opts: LoadOptions): Promise<Result<Dataset>> {
  if (input.length === 0) return fail('No file given');
  if (opts.signal?.aborted) return fail(CANCELLED);
  const expanded = await expandAll(input, opts);
  if (!expanded.ok) return expanded;
  const read = expanded.value.filter((f) => !NEVER_READ.test(f.name));
  const files = read.length > 0 ? read : expanded.value;
  const total = files.reduce((s, f) => s + f.blob.size, 0);
  const ctx = new JobContext(total, opts.onProgress, opts.signal);
  const result = await dispatch(files, opts, ctx);
  if (!result.ok) return result;
  ctx.finish();
  const most = mostSkipped(result.value);
  result.value.notices = [...ctx.notices, ...result.value.notices, ...(most === null ? [] : [most])];
  return result;
}
