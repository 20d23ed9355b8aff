/** Any delimited ratings file through a column mapping, and any item metadata file. */
import { assembleDataset } from '../dataset';
import { describeColumnUse, findColumn } from '../parse/columns';
import type { NamedBlob } from '../parse/delimited';
import type { JobContext } from '../parse/progress';
import { describeDelimiter, sniffFile, type ColumnMapping, type Sniff } from '../parse/sniff';
import { fail, ok, type Dataset, type ItemMeta, type Result, type SkipReport } from '../types';
import { buildItemMeta, readItemMetadata } from './metadata';
import { readRatingsTable } from './table';

export interface GenericOptions {
  mapping?: ColumnMapping;
  ratingRange?: { min: number; max: number };
  chunkSize?: number;
}

const ROLE_NAMES = ['user', 'item', 'rating', 'timestamp'] as const;

/** Checks a mapping against the file's shape; the message names the column that is wrong. */
export function checkMapping(m: ColumnMapping, sniff: Sniff, name: string): string | null {
  const used = new Map<number, string>();
  for (const role of ROLE_NAMES) {
    const j = m[role];
    if (j === null) continue;
    if (!Number.isInteger(j) || j < 0) return `${name}: the ${role} column must be a column number`;
    if (j >= sniff.width) {
      const cols = `${sniff.width} column${sniff.width === 1 ? '' : 's'}`;
      return `${name}: the ${role} column (${j + 1}) does not exist; rows have ${cols} with delimiter ${describeDelimiter(m.delimiter)}`;
    }
    const other = used.get(j);
    if (other !== undefined) return `${name}: the ${other} and ${role} columns are both column ${j + 1}`;
    used.set(j, role);
  }
  return null;
}

async function resolveMapping(
  file: NamedBlob,
  given: ColumnMapping | undefined,
): Promise<Result<{ mapping: ColumnMapping; header: string[] | null }>> {
  const sniffed = await sniffFile(file, given?.delimiter);
  if (!sniffed.ok) return sniffed;
  const sniff = sniffed.value;
  if (given === undefined && sniff.issues.length > 0) return fail(`${file.name}: ${sniff.issues[0]}`);
  const mapping = given ?? sniff.suggested;
  const bad = checkMapping(mapping, sniff, file.name);
  if (bad !== null) return fail(bad);
  // The sniff's header is the first row only when the mapping says the file has one.
  const first = sniff.header ?? null;
  return ok({ mapping, header: mapping.hasHeader && sniff.hasHeader ? first : null });
}

export async function loadGenericRatings(
  file: NamedBlob,
  metadata: NamedBlob | null,
  opts: GenericOptions,
  ctx: JobContext,
): Promise<Result<Dataset>> {
  const resolved = await resolveMapping(file, opts.mapping);
  if (!resolved.ok) return resolved;
  const { mapping, header } = resolved.value;
  const table = await readRatingsTable(
    file,
    {
      delimiter: mapping.delimiter,
      encoding: 'auto',
      quotes: mapping.delimiter !== '::',
      hasHeader: mapping.hasHeader,
      chunkSize: opts.chunkSize,
      user: mapping.user,
      item: mapping.item,
      rating: mapping.rating,
      timestamp: mapping.timestamp,
      ratingRange: opts.ratingRange ?? null,
    },
    ctx,
  );
  if (!table.ok) return table;
  const { built, sample } = table.value;
  const columnUse = describeColumnUse(
    { user: mapping.user, item: mapping.item, rating: mapping.rating, timestamp: mapping.timestamp },
    header,
    sample,
  );
  const notices = columnUse === null ? table.value.notices : [columnUse, ...table.value.notices];
  const meta = metadata ? await loadItemMetadataFile(metadata, built.itemIds, ctx, opts.chunkSize) : null;
  if (meta && !meta.ok) return meta;
  const skips = [table.value.skips.report(), ...(meta ? [meta.value.skips] : [])];
  return ok(
    assembleDataset({
      id: `upload:${file.name}`,
      name: file.name,
      kind: 'upload',
      built,
      items: meta ? meta.value.items : null,
      skips,
      notices,
    }),
  );
}

/**
 * Item metadata from any delimited file: the id column is named like an item (movieId, itemId,
 * id...) or comes first, the title is named title/name or comes second, genres are '|'-separated.
 */
export async function loadItemMetadataFile(
  file: NamedBlob,
  itemIds: readonly string[],
  ctx: JobContext,
  chunkSize?: number,
): Promise<Result<{ items: ItemMeta; skips: SkipReport }>> {
  const sniffed = await sniffFile(file);
  if (!sniffed.ok) return sniffed;
  const s = sniffed.value;
  const h = s.header;
  const id = h ? findColumn(h, 'item', ['id']) : 0;
  const title = h ? findColumn(h, 'title') : 1;
  const genres = h ? findColumn(h, 'genres') : s.columns > 2 ? 2 : null;
  if (id === null) return fail(`${file.name}: row 1: no item id column in the header (${h?.join(', ')})`);
  if (title === null) return fail(`${file.name}: row 1: no title column in the header (${h?.join(', ')})`);
  if (s.columns < 2) return fail(`${file.name}: ${s.issues[0] ?? 'needs an item id and a title column'}`);
  const got = await readItemMetadata(
    file,
    {
      delimiter: s.delimiter,
      encoding: 'auto',
      quotes: s.quotes,
      hasHeader: s.hasHeader,
      chunkSize,
      id,
      title,
      genres,
      genreSeparator: s.delimiter === '|' ? ',' : '|',
    },
    ctx,
  );
  if (!got.ok) return got;
  return ok({ items: buildItemMeta(itemIds, got.value.records), skips: got.value.skips.report() });
}
