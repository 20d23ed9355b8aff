/** PCA on data whose principal axes and variances are known exactly. */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { REPO_ROOT } from '../../../src/cli/sources';
import { pca, symmetricEigen } from '../../../src/similarity/pca';

beforeAll(async () => {
  await initBackend({
    choice: 'wasm',
    wasmPath: `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
  });
});

describe('PCA', () => {
  it('solves a symmetric eigenproblem', () => {
    const e = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect(e.order.map((c) => e.values[c])).toEqual([
      expect.closeTo(5, 12),
      expect.closeTo(3, 12),
      expect.closeTo(1, 12),
    ]);
    // The eigenvector of 3 is (1, 1, 0)/√2, up to sign.
    const v3 = [0, 1, 2].map((r) => e.vectors[r * 3 + e.order[1]]);
    expect(Math.abs(v3[0])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(v3[0]).toBeCloseTo(v3[1], 12);
    expect(v3[2]).toBeCloseTo(0, 12);
  });

  it('finds a rotated, shifted 4 x 2 grid: explained variance 5/6 and 1/6, coordinates the grid', async () => {
    // a in {-3,-1,1,3} (mean square 5) and b in {-1,1} (mean square 1), uncorrelated by design, laid in
    // a plane of 4-D space by an orthonormal basis and shifted.
    const u = [0.5, 0.5, 0.5, 0.5];
    const w = [0.5, -0.5, 0.5, -0.5];
    const shift = [3, -2, 1, 7];
    const grid: [number, number][] = [];
    for (const a of [-3, -1, 1, 3]) for (const b of [-1, 1]) grid.push([a, b]);
    const vectors = Float32Array.from(grid.flatMap(([a, b]) => shift.map((s, c) => s + a * u[c] + b * w[c])));
    const before = tf.memory().numTensors;
    const p = await pca({ n: grid.length, dim: 4, vectors });
    expect(tf.memory().numTensors).toBe(before);
    expect(p.components).toBe(2);
    expect(p.explained).toHaveLength(4);
    expect(p.explained[0]).toBeCloseTo(5 / 6, 5);
    expect(p.explained[1]).toBeCloseTo(1 / 6, 5);
    expect(p.explained[2] + p.explained[3]).toBeCloseTo(0, 5);
    grid.forEach(([a, b], i) => {
      expect(Math.abs(p.coords[2 * i])).toBeCloseTo(Math.abs(a), 4);
      expect(Math.abs(p.coords[2 * i + 1])).toBeCloseTo(Math.abs(b), 4);
    });
    // One sign per axis, the same for every point.
    const s0 = Math.sign(p.coords[0] / grid[0][0]);
    grid.forEach(([a], i) => expect(Math.sign(p.coords[2 * i] / a)).toBe(s0));
  });
});
