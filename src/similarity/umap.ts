/**
 * UMAP of item vectors with umap-js. Its neighbour graph comes from the backend's all-pairs top-k
 * (./distance.ts) rather than umap-js's own approximate search, so it is exact and quick; the layout is
 * optimised epoch by epoch, with progress and a cancel between epochs.
 */
import { UMAP } from 'umap-js';
import { createRng } from '../data/rng';
import type { UmapSettings } from './config';
import { nearestNeighbours, type VectorSet } from './distance';

export interface UmapOptions {
  signal?: AbortSignal;
  /** Epochs done of the total; called about every 50 ms. */
  onProgress?: (done: number, total: number) => void;
}

/** Time between yields to the event loop, so the worker hears a cancel while the layout runs. */
const SLICE_MS = 50;

/** A 2D layout, row-major [n x 2]. */
export async function umap(set: VectorSet, s: UmapSettings, opts: UmapOptions = {}): Promise<Float32Array> {
  const { n, dim } = set;
  if (n <= 2) return new Float32Array(n * 2);
  // umap-js counts each point among its own neighbours, at distance 0, and needs more points than that.
  const neighbours = Math.max(2, Math.min(s.neighbours, n - 1));
  const nb = await nearestNeighbours(set, neighbours - 1, s.metric, { signal: opts.signal });
  const knnIndices: number[][] = [];
  const knnDistances: number[][] = [];
  for (let i = 0; i < n; i++) {
    const idx = [i];
    const dist = [0];
    for (let c = i * nb.k; c < (i + 1) * nb.k; c++) {
      idx.push(nb.indices[c]);
      // umap-js's own metrics: Euclidean (not squared) and 1 − cosine.
      dist.push(s.metric === 'euclidean' ? Math.sqrt(nb.values[c]) : Math.max(0, nb.values[c]));
    }
    knnIndices.push(idx);
    knnDistances.push(dist);
  }
  const rng = createRng(s.seed);
  const u = new UMAP({
    nComponents: 2,
    nNeighbors: neighbours,
    minDist: s.minDist,
    nEpochs: s.epochs,
    random: () => rng.next(),
  });
  u.setPrecomputedKNN(knnIndices, knnDistances);
  opts.signal?.throwIfAborted();
  // The vectors only size the graph here: the neighbours are already known.
  const rows = Array.from({ length: n }, (_, i) => Array.from(set.vectors.subarray(i * dim, (i + 1) * dim)));
  const epochs = u.initializeFit(rows);
  let slice = performance.now();
  for (let e = 0; e < epochs; e++) {
    u.step();
    if (performance.now() - slice > SLICE_MS) {
      opts.onProgress?.(e + 1, epochs);
      await new Promise((resolve) => setTimeout(resolve, 0));
      opts.signal?.throwIfAborted();
      slice = performance.now();
    }
  }
  opts.onProgress?.(epochs, epochs);
  const out = new Float32Array(n * 2);
  u.getEmbedding().forEach((p, i) => {
    out[2 * i] = p[0];
    out[2 * i + 1] = p[1];
  });
  return out;
}
