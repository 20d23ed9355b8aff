/** UMAP through umap-js on an exact neighbour graph: clusters stay apart, seeds repeat, cancels stop it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { REPO_ROOT } from '../../../src/cli/sources';
import { createRng } from '../../../src/data/rng';
import { UMAP_DEFAULTS } from '../../../src/similarity/config';
import type { VectorSet } from '../../../src/similarity/distance';
import { umap } from '../../../src/similarity/umap';

beforeAll(async () => {
  await initBackend({
    choice: 'wasm',
    wasmPath: `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
  });
});

/** Three tight clusters of 40 points in 8-D, far apart. */
function clusters(): { set: VectorSet; label: number[] } {
  const rng = createRng(7);
  const n = 120;
  const dim = 8;
  const vectors = new Float32Array(n * dim);
  const label: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    label.push(c);
    for (let d = 0; d < dim; d++) vectors[i * dim + d] = (d === c ? 10 : 0) + 0.5 * rng.normal();
  }
  return { set: { n, dim, vectors }, label };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('UMAP', () => {
  const { set, label } = clusters();
  const settings = { ...UMAP_DEFAULTS, epochs: 60, metric: 'euclidean' as const };

  it('lays clusters out apart, with progress, the same for the same seed', async () => {
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const xy = await umap(set, settings, {
      onProgress: (done, total) => (expect(total).toBe(60), progress.push(done)),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(xy).toHaveLength(set.n * 2);
    expect(xy.every(Number.isFinite)).toBe(true);
    expect(progress[progress.length - 1]).toBe(60);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    const d = (i: number, j: number) => Math.hypot(xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]);
    const same: number[] = [];
    const other: number[] = [];
    for (let i = 0; i < set.n; i++)
      for (let j = i + 1; j < set.n; j++) (label[i] === label[j] ? same : other).push(d(i, j));
    expect(mean(other)).toBeGreaterThan(3 * mean(same));
    expect(await umap(set, settings)).toEqual(xy);
    expect(await umap(set, { ...settings, seed: 43 })).not.toEqual(xy);
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    const run = umap(set, { ...settings, epochs: 2000 }, { onProgress: () => ac.abort(), signal: ac.signal });
    await expect(run).rejects.toThrow();
  });
});
