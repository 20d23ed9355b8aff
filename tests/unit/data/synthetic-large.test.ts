import { describe, expect, it } from 'vitest';
import { largeCsvChunks, largeShape, LARGE_HEADER } from '../../../src/data/synthetic-large';

function csv(rows: number, seed: number, chunkRows?: number): string {
  const parts: string[] = [];
  largeCsvChunks({ rows, seed }, (c) => parts.push(c), chunkRows);
  return parts.join('');
}

describe('the ML-32M-shaped generator', () => {
  const text = csv(20_000, 7, 1000);
  const lines = text.split('\n');
  const body = lines.slice(1, -1).map((l) => l.split(','));

  it('writes the ratings.csv layout: header, exactly the rows asked for, four fields each', () => {
    expect(text.startsWith(LARGE_HEADER)).toBe(true);
    expect(lines.at(-1)).toBe('');
    expect(body).toHaveLength(20_000);
    expect(body.every((f) => f.length === 4)).toBe(true);
  });

  it('half-star ratings from 0.5 to 5 leaning to 3-4, seconds timestamps from 1995 to 2023', () => {
    const ratings = body.map((f) => Number(f[2]));
    expect(ratings.every((r) => r >= 0.5 && r <= 5 && Number.isInteger(r * 2))).toBe(true);
    const mid = ratings.filter((r) => r >= 3 && r <= 4).length / ratings.length;
    expect(mid).toBeGreaterThan(0.45);
    const times = body.map((f) => Number(f[3]));
    expect(times.every((t) => Number.isInteger(t) && t >= 789_652_009 && t <= 1_697_164_147)).toBe(true);
  });

  it('groups rows by user in time order, every user with at least 20 ratings and no repeated item', () => {
    const counts = new Map<string, number>();
    const pairs = new Set<string>();
    for (let k = 0; k < body.length; k++) {
      const [u, i, , t] = body[k];
      counts.set(u, (counts.get(u) ?? 0) + 1);
      pairs.add(`${u}:${i}`);
      if (k > 0 && body[k - 1][0] === u) expect(Number(t)).toBeGreaterThanOrEqual(Number(body[k - 1][3]));
      if (k > 0) expect(Number(u)).toBeGreaterThanOrEqual(Number(body[k - 1][0]));
    }
    expect(counts.size).toBe(largeShape({ rows: 20_000 }).users);
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(20);
    // Heavy-tailed: the busiest user rates many times the median.
    const sorted = [...counts.values()].sort((a, b) => a - b);
    expect(sorted.at(-1) as number).toBeGreaterThan(5 * sorted[sorted.length >> 1]);
    expect(pairs.size).toBe(body.length);
  });

  it('gives items a long tail: the top 10% of items take over 30% of the ratings (3x uniform)', () => {
    const byItem = new Map<string, number>();
    for (const f of body) byItem.set(f[1], (byItem.get(f[1]) ?? 0) + 1);
    const sorted = [...byItem.values()].sort((a, b) => b - a);
    const top = sorted.slice(0, Math.ceil(sorted.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / body.length).toBeGreaterThan(0.3);
  });

  it('is deterministic for a seed, whatever the chunk size, and differs between seeds', () => {
    expect(csv(20_000, 7, 333)).toBe(text);
    expect(csv(20_000, 8)).not.toBe(text);
  });

  it('scales to ML-32M: about 200k users and 87k items at 32M rows', () => {
    expect(largeShape({ rows: 32_000_204 })).toEqual({ rows: 32_000_204, users: 200_948, items: 87_585 });
  });
});
