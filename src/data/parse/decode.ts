/**
 * Byte-level checks and chunked text decoding. Chunks are decoded one by one so a 1 GB file
 * never exists as one string. The encoding is decided once, before parsing (see encoding.ts):
 * switching mid-file would read the same id two ways ("café" and "cafÃ©") and double the items.
 */

/** What a reader asks for: 'auto' decides from a sample of the bytes. */
export type Encoding = 'utf-8' | 'windows-1252' | 'auto';
/** What a file is actually decoded as. */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

const BOM = [0xef, 0xbb, 0xbf];

/** Length of an incomplete UTF-8 sequence at the end of bytes (0 when it ends on a boundary). */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The UTF-16 byte order mark at the start of bytes, if any. */
export function utf16Bom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

export class ChunkDecoder {
  private tail: Uint8Array = new Uint8Array(0);
  private first = true;
  private readonly mode: TextEncoding;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly lenient: InstanceType<typeof TextDecoder>;
  /**
   * Whether some bytes were not valid in the chosen UTF-8 and became U+FFFD: the reader then
   * rejects the rows holding one rather than merge distinct ids through the same character.
   */
  replaced = false;

  constructor(encoding: TextEncoding | 'auto') {
    this.mode = encoding === 'auto' ? 'utf-8' : encoding;
    // UTF-16 decoders strip their own BOM; windows-1252 has none to strip.
    this.lenient = new TextDecoder(this.mode, { ignoreBOM: this.mode === 'utf-8' });
  }

  get encoding(): TextEncoding {
    return this.mode;
  }

  decode(chunk: Uint8Array, final: boolean): string {
    if (this.mode !== 'utf-8') return this.lenient.decode(chunk, { stream: !final });
    let bytes = concat(this.tail, chunk);
    this.tail = new Uint8Array(0);
    if (this.first) {
      // A BOM can straddle tiny chunks: wait for three bytes before deciding.
      if (bytes.length < 3 && !final) {
        this.tail = bytes;
        return '';
      }
      this.first = false;
      if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) bytes = bytes.subarray(3);
    }
    const keep = final ? 0 : incompleteUtf8Tail(bytes);
    const body = keep > 0 ? bytes.subarray(0, bytes.length - keep) : bytes;
    if (keep > 0) this.tail = bytes.slice(bytes.length - keep);
    try {
      return this.utf8.decode(body);
    } catch {
      this.replaced = true;
      return this.lenient.decode(body);
    }
  }
}

export interface ByteVerdict {
  kind: 'text' | 'zip' | 'gzip' | 'binary' | 'empty';
  /** Human-readable reason when kind is not 'text'. */
  detail: string;
  /** Best encoding guess for text, from these bytes alone. */
  encoding: TextEncoding;
}

function isValidUtf8(bytes: Uint8Array, allowTruncatedEnd: boolean): boolean {
  const cut = allowTruncatedEnd ? bytes.length - incompleteUtf8Tail(bytes) : bytes.length;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, cut));
    return true;
  } catch {
    return false;
  }
}

/** Bytes that never occur in text, in any of the encodings we accept. */
function controlByteShare(bytes: Uint8Array): number {
  let bad = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) bad++;
    else if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) bad++;
  }
  return bytes.length === 0 ? 0 : bad / bytes.length;
}

export const isZipHead = (head: Uint8Array): boolean =>
  head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05);

/**
 * Classifies the first bytes of a file. `isWhole` says whether head is the entire file (then a
 * truncated UTF-8 sequence at the end is a real error, not a cut).
 */
export function inspectBytes(head: Uint8Array, isWhole: boolean): ByteVerdict {
  const utf8 = { encoding: 'utf-8' as const };
  if (head.length === 0) return { kind: 'empty', detail: 'the file is empty', ...utf8 };
  if (isZipHead(head)) return { kind: 'zip', detail: 'a zip archive', ...utf8 };
  if (head[0] === 0x1f && head[1] === 0x8b) {
    return { kind: 'gzip', detail: 'gzip-compressed; decompress it first', ...utf8 };
  }
  // UTF-16 text is half NUL bytes: its byte order mark says so before the NUL test calls it binary.
  const utf16 = utf16Bom(head);
  if (utf16 !== null) {
    return head.length <= 2 && isWhole
      ? { kind: 'empty', detail: 'the file is empty', encoding: utf16 }
      : { kind: 'text', detail: '', encoding: utf16 };
  }
  const nul = head.indexOf(0);
  if (nul >= 0) {
    return {
      kind: 'binary',
      detail: `a binary file (NUL byte at offset ${nul}), not delimited text`,
      ...utf8,
    };
  }
  if (isValidUtf8(head, !isWhole)) return { kind: 'text', detail: '', ...utf8 };
  const share = controlByteShare(head);
  if (share > 0.01) {
    const pct = (share * 100).toFixed(1);
    return {
      kind: 'binary',
      detail: `a binary file (${pct}% control bytes, not valid UTF-8), not delimited text`,
      encoding: 'windows-1252',
    };
  }
  return { kind: 'text', detail: '', encoding: 'windows-1252' };
}
