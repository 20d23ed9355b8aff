import Papa from 'papaparse';
import { fail, ok, type Result } from '../types';
import { lastCompleteLine } from './cut';
import { ChunkDecoder, type Encoding, type TextEncoding } from './decode';
import { decideEncoding } from './encoding';
import { CANCELLED, type JobContext } from './progress';

export interface NamedBlob {
  name: string;
  blob: Blob;
}

export interface DelimitedOptions {
  delimiter: string;
  encoding: Encoding;
  /** false: quote characters are plain text (MovieLens .dat files, u.item). */
  quotes: boolean;
  /** Bytes read per step; tests use tiny chunks to force records across boundaries. */
  chunkSize?: number;
}

export interface RowBatch {
  rows: string[][];
  /** 1-based row number of rows[0], counting every record including the header. */
  first: number;
  /** Row number of the first record after a '#' comment preamble: the header, when there is one. */
  start: number;
  /** Row number -> problem, for rows that cannot be read (malformed quotes, undecodable bytes). */
  flagged: Map<number, string>;
}

/** Returns a reason to stop the whole parse, or null to go on. */
export type RowSink = (batch: RowBatch) => string | null;

/**
 * Takes quote-free records as text joined by '\n' (without the final break), numbered from `first`,
 * and returns how many records it read. A sink that reads fields itself skips papaparse's row arrays.
 */
export type LineSink = (text: string, first: number, start: number) => number;

export interface StreamSummary {
  rows: number;
  encoding: TextEncoding;
}

export const DEFAULT_CHUNK = 1 << 20;
/** A record longer than this is a broken file (an unclosed quote, or not text at all). */
export const MAX_RECORD_CHARS = 16 << 20;
/** Longest excerpt of a field quoted in a message. */
const EXCERPT = 40;

const BREAKS = /\r\n?/g;

/** Splits a text without trailing line break into records. */
function parseSegment(
  segment: string,
  first: number,
  opts: { delimiter: string; quotes: boolean },
): Result<RowBatch> {
  if (segment === '') return ok({ rows: [['']], first, start: 1, flagged: new Map() });
  const res = Papa.parse<string[]>(segment, {
    delimiter: opts.delimiter,
    newline: '\n',
    quoteChar: '"',
    fastMode: opts.quotes ? undefined : true,
    skipEmptyLines: false,
  });
  const flagged = new Map<number, string>();
  for (const e of res.errors) {
    const row = first + (e.row ?? 0);
    if (e.code === 'MissingQuotes') return fail(`row ${row}: a quoted field opens here and never closes`);
    flagged.set(row, 'malformed quotes (a quoted field must be followed by a delimiter)');
  }
  return ok({ rows: res.data, first, start: 1, flagged });
}

/** Flags rows whose bytes were not valid UTF-8: read with U+FFFD, two ids could become one. */
function flagUndecodable(batch: RowBatch): void {
  for (let k = 0; k < batch.rows.length; k++) {
    const row = batch.rows[k];
    const j = row.findIndex((cell) => cell.includes('\uFFFD'));
    if (j === -1 || batch.flagged.has(batch.first + k)) continue;
    const cell = row[j].length > EXCERPT ? `${row[j].slice(0, EXCERPT)}…` : row[j];
    batch.flagged.set(
      batch.first + k,
      `field ${j + 1} has bytes that are not valid UTF-8 ('${cell}'); the row is skipped rather than guessed`,
    );
  }
}

class Reader {
  private carry = '';
  /** A CR ending a chunk: the next chunk may open with the LF of the same CRLF. */
  private pendingCR = false;
  private row = 1;
  private inPreamble = true;
  comments = 0;
  start = 1;
  private readonly decoder: ChunkDecoder;

  constructor(
    private readonly opts: Omit<DelimitedOptions, 'encoding'> & { encoding: TextEncoding },
    private readonly sink: RowSink,
    private readonly lines?: LineSink,
  ) {
    this.decoder = new ChunkDecoder(opts.encoding);
  }

  get encoding(): TextEncoding {
    return this.decoder.encoding;
  }

  get rows(): number {
    return this.row - 1;
  }

  /**
   * CRLF, LF and a lone CR all end a line, mixed within one file (a CRLF file with a pasted LF
   * block; a CRLF header over an LF body): every break becomes LF before papaparse, which knows
   * only one line break per parse. A native replace keeps this cheap.
   */
  private normalise(text: string, final: boolean): string {
    if (this.pendingCR) {
      text = `\r${text}`;
      this.pendingCR = false;
    }
    if (text.indexOf('\r') === -1) return text;
    if (!final && text.endsWith('\r')) {
      this.pendingCR = true;
      text = text.slice(0, -1);
    }
    return text.replace(BREAKS, '\n');
  }

  /**
   * Skips '#' comment lines (and blank lines among them) before the first record, still counting
   * them as rows so that row numbers match the file's lines. Returns the text after them, or
   * null while the text ends inside the preamble.
   */
  private skipPreamble(text: string, final: boolean): string | null {
    let at = 0;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c !== 35 && !(c === 10 && this.comments > 0)) break;
      const nl = text.indexOf('\n', at);
      if (nl === -1 && !final) {
        this.carry = text.slice(at);
        return null;
      }
      if (c === 35) this.comments++;
      this.row++;
      at = nl === -1 ? text.length : nl + 1;
    }
    if (at >= text.length && !final) {
      this.carry = text.slice(at);
      return null;
    }
    this.inPreamble = false;
    this.start = this.row;
    return text.slice(at);
  }

  /** Feeds one chunk; returns a failure reason or null, and the rows emitted. */
  feed(bytes: Uint8Array, final: boolean): { error: string | null; rows: number } {
    let text = this.carry + this.normalise(this.decoder.decode(bytes, final), final);
    if (this.inPreamble) {
      const rest = this.skipPreamble(text, final);
      if (rest === null) return this.hold(this.carry, -1);
      text = rest;
    }
    let segment: string;
    if (final) {
      segment = text.endsWith('\n') ? text.slice(0, -1) : text;
      this.carry = '';
      if (segment === '' && this.row === this.start) return { error: null, rows: 0 };
    } else {
      const { cut, openQuoteAt } = lastCompleteLine(text, '\n', this.opts.delimiter, this.opts.quotes);
      if (cut === -1) return this.hold(text, openQuoteAt);
      segment = text.slice(0, cut);
      this.carry = text.slice(cut + 1);
    }
    return this.emit(segment);
  }

  private hold(text: string, openQuoteAt: number): { error: string | null; rows: number } {
    this.carry = text;
    if (text.length <= MAX_RECORD_CHARS) return { error: null, rows: 0 };
    const mb = MAX_RECORD_CHARS >> 20;
    const error =
      openQuoteAt >= 0
        ? `row ${this.row}: a quoted field opens here and does not close within ${mb} MB`
        : `row ${this.row} is longer than ${mb} MB; this does not look like a delimited text file`;
    return { error, rows: 0 };
  }

  private emit(segment: string): { error: string | null; rows: number } {
    const plain =
      this.lines !== undefined &&
      !(this.opts.quotes && segment.includes('"')) &&
      !(this.decoder.replaced && segment.includes('\uFFFD'));
    if (plain && this.lines) {
      const n = this.lines(segment, this.row, this.start);
      this.row += n;
      return { error: null, rows: n };
    }
    const parsed = parseSegment(segment, this.row, this.opts);
    if (!parsed.ok) return { error: parsed.reason, rows: 0 };
    const batch = { ...parsed.value, start: this.start };
    if (this.decoder.replaced && segment.includes('\uFFFD')) flagUndecodable(batch);
    const n = batch.rows.length;
    this.row += n;
    return { error: this.sink(batch), rows: n };
  }
}

/**
 * Streams a delimited file through `sink` in batches of complete records, never holding more
 * than one chunk (plus one partial record) of text. Failure reasons are prefixed with the file name.
 */
export async function streamDelimited(
  file: NamedBlob,
  opts: DelimitedOptions,
  ctx: JobContext,
  sink: RowSink,
  lines?: LineSink,
): Promise<Result<StreamSummary>> {
  const chunk = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK);
  const size = file.blob.size;
  const decided = await decideEncoding(file.blob, opts.encoding);
  if (decided.notice !== null) ctx.note(`${file.name}: ${decided.notice}`);
  const reader = new Reader({ ...opts, encoding: decided.encoding }, sink, lines);
  // UTF-16 text is half NUL bytes; in the other encodings a NUL means binary data.
  const nulIsBinary = !decided.encoding.startsWith('utf-16');
  let pos = 0;
  const read = (from: number) => file.blob.slice(from, Math.min(size, from + chunk)).arrayBuffer();
  // The next chunk is read while this one is parsed: waiting on each read cost a seventh of the time.
  let next = read(0);
  do {
    if (ctx.cancelled) return fail(CANCELLED);
    const end = Math.min(size, pos + chunk);
    const bytes = new Uint8Array(await next);
    if (end < size) {
      next = read(end);
      // Left unawaited when this read fails the parse below; its own failure is reported by the loop.
      next.catch(() => undefined);
    }
    const nul = nulIsBinary ? bytes.indexOf(0) : -1;
    if (nul >= 0) {
      return fail(`${file.name}: binary data (a NUL byte at byte ${pos + nul}, near row ${reader.rows + 1})`);
    }
    const { error, rows } = reader.feed(bytes, end >= size);
    if (error !== null) return fail(`${file.name}: ${error}`);
    ctx.advance(end - pos, rows);
    pos = end;
    if (await ctx.pause()) return fail(CANCELLED);
  } while (pos < size);
  if (reader.comments > 0) {
    const lines = reader.comments === 1 ? '1 comment line' : `${reader.comments} comment lines`;
    ctx.note(`${file.name}: skipped ${lines} starting with '#' before row ${reader.start}`);
  }
  return ok({ rows: reader.rows, encoding: reader.encoding });
}

/** The first `n` bytes of a blob. */
export async function readHead(blob: Blob, n: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, Math.min(n, blob.size)).arrayBuffer());
}
