/**
 * All-pairs neighbours on the backend against the double-loop reference, for every metric, on the CPU
 * and WASM backends, in one chunk and in many; ties; and no tensor left behind.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { REPO_ROOT } from '../../../src/cli/sources';
import { DISTANCE_METRICS } from '../../../src/similarity/config';
import { nearestNeighbours, type VectorSet } from '../../../src/similarity/distance';
import { randomSet, referenceRow, referenceValue } from './reference';

const WASM = `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`;

describe.each(['cpu', 'wasm'] as const)('nearest neighbours on %s', (backend) => {
  const set = randomSet(53, 7);

  it.each(DISTANCE_METRICS)('%s matches the double loop, whole and in chunks', async (metric) => {
    await initBackend({ choice: backend, wasmPath: WASM });
    expect(tf.getBackend()).toBe(backend);
    const before = tf.memory().numTensors;
    const k = 6;
    for (const chunkRows of [undefined, 5, 1]) {
      const nb = await nearestNeighbours(set, k, metric, { chunkRows });
      expect(nb.k).toBe(k);
      expect(nb.rows).toBe(set.n);
      for (let i = 0; i < set.n; i++) {
        const ref = referenceRow(set, i, metric).slice(0, k);
        for (let c = 0; c < k; c++) {
          const j = nb.indices[i * k + c];
          expect(j).not.toBe(i);
          // The figure is right for the pair it names, and the pairs are the k nearest in order.
          expect(nb.values[i * k + c]).toBeCloseTo(referenceValue(set, i, j, metric), 4);
          expect(nb.values[i * k + c]).toBeCloseTo(ref[c].value, 4);
        }
        // No near-ties in random data at this precision: the very same items come back.
        expect(Array.from(nb.indices.subarray(i * k, (i + 1) * k))).toEqual(ref.map((r) => r.j));
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('answers for a range of rows, and for k beyond the catalogue', async () => {
    await initBackend({ choice: backend, wasmPath: WASM });
    const one = await nearestNeighbours(set, 4, 'cosine', { from: 10, to: 11 });
    expect(one.rows).toBe(1);
    expect(Array.from(one.indices)).toEqual(
      referenceRow(set, 10, 'cosine')
        .slice(0, 4)
        .map((r) => r.j),
    );
    const all = await nearestNeighbours(set, 500, 'euclidean', { from: 0, to: 2 });
    expect(all.k).toBe(set.n - 1);
    expect(new Set(all.indices.subarray(0, all.k)).size).toBe(set.n - 1);
  });

  it('breaks ties by the lower index, self left out even when tied', async () => {
    await initBackend({ choice: backend, wasmPath: WASM });
    // Item 0 at the origin, four items at distance 1, item 5 at distance 2; item 6 repeats item 0.
    const pts = [
      [0, 0],
      [0, 1],
      [1, 0],
      [0, -1],
      [-1, 0],
      [2, 0],
      [0, 0],
    ];
    const tie: VectorSet = { n: pts.length, dim: 2, vectors: Float32Array.from(pts.flat()) };
    const nb = await nearestNeighbours(tie, 3, 'euclidean');
    expect(Array.from(nb.indices.subarray(0, 3))).toEqual([6, 1, 2]);
    expect(Array.from(nb.values.subarray(0, 3))).toEqual([0, 1, 1]);
    // Item 6 ties with item 0 at distance 0: its neighbour is 0, never itself.
    expect(Array.from(nb.indices.subarray(18, 21))).toEqual([0, 1, 2]);
    // At the cut of the top k, the lower index gets in.
    const two = await nearestNeighbours(tie, 2, 'euclidean', { from: 0, to: 1 });
    expect(Array.from(two.indices)).toEqual([6, 1]);
  });

  it('computes each distance as defined: the dot product favours long vectors, cosine does not', async () => {
    await initBackend({ choice: backend, wasmPath: WASM });
    // b points the same way as a but is long; c is short and at an angle.
    const s: VectorSet = { n: 3, dim: 2, vectors: Float32Array.from([1, 0, 10, 0, 0.8, 0.6]) };
    const first = async (m: 'euclidean' | 'cosine' | 'dot') => (await nearestNeighbours(s, 1, m)).indices[0];
    expect(await first('euclidean')).toBe(2);
    expect(await first('cosine')).toBe(1);
    expect(await first('dot')).toBe(1);
    const c = await nearestNeighbours(s, 2, 'cosine', { from: 0, to: 1 });
    expect(Array.from(c.values)).toEqual([0, expect.closeTo(0.2, 6)]);
    const d = await nearestNeighbours(s, 2, 'dot', { from: 2, to: 3 });
    expect(Array.from(d.indices)).toEqual([1, 0]);
    expect(d.values[0]).toBeCloseTo(8, 5);
  });

  it('stops between chunks when cancelled, freeing its tensors', async () => {
    await initBackend({ choice: backend, wasmPath: WASM });
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    let chunks = 0;
    const run = nearestNeighbours(set, 3, 'dot', {
      chunkRows: 4,
      signal: ac.signal,
      onProgress: () => {
        if (++chunks === 2) ac.abort();
      },
    });
    await expect(run).rejects.toThrow();
    expect(chunks).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
