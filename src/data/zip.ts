import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { NamedBlob } from './parse/delimited';
import { CANCELLED, type JobContext } from './parse/progress';
import { fail, ok, type Result } from './types';

/** Files the loaders read (a split's .base is the complement of its .test); the rest stays compressed. */
const KNOWN = /^(u\.(data|item|user|genre)|u[1-5ab]\.test|(ratings|movies|users)\.(dat|csv))$/i;
/** In an archive without known files, plain tables are taken as a generic upload. */
const TABULAR = /\.(csv|tsv|tab|txt|dat|psv)$/i;

const ZIP_CHUNK = 1 << 20;

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

/** Streams the archive through fflate, keeping the entries `want` accepts. */
async function inflate(file: NamedBlob, ctx: JobContext, want: (name: string) => boolean) {
  const names: string[] = [];
  const entries: Entry[] = [];
  const unzip = new Unzip((f: UnzipFile) => {
    if (skippable(f.name)) return;
    names.push(f.name);
    if (!want(f.name)) return;
    const entry: Entry = { name: baseName(f.name), chunks: [], done: false };
    entries.push(entry);
    f.ondata = (err, data, final) => {
      if (err) throw err;
      entry.chunks.push(plain(data));
      entry.done = final;
    };
    f.start();
  });
  unzip.register(UnzipInflate);
  const size = file.blob.size;
  for (let pos = 0; pos < size; pos += ZIP_CHUNK) {
    const end = Math.min(size, pos + ZIP_CHUNK);
    unzip.push(new Uint8Array(await file.blob.slice(pos, end).arrayBuffer()), end >= size);
    ctx.advance(end - pos, 0);
    if (await ctx.pause()) return null;
  }
  return { names, entries };
}

/**
 * Extracts the known MovieLens files of a zip (ml-100k.zip keeps them under ml-100k/); when it
 * holds none, its one or two plain tables. Each entry comes back as a Blob named by its base name.
 */
export async function expandZip(file: NamedBlob, ctx: JobContext): Promise<Result<NamedBlob[]>> {
  let listing: Awaited<ReturnType<typeof inflate>>;
  try {
    listing = await inflate(file, ctx, (name) => KNOWN.test(baseName(name)));
    if (listing !== null && listing.entries.length === 0) {
      const tables = listing.names.filter((n) => TABULAR.test(n));
      if (tables.length >= 1 && tables.length <= 2)
        listing = await inflate(file, ctx, (n) => tables.includes(n));
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail(`${file.name}: not a readable zip archive (${why})`);
  }
  if (listing === null) return fail(CANCELLED);
  if (listing.names.length === 0) return fail(`${file.name}: not a readable zip archive (no entries found)`);
  if (listing.entries.length === 0) return fail(unknownContents(file, listing.names));
  const broken = listing.entries.find((e) => !e.done);
  if (broken) return fail(`${file.name}: ${broken.name} is truncated in the archive`);
  return ok(listing.entries.map((e) => ({ name: e.name, blob: new Blob(e.chunks) })));
}
