/**
 * The encoding of a file, decided once from samples of its bytes before any row is parsed. A
 * decoder that changed its mind mid-file would read the same id two ways; a strict one that
 * replaced what it could not read would merge distinct ids through U+FFFD.
 */
import { incompleteUtf8Tail, utf16Bom, type Encoding, type TextEncoding } from './decode';

/** Files up to this size are checked whole: it costs milliseconds. */
export const WHOLE_SAMPLE = 8 << 20;
/** Larger files: their head, plus evenly spread windows (a stray Latin-1 byte deep inside). */
const HEAD_SAMPLE = 1 << 20;
const WINDOW = 64 << 10;
const WINDOWS = 16;

export interface EncodingDecision {
  encoding: TextEncoding;
  /** What was decided, for Dataset.notices; null for plain UTF-8. */
  notice: string | null;
}

const hex = (b: number): string => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

interface Utf8Census {
  /** File offset and value of the first invalid byte, or null when all are valid. */
  first: { at: number; byte: number } | null;
  invalid: number;
  /** Well-formed multi-byte sequences: evidence the file is UTF-8 with a few stray bytes. */
  multi: number;
}

/** Counts well-formed multi-byte sequences and invalid bytes (only run on a sample that failed). */
export function utf8Census(bytes: Uint8Array, offset: number, into: Utf8Census): void {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    let ok = need > 0 && i + need < n;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      into.multi++;
      i += need + 1;
      continue;
    }
    into.invalid++;
    into.first ??= { at: offset + i, byte: b };
    i++;
  }
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Where a window cut out of the middle of a file really starts and ends (no cut sequences). */
function trimWindow(bytes: Uint8Array, atStart: boolean, atEnd: boolean): [number, number] {
  let from = 0;
  if (!atStart) while (from < 3 && from < bytes.length && (bytes[from] & 0xc0) === 0x80) from++;
  const to = atEnd ? bytes.length : bytes.length - incompleteUtf8Tail(bytes);
  return [from, Math.max(from, to)];
}

async function sampleUtf8(blob: Blob, whole: Uint8Array | null): Promise<Utf8Census> {
  const size = blob.size;
  const spans: [number, number][] = [];
  if (size <= WHOLE_SAMPLE) spans.push([0, size]);
  else {
    spans.push([0, HEAD_SAMPLE]);
    const step = (size - HEAD_SAMPLE) / WINDOWS;
    for (let k = 1; k <= WINDOWS; k++) {
      const end = Math.min(size, Math.round(HEAD_SAMPLE + step * k));
      spans.push([Math.max(HEAD_SAMPLE, end - WINDOW), end]);
    }
  }
  const census: Utf8Census = { first: null, invalid: 0, multi: 0 };
  for (const [start, end] of spans) {
    const raw = whole ?? new Uint8Array(await blob.slice(start, end).arrayBuffer());
    const [from, to] = trimWindow(raw, start === 0, end === size);
    const bytes = raw.subarray(from, to);
    if (validUtf8(bytes)) {
      // Count its sequences too only once something is wrong somewhere: valid files skip the scan.
      if (census.invalid > 0) utf8Census(bytes, start + from, census);
      continue;
    }
    if (census.invalid === 0) {
      // Windows read before this one were valid: count their sequences now, for a fair vote.
      for (const [s2, e2] of spans) {
        if (s2 === start) break;
        const r2 = new Uint8Array(await blob.slice(s2, e2).arrayBuffer());
        const [f2, t2] = trimWindow(r2, s2 === 0, e2 === size);
        utf8Census(r2.subarray(f2, t2), s2 + f2, census);
      }
    }
    utf8Census(bytes, start + from, census);
  }
  return census;
}

/**
 * Decides how to decode a file: a byte order mark wins; 'auto' is UTF-8 when the sampled bytes
 * are valid UTF-8 and Windows-1252 (a superset of Latin-1) otherwise. A forced 'utf-8' stays
 * UTF-8: rows it cannot decode are then skipped and reported, never merged.
 */
export async function decideEncoding(blob: Blob, requested: Encoding): Promise<EncodingDecision> {
  // A small file is read once, for its byte order mark and its sample alike.
  const whole = blob.size <= WHOLE_SAMPLE ? new Uint8Array(await blob.arrayBuffer()) : null;
  const bom = utf16Bom(whole ?? new Uint8Array(await blob.slice(0, 2).arrayBuffer()));
  if (bom !== null) {
    const label = bom === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
    return { encoding: bom, notice: `decoded as ${label}: the file starts with a UTF-16 byte order mark` };
  }
  if (requested === 'windows-1252') return { encoding: 'windows-1252', notice: null };
  if (requested === 'utf-8') return { encoding: 'utf-8', notice: null };
  const census = await sampleUtf8(blob, whole);
  if (census.first === null) return { encoding: 'utf-8', notice: null };
  const where = `${hex(census.first.byte)} at byte ${census.first.at}`;
  const what = blob.size <= WHOLE_SAMPLE ? 'the file' : 'the sampled parts of the file';
  const isNot = blob.size <= WHOLE_SAMPLE ? 'is not' : 'are not';
  if (census.multi > census.invalid) {
    // Mostly well-formed UTF-8: a few stray bytes do not make every other letter Latin-1.
    const n = census.invalid === 1 ? '1 byte is' : `${census.invalid} bytes are`;
    return {
      encoding: 'utf-8',
      notice: `decoded as UTF-8, but ${n} not valid UTF-8 in ${what} (first: ${where}); rows holding them are skipped`,
    };
  }
  return {
    encoding: 'windows-1252',
    notice: `decoded as Windows-1252 (Latin-1): ${what} ${isNot} valid UTF-8 (first: ${where})`,
  };
}
