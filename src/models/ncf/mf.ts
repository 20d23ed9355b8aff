/**
 * Matrix factorisation baselines: the plain dot product with biases that Rendle et al. (2020) found
 * to match or beat NeuMF when tuned, trained pointwise (MF), with BPR, or with a WARP-style loss.
 * The scorer is the same; the loss makes the model (see train/losses.ts).
 *
 * Biases ride inside the dot product: a user row is [p_u, b_u, 1], an item row [q_i, 1, b_i], so
 * <user, item> = p·q + b_u + b_i with one gather, one product and one sum. The constant columns are
 * frozen ones.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ParamLayout, type ColumnRule } from './engine/params';
import { matMulT, pairProducts } from './engine/flat';
import type { ForwardState, Scorer } from './engine/types';
import type { ModelSummary } from '../../train/family';
import { rowGrads } from '../../tensor/sparse';
import type { MfConfig } from './config';

interface MfState extends ForwardState {
  idx: tf.Tensor2D;
  swapped: tf.Tensor2D;
}

export function createMfScorer(cfg: MfConfig, nUsers: number, nItems: number): Scorer {
  const k = cfg.dim;
  const D = cfg.biases ? k + 2 : k;
  const nRows = nUsers + nItems;
  const tableLayout = new ParamLayout();
  // A global bias would be redundant with the item biases, so there is none: the model has no
  // dense part and its step updates a single variable.
  const rules: ColumnRule[] = [{ cols: [0, k], l2: cfg.l2 }];
  if (cfg.biases) {
    rules.push(
      { rows: [0, nUsers], cols: [k, k + 1], init: { kind: 'zeros' } },
      { rows: [0, nUsers], cols: [k + 1, k + 2], init: { kind: 'ones' }, frozen: true },
      { rows: [nUsers, nRows], cols: [k, k + 1], init: { kind: 'ones' }, frozen: true },
      { rows: [nUsers, nRows], cols: [k + 1, k + 2], init: { kind: 'zeros' } },
    );
  }
  tableLayout.add('embeddings', [nRows, D], { kind: 'normal', std: cfg.embeddingStd }, 0, rules);

  return {
    nUsers,
    nItems,
    tableLayout,
    denseLayout: null,
    dropoutWidths: () => [],
    dropoutRate: 0,
    forward(p, rows): MfState {
      const n = rows.idx.shape[0] / 2;
      const swapped = tf.gatherND(p.table, rows.swap) as tf.Tensor2D;
      const q2 = pairProducts(tf.gatherND(p.table, rows.idx) as tf.Tensor2D, swapped, n);
      // Both halves of a q2 row hold u ⊙ i, so the dot product is half the row sum.
      const z = tf.mul(tf.sum(q2, 1, true), 0.5) as tf.Tensor2D;
      return { z, n, idx: rows.idx, swapped };
    },
    backward(state, dz) {
      const s = state as MfState;
      // d(u·i)/du = i: the swapped row. Scaled by dz per pair, i.e. per two rows.
      const dr = tf.reshape(tf.mul(tf.reshape(s.swapped, [s.n, 2 * D]), dz), [2 * s.n, D]) as tf.Tensor2D;
      return rowGrads(s.idx, dr, nRows, { dense: null });
    },
    scoreUsers(p, users) {
      const u = tf.gather(p.table, users);
      const items = tf.slice(p.table, [nUsers, 0], [nItems, D]);
      return matMulT(u, items, false, true);
    },
    // The biases ride in the row but are not part of the item's vector.
    itemBlocks: () => [{ name: 'factors', cols: [0, k] }],
    summary: (): ModelSummary => {
      const name = { mf: 'MF (dot product)', bpr: 'BPR-MF', warp: 'WARP-MF' }[cfg.kind];
      const rows = [
        { name: 'user', type: 'InputLayer', outputShape: '(None,)', params: 0, inputs: [] },
        { name: 'item', type: 'InputLayer', outputShape: '(None,)', params: 0, inputs: [] },
        {
          name: 'user_embedding',
          type: 'Embedding',
          outputShape: `(None, ${k})`,
          params: nUsers * k,
          inputs: ['user'],
        },
        {
          name: 'item_embedding',
          type: 'Embedding',
          outputShape: `(None, ${k})`,
          params: nItems * k,
          inputs: ['item'],
        },
      ];
      if (cfg.biases) {
        rows.push(
          {
            name: 'user_bias',
            type: 'Embedding',
            outputShape: '(None, 1)',
            params: nUsers,
            inputs: ['user'],
          },
          {
            name: 'item_bias',
            type: 'Embedding',
            outputShape: '(None, 1)',
            params: nItems,
            inputs: ['item'],
          },
        );
      }
      rows.push({
        name: 'score',
        type: cfg.biases ? 'Dot + biases' : 'Dot',
        outputShape: '(None, 1)',
        params: 0,
        inputs: cfg.biases
          ? ['user_embedding', 'item_embedding', 'user_bias', 'item_bias']
          : ['user_embedding', 'item_embedding'],
      });
      const trainable = tableLayout.trainableCount();
      return {
        title: name,
        rows,
        totalParams: trainable,
        trainableParams: trainable,
        storage: `one packed table of ${nRows} x ${D}${cfg.biases ? ' (factors, a bias and a frozen 1 per row, so the biases ride in the dot product)' : ''}`,
      };
    },
  };
}
