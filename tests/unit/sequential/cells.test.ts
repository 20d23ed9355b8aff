/**
 * The hand-written recurrences and losses against tfjs autodiff of a plain formulation (slices, tanh,
 * one-hot cross-entropy), values and gradients, on the CPU and the WASM backend (whose code paths differ:
 * gathers, tanh through the sigmoid, explicit transposes).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { REPO_ROOT } from '../../../src/cli/sources';
import { createRng } from '../../../src/data/rng';
import { gru, lstm } from '../../../src/models/sequential/recurrent';
import { mm, sparseSoftmaxCE } from '../../../src/models/sequential/ops';
import { globalMaxPool } from '../../../src/models/sequential/cnn';
import { maxRelDiff } from '../train/gradcheck';

const WASM = `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`;
const L = 4;
const B = 3;
const H = 5;

function randn(shape: number[], seed: number, scale = 0.7): tf.Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: n }, () => rng.normal() * scale),
    shape,
  );
}

const cols = (z: tf.Tensor, k: number, w: number) => tf.slice(z, [0, k * w], [z.shape[0], w]);

function plainLstm(xp: tf.Tensor2D, u: tf.Tensor2D, seq: boolean): tf.Tensor2D {
  let h = tf.zeros([B, H]) as tf.Tensor2D;
  let c = tf.zeros([B, H]) as tf.Tensor2D;
  const outs: tf.Tensor2D[] = [];
  for (let t = 0; t < L; t++) {
    const z = tf.add(tf.slice(xp, [t * B, 0], [B, 4 * H]), tf.matMul(h, u)) as tf.Tensor2D;
    const [i, f, o] = [0, 1, 2].map((k) => tf.sigmoid(cols(z, k, H)));
    c = tf.add(tf.mul(f, c), tf.mul(i, tf.tanh(cols(z, 3, H))));
    h = tf.mul(o, tf.tanh(c));
    outs.push(h);
  }
  return seq ? tf.concat(outs) : h;
}

function plainGru(xp: tf.Tensor2D, u: tf.Tensor2D, bhn: tf.Tensor1D, seq: boolean): tf.Tensor2D {
  let h = tf.zeros([B, H]) as tf.Tensor2D;
  const outs: tf.Tensor2D[] = [];
  for (let t = 0; t < L; t++) {
    const x = tf.slice(xp, [t * B, 0], [B, 3 * H]) as tf.Tensor2D;
    const m = tf.matMul(h, u);
    const r = tf.sigmoid(tf.add(cols(x, 0, H), cols(m, 0, H)));
    const z = tf.sigmoid(tf.add(cols(x, 1, H), cols(m, 1, H)));
    const n = tf.tanh(tf.add(cols(x, 2, H), tf.mul(r, tf.add(cols(m, 2, H), bhn))));
    h = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h));
    outs.push(h);
  }
  return seq ? tf.concat(outs) : h;
}

/** Value and gradients of Σ out ⊙ w, for out = f(inputs). */
async function valueAndGrads(f: (...x: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[], seed: number) {
  const res = tf.tidy(() => {
    const out = f(...inputs);
    const w = randn(out.shape, seed);
    const g = tf.grads((...x: tf.Tensor[]) => tf.sum(tf.mul(f(...x), w)))(inputs);
    return [out, ...g];
  });
  const read = await Promise.all(res.map(async (t) => Array.from(await t.data())));
  tf.dispose(res);
  return read;
}

describe.each(['cpu', 'wasm'] as const)('sequential cells on %s', (backend) => {
  it('starts the backend', async () => {
    const r = await initBackend({ choice: backend, wasmPath: WASM });
    expect(r.name).toBe(backend);
  });

  it.each([true, false])(
    'LSTM (sequences %s): values and gradients match autodiff of the plain cell',
    async (seq) => {
      const xp = randn([L * B, 4 * H], 1);
      const u = randn([H, 4 * H], 2);
      const ours = await valueAndGrads(
        (a, b) => lstm(a as tf.Tensor2D, b as tf.Tensor2D, L, seq),
        [xp, u],
        3,
      );
      const plain = await valueAndGrads(
        (a, b) => plainLstm(a as tf.Tensor2D, b as tf.Tensor2D, seq),
        [xp, u],
        3,
      );
      ours.forEach((v, k) => expect(maxRelDiff(v, plain[k])).toBeLessThan(2e-3));
      // The gradients are not trivially zero.
      expect(Math.max(...plain[2].map(Math.abs))).toBeGreaterThan(1e-2);
      tf.dispose([xp, u]);
    },
  );

  it.each([true, false])(
    'GRU (sequences %s): values and gradients match autodiff of the plain cell',
    async (seq) => {
      const xp = randn([L * B, 3 * H], 4);
      const u = randn([H, 3 * H], 5);
      const bhn = randn([H], 6);
      const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
        gru(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Tensor1D, L, seq);
      const ours = await valueAndGrads(f, [xp, u, bhn], 7);
      const plain = await valueAndGrads(
        (a, b, c) => plainGru(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Tensor1D, seq),
        [xp, u, bhn],
        7,
      );
      ours.forEach((v, k) => expect(maxRelDiff(v, plain[k])).toBeLessThan(2e-3));
      expect(Math.max(...plain[3].map(Math.abs))).toBeGreaterThan(1e-2);
      tf.dispose([xp, u, bhn]);
    },
  );

  it('the sparse cross-entropy and the matMul match their plain forms', async () => {
    const logits = randn([6, 9], 8, 3);
    const labels = Int32Array.from([0, 8, 3, 3, 5, 1]);
    const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), 9);
    const ours = await valueAndGrads(
      (z) => tf.mul(sparseSoftmaxCE(z as tf.Tensor2D, labels), 1),
      [logits],
      9,
    );
    const plain = await valueAndGrads(
      (z) => tf.losses.softmaxCrossEntropy(onehot, z, undefined, undefined, tf.Reduction.MEAN),
      [logits],
      9,
    );
    ours.forEach((v, k) => expect(maxRelDiff(v, plain[k])).toBeLessThan(1e-4));
    const a = randn([5, 4], 10);
    const b = randn([4, 7], 11);
    const [v1, ...g1] = await valueAndGrads((x, y) => mm(x as tf.Tensor2D, y as tf.Tensor2D), [a, b], 12);
    const [v2, ...g2] = await valueAndGrads(
      (x, y) => tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D),
      [a, b],
      12,
    );
    expect(maxRelDiff(v1, v2)).toBeLessThan(1e-5);
    g1.forEach((g, k) => expect(maxRelDiff(g, g2[k])).toBeLessThan(1e-5));
    tf.dispose([logits, onehot, a, b]);
  });

  it('global max pooling passes the gradient to each maximum, as tf.max does', async () => {
    const x = randn([3 * 4, 5], 13);
    const ours = await valueAndGrads((v) => globalMaxPool(v as tf.Tensor2D, 3, 4), [x], 14);
    const plain = await valueAndGrads((v) => tf.max(tf.reshape(v, [3, 4, 5]), 1), [x], 14);
    ours.forEach((v, k) => expect(maxRelDiff(v, plain[k])).toBeLessThan(1e-6));
    expect(plain[1].filter((g) => g !== 0)).toHaveLength(15);
    x.dispose();
  });
});

afterAll(async () => {
  await initBackend({ choice: 'cpu' });
});
