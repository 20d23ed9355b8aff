import { InteractionsBuilder, type BuiltInteractions } from '../build';
import type { Encoding } from '../parse/decode';
import { streamDelimited, type NamedBlob, type RowBatch } from '../parse/delimited';
import type { JobContext } from '../parse/progress';
import { SkipCollector } from '../parse/skips';
import { parseNumber, parseTimestamp, trimmedLength } from '../parse/values';
import { fail, ok, type Result } from '../types';

export interface TableLayout {
  delimiter: string;
  encoding: Encoding;
  quotes: boolean;
  hasHeader: boolean;
  /** Columns a well-formed row has (empty trailing columns do not count). */
  columns: number;
  chunkSize?: number;
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
  encoding: 'utf-8' | 'windows-1252';
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Checks the shape shared by every table: blank lines, repeated headers, column counts. */
export function shapeProblem(
  row: string[],
  spec: TableLayout,
  needed: number,
  header: string | null,
): string | null {
  const k = trimmedLength(row);
  // Cheap first-cell test first: joining every row would double the garbage of a large file.
  if (header !== null && header.startsWith(row[0]) && row.join(spec.delimiter) === header) {
    return 'repeats the header row';
  }
  if (k > spec.columns || k < needed) {
    return `has ${plural(k, 'column')}, expected ${spec.columns}`;
  }
  return null;
}

export const isBlank = (row: string[]): boolean => row.length === 1 && row[0].trim() === '';

function formatRange(r: { min: number; max: number }): string {
  return `${r.min}–${r.max}`;
}

class RatingsSink {
  readonly builder: InteractionsBuilder;
  private header: string | null = null;
  private readonly needed: number;

  constructor(
    private readonly spec: RatingsSpec,
    readonly skips: SkipCollector,
  ) {
    this.builder = new InteractionsBuilder(spec.rating !== null, spec.timestamp !== null);
    this.needed = 1 + Math.max(spec.user, spec.item, spec.rating ?? 0, spec.timestamp ?? 0);
  }

  accept = (batch: RowBatch): string | null => {
    const { rows, first } = batch;
    for (let k = 0; k < rows.length; k++) {
      const rowNo = first + k;
      const row = rows[k];
      if (rowNo === 1 && this.spec.hasHeader) {
        this.header = row.join(this.spec.delimiter);
        continue;
      }
      if (isBlank(row)) continue;
      const problem = batch.flagged.get(rowNo) ?? this.add(row);
      if (problem === null) {
        this.skips.good();
        continue;
      }
      this.skips.bad(rowNo, problem);
      const early = this.skips.earlyFailure();
      if (early !== null) return early;
    }
    return null;
  };

  /** Adds one row, or returns what is wrong with it. */
  private add(row: string[]): string | null {
    const s = this.spec;
    const shape = shapeProblem(row, s, this.needed, this.header);
    if (shape !== null) return shape;
    const user = row[s.user].trim();
    if (user === '') return 'user id is empty';
    const item = row[s.item].trim();
    if (item === '') return 'item id is empty';
    let rating = 1;
    if (s.rating !== null) {
      const text = row[s.rating].trim();
      if (text === '') return 'rating is empty';
      const v = parseNumber(text, s.delimiter);
      if (v === null) return `rating '${text}' is not a number`;
      if (s.ratingRange && (v < s.ratingRange.min || v > s.ratingRange.max)) {
        return `rating ${text} is outside the range ${formatRange(s.ratingRange)}`;
      }
      rating = v;
    }
    let time = 0;
    if (s.timestamp !== null) {
      const text = row[s.timestamp].trim();
      if (text === '') return 'timestamp is empty';
      const t = parseTimestamp(text);
      if (t === null) return `timestamp '${text}' is neither an epoch time nor an ISO date`;
      time = t;
    }
    this.builder.push(user, item, rating, time);
    return null;
  }
}

/** Reads a ratings table into typed arrays, counting malformed rows and rejecting broken files. */
export async function readRatingsTable(
  file: NamedBlob,
  spec: RatingsSpec,
  ctx: JobContext,
  label = '',
): Promise<Result<RatingsTable>> {
  const sink = new RatingsSink(spec, new SkipCollector(file.name, label));
  const streamed = await streamDelimited(file, spec, ctx, sink.accept);
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
  return ok({ built: sink.builder.finish(), skips: sink.skips, encoding: streamed.value.encoding });
}
