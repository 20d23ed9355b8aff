/**
 * Seed 000's recurrent model: Embedding → LSTM (or GRU) layers, dropout after each → Dense relu →
 * Dense softmax over every item. Inputs are time-major so that one matMul projects every timestep.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng';
import { embeddingLookup } from '../../tensor/sparse';
import type { RecurrentConfig } from './config';
import { glorot, matrix, orthogonal, uniform, vector } from './init';
import { row, type NetInput, type Network } from './network';
import { dense, dropoutMask, masked, mm } from './ops';
import { gru, lstm } from './recurrent';

interface Layer {
  w: tf.Variable<tf.Rank.R2>;
  u: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
  /** GRU only: the candidate's recurrent bias. */
  bhn: tf.Variable<tf.Rank.R1> | null;
}

export function createRecurrentNet(cfg: RecurrentConfig, nItems: number, window: number, rng: Rng): Network {
  const gates = cfg.kind === 'lstm' ? 4 : 3;
  const E = cfg.embeddingDim;
  const embedding = matrix('seq_embedding', nItems + 1, E, uniform((nItems + 1) * E, 0.05, rng));
  const layers: Layer[] = [];
  let width = E;
  for (const H of cfg.units) {
    const bias = new Float32Array(gates * H);
    // Keras' unit_forget_bias: the forget gate (columns H..2H in the i|f|o|g layout) starts open.
    if (cfg.kind === 'lstm') bias.fill(1, H, 2 * H);
    layers.push({
      w: matrix(`${cfg.kind}_kernel`, width, gates * H, glorot(width, gates * H, rng)),
      u: matrix(`${cfg.kind}_recurrent`, H, gates * H, orthogonal(H, gates * H, rng)),
      b: vector(`${cfg.kind}_bias`, gates * H, bias),
      bhn: cfg.kind === 'gru' ? vector('gru_recurrent_bias', H) : null,
    });
    width = H;
  }
  const last = width;
  const hidden =
    cfg.denseUnits > 0
      ? {
          w: matrix('dense_kernel', last, cfg.denseUnits, glorot(last, cfg.denseUnits, rng)),
          b: vector('dense_bias', cfg.denseUnits),
        }
      : null;
  const outIn = hidden ? cfg.denseUnits : last;
  const out = {
    w: matrix('output_kernel', outIn, nItems, glorot(outIn, nItems, rng)),
    b: vector('output_bias', nItems),
  };
  const variables: tf.Variable[] = [embedding];
  for (const l of layers) variables.push(l.w, l.u, l.b, ...(l.bhn ? [l.bhn] : []));
  if (hidden) variables.push(hidden.w, hidden.b);
  variables.push(out.w, out.b);

  return {
    variables,
    embedding,
    layout: 'time',
    outputs: nItems,
    logits({ ids, rng: drop, rows }: NetInput) {
      let x: tf.Tensor2D = embeddingLookup(embedding, ids);
      layers.forEach((l, k) => {
        const sequences = k < layers.length - 1 || rows !== null;
        const xp = tf.add(mm(x, l.w), l.b) as tf.Tensor2D;
        const h = l.bhn ? gru(xp, l.u, l.bhn, window, sequences) : lstm(xp, l.u, window, sequences);
        x = masked(h, dropoutMask(drop, h.shape[0], h.shape[1], cfg.dropout));
      });
      if (rows) x = embeddingLookup(x, rows);
      if (hidden) x = dense(x, hidden.w, hidden.b, true);
      return dense(x, out.w, out.b, false);
    },
    layers() {
      const type = cfg.kind.toUpperCase();
      const rows = [
        row('item_embedding', 'Embedding', `(None, ${window}, ${E})`, (nItems + 1) * E, ['window']),
      ];
      let prev = 'item_embedding';
      let w = E;
      cfg.units.forEach((H, k) => {
        const seq = k < cfg.units.length - 1;
        const name = `${cfg.kind}_${k + 1}`;
        const params = gates * (w * H + H * H + H) + (cfg.kind === 'gru' ? H : 0);
        rows.push(row(name, type, seq ? `(None, ${window}, ${H})` : `(None, ${H})`, params, [prev]));
        prev = name;
        if (cfg.dropout > 0) {
          const d = `dropout_${k + 1}`;
          rows.push(
            row(d, `Dropout (${cfg.dropout})`, seq ? `(None, ${window}, ${H})` : `(None, ${H})`, 0, [prev]),
          );
          prev = d;
        }
        w = H;
      });
      if (hidden) {
        rows.push(
          row('dense', 'Dense (relu)', `(None, ${cfg.denseUnits})`, w * cfg.denseUnits + cfg.denseUnits, [
            prev,
          ]),
        );
        prev = 'dense';
        w = cfg.denseUnits;
      }
      rows.push(row('next_item', 'Dense (softmax)', `(None, ${nItems})`, w * nItems + nItems, [prev]));
      return rows;
    },
  };
}
