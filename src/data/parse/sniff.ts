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
import { ChunkDecoder, inspectBytes, type TextEncoding } from './decode';
import { readHead, type NamedBlob } from './delimited';
import { printable } from './printable';
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
  encoding: TextEncoding;
  /** Whether quotes delimit fields (false for MovieLens' '::' files). */
  quotes: boolean;
  /** Comment lines ('#') before the first row, skipped by the sniff and the reader alike. */
  preamble: number;
  /** Problems that stop an automatic load; the user may still fix them by mapping columns by hand. */
  issues: string[];
}

export const SNIFF_BYTES = 64 * 1024;
/** How far the sniff reads to find the end of row 1 (a wide table); the reader allows 16 MB a row. */
export const MAX_SNIFF_BYTES = 16 << 20;
/** A long-format ratings table has a few columns; thousands mean a users × items matrix. */
export const MAX_COLUMNS = 1000;
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

/**
 * Row 1 split by one delimiter over data rows split by another ('user,item,rating' over
 * '1;2;5'): the chosen delimiter leaves row 1 a single field while another splits it.
 */
function headerSplit(text: string, delimiter: string, rows: string[][], typical: number): string | null {
  if (rows.length < 2 || typical < 2 || trimmedLength(rows[0]) >= 2) return null;
  const nl = text.indexOf('\n');
  const line = nl === -1 ? text : text.slice(0, nl);
  const other = DELIMITERS.find((d) => d !== delimiter && line.split(d).length >= 2);
  if (other === undefined) return null;
  return (
    `row 1 (the header) is split by ${describeDelimiter(other)} but the data rows by ` +
    `${describeDelimiter(delimiter)}: use one delimiter throughout, or map the columns by hand`
  );
}

function wideMessage(columns: number, delimiter: string): string {
  return (
    `row 1 has ${columns.toLocaleString('en-US')} columns (split by ${describeDelimiter(delimiter)}): ` +
    `this looks like a wide users × items matrix. RecLab reads ratings in long format, one rating ` +
    `per row: user, item, rating and optionally a timestamp`
  );
}

/** Sniffs decoded text (the first chunk of a file, or all of it). */
export function sniffText(name: string, text: string, encoding: Sniff['encoding'], forced?: string): Sniff {
  const { delimiter, rows, columns: typical } = chooseDelimiter(text, forced);
  const issues: string[] = [];
  const hasHeader = detectHeader(rows);
  const header = hasHeader ? rows[0] : null;
  const data = hasHeader ? rows.slice(1) : rows;
  const columns = header ? trimmedLength(header) : typical;
  const split = headerSplit(text, delimiter, rows, typical);
  if (split !== null) issues.push(split);
  else if (columns > MAX_COLUMNS) issues.push(wideMessage(columns, delimiter));
  else if (columns < 2 && rows.length > 0) {
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
    preamble: 0,
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
    preamble: 0,
    issues: [],
  };
}

/** Reads the head of a file, further when row 1 does not end within it (a very wide table). */
async function readSniffHead(blob: Blob): Promise<Uint8Array> {
  let n = SNIFF_BYTES;
  for (;;) {
    const head = await readHead(blob, n);
    if (head.length >= blob.size || n >= MAX_SNIFF_BYTES) return head;
    if (head.indexOf(10) >= 0 || head.indexOf(13) >= 0) return head;
    n *= 4;
  }
}

/** Drops '#' comment lines (and blank lines among them) before the first row, as the reader does. */
export function stripPreamble(text: string): { text: string; lines: number } {
  if (!text.startsWith('#')) return { text, lines: 0 };
  let at = 0;
  let lines = 0;
  while (at < text.length && (text.charCodeAt(at) === 35 || text.charCodeAt(at) === 10)) {
    const nl = text.indexOf('\n', at);
    lines++;
    at = nl === -1 ? text.length : nl + 1;
  }
  return { text: text.slice(at), lines };
}

/**
 * Looks at the head of a file (64 KB, more when row 1 is longer): binary or text, encoding,
 * delimiter, header and a suggested column mapping. `delimiter` forces one (the user picked it
 * in the mapping step).
 */
export async function sniffFile(file: NamedBlob, delimiter?: string): Promise<Result<Sniff>> {
  let head: Uint8Array;
  let encoding: TextEncoding;
  try {
    head = await readSniffHead(file.blob);
    const verdict = inspectBytes(head.subarray(0, SNIFF_BYTES), head.length === file.blob.size);
    if (verdict.kind === 'zip') return ok(zipSniff(file, head));
    if (verdict.kind !== 'text') return fail(printable(`${file.name}: ${verdict.detail}`));
    // A guess from the head, for the preview: the reader decides from samples of the whole file.
    encoding = verdict.encoding;
  } catch (e) {
    return fail(`${file.name}: could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  const isWhole = head.length === file.blob.size;
  let text = new ChunkDecoder(encoding).decode(head, isWhole).replace(/\r\n?/g, '\n');
  if (!isWhole) {
    const lastBreak = text.lastIndexOf('\n');
    if (lastBreak === -1) {
      const mb = MAX_SNIFF_BYTES >> 20;
      return fail(
        `${file.name}: row 1 is longer than ${mb} MB without a line break; this is not a table of ratings`,
      );
    }
    text = text.slice(0, lastBreak);
  }
  const { text: body, lines } = stripPreamble(text);
  if (body.trim() === '') {
    return fail(
      lines > 0
        ? `${file.name}: has only comment lines (starting with '#'), no header or data rows`
        : `${file.name}: the file is empty`,
    );
  }
  const sniff = sniffText(file.name, body, encoding, delimiter);
  // The sample starts after the preamble: its row 1 is the file's row lines + 1.
  const issues = sniff.issues.map((i) =>
    printable(lines > 0 ? i.replace(/^row 1\b/, `row ${lines + 1}`) : i),
  );
  return ok({ ...sniff, preamble: lines, issues });
}
