/**
 * Seed 000's 1D CNN: Embedding → Conv1D (valid, relu) layers with dropout after each but the last →
 * global max pooling → Dense relu → dropout → Dense softmax. A convolution is one gather of every
 * position's k neighbouring rows (im2col) and one matMul: no Conv2DBackpropFilter, which WASM lacks.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng';
import { embeddingLookup } from '../../tensor/sparse';
import type { CnnConfig } from './config';
import { glorot, matrix, uniform, vector } from './init';
import { row, type NetInput, type Network } from './network';
import { dense, dropoutMask, indexTensor, masked, pickRows } from './ops';

/** Rows of the im2col gather: output position p of window b reads input rows b·P + p + j, j < k. */
function im2colIndex(n: number, inLen: number, k: number): Int32Array {
  const outLen = inLen - k + 1;
  const idx = new Int32Array(n * outLen * k);
  let w = 0;
  for (let b = 0; b < n; b++)
    for (let p = 0; p < outLen; p++) for (let j = 0; j < k; j++) idx[w++] = b * inLen + p + j;
  return idx;
}

/**
 * Global max pooling of x [n·len, F] over each window's len rows, [n, F]. Its gradient goes to the rows
 * that hold the maximum; tfjs's own compares x with the broadcast maximum, which WASM broadcasts one
 * element at a time (80 ms a step), so the maximum is gathered back to full size first.
 */
export function globalMaxPool(x: tf.Tensor2D, n: number, len: number): tf.Tensor2D {
  const idx = indexTensor(Int32Array.from({ length: n * len }, (_, r) => Math.floor(r / len)));
  const op = (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [v, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const y = tf.max(tf.reshape(v, [n, len, v.shape[1]]), 1) as tf.Tensor2D;
    save([v, y, idx]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [sv, sy, si] = saved as tf.Tensor2D[];
        const at = tf.cast(tf.equal(sv, pickRows(sy, si)), 'float32');
        return tf.mul(pickRows(dy, si), at);
      },
    };
  };
  return tf.customGrad(op)(x);
}

export function createCnnNet(cfg: CnnConfig, nItems: number, window: number, rng: Rng): Network {
  const E = cfg.embeddingDim;
  const k = cfg.kernelSize;
  const embedding = matrix('seq_embedding', nItems + 1, E, uniform((nItems + 1) * E, 0.05, rng));
  let width = E;
  const convs = cfg.filters.map((F) => {
    // Keras' Glorot for a convolution counts the kernel's taps in both fans.
    const c = {
      w: matrix('conv1d_kernel', k * width, F, glorot(k * width, k * F, rng, k * width * F)),
      b: vector('conv1d_bias', F),
    };
    width = F;
    return c;
  });
  const hidden =
    cfg.denseUnits > 0
      ? {
          w: matrix('dense_kernel', width, cfg.denseUnits, glorot(width, cfg.denseUnits, rng)),
          b: vector('dense_bias', cfg.denseUnits),
        }
      : null;
  const outIn = hidden ? cfg.denseUnits : width;
  const out = {
    w: matrix('output_kernel', outIn, nItems, glorot(outIn, nItems, rng)),
    b: vector('output_bias', nItems),
  };
  const variables: tf.Variable[] = [embedding, ...convs.flatMap((c) => [c.w, c.b])];
  if (hidden) variables.push(hidden.w, hidden.b);
  variables.push(out.w, out.b);

  return {
    variables,
    embedding,
    layout: 'batch',
    outputs: nItems,
    logits({ ids, n, rng: drop }: NetInput) {
      let x: tf.Tensor2D = embeddingLookup(embedding, ids);
      let len = window;
      let cin = E;
      convs.forEach((c, l) => {
        const cols = embeddingLookup(x, indexTensor(im2colIndex(n, len, k)));
        len = len - k + 1;
        x = dense(tf.reshape(cols, [n * len, k * cin]), c.w, c.b, true);
        cin = c.w.shape[1];
        if (l < convs.length - 1) x = masked(x, dropoutMask(drop, n * len, cin, cfg.dropout));
      });
      x = globalMaxPool(x, n, len);
      if (hidden) {
        x = dense(x, hidden.w, hidden.b, true);
        x = masked(x, dropoutMask(drop, n, cfg.denseUnits, cfg.dropout));
      }
      return dense(x, out.w, out.b, false);
    },
    layers() {
      const rows = [
        row('item_embedding', 'Embedding', `(None, ${window}, ${E})`, (nItems + 1) * E, ['window']),
      ];
      let prev = 'item_embedding';
      let len = window;
      let cin = E;
      cfg.filters.forEach((F, l) => {
        len = len - k + 1;
        const name = `conv1d_${l + 1}`;
        rows.push(row(name, `Conv1D (${k}, relu)`, `(None, ${len}, ${F})`, k * cin * F + F, [prev]));
        prev = name;
        cin = F;
        if (l < cfg.filters.length - 1 && cfg.dropout > 0) {
          rows.push(row(`dropout_${l + 1}`, `Dropout (${cfg.dropout})`, `(None, ${len}, ${F})`, 0, [prev]));
          prev = `dropout_${l + 1}`;
        }
      });
      rows.push(row('global_max_pooling1d', 'GlobalMaxPooling1D', `(None, ${cin})`, 0, [prev]));
      prev = 'global_max_pooling1d';
      if (cfg.denseUnits > 0) {
        const D = cfg.denseUnits;
        rows.push(row('dense', 'Dense (relu)', `(None, ${D})`, cin * D + D, [prev]));
        prev = 'dense';
        if (cfg.dropout > 0) {
          rows.push(row('dropout_out', `Dropout (${cfg.dropout})`, `(None, ${D})`, 0, [prev]));
          prev = 'dropout_out';
        }
        cin = D;
      }
      rows.push(row('next_item', 'Dense (softmax)', `(None, ${nItems})`, cin * nItems + nItems, [prev]));
      return rows;
    },
  };
}
