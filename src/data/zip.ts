import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { NamedBlob } from './parse/delimited';
import { CANCELLED, type JobContext } from './parse/progress';
import { fail, ok, type Result } from './types';

/** Files the loaders read (a split's .base is the complement of its .test); the rest stays compressed. */
const KNOWN = /^(u\.(data|item|user|genre)|u[1-5ab]\.test|(ratings|movies|users)\.(dat|csv))$/i;
/** In an archive without known files, plain tables are taken as a generic upload. */
const TABULAR = /\.(csv|tsv|tab|txt|dat|psv)$/i;

const ZIP_CHUNK = 1 << 20;
const PUSH = 32 << 10;

/**
 * How far an archive may expand. ML-32M's zip (about 240 MB) holds 880 MB of tables at under
 * 5:1; a zip bomb packs gigabytes of one repeated byte at 1000:1, which would take the worker
 * (and the dataset already loaded) down with it.
 */
export interface ZipLimits {
  /** Most bytes all the extracted entries may hold together. */
  maxBytes: number;
  /** Most an entry may expand (bytes out per compressed byte), once past `ratioFrom` bytes. */
  maxRatio: number;
  /** Small entries may expand freely (a table of one repeated line compresses very well). */
  ratioFrom: number;
}

export const ZIP_LIMITS: ZipLimits = { maxBytes: 2 * 1024 ** 3, maxRatio: 200, ratioFrom: 64 << 20 };

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${+(n / 1024).toFixed(1)} KiB`;
}

/** Why an entry of `out` bytes (from `packed` compressed bytes) is too big, or null. */
function overLimit(name: string, out: number, packed: number, total: number, lim: ZipLimits): string | null {
  if (total > lim.maxBytes) {
    return `expands past the ${formatBytes(lim.maxBytes)} cap on extracted data (at ${name}); unzip it yourself and load the ratings file`;
  }
  if (out > lim.ratioFrom && packed > 0 && out / packed > lim.maxRatio) {
    const ratio = Math.round(out / packed);
    return `${name} expands more than ${lim.maxRatio}:1 (${formatBytes(packed)} to ${formatBytes(out)} or more, ${ratio}:1), which only a zip bomb does; not extracted`;
  }
  return null;
}

export const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

function skippable(path: string): boolean {
  const base = baseName(path);
  return path.endsWith('/') || path.includes('__MACOSX/') || base.startsWith('.');
}

interface Entry {
  name: string;
  chunks: Uint8Array<ArrayBuffer>[];
  done: boolean;
}

/** fflate's output always owns a plain ArrayBuffer; copy in the (never seen) shared case. */
const plain = (c: Uint8Array): Uint8Array<ArrayBuffer> =>
  c.buffer instanceof ArrayBuffer ? new Uint8Array(c.buffer, c.byteOffset, c.byteLength) : new Uint8Array(c);

function describeEntries(names: string[]): string {
  const shown = names.slice(0, 8).join(', ');
  return names.length > 8 ? `${shown}, and ${names.length - 8} more` : shown || 'nothing';
}

function unknownContents(file: NamedBlob, names: string[]): string {
  const excel = names.some((n) => n.startsWith('xl/'))
    ? ' It looks like an Excel workbook: save it as CSV.'
    : '';
  return (
    `${file.name}: no ratings file in this zip (found: ${describeEntries(names)}). ` +
    `Expected MovieLens' u.data, ratings.dat or ratings.csv, or one .csv/.tsv table.${excel}`
  );
}

/**
 * Streams the archive through fflate, keeping the entries `want` accepts. Declared sizes are
 * checked before an entry inflates and the real output while it does (headers can lie).
 */
async function inflate(file: NamedBlob, ctx: JobContext, want: (name: string) => boolean, lim: ZipLimits) {
  const names: string[] = [];
  const entries: Entry[] = [];
  let total = 0;
  let refused: string | null = null;
  const unzip = new Unzip((f: UnzipFile) => {
    if (skippable(f.name) || refused !== null) return;
    names.push(f.name);
    if (!want(f.name)) return;
    const name = baseName(f.name);
    // A streamed entry may not declare its size: the whole archive bounds it.
    const packed = f.size !== undefined && f.size > 0 ? f.size : file.blob.size;
    refused = overLimit(name, f.originalSize ?? 0, packed, total + (f.originalSize ?? 0), lim);
    if (refused !== null) return;
    const entry: Entry = { name, chunks: [], done: false };
    entries.push(entry);
    let out = 0;
    f.ondata = (err, data, final) => {
      if (err) throw err;
      if (refused !== null) return;
      out += data.length;
      total += data.length;
      refused = overLimit(name, out, packed, total, lim);
      if (refused !== null) {
        entry.chunks = [];
        f.terminate();
        return;
      }
      entry.chunks.push(plain(data));
      entry.done = final;
    };
    f.start();
  });
  unzip.register(UnzipInflate);
  const size = file.blob.size;
  for (let pos = 0; pos < size; pos += ZIP_CHUNK) {
    const end = Math.min(size, pos + ZIP_CHUNK);
    const bytes = new Uint8Array(await file.blob.slice(pos, end).arrayBuffer());
    // Fed in small steps: fflate inflates a whole push at once, and 1 MB of a bomb is 1 GB out.
    for (let at = 0; at < bytes.length && refused === null; at += PUSH) {
      const last = end >= size && at + PUSH >= bytes.length;
      unzip.push(bytes.subarray(at, Math.min(bytes.length, at + PUSH)), last);
    }
    if (refused !== null) break;
    ctx.advance(end - pos, 0);
    if (await ctx.pause()) return null;
  }
  return { names, entries, refused: refused as string | null };
}

/**
 * Extracts the known MovieLens files of a zip (ml-100k.zip keeps them under ml-100k/); when it
 * holds none, its one or two plain tables. Each entry comes back as a Blob named by its base name.
 */
export async function expandZip(
  file: NamedBlob,
  ctx: JobContext,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<Result<NamedBlob[]>> {
  let listing: Awaited<ReturnType<typeof inflate>>;
  try {
    listing = await inflate(file, ctx, (name) => KNOWN.test(baseName(name)), limits);
    if (listing !== null && listing.refused === null && listing.entries.length === 0) {
      const tables = listing.names.filter((n) => TABULAR.test(n));
      if (tables.length >= 1 && tables.length <= 2)
        listing = await inflate(file, ctx, (n) => tables.includes(n), limits);
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail(`${file.name}: not a readable zip archive (${why})`);
  }
  if (listing === null) return fail(CANCELLED);
  if (listing.refused !== null) return fail(`${file.name}: ${listing.refused}`);
  if (listing.names.length === 0) return fail(`${file.name}: not a readable zip archive (no entries found)`);
  if (listing.entries.length === 0) return fail(unknownContents(file, listing.names));
  const broken = listing.entries.find((e) => !e.done);
  if (broken) return fail(`${file.name}: ${broken.name} is truncated in the archive`);
  return ok(listing.entries.map((e) => ({ name: e.name, blob: new Blob(e.chunks) })));
}
