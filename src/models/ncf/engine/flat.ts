/**
 * Tensor helpers for the scorers. Two backend facts shape them (measured with `npm run bench`):
 * on WASM, matMul with a transpose flag takes a slow path (about 8x an explicit transpose plus a
 * plain matMul), and slicing a tensor copies the whole input first, so the big table is never
 * sliced and dense kernels are stored [out, in] so the backward pass transposes dZ (narrow) rather
 * than the activations (wide).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ParamBlock, ParamLayout } from './params';
import type { Activation } from '../config';

export type { Activation };

/** Whether transposes should be explicit kernels rather than matMul flags. */
const explicitTranspose = (): boolean => tf.getBackend() === 'wasm';

/** a·b with optional transposes, whichever way is fast on the active backend. */
export function matMulT(a: tf.Tensor2D, b: tf.Tensor2D, ta = false, tb = false): tf.Tensor2D {
  if ((ta || tb) && explicitTranspose()) {
    return tf.matMul(ta ? tf.transpose(a) : a, tb ? tf.transpose(b) : b);
  }
  return tf.matMul(a, b, ta, tb);
}

/** act(x · wtᵀ + b) for a kernel stored [out, in]; fused matMul covers relu, sigmoid and linear. */
export function dense(x: tf.Tensor2D, wt: tf.Tensor2D, b: tf.Tensor, act: Activation): tf.Tensor2D {
  const explicit = explicitTranspose();
  const w = explicit ? tf.transpose(wt) : wt;
  const fusedAct = act === 'tanh' ? 'linear' : act;
  const y = tf.fused.matMul({ a: x, b: w, transposeB: !explicit, bias: b, activation: fusedAct });
  return (act === 'tanh' ? tf.tanh(y) : y) as tf.Tensor2D;
}

/** dL/dZ from dL/dA, given the activation's output A. */
export function activationGrad(dA: tf.Tensor2D, a: tf.Tensor2D, act: Activation): tf.Tensor2D {
  switch (act) {
    case 'relu':
      return tf.mul(dA, tf.step(a));
    case 'sigmoid':
      return tf.mul(dA, tf.mul(a, tf.sub(1, a)));
    case 'tanh':
      return tf.mul(dA, tf.sub(1, tf.square(a)));
    case 'linear':
      return dA;
  }
}

/** A block of a flat vector as a tensor of its shape (slice, plus a free reshape for 2-D blocks). */
export function readBlock(flat: tf.Tensor1D, b: ParamBlock): tf.Tensor {
  const s = tf.slice(flat, [b.offset], [b.size]);
  return b.shape.length === 1 ? s : tf.reshape(s, b.shape);
}

/** The flat gradient: every block's gradient in layout order, concatenated in one kernel. */
export function flatGrad(layout: ParamLayout, grads: Map<string, tf.Tensor>): tf.Tensor1D {
  const parts = layout.blocks.map((b) => {
    const g = grads.get(b.name);
    if (!g) throw new Error(`no gradient for block '${b.name}'`);
    return g.rank === 1 ? g : tf.reshape(g, [b.size]);
  });
  return (parts.length === 1 ? parts[0] : tf.concat(parts)) as tf.Tensor1D;
}

/** R ⊙ R_swap viewed as [n, 2·width]: both halves of a row hold u ⊙ i (bitwise, as * commutes). */
export function pairProducts(rows: tf.Tensor2D, swapped: tf.Tensor2D, n: number): tf.Tensor2D {
  return tf.reshape(tf.mul(rows, swapped), [n, 2 * rows.shape[1]]);
}
