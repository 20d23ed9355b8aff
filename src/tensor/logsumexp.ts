/**
 * log Σ exp over the last axis of a matrix, with the gradient written out: softmax(x) · dy. tfjs's own
 * logSumExp differentiates through its max as well (an Equal against the broadcast maximum, which WASM
 * runs on a slow broadcasting path: most of a retrieval step at batch 1024), although that part of the
 * gradient cancels.
 */
import * as tf from '@tensorflow/tfjs-core';

export const logSumExpRows: (x: tf.Tensor2D) => tf.Tensor1D = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const value = tf.logSumExp(x, 1) as tf.Tensor1D;
    save([x, value]);
    return {
      value,
      gradFunc: (dy: tf.Tensor1D, saved: tf.Tensor[]) => {
        const [xs, v] = saved as [tf.Tensor2D, tf.Tensor1D];
        const n = xs.shape[0];
        return tf.mul(tf.reshape(dy, [n, 1]), tf.exp(tf.sub(xs, tf.reshape(v, [n, 1]))));
      },
    };
  },
) as (x: tf.Tensor2D) => tf.Tensor1D;
