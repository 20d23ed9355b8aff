/**
 * Nearest neighbours between item vectors on the tfjs backend: per chunk of rows, one matrix product
 * against every vector and one top-k, so no pairwise loop ever runs in JavaScript. Squared Euclidean
 * comes from |a|² + |b|² − 2a·b, cosine normalises inside the distance, the dot product is raw.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DistanceMetric } from './config';

/** Item vectors, one row per item. */
export interface VectorSet {
  n: number;
  dim: number;
  /** Row-major [n x dim]. */
  vectors: Float32Array;
}

/** The k nearest other items of each row asked for, nearest first. */
export interface Neighbours {
  /** The first row and how many rows (all items, or one). */
  from: number;
  rows: number;
  k: number;
  /** Row-major [rows x k] item indices. */
  indices: Int32Array;
  /** The metric's figure for each: squared distance, 1 − cosine, or dot product. */
  values: Float32Array;
}

export interface NeighbourOptions {
  /** Rows [from, to) only (default: every item). */
  from?: number;
  to?: number;
  /** Rows scored per matrix product (default: as many as keep a chunk's scores under 16 MB). */
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Scores of one chunk stay under this many cells (16 MB of float32). */
const CHUNK_CELLS = 1 << 22;

/** Squared norms in double precision, for turning scores back into squared distances. */
export function squaredNorms(set: VectorSet): Float64Array {
  const out = new Float64Array(set.n);
  const { dim, vectors } = set;
  for (let i = 0; i < set.n; i++) {
    let s = 0;
    for (let c = i * dim; c < (i + 1) * dim; c++) s += vectors[c] * vectors[c];
    out[i] = s;
  }
  return out;
}

/**
 * The k nearest neighbours of each row (itself left out), by a metric. Ties go to the lower index. Rows
 * are scored in chunks against the whole set: one matMul and one topk per chunk, read with `await`.
 */
export async function nearestNeighbours(
  set: VectorSet,
  k: number,
  metric: DistanceMetric,
  opts: NeighbourOptions = {},
): Promise<Neighbours> {
  const { n, dim } = set;
  const from = opts.from ?? 0;
  const to = opts.to ?? n;
  if (!(from >= 0 && to <= n && from < to)) throw new RangeError(`rows [${from}, ${to}) outside 0..${n}`);
  const kk = Math.min(n, Math.max(1, Math.floor(k)) + 1);
  const keep = kk - 1;
  const rows = to - from;
  const indices = new Int32Array(rows * keep);
  const values = new Float32Array(rows * keep);
  const norms = metric === 'euclidean' ? squaredNorms(set) : null;

  // Left rows and right columns of one product whose rows order neighbours best first. Squared
  // Euclidean: [a, 1]·[2b, −|b|²] = 2a·b − |b|², which orders a row as −|a − b|² does (|a|² is the
  // row's own constant), with no element-wise pass over the scores. The right side is stored
  // transposed: WASM multiplies by a [dim x n] matrix several times faster than with transposeB.
  const [left, right] = tf.tidy(() => {
    const x = tf.tensor2d(set.vectors, [n, dim]);
    if (norms) {
      const sq = tf.tensor2d(Float32Array.from(norms), [n, 1]);
      return [tf.concat([x, tf.onesLike(sq)], 1), tf.transpose(tf.concat([tf.mul(x, 2), tf.neg(sq)], 1))];
    }
    // Cosine: unit rows, so the product is the cosine; a zero vector stays zero (cosine 0 to everything).
    const u = metric === 'cosine' ? tf.div(x, tf.maximum(tf.norm(x, 'euclidean', 1, true), 1e-12)) : x;
    return [u, tf.transpose(u)];
  });
  const width = dim + (norms ? 1 : 0);
  const chunk = opts.chunkRows ?? Math.max(1, Math.floor(CHUNK_CELLS / n));
  try {
    for (let r0 = from; r0 < to; r0 += chunk) {
      opts.signal?.throwIfAborted();
      const r1 = Math.min(to, r0 + chunk);
      const [topV, topI] = tf.tidy(() => {
        const a = r0 === 0 && r1 === n ? left : tf.slice(left, [r0, 0], [r1 - r0, width]);
        const { values: v, indices: i } = tf.topk(tf.matMul(a, right), kk, true);
        return [v, i];
      });
      const [v, ix] = await Promise.all([topV.data(), topI.data()]);
      tf.dispose([topV, topI]);
      for (let r = r0; r < r1; r++) {
        const row = r - r0;
        const out = (r - from) * keep;
        order(v as Float32Array, ix as Int32Array, row * kk, kk);
        let m = 0;
        for (let c = row * kk; c < (row + 1) * kk && m < keep; c++) {
          if (ix[c] === r) continue;
          indices[out + m] = ix[c];
          values[out + m] = toMetric(metric, v[c], norms ? norms[r] : 0);
          m++;
        }
      }
      opts.onProgress?.(r1 - from, rows);
    }
  } finally {
    tf.dispose([left, right]);
  }
  return { from, rows, k: keep, indices, values };
}

function toMetric(metric: DistanceMetric, score: number, selfNorm: number): number {
  switch (metric) {
    case 'euclidean':
      // Rounding can push a true 0 slightly below it.
      return Math.max(0, selfNorm - score);
    case 'cosine':
      return 1 - score;
    case 'dot':
      return score;
  }
}

/**
 * Puts equal scores of one top-k row in index order. The CPU and WASM kernels already keep ties in index
 * order; doing it here means no backend's sort has to be stable for the order to be the same.
 */
function order(v: Float32Array, ix: Int32Array, start: number, len: number): void {
  for (let a = start + 1; a < start + len; a++) {
    for (let b = a; b > start && v[b] === v[b - 1] && ix[b] < ix[b - 1]; b--) {
      const t = ix[b];
      ix[b] = ix[b - 1];
      ix[b - 1] = t;
    }
  }
}
