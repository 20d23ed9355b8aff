/** The row-wise logSumExp with its written-out gradient matches tfjs's own, value and gradient. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { logSumExpRows } from '../../../src/tensor/logsumexp';

beforeAll(async () => {
  await initBackend({ choice: 'cpu' });
});

describe('logSumExpRows', () => {
  it('equals tf.logSumExp over the last axis, and so does its gradient under any upstream weights', async () => {
    const x = tf.tensor2d([3, -1, 0.5, 20, 19.5, -4, 0, 0, 0], [3, 3]);
    const w = tf.tensor1d([0.3, -2, 1]);
    const mine = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(logSumExpRows(t as tf.Tensor2D), w)));
    const theirs = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.logSumExp(t, 1), w)));
    const [a, b] = [await mine(x).data(), await theirs(x).data()];
    a.forEach((v, k) => expect(v).toBeCloseTo(b[k], 5));
    const [va, vb] = [await logSumExpRows(x).data(), await tf.logSumExp(x, 1).data()];
    va.forEach((v, k) => expect(v).toBeCloseTo(vb[k], 5));
    expect(a[3] + a[4] + a[5]).toBeCloseTo(-2, 5);
  });
});
