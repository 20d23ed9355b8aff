/**
 * Loss heads: given the logits of a batch, the summed loss (for reporting, read rarely) and dL/dz of
 * the mean loss (for the scorer's backward pass). Written out by hand for the same reason as the
 * scorers: few kernels per step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '../config';

export type { LossKind };

export interface LossHead {
  readonly kind: LossKind;
  /** Pairs scored per example: 1 (bce), 2 (pairwise, bpr: positive then negative), 1 + K (warp). */
  readonly width: number;
  /** Whether batches carry 0/1 labels (one per pair). */
  readonly needsLabels: boolean;
  /** z: [n·width, 1]; labels [n·width, 1] when needed. */
  lossAndGrad(z: tf.Tensor2D, labels: tf.Tensor2D | null, n: number): { lossSum: tf.Scalar; dz: tf.Tensor2D };
  lossSum(z: tf.Tensor2D, labels: tf.Tensor2D | null, n: number): tf.Scalar;
  dispose(): void;
}

/** BCE with logits: loss = softplus(z) - y·z, dL/dz = σ(z) - y. `scale` turns sums into means. */
function bce(z: tf.Tensor2D, y: tf.Tensor2D, scale: number, grad: boolean) {
  const lossSum = tf.sum(tf.sub(tf.softplus(z), tf.mul(y, z))) as tf.Scalar;
  const dz = grad ? (tf.mul(tf.sub(tf.sigmoid(z), y), scale) as tf.Tensor2D) : null;
  return { lossSum, dz };
}

export function createLossHead(
  kind: LossKind,
  opts: { warpSamples?: number; nItems?: number } = {},
): LossHead {
  switch (kind) {
    case 'bce':
      return {
        kind,
        width: 1,
        needsLabels: true,
        lossAndGrad: (z, y, n) => {
          const r = bce(z, y as tf.Tensor2D, 1 / n, true);
          return { lossSum: r.lossSum, dz: r.dz as tf.Tensor2D };
        },
        lossSum: (z, y) => bce(z, y as tf.Tensor2D, 1, false).lossSum,
        dispose: () => {},
      };
    case 'pairwise':
      // Seed 004's loss is exactly BCE over the 2n pairs, with pairs as the mean's denominator halved.
      return {
        kind,
        width: 2,
        needsLabels: true,
        lossAndGrad: (z, y, n) => {
          const r = bce(z, y as tf.Tensor2D, 1 / (2 * n), true);
          return { lossSum: tf.mul(r.lossSum, 0.5) as tf.Scalar, dz: r.dz as tf.Tensor2D };
        },
        lossSum: (z, y) => tf.mul(bce(z, y as tf.Tensor2D, 1, false).lossSum, 0.5) as tf.Scalar,
        dispose: () => {},
      };
    case 'bpr': {
      const diff = tf.keep(tf.tensor2d([1, -1], [2, 1]));
      const spread = tf.keep(tf.tensor2d([1, -1], [1, 2]));
      const margin = (z: tf.Tensor2D, n: number) => tf.matMul(tf.reshape(z, [n, 2]), diff);
      return {
        kind,
        width: 2,
        needsLabels: false,
        lossAndGrad: (z, _y, n) => {
          const neg = tf.neg(margin(z, n));
          const lossSum = tf.sum(tf.softplus(neg)) as tf.Scalar;
          const dx = tf.mul(tf.sigmoid(neg), -1 / n);
          return { lossSum, dz: tf.reshape(tf.matMul(dx, spread), [2 * n, 1]) as tf.Tensor2D };
        },
        lossSum: (z, _y, n) => tf.sum(tf.softplus(tf.neg(margin(z, n)))) as tf.Scalar,
        dispose: () => tf.dispose([diff, spread]),
      };
    }
    case 'warp': {
      const K = opts.warpSamples ?? 10;
      const nItems = opts.nItems ?? 1;
      const parts = (z: tf.Tensor2D, n: number) => {
        const z2 = tf.reshape(z, [n, 1 + K]);
        const pos = tf.slice(z2, [0, 0], [n, 1]);
        const negs = tf.slice(z2, [0, 1], [n, K]);
        // LightFM samples until a negative scores within the margin of the positive; with K draws and v
        // violators the expected number of trials is K / v, so rank ≈ floor((nItems - 1) · v / K).
        const v = tf.sum(tf.cast(tf.greater(negs, tf.sub(pos, 1)), 'float32'), 1, true);
        const weight = tf.log1p(tf.floor(tf.mul(v, (nItems - 1) / K)));
        const hinge = tf.relu(tf.add(tf.sub(tf.max(negs, 1, true), pos), 1));
        return { negs, weight, hinge };
      };
      return {
        kind,
        width: 1 + K,
        needsLabels: false,
        lossAndGrad: (z, _y, n) => {
          const { negs, weight, hinge } = parts(z, n);
          const lossSum = tf.sum(tf.mul(weight, hinge)) as tf.Scalar;
          const coef = tf.mul(tf.mul(weight, tf.step(hinge)), 1 / n);
          const hardest = tf.oneHot(tf.argMax(negs, 1), K);
          const dz = tf.concat([tf.neg(coef), tf.mul(hardest, coef)], 1);
          return { lossSum, dz: tf.reshape(dz, [n * (1 + K), 1]) as tf.Tensor2D };
        },
        lossSum: (z, _y, n) => {
          const { weight, hinge } = parts(z, n);
          return tf.sum(tf.mul(weight, hinge)) as tf.Scalar;
        },
        dispose: () => {},
      };
    }
  }
}
