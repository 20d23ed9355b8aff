/** The Projector's TSV files, CSV quoting and formula defusing, read back with an independent parser. */
import { describe, expect, it } from 'vitest';
import type { Neighbours } from '../../../src/similarity/distance';
import {
  coordinatesCsv,
  csvText,
  formatFloat,
  neighboursCsv,
  parseProjectorVectors,
  projectorMetadata,
  projectorVectors,
  type ItemLabel,
} from '../../../src/similarity/export';

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  expect(cell).toBe('');
  return rows;
}

const items: ItemLabel[] = [
  { id: '1', title: 'Star Wars (1977)', genres: ['Action', 'Sci-Fi'], year: 1977 },
  { id: '2', title: '=HYPERLINK("http://x","click")', genres: ['Drama'], year: 0 },
  { id: '3', title: 'Say "hi", then\nleave', genres: [], year: 1999 },
  { id: '4', title: '-1 + @home\tnow', genres: ['Comedy'], year: 2001 },
];

describe('CSV', () => {
  it('defuses formulas and quotes what needs quoting', () => {
    expect(csvText('Star Wars (1977)')).toBe('Star Wars (1977)');
    for (const lead of ['=', '+', '-', '@', '\t']) expect(csvText(`${lead}x`)).toBe(`'${lead}x`);
    expect(csvText('\rx')).toBe(`"'\rx"`);
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('=1+2,3')).toBe(`"'=1+2,3"`);
    expect(csvText('x=1')).toBe('x=1');
  });

  it('writes every neighbour row, read back exactly by a CSV parser', () => {
    const nb: Neighbours = {
      from: 0,
      rows: 4,
      k: 2,
      indices: Int32Array.from([1, 2, 0, 3, 3, 0, 2, 1]),
      values: Float32Array.from([0.5, 1.25, -0.5, 2, 3, 4, 5, 6]),
    };
    const rows = parseCsv(neighboursCsv(items, nb, 'squared distance'));
    expect(rows[0]).toEqual([
      'id',
      'title',
      'genres',
      'rank',
      'neighbour id',
      'neighbour title',
      'neighbour genres',
      'squared distance',
    ]);
    expect(rows).toHaveLength(1 + 8);
    expect(rows[1]).toEqual([
      '1',
      'Star Wars (1977)',
      'Action|Sci-Fi',
      '1',
      '2',
      `'${items[1].title}`,
      'Drama',
      '0.5',
    ]);
    expect(rows[3]).toEqual([
      '2',
      `'${items[1].title}`,
      'Drama',
      '1',
      '1',
      'Star Wars (1977)',
      'Action|Sci-Fi',
      '-0.5',
    ]);
    expect(rows[5][1]).toBe(items[2].title);
    expect(rows[7][1]).toBe(`'${items[3].title}`);
    // Only the first k asked for.
    expect(parseCsv(neighboursCsv(items, nb, 'd', 1))).toHaveLength(1 + 4);
  });

  it('writes coordinates with their primary genre', () => {
    const rows = parseCsv(
      coordinatesCsv(items, Float32Array.from([0.1, -2, 3, 4, 5, 6, 7, 8]), ['Sci-Fi', 'Drama', '', '@x']),
    );
    expect(rows[0]).toEqual(['id', 'title', 'genres', 'primary genre', 'x', 'y']);
    expect(rows[1]).toEqual(['1', 'Star Wars (1977)', 'Action|Sci-Fi', 'Sci-Fi', '0.1', '-2']);
    expect(rows[4][3]).toBe("'@x");
  });
});

describe('Embedding Projector files', () => {
  it('vectors.tsv: one tab-separated line per item, no header, values read back as the same float32', () => {
    const vectors = Float32Array.from([0.1, -2.5e-8, 3, 1 / 3, 1e6, -7.25]);
    const text = projectorVectors({ n: 2, dim: 3, vectors });
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const back = lines.slice(0, 2).flatMap((l) => l.split('\t').map(Number));
    expect(Float32Array.from(back)).toEqual(vectors);
    expect(lines[0].split('\t')[0]).toBe('0.1');
    expect(formatFloat(Math.fround(1 / 3))).toBe('0.33333334');
  });

  it('metadata.tsv: a header row, then one line per item with no stray tabs or breaks', () => {
    const text = projectorMetadata(items, ['Sci-Fi', 'Drama', '', 'Comedy']);
    const lines = text.split('\n');
    expect(lines).toHaveLength(items.length + 2);
    expect(lines[0]).toBe('id\ttitle\tgenres\tyear\tprimary genre');
    expect(lines[1]).toBe('1\tStar Wars (1977)\tAction|Sci-Fi\t1977\tSci-Fi');
    for (const l of lines.slice(1, -1)) expect(l.split('\t')).toHaveLength(5);
    expect(lines[3]).toBe('3\tSay "hi", then leave\t\t1999\t');
    expect(lines[2].split('\t')[3]).toBe('');
    expect(projectorMetadata(items).split('\n')[0]).toBe('id\ttitle\tgenres\tyear');
  });
});

describe('reading vectors.tsv back', () => {
  it('returns the same vectors, and says what is wrong with a bad file', () => {
    const vectors = Float32Array.from([0.1, -2, 3.5, 1e-9, 7, 8]);
    const back = parseProjectorVectors(projectorVectors({ n: 3, dim: 2, vectors }));
    expect(back).toEqual({ ok: true, value: { n: 3, dim: 2, vectors } });
    expect(parseProjectorVectors('')).toEqual({ ok: false, reason: 'The vectors file is empty.' });
    expect(parseProjectorVectors('1\t2\n3\n')).toEqual({
      ok: false,
      reason: 'Line 2 has 1 values where line 1 has 2.',
    });
    expect(parseProjectorVectors('1\t2\n3\tx\n')).toEqual({
      ok: false,
      reason: "Line 2, value 2: 'x' is not a number.",
    });
    expect(parseProjectorVectors('1\t\n')).toMatchObject({ ok: false });
  });
});
