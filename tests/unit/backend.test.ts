import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/train/backend';

describe('backend', () => {
  it('falls back from WebGPU in Node and passes the self-check', async () => {
    const r = await initBackend({ choice: 'cpu' });
    expect(r.name).toBe('cpu');
    expect(r.selfCheck?.ok).toBe(true);
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.sigmoid(a)))(tf.ones([2]));
    expect((await g.data())[0]).toBeCloseTo(0.19661, 4);
  });
});
