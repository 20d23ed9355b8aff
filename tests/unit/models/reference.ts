/**
 * Independent, autodiff-friendly versions of the scorers (plain slices, concats and matMuls reading
 * the same two variables), so tests can check every hand-written backward pass against tf.grads.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MfConfig, NcfConfig } from '../../../src/models/ncf/config';
import type { ParamLayout } from '../../../src/models/ncf/engine/params';
import { embeddingLookup } from '../../../src/tensor/sparse';

const block = (dense: tf.Tensor1D, layout: ParamLayout, name: string) => {
  const b = layout.block(name);
  const s = tf.slice(dense, [b.offset], [b.size]);
  return b.shape.length === 1 ? s : tf.reshape(s, b.shape);
};

const act = (x: tf.Tensor, a: NcfConfig['activation']) =>
  a === 'relu' ? tf.relu(x) : a === 'tanh' ? tf.tanh(x) : a === 'sigmoid' ? tf.sigmoid(x) : x;

/** z [n, 1] and the activity penalty Σ_l λ·Σ(a_l²)/n, as plain ops. */
export function ncfReference(
  cfg: NcfConfig,
  layout: ParamLayout,
  nUsers: number,
  table: tf.Tensor2D,
  dense: tf.Tensor1D,
  users: Int32Array,
  items: Int32Array,
  masks: tf.Tensor2D[] | null,
): { z: tf.Tensor2D; penalty: tf.Scalar } {
  const n = users.length;
  const g = cfg.kind === 'mlp' ? 0 : cfg.gmfDim;
  const m = cfg.kind === 'gmf' ? 0 : cfg.mlpDim;
  const D = g + m;
  const u = embeddingLookup(table, tf.tensor2d(users, [n, 1], 'int32'));
  const i = embeddingLookup(
    table,
    tf.tensor2d(
      Int32Array.from(items, (x) => x + nUsers),
      [n, 1],
      'int32',
    ),
  );
  let z = tf.reshape(block(dense, layout, 'output/bias'), [1, 1]) as tf.Tensor2D;
  let penalty = tf.scalar(0);
  if (g > 0) {
    let p = tf.mul(tf.slice(u, [0, 0], [n, g]), tf.slice(i, [0, 0], [n, g]));
    if (cfg.gmfSigmoid) p = tf.sigmoid(p);
    const w = tf.slice(block(dense, layout, 'output/gmf'), [0], [g]);
    z = tf.add(z, tf.matMul(p, tf.reshape(w, [g, 1])));
  }
  if (m > 0) {
    let x = tf.concat([tf.slice(u, [0, g], [n, m]), tf.slice(i, [0, g], [n, m])], 1) as tf.Tensor2D;
    let k = 0;
    cfg.mlpLayers.forEach((units, l) => {
      let wt = block(dense, layout, `dense${l + 1}/kernel`) as tf.Tensor2D;
      if (l === 0)
        wt = tf.concat([tf.slice(wt, [0, g], [units, m]), tf.slice(wt, [0, D + g], [units, m])], 1);
      const a = act(
        tf.add(tf.matMul(x, wt, false, true), block(dense, layout, `dense${l + 1}/bias`)),
        cfg.activation,
      );
      if (cfg.activityL2 > 0) penalty = tf.add(penalty, tf.mul(tf.sum(tf.square(a)), cfg.activityL2 / n));
      const last = l === cfg.mlpLayers.length - 1;
      const drop = cfg.dropout > 0 && (cfg.dropoutAt === 'each' || (cfg.dropoutAt === 'last' ? last : !last));
      x = (drop && masks ? tf.mul(a, masks[k++]) : a) as tf.Tensor2D;
    });
    const w = block(dense, layout, 'output/mlp');
    z = tf.add(z, tf.matMul(x, tf.reshape(w, [w.size, 1])));
  }
  return { z, penalty: penalty as tf.Scalar };
}

export function mfReference(
  _cfg: MfConfig,
  nUsers: number,
  table: tf.Tensor2D,
  users: Int32Array,
  items: Int32Array,
): tf.Tensor2D {
  const n = users.length;
  const u = embeddingLookup(table, tf.tensor2d(users, [n, 1], 'int32'));
  const i = embeddingLookup(
    table,
    tf.tensor2d(
      Int32Array.from(items, (x) => x + nUsers),
      [n, 1],
      'int32',
    ),
  );
  return tf.sum(tf.mul(u, i), 1, true);
}

/**
 * The loss heads as their papers state them, one example at a time and with none of the heads' algebra
 * (no softplus, reshapes or one-hot masks), so a wrong sign or scale in a head cannot also be in here.
 * Returns the summed loss over the n examples of z [n·width, 1] (labels one per pair, as numbers).
 * - bce: −y·log σ(z) − (1−y)·log(1−σ(z)) per pair (width 1);
 * - pairwise: the mean of that over an example's positive and negative (width 2, as seed 004);
 * - bpr: −log σ(z⁺ − z⁻) (width 2, positive first);
 * - warp: L·max(0, 1 − z⁺ + max z⁻) over K negatives, with the rank weight L = log(1 + ⌊(N−1)·v/K⌋)
 *   for v negatives within the margin; L is read from `scores` (the values of z) and held constant,
 *   as LightFM does, so autodiff sees only the hinge.
 */
export function lossReference(
  kind: 'bce' | 'pairwise' | 'bpr' | 'warp',
  z: tf.Tensor2D,
  n: number,
  opts: { labels: ArrayLike<number> | null; scores: ArrayLike<number>; warpSamples: number; nItems: number },
): tf.Scalar {
  const at = (k: number) => tf.reshape(tf.slice(z, [k, 0], [1, 1]), []) as tf.Scalar;
  const label = (k: number) => {
    if (!opts.labels) throw new Error(`${kind} needs labels`);
    return opts.labels[k];
  };
  const bce = (k: number) => {
    const p = tf.sigmoid(at(k));
    return label(k) === 1 ? tf.neg(tf.log(p)) : tf.neg(tf.log(tf.sub(1, p)));
  };
  const K = opts.warpSamples;
  const terms: tf.Tensor[] = [];
  for (let e = 0; e < n; e++) {
    if (kind === 'bce') terms.push(bce(e));
    else if (kind === 'pairwise') terms.push(tf.mul(0.5, tf.add(bce(2 * e), bce(2 * e + 1))));
    else if (kind === 'bpr') terms.push(tf.neg(tf.log(tf.sigmoid(tf.sub(at(2 * e), at(2 * e + 1))))));
    else {
      const o = e * (1 + K);
      let v = 0;
      for (let c = 1; c <= K; c++) if (opts.scores[o + c] > opts.scores[o] - 1) v++;
      const weight = Math.log(1 + Math.floor(((opts.nItems - 1) * v) / K));
      const negatives = tf.stack(Array.from({ length: K }, (_, c) => at(o + 1 + c)));
      terms.push(tf.mul(weight, tf.relu(tf.add(tf.sub(1, at(o)), tf.max(negatives)))));
    }
  }
  return tf.addN(terms) as tf.Scalar;
}
