/**
 * Tensor helpers the sequential networks share, shaped by what WASM does slowly (measured in Node on
 * this project's machine): matMul with a transpose flag takes a naive path (10-20x an explicit
 * transpose plus a plain matMul), `exp` and `tanh` are scalar loops (20x `sigmoid`), and slicing copies
 * the whole input first. So the backward of a product transposes explicitly, the loss takes its
 * logarithms from a softmax instead of exponentials, and rows are picked with `embeddingLookup`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng';

const explicitTranspose = (): boolean => tf.getBackend() === 'wasm';

/** aᵀ·b without a transpose flag: transposes the narrower operand, or the product where that is cheaper. */
function tMatMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return a.shape[1] <= b.shape[1]
    ? tf.matMul(tf.transpose(a), b)
    : tf.transpose(tf.matMul(tf.transpose(b), a));
}

const matMulExplicit = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as tf.Tensor2D[];
      return [tf.matMul(dy, tf.transpose(sb)), tMatMul(sa, dy)];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** a·b whose gradient never takes WASM's slow transposed path. */
export function mm(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return explicitTranspose() ? matMulExplicit(a, b) : tf.matMul(a, b);
}

/** x·w + b, through a relu when asked. */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, relu: boolean): tf.Tensor2D {
  const z = tf.add(mm(x, w), b) as tf.Tensor2D;
  return relu ? tf.relu(z) : z;
}

/** Rows of x by a [n, 1] index, without a gradient (inside custom gradients); see `embeddingLookup`. */
export function pickRows(x: tf.Tensor2D, idx: tf.Tensor2D): tf.Tensor2D {
  return (
    explicitTranspose() ? tf.gatherND(x, idx) : tf.reshape(tf.gather(x, idx), [idx.shape[0], x.shape[1]])
  ) as tf.Tensor2D;
}

/** tanh; on WASM through the vectorised sigmoid, as 2σ(2x) - 1 (its own tanh is a scalar loop). */
export function tanh<T extends tf.Tensor>(x: T): T {
  return (explicitTranspose() ? tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1) : tf.tanh(x)) as T;
}

/** aᵀ·b, fast on every backend. */
export function matMulTA(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return explicitTranspose() ? tMatMul(a, b) : tf.matMul(a, b, true, false);
}

/** A [n, 1] int32 index tensor, the shape `embeddingLookup` and scatterND take. */
export function indexTensor(values: Int32Array): tf.Tensor2D {
  return tf.tensor2d(values, [values.length, 1], 'int32');
}

/**
 * An inverted-dropout mask of `rows` x `cols` (0, or 1 / (1 - rate)) drawn from the seeded JS stream, so
 * every backend drops the same units. `keep`, when given, zeroes whole rows (padding positions).
 */
export function dropoutMask(
  rng: Rng | null,
  rows: number,
  cols: number,
  rate: number,
  keep?: Uint8Array,
): tf.Tensor2D | null {
  const dropping = rng !== null && rate > 0;
  if (!dropping && !keep) return null;
  const scale = dropping ? 1 / (1 - rate) : 1;
  const m = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    if (keep && !keep[r]) continue;
    const o = r * cols;
    if (!dropping) m.fill(1, o, o + cols);
    else for (let c = 0; c < cols; c++) m[o + c] = rng.next() < rate ? 0 : scale;
  }
  return tf.tensor2d(m, [rows, cols]);
}

/** x ⊙ mask, or x where there is no mask. */
export const masked = <T extends tf.Tensor>(x: T, mask: tf.Tensor | null): T =>
  mask ? (tf.mul(x, mask) as T) : x;

/**
 * Mean sparse softmax cross-entropy of logits [n, C] against int labels, from logits: no one-hot leaves
 * the device side. log p(y) = z_y - max z - log Σ exp(z - max z), and Σ exp(z - max z) = 1 / max softmax,
 * so the softmax (one fused, stable kernel) stands in for exponentials; the gradient is (p - onehot) / n.
 */
export function sparseSoftmaxCE(logits: tf.Tensor2D, labels: Int32Array): tf.Scalar {
  const n = logits.shape[0];
  const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), logits.shape[1]);
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [z, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const p = tf.softmax(z);
    // Saved, not closed over: what the forward pass creates is gone by the time gradients run.
    save([p, onehot]);
    const picked = tf.sum(tf.mul(z, onehot), 1);
    const perRow = tf.sub(tf.sub(tf.max(z, 1), picked), tf.log(tf.max(p, 1)));
    return {
      value: tf.mean(perRow) as tf.Scalar,
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => tf.mul(tf.sub(saved[0], saved[1]), tf.div(dy, n)),
    };
  });
  return f(logits) as tf.Scalar;
}
