import Papa from 'papaparse';
import { fail, ok, type Result } from '../types';
import { lastCompleteLine } from './cut';
import { ChunkDecoder, type Encoding } from './decode';
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
  /** Row number -> problem, for rows papaparse flagged (malformed quotes). */
  flagged: Map<number, string>;
}

/** Returns a reason to stop the whole parse, or null to go on. */
export type RowSink = (batch: RowBatch) => string | null;

export interface StreamSummary {
  rows: number;
  encoding: 'utf-8' | 'windows-1252';
}

export const DEFAULT_CHUNK = 1 << 20;
/** A record longer than this is a broken file (an unclosed quote, or not text at all). */
export const MAX_RECORD_CHARS = 16 << 20;

type Newline = '\n' | '\r\n' | '\r';

/** The file's line break, decided at its first one; null while the text ends before we can tell. */
function detectNewline(text: string, final: boolean): Newline | null {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (lf >= 0 && (cr === -1 || cr >= lf - 1)) return cr === lf - 1 ? '\r\n' : '\n';
  // A CR at the very end may be the first half of a CRLF split by the chunk boundary.
  if (cr >= 0 && (cr < text.length - 1 || final)) return '\r';
  return final ? '\n' : null;
}

function stripFinalBreak(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n') || text.endsWith('\r')) return text.slice(0, -1);
  return text;
}

/** Splits a text without trailing line break into records. */
function parseSegment(
  segment: string,
  first: number,
  newline: Newline,
  opts: DelimitedOptions,
): Result<RowBatch> {
  if (segment === '') return ok({ rows: [['']], first, flagged: new Map() });
  const res = Papa.parse<string[]>(segment, {
    delimiter: opts.delimiter,
    newline,
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
  return ok({ rows: res.data, first, flagged });
}

class Reader {
  private carry = '';
  private row = 1;
  private newline: Newline | null = null;
  private readonly decoder: ChunkDecoder;

  constructor(
    private readonly opts: DelimitedOptions,
    private readonly sink: RowSink,
  ) {
    this.decoder = new ChunkDecoder(opts.encoding);
  }

  get encoding(): 'utf-8' | 'windows-1252' {
    return this.decoder.encoding;
  }

  get rows(): number {
    return this.row - 1;
  }

  /** Feeds one chunk; returns a failure reason or null, and the rows emitted. */
  feed(bytes: Uint8Array, final: boolean): { error: string | null; rows: number } {
    const text = this.carry + this.decoder.decode(bytes, final);
    this.newline ??= detectNewline(text, final);
    if (this.newline === null) return this.hold(text, -1);
    let segment: string;
    if (final) {
      segment = stripFinalBreak(text);
      this.carry = '';
      if (segment === '' && this.row === 1) return { error: null, rows: 0 };
    } else {
      const brk = this.newline === '\r' ? '\r' : '\n';
      const { cut, openQuoteAt } = lastCompleteLine(text, brk, this.opts.delimiter, this.opts.quotes);
      if (cut === -1) return this.hold(text, openQuoteAt);
      segment = text.slice(0, this.newline === '\r\n' && text.charCodeAt(cut - 1) === 13 ? cut - 1 : cut);
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
    const parsed = parseSegment(segment, this.row, this.newline ?? '\n', this.opts);
    if (!parsed.ok) return { error: parsed.reason, rows: 0 };
    const n = parsed.value.rows.length;
    this.row += n;
    return { error: this.sink(parsed.value), rows: n };
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
): Promise<Result<StreamSummary>> {
  const chunk = Math.max(1, opts.chunkSize ?? DEFAULT_CHUNK);
  const size = file.blob.size;
  const reader = new Reader(opts, sink);
  let pos = 0;
  do {
    if (ctx.cancelled) return fail(CANCELLED);
    const end = Math.min(size, pos + chunk);
    const bytes = new Uint8Array(await file.blob.slice(pos, end).arrayBuffer());
    const nul = bytes.indexOf(0);
    if (nul >= 0) {
      return fail(`${file.name}: binary data (a NUL byte at byte ${pos + nul}, near row ${reader.rows + 1})`);
    }
    const { error, rows } = reader.feed(bytes, end >= size);
    if (error !== null) return fail(`${file.name}: ${error}`);
    ctx.advance(end - pos, rows);
    pos = end;
    if (await ctx.pause()) return fail(CANCELLED);
  } while (pos < size);
  return ok({ rows: reader.rows, encoding: reader.encoding });
}

/** The first `n` bytes of a blob. */
export async function readHead(blob: Blob, n: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, Math.min(n, blob.size)).arrayBuffer());
}
