import { InteractionsBuilder, mergeDuplicates, type BuiltInteractions } from '../build';
import type { Encoding, TextEncoding } from '../parse/decode';
import { streamDelimited, type NamedBlob, type RowBatch } from '../parse/delimited';
import type { JobContext } from '../parse/progress';
import { SkipCollector } from '../parse/skips';
import {
  chooseTimeUnit,
  epochNumber,
  parseRating,
  readTimestamp,
  TIME_UNITS,
  trimmedLength,
  type TimeUnit,
} from '../parse/values';
import { fail, ok, type Result } from '../types';
import { FastRatings } from './fast-ratings';

export interface TableLayout {
  delimiter: string;
  encoding: Encoding;
  quotes: boolean;
  hasHeader: boolean;
  chunkSize?: number;
}

/** A column a reader takes values from; only these can make a row malformed. */
export interface NeededColumn {
  /** 0-based. */
  index: number;
  /** What the column holds, for messages ("rating", "IMDb URL"). */
  name: string;
}

export interface RatingsSpec extends TableLayout {
  user: number;
  item: number;
  rating: number | null;
  timestamp: number | null;
  /** Ratings outside this range are malformed rows. */
  ratingRange: { min: number; max: number } | null;
}

export interface RatingsTable {
  built: BuiltInteractions;
  skips: SkipCollector;
  encoding: TextEncoding;
  /** What the reader decided for the user (see Dataset.notices). */
  notices: string[];
  /** The first data rows as read (at most SAMPLE_ROWS), to describe the columns left unused. */
  sample: string[][];
}

/** A test seam: the fast line reader can be switched off to check that it reads what the row reader reads. */
export const fastLines = { enabled: true };

/** Rows kept to decide the time unit and to describe unused columns. */
export const SAMPLE_ROWS = 1000;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The needed columns in file order, so a short row's message names the first one it lacks. */
export function neededColumns(columns: readonly (NeededColumn | null)[]): NeededColumn[] {
  return columns.filter((c): c is NeededColumn => c !== null).sort((a, b) => a.index - b.index);
}

/** "the rating column (3) is missing", "the rating (3) and timestamp (4) columns are missing". */
function describeMissing(missing: readonly NeededColumn[]): string {
  if (missing.length === 1) return `the ${missing[0].name} column (${missing[0].index + 1}) is missing`;
  const named = missing.slice(0, 3).map((c) => `${c.name} (${c.index + 1})`);
  const more = missing.length - named.length;
  const list =
    more > 0
      ? `${named.join(', ')} and ${more} more`
      : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  return `the ${list} columns are missing`;
}

/**
 * The one row rule every table shares: a row is malformed only through a column a reader takes
 * values from. Fields beyond those (named in the header or not, empty or not) are ignored, so a
 * spreadsheet's stray cells cost no ratings. `needed` is sorted by index (see neededColumns).
 */
export function shapeProblem(
  row: string[],
  delimiter: string,
  needed: readonly NeededColumn[],
  header: string | null,
): string | null {
  // Cheap first-cell test first: joining every row would double the garbage of a large file.
  if (header !== null && header.startsWith(row[0]) && row.join(delimiter) === header) {
    return 'repeats the header row';
  }
  const last = needed[needed.length - 1];
  if (last === undefined || last.index < row.length) return null;
  const missing = needed.filter((c) => c.index >= row.length);
  return `has ${plural(row.length, 'field')}; ${describeMissing(missing)}`;
}

/** An empty line, or one of only delimiters (what spreadsheets write for an empty row). */
export const isBlank = (row: string[]): boolean => trimmedLength(row) === 0;

function formatRange(r: { min: number; max: number }): string {
  return `${r.min}–${r.max}`;
}

/** "1.6e12": a magnitude for a notice. */
const magnitude = (v: number): string => (v < 1e4 ? String(v) : v.toExponential(1).replace('+', ''));

class RatingsSink {
  readonly builder: InteractionsBuilder;
  private readonly fast: FastRatings;
  private readonly encoder = new TextEncoder();
  private readonly utf8 = new TextDecoder();
  private bytes = new Uint8Array(0);
  readonly sample: string[][] = [];
  /** Decided once, from the first numeric timestamps, then applied to every row. */
  unit: TimeUnit | null = null;
  typicalTime = 0;
  private header: string | null = null;
  private readonly needed: NeededColumn[];

  constructor(
    private readonly spec: RatingsSpec,
    readonly skips: SkipCollector,
  ) {
    this.builder = new InteractionsBuilder(spec.rating !== null, spec.timestamp !== null);
    this.fast = new FastRatings(spec, this.builder);
    this.needed = neededColumns([
      { index: spec.user, name: 'user' },
      { index: spec.item, name: 'item' },
      spec.rating === null ? null : { index: spec.rating, name: 'rating' },
      spec.timestamp === null ? null : { index: spec.timestamp, name: 'timestamp' },
    ]);
  }

  /** The unit of the file's epoch times, from the typical magnitude of this batch's first ones. */
  private decideUnit(rows: string[][]): void {
    const j = this.spec.timestamp;
    if (j === null) return;
    const values: number[] = [];
    for (let k = 0; k < rows.length && values.length < SAMPLE_ROWS; k++) {
      const v = j < rows[k].length ? epochNumber(rows[k][j].trim()) : null;
      if (v !== null && Number.isFinite(v)) values.push(v);
    }
    if (values.length === 0) return;
    const chosen = chooseTimeUnit(values);
    this.unit = chosen.unit;
    this.typicalTime = chosen.typical;
  }

  accept = (batch: RowBatch): string | null => {
    const { rows, first } = batch;
    if (this.unit === null) this.decideUnit(rows);
    for (let k = 0; k < rows.length; k++) this.row(rows[k], first + k, batch.start, batch.flagged);
    return null;
  };

  /**
   * A batch of quote-free lines (s without its final line break): plain lines go through the fast
   * reader, and any line it declines through the row reader, split as papaparse would split it.
   */
  acceptLines = (s: string, first: number, start: number): number => {
    const d = this.spec.delimiter;
    if (this.unit === null) this.decideUnit(s.split('\n', SAMPLE_ROWS).map((l) => l.split(d)));
    if (this.bytes.length < s.length * 3) this.bytes = new Uint8Array(s.length * 3 + 1024);
    const end = this.encoder.encodeInto(s, this.bytes).written;
    const b = this.bytes;
    const header = this.header;
    let rowNo = first;
    for (let at = 0; at <= end; rowNo++) {
      const nl = this.fast.scan(b, at, end);
      const fast =
        this.sample.length >= SAMPLE_ROWS &&
        (header === null || nl - at !== header.length) &&
        this.fast.add(b, this.unit);
      if (fast) this.skips.good();
      else this.row(this.utf8.decode(b.subarray(at, nl)).split(d), rowNo, start, null);
      at = nl + 1;
    }
    return rowNo - first;
  };

  get usesLines(): boolean {
    return this.fast.usable;
  }

  private row(row: string[], rowNo: number, start: number, flagged: Map<number, string> | null): void {
    if (rowNo === start && this.spec.hasHeader) {
      this.header = row.join(this.spec.delimiter);
      return;
    }
    if (isBlank(row)) return;
    if (this.sample.length < SAMPLE_ROWS) this.sample.push(row);
    const problem = flagged?.get(rowNo) ?? this.add(row);
    if (problem === null) this.skips.good();
    else this.skips.bad(rowNo, problem);
  }

  /** Adds one row, or returns what is wrong with it. */
  private add(row: string[]): string | null {
    const s = this.spec;
    const shape = shapeProblem(row, s.delimiter, this.needed, this.header);
    if (shape !== null) return shape;
    const user = row[s.user].trim();
    if (user === '') return 'user id is empty';
    const item = row[s.item].trim();
    if (item === '') return 'item id is empty';
    let rating = 1;
    if (s.rating !== null) {
      const text = row[s.rating].trim();
      if (text === '') return 'rating is empty';
      const v = parseRating(text, s.delimiter);
      if (typeof v === 'string') return v;
      if (s.ratingRange && (v < s.ratingRange.min || v > s.ratingRange.max)) {
        return `rating ${text} is outside the range ${formatRange(s.ratingRange)}`;
      }
      rating = v;
    }
    let time = 0;
    if (s.timestamp !== null) {
      const text = row[s.timestamp].trim();
      if (text === '') return 'timestamp is empty';
      const t = readTimestamp(text, this.unit ?? TIME_UNITS[0]);
      if (typeof t === 'string') return t;
      time = t;
    }
    this.builder.push(user, item, rating, time);
    return null;
  }

  /** What the reader decided: the time unit when it is not plain seconds. */
  notices(): string[] {
    const u = this.unit;
    if (u === null || u.perSecond === 1) return [];
    return [`timestamps read as ${u.name} since 1970 (values around ${magnitude(this.typicalTime)})`];
  }
}

/** Reads a ratings table into typed arrays, counting malformed rows and rejecting broken files. */
export async function readRatingsTable(
  file: NamedBlob,
  spec: RatingsSpec,
  ctx: JobContext,
  label = '',
): Promise<Result<RatingsTable>> {
  const range = spec.ratingRange;
  if (range && !(Number.isFinite(range.min) && Number.isFinite(range.max) && range.min <= range.max)) {
    // A NaN bound would compare false against every rating and so reject nothing.
    return fail(
      `${file.name}: the rating range ${formatRange(range)} is not a range of two numbers, min ≤ max`,
    );
  }
  const sink = new RatingsSink(spec, new SkipCollector(file.name, label));
  const lines = fastLines.enabled && sink.usesLines ? sink.acceptLines : undefined;
  const streamed = await streamDelimited(file, spec, ctx, sink.accept, lines);
  if (!streamed.ok) return streamed;
  const broken = sink.skips.finalFailure();
  if (broken !== null) return fail(broken);
  if (sink.builder.length === 0) {
    if (streamed.value.rows === 0) return fail(`${file.name}: the file is empty`);
    return fail(
      spec.hasHeader
        ? `${file.name}: has a header row but no data rows`
        : `${file.name}: has no data rows (only blank lines)`,
    );
  }
  const notices = sink.notices();
  const built = sink.builder.finish();
  const merged = mergeDuplicates(built);
  if (merged > 0) {
    const kept = built.interactions.timestamp === null ? 'the last in the file' : 'the latest by timestamp';
    notices.push(
      `${plural(merged, 'duplicate (user, item) row')} merged: kept the latest rating of each pair (${kept})`,
    );
  }
  return ok({ built, skips: sink.skips, encoding: streamed.value.encoding, notices, sample: sink.sample });
}
