import { describe, expect, it } from 'vitest';
import { lastCompleteLine } from '../../../src/data/parse/cut';
import { ChunkDecoder, inspectBytes } from '../../../src/data/parse/decode';
import { streamDelimited, type DelimitedOptions, type RowBatch } from '../../../src/data/parse/delimited';
import { CANCELLED, JobContext } from '../../../src/data/parse/progress';
import type { Progress } from '../../../src/data';
import { expectFail, expectOk, latin1Blob, textBlob } from './helpers';

async function collect(text: string | Uint8Array<ArrayBuffer>, opts: Partial<DelimitedOptions> = {}) {
  const blob = typeof text === 'string' ? textBlob('t.csv', text) : { name: 't.csv', blob: new Blob([text]) };
  const rows: string[][] = [];
  const firsts: number[] = [];
  const numbers: number[] = [];
  const flagged: [number, string][] = [];
  const sink = (b: RowBatch) => {
    firsts.push(b.first);
    b.rows.forEach((_, k) => numbers.push(b.first + k));
    rows.push(...b.rows);
    flagged.push(...b.flagged);
    return null;
  };
  const full: DelimitedOptions = { delimiter: ',', encoding: 'auto', quotes: true, ...opts };
  const r = await streamDelimited(blob, full, new JobContext(blob.blob.size), sink);
  return { r, rows, firsts, numbers, flagged };
}

const CSV =
  'id,title,genres\r\n1,"Heat, The (1995)",Action\r\n2,"Line one\r\nline two, ""quoted""",Drama\r\n3,Plain,\r\n';
const EXPECTED = [
  ['id', 'title', 'genres'],
  ['1', 'Heat, The (1995)', 'Action'],
  // Every line break becomes LF before parsing (a file may mix them), inside quotes too.
  ['2', 'Line one\nline two, "quoted"', 'Drama'],
  ['3', 'Plain', ''],
];

describe('lastCompleteLine', () => {
  it('never cuts inside a quoted field', () => {
    const text = 'a,"x\ny"\nb,"open\nstill open';
    expect(lastCompleteLine(text, '\n', ',', true)).toEqual({ cut: 7, openQuoteAt: 10 });
  });
  it('treats quotes inside an unquoted field as text', () => {
    expect(lastCompleteLine('a,b"c\nd,e\nf', '\n', ',', true).cut).toBe(9);
  });
  it('ignores quotes entirely when quoting is off', () => {
    expect(lastCompleteLine('1::"Heat::x\n2::y', '\n', '::', false).cut).toBe(11);
  });
});

describe('streamDelimited', () => {
  it('parses CRLF, quoted commas, escaped quotes and embedded line breaks', async () => {
    const { r, rows } = await collect(CSV);
    expect(expectOk(r).rows).toBe(4);
    expect(rows).toEqual(EXPECTED);
  });

  it('gives the same rows for every chunk size, including a quoted newline across a boundary', async () => {
    for (const chunkSize of [1, 2, 3, 5, 7, 11, 16, 64]) {
      const { rows, firsts } = await collect(CSV, { chunkSize });
      expect(rows, `chunk ${chunkSize}`).toEqual(EXPECTED);
      expect(firsts[0]).toBe(1);
    }
    // The boundary falls right after "Line one\r" inside the quotes.
    const cut = new TextEncoder().encode(CSV.slice(0, CSV.indexOf('Line one') + 9)).length;
    expect((await collect(CSV, { chunkSize: cut })).rows).toEqual(EXPECTED);
  });

  it('numbers rows as a spreadsheet does, counting blank lines and multi-line records once', async () => {
    for (const chunkSize of [1, 4, 100]) {
      const { numbers, rows } = await collect('a,b\n"x\ny",1\n\nc,d\n', { chunkSize });
      expect(rows).toEqual([['a', 'b'], ['x\ny', '1'], [''], ['c', 'd']]);
      expect(numbers).toEqual([1, 2, 3, 4]);
    }
  });

  it('strips a UTF-8 BOM and keeps multi-byte characters split across chunks', async () => {
    const text = '\uFEFFitem,title\n1,Café Noir\n2,Ærø — 日本\n';
    for (const chunkSize of [1, 2, 3, 4, 100]) {
      const { rows, r } = await collect(text, { chunkSize });
      expect(rows).toEqual([
        ['item', 'title'],
        ['1', 'Café Noir'],
        ['2', 'Ærø — 日本'],
      ]);
      expect(expectOk(r).encoding).toBe('utf-8');
    }
  });

  it('falls back to Latin-1 when the bytes are not UTF-8', async () => {
    const { blob } = latin1Blob('u.item', '1633|Á köldum klaka (Cold Fever) (1994)\n');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    for (const chunkSize of [1, 3, 1000]) {
      const { rows, r } = await collect(bytes, { delimiter: '|', quotes: false, chunkSize });
      expect(rows).toEqual([['1633', 'Á köldum klaka (Cold Fever) (1994)']]);
      expect(expectOk(r).encoding).toBe('windows-1252');
    }
  });

  it('accepts old Mac line breaks and a missing final line break', async () => {
    expect((await collect('a,b\rc,d', { chunkSize: 2 })).rows).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('flags malformed quotes on their row and fails on a quote that never closes', async () => {
    const { flagged, rows } = await collect('a,b\nx,"y"z",1\nc,d\n', { chunkSize: 2 });
    expect(flagged.map(([row]) => row)).toEqual([2]);
    expect(rows).toEqual([
      ['a', 'b'],
      ['x', 'y"z', '1'],
      ['c', 'd'],
    ]);
    const { r } = await collect('a,b\nc,"open\nd,e\n', { chunkSize: 3 });
    expect(expectFail(r)).toBe('t.csv: row 2: a quoted field opens here and never closes');
  });

  it('rejects NUL bytes that appear after the sniffed head', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('a,b\nc,d\n'), 0, 1, 2]);
    const { r } = await collect(bytes, { chunkSize: 4 });
    expect(expectFail(r)).toBe('t.csv: binary data (a NUL byte at byte 8, near row 3)');
  });

  it('reports throttled progress in bytes and rows, and stops on abort', async () => {
    const line = '12345,67890,4.5,881250949\n';
    const text = line.repeat(80_000);
    const events: Progress[] = [];
    const ctl = new AbortController();
    const ctx = new JobContext(text.length, (p) => events.push(p), ctl.signal);
    let rows = 0;
    const started = performance.now();
    const r = await streamDelimited(
      textBlob('big.csv', text),
      { delimiter: ',', encoding: 'utf-8', quotes: true, chunkSize: 4096 },
      ctx,
      (b) => {
        rows += b.rows.length;
        // Cancel from "outside" once parsing is under way, as the worker's message handler would.
        if (rows > 20_000 && !ctl.signal.aborted) setTimeout(() => ctl.abort(), 0);
        return null;
      },
    );
    expect(expectFail(r)).toBe(CANCELLED);
    expect(rows).toBeLessThan(80_000);
    expect(performance.now() - started).toBeLessThan(10_000);
    for (const e of events) expect(e.unit).toBe('bytes');
    for (let k = 1; k < events.length; k++) expect(events[k].done).toBeGreaterThanOrEqual(events[k - 1].done);
  });
});

describe('byte inspection', () => {
  it('classifies zip, gzip, NUL-bearing and Latin-1 heads', () => {
    expect(inspectBytes(Uint8Array.from([0x50, 0x4b, 3, 4, 0]), false).kind).toBe('zip');
    expect(inspectBytes(Uint8Array.from([0x1f, 0x8b, 8]), true).kind).toBe('gzip');
    expect(inspectBytes(Uint8Array.from([65, 0, 66]), true).detail).toBe(
      'a binary file (NUL byte at offset 1), not delimited text',
    );
    const latin = inspectBytes(Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x0a]), true);
    expect(latin).toEqual({ kind: 'text', detail: '', encoding: 'windows-1252' });
    // A UTF-8 sequence cut by the 64 KB sniff window is not an encoding error.
    expect(inspectBytes(Uint8Array.from([0x41, 0xc3]), false).encoding).toBe('utf-8');
  });

  it('decodes chunk by chunk without losing split sequences', () => {
    const d = new ChunkDecoder('utf-8');
    const bytes = new TextEncoder().encode('é日');
    const parts = [bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)];
    expect(parts.map((p, k) => d.decode(p, k === 2)).join('')).toBe('é日');
  });
});

it('strips a BOM split across one-byte chunks itself', () => {
  const d = new ChunkDecoder('auto');
  const bytes = new TextEncoder().encode('\uFEFFuser');
  const text = Array.from(bytes, (b, k) => d.decode(Uint8Array.of(b), k === bytes.length - 1)).join('');
  expect(text).toBe('user');
});
