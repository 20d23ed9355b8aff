/**
 * Exports of an embedding: the TensorFlow Embedding Projector's vectors.tsv and metadata.tsv, a CSV of
 * each item's nearest neighbours and a CSV of 2D coordinates. Text cells of the CSVs are quoted as
 * RFC 4180 asks and defused against spreadsheet formula injection; numbers are written as numbers.
 */
import type { Result } from '../data/types';
import type { Neighbours, VectorSet } from './distance';

/** What an export says about an item. */
export interface ItemLabel {
  id: string;
  title: string;
  genres: string[];
  /** 0 when unknown. */
  year: number;
}

/** The shortest decimal that reads back as the same float32 (at most 9 digits). */
export function formatFloat(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const f = Math.fround(x);
  for (let p = 6; p < 9; p++) {
    const v = Number(f.toPrecision(p));
    if (Math.fround(v) === f) return String(v);
  }
  return String(Number(f.toPrecision(9)));
}

/** The Projector's vectors.tsv: one line per item, values separated by tabs, no header. */
export function projectorVectors(set: VectorSet): string {
  const lines: string[] = [];
  for (let i = 0; i < set.n; i++) {
    const row: string[] = [];
    for (let c = i * set.dim; c < (i + 1) * set.dim; c++) row.push(formatFloat(set.vectors[c]));
    lines.push(row.join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

/** A vectors.tsv read back (one saved earlier): every line the same width, every value a number. */
export function parseProjectorVectors(text: string): Result<VectorSet> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return { ok: false, reason: 'The vectors file is empty.' };
  const dim = lines[0].split('\t').length;
  const vectors = new Float32Array(lines.length * dim);
  for (let i = 0; i < lines.length; i++) {
    const cells = lines[i].split('\t');
    if (cells.length !== dim)
      return { ok: false, reason: `Line ${i + 1} has ${cells.length} values where line 1 has ${dim}.` };
    for (let c = 0; c < dim; c++) {
      const x = cells[c].trim() === '' ? NaN : Number(cells[c]);
      if (!Number.isFinite(x))
        return { ok: false, reason: `Line ${i + 1}, value ${c + 1}: '${cells[c]}' is not a number.` };
      vectors[i * dim + c] = x;
    }
  }
  return { ok: true, value: { n: lines.length, dim, vectors } };
}

/** A Projector cell: tabs and line breaks would split the row, so they become spaces. */
const tsvCell = (x: string | number) => String(x).replace(/[\t\r\n]+/g, ' ');

/**
 * The Projector's metadata.tsv: with more than one column its first line names them, then one line per
 * item in the order of vectors.tsv. `primary` adds a column to colour by.
 */
export function projectorMetadata(items: ItemLabel[], primary?: string[]): string {
  const head = ['id', 'title', 'genres', 'year', ...(primary ? ['primary genre'] : [])];
  const rows = items.map((it, i) => [
    it.id,
    it.title,
    it.genres.join('|'),
    it.year || '',
    ...(primary ? [primary[i]] : []),
  ]);
  return `${[head, ...rows].map((r) => r.map(tsvCell).join('\t')).join('\n')}\n`;
}

/**
 * A text cell a spreadsheet will not run: a leading =, +, -, @, tab or carriage return would start a
 * formula, so a quote is put before it (OWASP's advice); then quoted if it holds a comma, quote or break.
 */
export function csvText(x: string): string {
  const safe = /^[=+\-@\t\r]/.test(x) ? `'${x}` : x;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvCell = (x: string | number) => (typeof x === 'number' ? formatFloat(x) : csvText(x));

export function toCsv(head: string[], rows: (string | number)[][]): string {
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Every item's neighbours, one row each, nearest first, with the metric's figure under `valueName`. */
export function neighboursCsv(items: ItemLabel[], nb: Neighbours, valueName: string, k = nb.k): string {
  const kk = Math.min(k, nb.k);
  const rows: (string | number)[][] = [];
  for (let r = 0; r < nb.rows; r++) {
    const a = items[nb.from + r];
    for (let c = 0; c < kk; c++) {
      const b = items[nb.indices[r * nb.k + c]];
      rows.push([
        a.id,
        a.title,
        a.genres.join('|'),
        c + 1,
        b.id,
        b.title,
        b.genres.join('|'),
        nb.values[r * nb.k + c],
      ]);
    }
  }
  const head = [
    'id',
    'title',
    'genres',
    'rank',
    'neighbour id',
    'neighbour title',
    'neighbour genres',
    valueName,
  ];
  return toCsv(head, rows);
}

/** A 2D map's coordinates, one row per item, with what colours it. */
export function coordinatesCsv(items: ItemLabel[], coords: Float32Array, primary: string[]): string {
  const rows = items.map((it, i) => [
    it.id,
    it.title,
    it.genres.join('|'),
    primary[i],
    coords[2 * i],
    coords[2 * i + 1],
  ]);
  return toCsv(['id', 'title', 'genres', 'primary genre', 'x', 'y'], rows);
}
