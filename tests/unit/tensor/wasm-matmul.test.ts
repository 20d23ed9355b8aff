/**
 * WASM's matMul with transpose flags is rerouted through an explicit transpose (src/tensor/wasm-matmul.ts):
 * same results as the plain product of transposed operands, batched operands too, and no backend memory
 * left behind by the intermediate transposes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { REPO_ROOT } from '../../../src/cli/sources';
import { wasmMatMulFixed } from '../../../src/tensor/wasm-matmul';

beforeAll(async () => {
  const r = await initBackend({
    choice: 'wasm',
    wasmPath: `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
  });
  expect(r.name).toBe('wasm');
  expect(wasmMatMulFixed()).toBe(true);
});

const close = async (a: tf.Tensor, b: tf.Tensor) => {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  expect((await d.data())[0]).toBeLessThan(1e-4);
  d.dispose();
};

describe('matMul with transpose flags on WASM', () => {
  it('equals the product of explicitly transposed operands, for 2-D and batched operands', async () => {
    const a = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1);
    const b = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 2);
    const c = tf.randomNormal([2, 4, 3], 0, 1, 'float32', 3);
    const perm = [0, 2, 1];
    await close(tf.matMul(a, b, true, false), tf.matMul(tf.transpose(a, perm), b));
    await close(tf.matMul(a, c, false, true), tf.matMul(a, tf.transpose(c, perm)));
    const d = tf.randomNormal([2, 3, 5], 0, 1, 'float32', 6);
    await close(tf.matMul(b, d, true, true), tf.matMul(tf.transpose(b, perm), tf.transpose(d, perm)));
    const x = tf.randomNormal([6, 3], 0, 1, 'float32', 4);
    const y = tf.randomNormal([6, 2], 0, 1, 'float32', 5);
    await close(tf.matMul(x, y, true, false), tf.matMul(tf.transpose(x), y));
  });

  it('leaves no backend data behind', async () => {
    const a = tf.randomNormal([64, 32]);
    const g = tf.randomNormal([64, 16]);
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const before = backend.numDataIds();
    for (let k = 0; k < 5; k++) tf.matMul(a, g, true, false).dispose();
    expect(backend.numDataIds()).toBe(before);
    tf.dispose([a, g]);
  });
});
