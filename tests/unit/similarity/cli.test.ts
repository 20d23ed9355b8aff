/** `lab neighbours` in process on the structured synthetic set (WASM): train, list, export, read back. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNeighbours } from '../../../src/cli/commands/neighbours';
import { captureCli } from '../../helpers/cli';

const run = (argv: string[]) => captureCli(runNeighbours, argv);

interface Line {
  source: { family: string; kind: string; block: string; dim: number };
  movie: { title: string };
  neighbours: { rank: number; title: string; genres: string[]; value: number }[];
  agreement: { k: number; neighbours: number; random: number };
  distance: string;
}

const base = ['--dataset', 'synthetic-structured', '--backend', 'wasm', '--json'];

describe('lab neighbours', () => {
  const dir = mkdtempSync(join(tmpdir(), 'neighbours-'));

  it('trains the source, lists the nearest, writes exports that read back as the same source', async () => {
    const first = await run([
      ...base,
      '--source',
      'gmf',
      '--epochs',
      '2',
      '--movie',
      'gentle hata 5',
      '--k',
      '4',
      '--distance',
      'euclidean',
      '--out',
      dir,
    ]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const a = JSON.parse(first.out) as Line;
    expect(a.source).toMatchObject({ family: 'ncf', kind: 'gmf', block: 'GMF', dim: 8 });
    expect(a.movie.title).toBe('Gentle Hatha (5 min)');
    expect(a.distance).toBe('euclidean');
    expect(a.neighbours.map((n) => n.rank)).toEqual([1, 2, 3, 4]);
    const values = a.neighbours.map((n) => n.value);
    expect(values).toEqual([...values].sort((x, y) => x - y));
    expect(a.agreement.k).toBe(10);
    expect(a.agreement.random).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'metadata.tsv'), 'utf8').split('\n')[0]).toBe('id\ttitle\tgenres\tyear');
    expect(readFileSync(join(dir, 'neighbours.csv'), 'utf8').trim().split('\r\n')).toHaveLength(1 + 400 * 4);

    const again = await run([
      ...base,
      '--source',
      join(dir, 'vectors.tsv'),
      '--movie',
      'Gentle Hatha (5 min)',
      '--k',
      '4',
      '--distance',
      'euclidean',
    ]);
    expect(again.err).toBe('');
    const b = JSON.parse(again.out) as Line;
    expect(b.neighbours.map((n) => n.title)).toEqual(a.neighbours.map((n) => n.title));
    expect(b.agreement).toEqual(a.agreement);
  });

  it('says what is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [['--movie', 'x', '--source', 'nothing'], /Unknown source 'nothing'/],
      [['--movie', 'x', '--source', 'itempop'], /itempop has no item vectors/],
      [['--movie', 'x', '--distance', 'manhattan'], /--distance must be euclidean, cosine, dot/],
      [['--movie', 'x', '--k', '0'], /--k must be a whole number/],
      [[], /Give --movie/],
      [
        ['--movie', 'x', '--source', join(dir, 'vectors.tsv'), '--dataset', 'synthetic-random'],
        /has 400 rows; .* has 500 items/,
      ],
      [['--movie', 'qqqqqqq', '--source', join(dir, 'vectors.tsv')], /No movie matches 'qqqqqqq'/],
    ];
    for (const [argv, reason] of cases) {
      const r = await run([...base, ...argv]);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toMatch(reason);
    }
  });
});
