import { streamDelimited, type NamedBlob, type RowBatch } from '../parse/delimited';
import type { JobContext } from '../parse/progress';
import { SkipCollector } from '../parse/skips';
import { yearFromTitle } from '../parse/values';
import { fail, ok, type ItemMeta, type Result } from '../types';
import { isBlank, neededColumns, shapeProblem, type NeededColumn, type TableLayout } from './table';

/** One item as a metadata file describes it, before alignment with the dense item index. */
export interface ItemRecord {
  title: string;
  genres: string[];
  /** 0 when unknown; then the year is read from the title. */
  year: number;
}

export interface MetadataSpec extends TableLayout {
  id: number;
  title: number;
  genres: number | null;
  genreSeparator: string;
}

export interface MetadataTable {
  records: Map<string, ItemRecord>;
  skips: SkipCollector;
}

/** ML-latest marks items without genres this way; it is not a genre. */
const NO_GENRES = '(no genres listed)';
const MAX_GENRES = 32;

export type RowReader<T> = (row: string[]) => { id: string; value: T } | string;

/**
 * Streams a table keyed by its id column into a Map. Shared by item and user metadata: `read`
 * turns a row holding every `needed` column into a record or a problem; `needed` lists the
 * columns `read` takes values from, and no others.
 */
export async function readKeyedTable<T>(
  file: NamedBlob,
  layout: TableLayout,
  needed: readonly NeededColumn[],
  ctx: JobContext,
  read: RowReader<T>,
): Promise<Result<{ records: Map<string, T>; skips: SkipCollector }>> {
  const columns = neededColumns(needed);
  const records = new Map<string, T>();
  const firstRow = new Map<string, number>();
  const skips = new SkipCollector(file.name, file.name);
  let header: string | null = null;
  const take = (row: string[], rowNo: number, flagged: Map<number, string>): string | null => {
    const shape = flagged.get(rowNo) ?? shapeProblem(row, layout.delimiter, columns, header);
    if (shape !== null) return shape;
    const got = read(row);
    if (typeof got === 'string') return got;
    const seen = firstRow.get(got.id);
    if (seen !== undefined) return `id ${got.id} repeats row ${seen}`;
    records.set(got.id, got.value);
    firstRow.set(got.id, rowNo);
    return null;
  };
  const sink = ({ rows, first, start, flagged }: RowBatch): string | null => {
    for (let k = 0; k < rows.length; k++) {
      const rowNo = first + k;
      if (rowNo === start && layout.hasHeader) {
        header = rows[k].join(layout.delimiter);
        continue;
      }
      if (isBlank(rows[k])) continue;
      const problem = take(rows[k], rowNo, flagged);
      if (problem === null) {
        skips.good();
        continue;
      }
      skips.bad(rowNo, problem);
    }
    return null;
  };
  const streamed = await streamDelimited(file, layout, ctx, sink);
  if (!streamed.ok) return streamed;
  const broken = skips.finalFailure();
  if (broken !== null) return fail(broken);
  if (records.size === 0) return fail(`${file.name}: has no data rows`);
  return ok({ records, skips });
}

export function readItemMetadata(
  file: NamedBlob,
  spec: MetadataSpec,
  ctx: JobContext,
): Promise<Result<MetadataTable>> {
  const needed = [
    { index: spec.id, name: 'item id' },
    { index: spec.title, name: 'title' },
    ...(spec.genres === null ? [] : [{ index: spec.genres, name: 'genres' }]),
  ];
  return readKeyedTable<ItemRecord>(file, spec, needed, ctx, (row) => {
    const id = row[spec.id].trim();
    if (id === '') return 'item id is empty';
    const title = row[spec.title].trim();
    const raw = spec.genres === null ? '' : row[spec.genres].trim();
    const genres = raw === '' || raw === NO_GENRES ? [] : raw.split(spec.genreSeparator).map((g) => g.trim());
    return { id, value: { title, genres: genres.filter((g) => g !== ''), year: 0 } };
  });
}

/** Genre vocabulary: the most common 32 (a mask has 32 bits), in alphabetical order. */
function genreVocabulary(records: Iterable<ItemRecord>): string[] {
  const counts = new Map<string, number>();
  for (const r of records) for (const g of r.genres) counts.set(g, (counts.get(g) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_GENRES);
  return top.map(([g]) => g).sort();
}

/** Aligns metadata with the dense item index; items the metadata does not know get an empty title. */
export function buildItemMeta(
  itemIds: readonly string[],
  records: Map<string, ItemRecord>,
  genreNames: string[] | null = null,
): ItemMeta {
  const known = itemIds.map((id) => records.get(id));
  const names = genreNames ?? genreVocabulary(known.filter((r): r is ItemRecord => r !== undefined));
  const bit = new Map(names.map((g, k) => [g, k]));
  const n = itemIds.length;
  const meta: ItemMeta = {
    title: [],
    genreNames: names,
    genreMask: new Uint32Array(n),
    year: new Int16Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = known[i];
    meta.title.push(r?.title ?? '');
    if (r === undefined) continue;
    let mask = 0;
    for (const g of r.genres) {
      const b = bit.get(g);
      if (b !== undefined) mask |= 1 << b;
    }
    meta.genreMask[i] = mask >>> 0;
    meta.year[i] = r.year > 0 ? r.year : yearFromTitle(r.title);
  }
  return meta;
}
