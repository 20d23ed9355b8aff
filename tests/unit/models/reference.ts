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
