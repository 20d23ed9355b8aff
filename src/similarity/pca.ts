/**
 * PCA of item vectors: centring, the covariance and the projection run on the tfjs backend; only the
 * small dim x dim eigenproblem is solved here, by Jacobi rotations (exact for symmetric matrices).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { VectorSet } from './distance';

export interface PcaResult {
  /** Row-major [n x components]. */
  coords: Float32Array;
  components: number;
  /** Share of the total variance along each principal axis, largest first (every axis, summing to 1). */
  explained: number[];
}

export async function pca(set: VectorSet, components = 2): Promise<PcaResult> {
  const { n, dim } = set;
  const p = Math.min(components, dim);
  const [centred, cov] = tf.tidy(() => {
    const x = tf.tensor2d(set.vectors, [n, dim]);
    const c = tf.sub(x, tf.mean(x, 0, true));
    return [c, tf.div(tf.matMul(c, c, true, false), Math.max(1, n - 1))];
  });
  let eig: Eigen;
  try {
    eig = symmetricEigen(Float64Array.from(await cov.data()), dim);
  } catch (e) {
    centred.dispose();
    throw e;
  } finally {
    cov.dispose();
  }
  const axes = new Float32Array(dim * p);
  for (let c = 0; c < p; c++) {
    const col = eig.order[c];
    // A component's sign is arbitrary: make its largest loading positive, so maps do not flip between runs.
    let big = 0;
    for (let r = 0; r < dim; r++)
      if (Math.abs(eig.vectors[r * dim + col]) > Math.abs(big)) big = eig.vectors[r * dim + col];
    const sign = big < 0 ? -1 : 1;
    for (let r = 0; r < dim; r++) axes[r * p + c] = sign * eig.vectors[r * dim + col];
  }
  const projected = tf.tidy(() => tf.matMul(centred, tf.tensor2d(axes, [dim, p])));
  centred.dispose();
  const coords = (await projected.data()) as Float32Array;
  projected.dispose();
  const values = eig.order.map((c) => Math.max(0, eig.values[c]));
  const total = values.reduce((a, b) => a + b, 0);
  return { coords, components: p, explained: values.map((v) => (total > 0 ? v / total : 0)) };
}

interface Eigen {
  values: Float64Array;
  /** Row-major [dim x dim]; column c is the eigenvector of values[c]. */
  vectors: Float64Array;
  /** Columns by decreasing eigenvalue. */
  order: number[];
}

/** Cyclic Jacobi eigen-decomposition of a symmetric matrix (row-major, n x n). */
export function symmetricEigen(matrix: Float64Array, n: number): Eigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let norm = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        norm += a[i * n + j] ** 2;
        if (i !== j) off += a[i * n + j] ** 2;
      }
    if (off <= 1e-22 * norm || off === 0) break;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const values = Float64Array.from({ length: n }, (_, i) => a[i * n + i]);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => values[y] - values[x]);
  return { values, vectors: v, order };
}
