import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runData, type DataReport } from '../../../src/cli/commands/data';
import { FIXTURES, HAS_ML, ML_SKIP_MESSAGE, ML_SOURCE, REPO } from './helpers';
import { captureCli } from '../../helpers/cli';

const run = (argv: string[]) => captureCli(runData, argv);

describe('lab data (in process)', () => {
  it('prints one JSON object for a ratings file with metadata', async () => {
    const ratings = join(FIXTURES, 'good', 'ratings-small.csv');
    const movies = join(FIXTURES, 'good', 'movies-small.csv');
    // A clock that reads 1 s when loading starts and 3.5005 s from then on: the report must carry the
    // elapsed 2.5005 s, rounded to the millisecond.
    let reads = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (reads++ === 0 ? 1_000 : 3_500.5));
    const { code, out, err } = await run(['--file', ratings, '--movies', movies, '--json']).finally(() =>
      clock.mockRestore(),
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out) as DataReport;
    expect(r).toMatchObject({
      dataset: 'ml-latest',
      users: 3,
      items: 3,
      ratings: 6,
      skippedRows: 1,
    });
    expect(r.density).toBeCloseTo(6 / 9, 10);
    expect(r.ratingHistogram).toEqual([
      { value: 0.5, count: 1 },
      { value: 2, count: 1 },
      { value: 3, count: 1 },
      { value: 4, count: 1 },
      { value: 4.5, count: 1 },
      { value: 5, count: 1 },
    ]);
    expect(r.skippedExamples).toEqual(["row 6: rating 'abc' is not a number"]);
    expect(r.genres).toEqual([
      { name: 'Action', items: 1 },
      { name: 'Animation', items: 1 },
      { name: 'Comedy', items: 1 },
      { name: 'Crime', items: 1 },
      { name: 'Sci-Fi', items: 1 },
    ]);
    expect(r.timeSpan).toEqual({ first: 1700000000, last: 1700000600 });
    expect(r.parseSeconds).toBe(2.501);
  });

  it('prints a readable summary without --json', async () => {
    const { code, out } = await run(['--dataset', 'synthetic-random']);
    expect(code).toBe(0);
    expect(out).toContain('users 1000, items 500, ratings 50000, density 10.00%');
    expect(out).toContain('implicit feedback (no ratings)');
  });

  it('reports the reason and exits 1 on bad input', async () => {
    const bad = await run(['--file', join(FIXTURES, 'bad', 'rating-not-number.csv')]);
    expect(bad).toEqual({
      code: 1,
      out: '',
      err: "rating-not-number.csv: row 2: rating 'good' is not a number (all 3 data rows are bad)\n",
    });
    expect((await run(['--dataset', 'ml-1b'])).err).toBe(
      "Unknown dataset 'ml-1b' (ml-100k, synthetic-structured, synthetic-random)\n",
    );
    expect((await run([])).code).toBe(1);
    expect((await run(['--bogus'])).code).toBe(1);
  });

  it('refuses --file with --dataset (the dataset used to win silently), and --movies without --file', async () => {
    const ratings = join(FIXTURES, 'good', 'ratings-small.csv');
    const both = await run(['--dataset', 'synthetic-random', '--file', ratings]);
    expect(both).toEqual({ code: 1, out: '', err: 'give --file or --dataset, not both\n' });
    const movies = await run(['--dataset', 'synthetic-random', '--movies', ratings]);
    expect(movies.err).toBe('--movies gives titles for --file; a --dataset brings its own\n');
  });
});

describe.skipIf(!HAS_ML)(HAS_ML ? 'lab data --dataset ml-100k (spawned)' : ML_SKIP_MESSAGE, () => {
  it('prints the ML-100k statistics as one JSON object', () => {
    const tsx = join(REPO, 'node_modules', '.bin', 'tsx');
    const res = spawnSync(tsx, ['src/cli/lab.ts', 'data', '--dataset', 'ml-100k', '--json'], {
      cwd: REPO,
      env: { ...process.env, MOVIELENS_SOURCE: ML_SOURCE },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]) as DataReport;
    expect(r).toMatchObject({ dataset: 'ml-100k', users: 943, items: 1682, ratings: 100_000 });
    expect(r.density).toBeCloseTo(100_000 / (943 * 1682), 12);
    expect(r.ratingHistogram.map((h) => h.count)).toEqual([6110, 11370, 27145, 34174, 21201]);
    expect(r.skippedRows).toBe(r.skippedExamples.length);
    expect(r.parseSeconds).toBeGreaterThan(0);
  });
});

describe('lab dispatcher', () => {
  it('lists commands and rejects unknown ones', () => {
    const tsx = join(REPO, 'node_modules', '.bin', 'tsx');
    const res = spawnSync(tsx, ['src/cli/lab.ts', 'frobnicate'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("Unknown command 'frobnicate'.");
    expect(res.stderr).toContain('data');
  });
});
