import { InteractionsBuilder, type BuiltInteractions } from '../build';
import type { Encoding, TextEncoding } from '../parse/decode';
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
}

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

class RatingsSink {
  readonly builder: InteractionsBuilder;
  private header: string | null = null;
  private readonly needed: NeededColumn[];

  constructor(
    private readonly spec: RatingsSpec,
    readonly skips: SkipCollector,
  ) {
    this.builder = new InteractionsBuilder(spec.rating !== null, spec.timestamp !== null);
    this.needed = neededColumns([
      { index: spec.user, name: 'user' },
      { index: spec.item, name: 'item' },
      spec.rating === null ? null : { index: spec.rating, name: 'rating' },
      spec.timestamp === null ? null : { index: spec.timestamp, name: 'timestamp' },
    ]);
  }

  accept = (batch: RowBatch): string | null => {
    const { rows, first } = batch;
    for (let k = 0; k < rows.length; k++) {
      const rowNo = first + k;
      const row = rows[k];
      if (rowNo === batch.start && this.spec.hasHeader) {
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
    }
    return null;
  };

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
  const notices: string[] = [];
  return ok({ built: sink.builder.finish(), skips: sink.skips, encoding: streamed.value.encoding, notices });
}
