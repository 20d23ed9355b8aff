/**
 * A trainable model: a scorer plus its two variables (the packed table and the flat dense vector).
 * Scoring reads results with async `data()` only, so it works on WebGPU where `dataSync` is not.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../data/rng';
import { ownedVariable, uniqueName } from '../../../tensor/variables';
import type { ItemEmbeddings, ModelSummary } from '../../../train/family';
import type { NcfKind } from '../config';
import type { PairRows, PairScorer, Scorer, ScorerParams } from './types';

/** Pairs per forward pass when scoring: large enough to amortise dispatches, small enough for memory. */
const SCORE_CHUNK = 1 << 16;

export interface Weights {
  table: Float32Array;
  dense: Float32Array | null;
}

/** Interleaved table rows of the pairs (users[j], items[j]) for j in [from, to). */
export function pairIndex(
  nUsers: number,
  users: Int32Array,
  items: Int32Array,
  from = 0,
  to = users.length,
): Int32Array {
  const idx = new Int32Array(2 * (to - from));
  for (let j = from, w = 0; j < to; j++) {
    idx[w++] = users[j];
    idx[w++] = nUsers + items[j];
  }
  return idx;
}

/** Upload interleaved rows and their pairwise swap. Call inside tf.tidy. */
export function uploadRows(idx: Int32Array): PairRows {
  const swap = new Int32Array(idx.length);
  for (let j = 0; j < idx.length; j += 2) {
    swap[j] = idx[j + 1];
    swap[j + 1] = idx[j];
  }
  return {
    idx: tf.tensor2d(idx, [idx.length, 1], 'int32'),
    swap: tf.tensor2d(swap, [swap.length, 1], 'int32'),
  };
}

export class FactorModel implements PairScorer {
  readonly table: tf.Variable<tf.Rank.R2>;
  readonly dense: tf.Variable<tf.Rank.R1> | null;
  /** Logits of a pointwise loss, or ranking scores of a pairwise one: set by what trains the model. */
  scoreKind: 'logit' | 'ranking' = 'logit';

  constructor(
    readonly kind: Exclude<NcfKind, 'itempop'>,
    readonly scorer: Scorer,
    seed: number,
    initial?: Weights,
  ) {
    const rng = createRng(seed);
    const tl = scorer.tableLayout;
    const t = initial?.table ?? tl.init(rng);
    const shape = tl.blocks[0].shape as [number, number];
    if (t.length !== tl.size) throw new Error(`expected ${tl.size} table values, got ${t.length}`);
    this.table = ownedVariable(tf.tensor2d(t, shape), true, uniqueName(`table_${kind}`));
    const dl = scorer.denseLayout;
    if (dl) {
      const d = initial?.dense ?? dl.init(rng);
      if (d.length !== dl.size) throw new Error(`expected ${dl.size} dense values, got ${d.length}`);
      this.dense = ownedVariable(tf.tensor1d(d), true, uniqueName(`dense_${kind}`));
    } else {
      this.dense = null;
    }
  }

  get params(): ScorerParams {
    return { table: this.table, dense: this.dense };
  }

  get nUsers(): number {
    return this.scorer.nUsers;
  }

  get nItems(): number {
    return this.scorer.nItems;
  }

  /** Number of trainable numbers (frozen constants excluded). */
  get parameterCount(): number {
    return this.summary().trainableParams;
  }

  async scorePairs(users: Int32Array, items: Int32Array): Promise<Float32Array> {
    const out = new Float32Array(users.length);
    for (let from = 0; from < users.length; from += SCORE_CHUNK) {
      const to = Math.min(users.length, from + SCORE_CHUNK);
      const idx = pairIndex(this.nUsers, users, items, from, to);
      const z = tf.tidy(() => this.scorer.forward(this.params, uploadRows(idx), null).z);
      out.set((await z.data()) as Float32Array, from);
      z.dispose();
    }
    return out;
  }

  async scoreUsers(users: Int32Array): Promise<Float32Array> {
    const nItems = this.nItems;
    const out = new Float32Array(users.length * nItems);
    const per = Math.max(1, Math.floor(SCORE_CHUNK / nItems));
    const allItems = Int32Array.from({ length: nItems }, (_, i) => i);
    for (let from = 0; from < users.length; from += per) {
      const chunk = users.subarray(from, Math.min(users.length, from + per));
      const fast = this.scorer.scoreUsers;
      let z: tf.Tensor;
      if (fast) {
        z = tf.tidy(() => fast.call(this.scorer, this.params, tf.tensor1d(chunk, 'int32')));
      } else {
        const u = new Int32Array(chunk.length * nItems);
        const it = new Int32Array(chunk.length * nItems);
        for (let k = 0; k < chunk.length; k++) {
          u.fill(chunk[k], k * nItems, (k + 1) * nItems);
          it.set(allItems, k * nItems);
        }
        const idx = pairIndex(this.nUsers, u, it);
        z = tf.tidy(() => this.scorer.forward(this.params, uploadRows(idx), null).z);
      }
      out.set((await z.data()) as Float32Array, from * nItems);
      z.dispose();
    }
    return out;
  }

  async getWeights(): Promise<Weights> {
    return {
      table: (await this.table.data()) as Float32Array,
      dense: this.dense ? ((await this.dense.data()) as Float32Array) : null,
    };
  }

  setWeights(w: Weights): void {
    tf.tidy(() => {
      this.table.assign(tf.tensor2d(w.table, this.table.shape));
      if (this.dense && w.dense) this.dense.assign(tf.tensor1d(w.dense));
    });
  }

  summary(): ModelSummary {
    return this.scorer.summary();
  }

  /** The item rows of the packed table, cut into the scorer's named column blocks (GMF, MLP, factors). */
  async itemEmbeddings(): Promise<ItemEmbeddings[]> {
    const width = this.table.shape[1];
    const all = (await this.table.data()) as Float32Array;
    const rows = all.subarray(this.nUsers * width, (this.nUsers + this.nItems) * width);
    return this.scorer.itemBlocks().map((b) => {
      const dim = b.cols[1] - b.cols[0];
      const vectors = new Float32Array(this.nItems * dim);
      for (let i = 0; i < this.nItems; i++)
        vectors.set(rows.subarray(i * width + b.cols[0], i * width + b.cols[1]), i * dim);
      return { name: b.name, dim, vectors, normalised: false };
    });
  }

  dispose(): void {
    this.table.dispose();
    this.dense?.dispose();
  }
}
