/**
 * SASRec (Kang & McAuley 2018): item embeddings (scaled by √d) plus learned positions, then blocks of
 * causal self-attention and a point-wise feed-forward layer, each with layer norm, residuals and
 * dropout; padded positions are zeroed after every block and never attended to. The next item is scored
 * from the last position against the item embedding table itself (tied weights), as in the paper.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng';
import { embeddingLookup } from '../../tensor/sparse';
import type { SasrecConfig } from './config';
import { glorot, matrix, normal, vector } from './init';
import { row, type NetInput, type Network } from './network';
import { dense, dropoutMask, indexTensor, masked, mm } from './ops';

interface Norm {
  g: tf.Variable<tf.Rank.R1>;
  b: tf.Variable<tf.Rank.R1>;
}

const NEG = -1e9;

function norm(name: string, d: number): Norm {
  return { g: vector(`${name}_gamma`, d, new Float32Array(d).fill(1)), b: vector(`${name}_beta`, d) };
}

function layerNorm(x: tf.Tensor2D, n: Norm): tf.Tensor2D {
  const xc = tf.sub(x, tf.mean(x, 1, true));
  const inv = tf.rsqrt(tf.add(tf.mean(tf.square(xc), 1, true), 1e-8));
  return tf.add(tf.mul(tf.mul(xc, inv), n.g), n.b) as tf.Tensor2D;
}

/**
 * The attention logits' mask, [n, L, L] row-major: position i of window b may attend to j only if j ≤ i
 * (causal) and j holds an item (not padding); elsewhere -1e9, which the softmax turns into 0.
 */
export function attentionBias(real: Uint8Array, n: number, L: number): Float32Array {
  const bias = new Float32Array(n * L * L);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < L; i++)
      for (let j = 0; j < L; j++) if (j > i || !real[b * L + j]) bias[(b * L + i) * L + j] = NEG;
  return bias;
}

export function createSasrecNet(cfg: SasrecConfig, nItems: number, window: number, rng: Rng): Network {
  const d = cfg.embeddingDim;
  const L = window;
  const heads = cfg.heads;
  const dh = d / heads;
  const lin = (name: string) => ({
    w: matrix(`${name}_kernel`, d, d, glorot(d, d, rng)),
    b: vector(`${name}_bias`, d),
  });
  // RecBole's SASRec draws embeddings from N(0, 0.02).
  const embedding = matrix('seq_embedding', nItems + 1, d, normal((nItems + 1) * d, 0.02, rng));
  const positions = matrix('position_embedding', L, d, normal(L * d, 0.02, rng));
  const blocks = Array.from({ length: cfg.blocks }, () => ({
    ln1: norm('attention_norm', d),
    q: lin('query'),
    k: lin('key'),
    v: lin('value'),
    ln2: norm('ffn_norm', d),
    f1: lin('ffn_1'),
    f2: lin('ffn_2'),
  }));
  const final = norm('final_norm', d);
  const variables: tf.Variable[] = [embedding, positions];
  for (const b of blocks)
    for (const p of [b.ln1, b.q, b.k, b.v, b.ln2, b.f1, b.f2]) variables.push('g' in p ? p.g : p.w, p.b);
  variables.push(final.g, final.b);

  /** [n·L, d] → [n, heads, L, dh] (or [n, L, d] for one head). */
  const split = (x: tf.Tensor2D, n: number) =>
    heads === 1 ? tf.reshape(x, [n, L, d]) : tf.transpose(tf.reshape(x, [n, L, heads, dh]), [0, 2, 1, 3]);
  const merge = (x: tf.Tensor, n: number) =>
    (heads === 1
      ? tf.reshape(x, [n * L, d])
      : tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [n * L, d])) as tf.Tensor2D;

  return {
    variables,
    embedding,
    layout: 'batch',
    outputs: nItems + 1,
    logits({ ids, n, real, rng: drop, rows: at }: NetInput) {
      const rows = n * L;
      const pos = indexTensor(Int32Array.from({ length: rows }, (_, r) => r % L));
      const keep = dropoutMask(null, rows, d, 0, real) as tf.Tensor2D;
      const attnBias = tf.tensor(attentionBias(real, n, L), heads === 1 ? [n, L, L] : [n, 1, L, L]);
      let x = tf.add(tf.mul(embeddingLookup(embedding, ids), Math.sqrt(d)), embeddingLookup(positions, pos));
      x = masked(masked(x, keep), dropoutMask(drop, rows, d, cfg.dropout)) as tf.Tensor2D;
      for (const blk of blocks) {
        const q = layerNorm(x as tf.Tensor2D, blk.ln1);
        const Q = split(dense(q, blk.q.w, blk.q.b, false), n);
        const K = split(dense(x as tf.Tensor2D, blk.k.w, blk.k.b, false), n);
        const V = split(dense(x as tf.Tensor2D, blk.v.w, blk.v.b, false), n);
        const scores = tf.add(tf.mul(tf.matMul(Q, K, false, true), 1 / Math.sqrt(dh)), attnBias);
        let att = tf.softmax(scores);
        const attDrop = dropoutMask(drop, n * heads * L, L, cfg.dropout);
        if (attDrop) att = tf.mul(att, tf.reshape(attDrop, att.shape));
        x = tf.add(q, merge(tf.matMul(att, V), n));
        const y = layerNorm(x as tf.Tensor2D, blk.ln2);
        const hidden = masked(dense(y, blk.f1.w, blk.f1.b, true), dropoutMask(drop, rows, d, cfg.dropout));
        const ff = masked(dense(hidden, blk.f2.w, blk.f2.b, false), dropoutMask(drop, rows, d, cfg.dropout));
        x = tf.mul(tf.add(y, ff), keep);
      }
      const h = layerNorm(x as tf.Tensor2D, final);
      const last = at ?? indexTensor(Int32Array.from({ length: n }, (_, b) => b * L + L - 1));
      return mm(embeddingLookup(h, last), tf.transpose(embedding));
    },
    layers() {
      const out = `(None, ${L}, ${d})`;
      const rows = [
        row('item_embedding', 'Embedding (×√d)', out, (nItems + 1) * d, ['window']),
        row('position_embedding', 'Embedding', out, L * d, ['window']),
      ];
      let prev = 'position_embedding';
      blocks.forEach((_, k) => {
        const name = `block_${k + 1}`;
        rows.push(
          row(
            `${name}_attention`,
            `CausalSelfAttention (${heads} head${heads > 1 ? 's' : ''})`,
            out,
            2 * d + 3 * (d * d + d),
            [prev],
          ),
          row(`${name}_feed_forward`, 'Dense (relu) → Dense', out, 2 * d + 2 * (d * d + d), [
            `${name}_attention`,
          ]),
        );
        prev = `${name}_feed_forward`;
      });
      rows.push(
        row('final_norm', 'LayerNormalization', out, 2 * d, [prev]),
        row('next_item', 'Dot with item embeddings (softmax)', `(None, ${nItems + 1})`, 0, [
          'final_norm',
          'item_embedding',
        ]),
      );
      return rows;
    },
  };
}
