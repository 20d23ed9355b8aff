/**
 * The Similarity panel's map arithmetic: the grid index must find exactly the point a scan of every point
 * finds, the view must fit and zoom about the pointer, and the URL's UMAP settings are validated.
 */
import { describe, expect, it } from 'vitest';
import {
  bounds,
  buildGrid,
  fitView,
  nearestPoint,
  toScreen,
  toWorld,
  zoomAt,
} from '../../../src/ui/stages/similarity/map/geometry';
import { DEFAULT_SETTINGS, parseUmap } from '../../../src/ui/stages/similarity/settings';
import { createRng } from '../../../src/data/rng';

/** The nearest point within `r` by looking at every point: what the grid must agree with. */
function scan(coords: Float32Array, x: number, y: number, r: number): number {
  let best = -1;
  let bestD = r * r;
  for (let i = 0; i < coords.length / 2; i++) {
    const d = (coords[2 * i] - x) ** 2 + (coords[2 * i + 1] - y) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

describe('map geometry', () => {
  it('finds the same point under the pointer as a scan of every point', () => {
    const gen = createRng(7);
    const rng = () => gen.next();
    const n = 5000;
    // Clusters of very different density, as UMAP draws them, plus exact duplicates.
    const coords = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const c = i % 5;
      const spread = c === 0 ? 0.01 : c === 1 ? 3 : 0.3;
      coords[2 * i] = c * 2 + (rng() - 0.5) * spread;
      coords[2 * i + 1] = (c % 2) * 3 + (rng() - 0.5) * spread;
    }
    coords.set(coords.subarray(0, 20), 40);
    const grid = buildGrid(coords);
    let found = 0;
    for (let q = 0; q < 3000; q++) {
      // Half the queries land near a point, half anywhere.
      const near = Math.floor(rng() * n);
      const x = q % 2 ? coords[2 * near] + (rng() - 0.5) * 0.02 : -2 + rng() * 14;
      const y = q % 2 ? coords[2 * near + 1] + (rng() - 0.5) * 0.02 : -2 + rng() * 7;
      const r = [0.001, 0.05, 0.5, 3][q % 4];
      const want = scan(coords, x, y, r);
      const got = nearestPoint(grid, x, y, r);
      // Ties at equal distance may resolve to either point: compare distances, then indices where unique.
      const dist = (i: number) => (i < 0 ? -1 : Math.hypot(coords[2 * i] - x, coords[2 * i + 1] - y));
      expect(dist(got)).toBeCloseTo(dist(want), 9);
      if (want >= 0) found++;
    }
    expect(found).toBeGreaterThan(1000);
    // On a point itself, with the smallest radius.
    for (const i of [0, 1234, n - 1])
      expect(nearestPoint(grid, coords[2 * i], coords[2 * i + 1], 1e-6)).not.toBe(-1);
    expect(nearestPoint(grid, 100, 100, 1)).toBe(-1);
  });

  it('indexes a single point, a line and points with missing coordinates', () => {
    const one = buildGrid(Float32Array.from([3, 4]));
    expect(nearestPoint(one, 3.1, 4, 0.2)).toBe(0);
    const line = buildGrid(Float32Array.from([0, 1, 1, 1, 2, 1]));
    expect(nearestPoint(line, 1.9, 1.05, 0.2)).toBe(2);
    const holes = buildGrid(Float32Array.from([0, 0, NaN, NaN, 1, 1]));
    expect(nearestPoint(holes, 1, 1, 0.1)).toBe(2);
    expect(bounds(Float32Array.from([NaN, 1]))).toEqual({ minX: -1, maxX: 1, minY: -1, maxY: 1 });
  });

  it('fits the points in the box and zooms about the pointer', () => {
    const coords = Float32Array.from([-5, 2, 15, 2, 5, -8, 5, 12]);
    const v = fitView(bounds(coords), 400, 300, 10);
    for (let i = 0; i < 4; i++) {
      const [sx, sy] = toScreen(v, coords[2 * i], coords[2 * i + 1]);
      expect(sx).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(sx).toBeLessThanOrEqual(390 + 1e-9);
      expect(sy).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(sy).toBeLessThanOrEqual(290 + 1e-9);
    }
    // Up is up: the point with the larger y is higher on screen.
    expect(toScreen(v, 5, 12)[1]).toBeLessThan(toScreen(v, 5, -8)[1]);
    const before = toWorld(v, 123, 77);
    const z = zoomAt(v, 3, 123, 77, 0, Infinity);
    expect(z.scale).toBeCloseTo(v.scale * 3, 12);
    const after = toWorld(z, 123, 77);
    expect(after[0]).toBeCloseTo(before[0], 9);
    expect(after[1]).toBeCloseTo(before[1], 9);
    expect(zoomAt(v, 1000, 0, 0, 0, v.scale * 10).scale).toBe(v.scale * 10);
  });
});

describe('map settings in the URL', () => {
  it('reads UMAP settings and falls back field by field', () => {
    expect(parseUmap('30,0.5,100')).toEqual({ neighbours: 30, minDist: 0.5, epochs: 100 });
    expect(parseUmap('1,2,abc')).toEqual(DEFAULT_SETTINGS.umap);
    expect(parseUmap('7.5,0.25,')).toEqual({ ...DEFAULT_SETTINGS.umap, minDist: 0.25 });
    expect(parseUmap(null)).toEqual(DEFAULT_SETTINGS.umap);
  });
});
