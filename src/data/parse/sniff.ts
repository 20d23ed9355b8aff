import Papa from 'papaparse';
import { fail, ok, type Result } from '../types';
import {
  findColumn,
  isNumeric,
  looksLikeRating,
  looksLikeTimeColumn,
  normaliseName,
  roleOf,
  share,
} from './columns';
import { ChunkDecoder, inspectBytes } from './decode';
import { readHead, type NamedBlob } from './delimited';
import { trimmedLength } from './values';

export interface ColumnMapping {
  user: number;
  item: number;
  rating: number | null;
  timestamp: number | null;
  hasHeader: boolean;
  delimiter: string;
}

export type DetectedFormat = 'ml-100k' | 'ml-100k-zip' | 'ml-1m' | 'ml-latest' | 'generic' | 'zip';

export interface Sniff {
  delimiter: string;
  hasHeader: boolean;
  header: string[] | null;
  /** Up to 20 data rows (after the header). */
  sampleRows: string[][];
  suggested: ColumnMapping;
  format: DetectedFormat;
  /** Columns of a typical row, empty trailing columns excluded. */
  columns: number;
  /**
   * Columns the preview shows and a mapping may pick: the most fields the header or any sampled
   * row has, empty names and empty trailing fields included.
   */
  width: number;
  /**
   * Columns (0-based, below `width`) the suggested mapping leaves unused: the loader ignores
   * them, whatever they hold. After a change of mapping, `unusedColumns(mapping, width)`.
   */
  unused: number[];
  encoding: 'utf-8' | 'windows-1252';
  /** Whether quotes delimit fields (false for MovieLens' '::' files). */
  quotes: boolean;
  /** Problems that stop an automatic load; the user may still fix them by mapping columns by hand. */
  issues: string[];
}

export const SNIFF_BYTES = 64 * 1024;
export const DELIMITERS = [',', '\t', ';', '|', '::'];
const SAMPLE_ROWS = 200;

export const describeDelimiter = (d: string): string => (d === '\t' ? 'tab' : `'${d}'`);

function parseSample(text: string, delimiter: string): string[][] {
  const res = Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    fastMode: delimiter === '::' ? true : undefined,
    preview: SAMPLE_ROWS,
    skipEmptyLines: 'greedy',
  });
  return res.data;
}

/** How regular a delimiter makes the rows: the most common column count and its share. */
function regularity(rows: string[][]): { columns: number; share: number } {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(trimmedLength(r), (counts.get(trimmedLength(r)) ?? 0) + 1);
  let best = { columns: 0, share: 0 };
  for (const [columns, n] of counts) {
    const s = n / Math.max(1, rows.length);
    if (s > best.share || (s === best.share && columns > best.columns)) best = { columns, share: s };
  }
  return best;
}

function chooseDelimiter(
  text: string,
  forced?: string,
): { delimiter: string; rows: string[][]; columns: number } {
  if (forced !== undefined) {
    const rows = parseSample(text, forced);
    return { delimiter: forced, rows, columns: regularity(rows).columns };
  }
  let best = { delimiter: ',', rows: parseSample(text, ','), columns: 1, share: -1 };
  for (const delimiter of DELIMITERS) {
    const rows = parseSample(text, delimiter);
    const r = regularity(rows);
    if (r.columns < 2) continue;
    if (r.share > best.share || (r.share === best.share && r.columns > best.columns)) {
      best = { delimiter, rows, ...r };
    }
  }
  return best;
}

function detectHeader(rows: string[][]): boolean {
  if (rows.length === 0) return false;
  const first = rows[0];
  const named = first.some(
    (c) => !isNumeric(c) && roleOf(c, ['user', 'item', 'rating', 'timestamp']) !== null,
  );
  if (named) return true;
  const rest = rows.slice(1);
  // Header cells are words: a first row holding a number is data (perhaps with a bad rating).
  if (rest.length === 0 || first.some((c) => isNumeric(c))) return false;
  return first.some((c, j) => c.trim() !== '' && share(rest, j, isNumeric) >= 0.8);
}

function duplicateNames(header: string[]): string | null {
  const seen = new Map<string, number>();
  for (let j = 0; j < header.length; j++) {
    const n = normaliseName(header[j]);
    if (n === '') continue;
    const prev = seen.get(n);
    if (prev !== undefined) {
      return `row 1: the header names column '${header[j].trim()}' twice (columns ${prev + 1} and ${j + 1})`;
    }
    seen.set(n, j);
  }
  return null;
}

function positionalMapping(
  rows: string[][],
  columns: number,
): Omit<ColumnMapping, 'hasHeader' | 'delimiter'> {
  let rating: number | null = null;
  let timestamp: number | null = null;
  for (let j = 2; j < columns; j++) {
    if (timestamp === null && looksLikeTimeColumn(rows, j)) timestamp = j;
    else if (rating === null && looksLikeRating(rows, j)) rating = j;
  }
  return { user: 0, item: 1, rating, timestamp };
}

function namedMapping(header: string[], rows: string[][], columns: number, issues: string[]) {
  const user = findColumn(header, 'user');
  const item = findColumn(header, 'item');
  const rating = findColumn(header, 'rating');
  const timestamp = findColumn(header, 'timestamp');
  if (user === null && item === null && rating === null && timestamp === null) {
    return positionalMapping(rows, columns);
  }
  const cells = header.map((h) => h.trim()).join(', ');
  if (user === null)
    issues.push(`row 1: no user column in the header (${cells}); name one userId, or map it by hand`);
  if (item === null)
    issues.push(`row 1: no item column in the header (${cells}); name one itemId, or map it by hand`);
  const free = [...header.keys()].filter((j) => j !== item && j !== user);
  return { user: user ?? free[0] ?? 0, item: item ?? free[1] ?? free[0] ?? 1, rating, timestamp };
}

function detectFormat(name: string, delimiter: string, header: string[] | null): DetectedFormat {
  const base = name.toLowerCase().split(/[\\/]/).pop() ?? '';
  if (base === 'u.data') return 'ml-100k';
  if (base === 'ratings.dat' || delimiter === '::') return 'ml-1m';
  const h = header?.map(normaliseName).join(',');
  if (h === 'userid,movieid,rating,timestamp') return 'ml-latest';
  return 'generic';
}

/** Columns below `width` that no role of the mapping reads: their values never reject a row. */
export function unusedColumns(m: ColumnMapping, width: number): number[] {
  const used = new Set([m.user, m.item, m.rating, m.timestamp]);
  return Array.from({ length: width }, (_, j) => j).filter((j) => !used.has(j));
}

/** Sniffs decoded text (the first chunk of a file, or all of it). */
export function sniffText(name: string, text: string, encoding: Sniff['encoding'], forced?: string): Sniff {
  const { delimiter, rows, columns: typical } = chooseDelimiter(text, forced);
  const issues: string[] = [];
  const hasHeader = detectHeader(rows);
  const header = hasHeader ? rows[0] : null;
  const data = hasHeader ? rows.slice(1) : rows;
  const columns = header ? trimmedLength(header) : typical;
  if (columns < 2 && rows.length > 0) {
    issues.push(
      forced === undefined
        ? 'every row has a single column: the delimiter is not one of , ; tab | ::'
        : `every row has a single column with delimiter ${describeDelimiter(delimiter)}`,
    );
  }
  const dup = header ? duplicateNames(header) : null;
  if (dup !== null) issues.push(dup);
  const mapping = header ? namedMapping(header, data, columns, issues) : positionalMapping(data, columns);
  const suggested = { ...mapping, hasHeader, delimiter };
  const width = rows.reduce((w, r) => Math.max(w, r.length), columns);
  return {
    delimiter,
    hasHeader,
    header,
    sampleRows: data.slice(0, 20),
    suggested,
    format: detectFormat(name, delimiter, header),
    columns,
    width,
    unused: unusedColumns(suggested, width),
    encoding,
    quotes: delimiter !== '::',
    issues,
  };
}

function zipSniff(file: NamedBlob, head: Uint8Array): Sniff {
  const firstEntry = new TextDecoder().decode(head.subarray(30, 30 + (head[26] | (head[27] << 8))));
  const is100k = /ml-100k|u\.data/i.test(`${file.name} ${firstEntry}`);
  const suggested = { user: 0, item: 1, rating: 2, timestamp: 3, hasHeader: false, delimiter: '\t' };
  return {
    delimiter: '\t',
    hasHeader: false,
    header: null,
    sampleRows: [],
    suggested,
    format: is100k ? 'ml-100k-zip' : 'zip',
    columns: 4,
    width: 4,
    unused: [],
    encoding: 'utf-8',
    quotes: false,
    issues: [],
  };
}

/**
 * Looks at the first 64 KB of a file: binary or text, encoding, delimiter, header and a suggested
 * column mapping. `delimiter` forces one (the user picked it in the mapping step).
 */
export async function sniffFile(file: NamedBlob, delimiter?: string): Promise<Result<Sniff>> {
  let head: Uint8Array;
  try {
    head = await readHead(file.blob, SNIFF_BYTES);
  } catch (e) {
    return fail(`${file.name}: could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  const isWhole = head.length === file.blob.size;
  const verdict = inspectBytes(head, isWhole);
  if (verdict.kind === 'zip') return ok(zipSniff(file, head));
  if (verdict.kind !== 'text') return fail(`${file.name}: ${verdict.detail}`);
  let text = new ChunkDecoder(verdict.encoding).decode(head, true);
  if (!isWhole) {
    const lastBreak = text.lastIndexOf('\n');
    if (lastBreak === -1)
      return fail(`${file.name}: row 1 is longer than 64 KB; this is not a delimited text file`);
    text = text.slice(0, lastBreak);
  }
  if (text.trim() === '') return fail(`${file.name}: the file is empty`);
  return ok(sniffText(file.name, text, verdict.encoding, delimiter));
}
