/**
 * The two-tower model: both towers, their dot product, and the two ways to train it. As a rating
 * regressor (seed 003) the dot product of the normalised embeddings predicts the rating scaled to [-1, 1]
 * under a mean squared error. As a retriever (TensorFlow Recommenders) each batch's users score every item
 * of the batch, and a softmax asks each user's own item to win, its logits corrected by the log of each
 * item's frequency (items are sampled as often as they are popular, Yi et al. 2019).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../data/rng';
import { logSumExpRows } from '../../tensor/logsumexp';
import { embeddingLookup } from '../../tensor/sparse';
import type { AutodiffModel } from '../../train/autodiff';
import type { ItemEmbeddings, ModelSummary, SummaryRow, TrainedModel } from '../../train/family';
import type { RowBatch } from '../../train/sources/rows';
import { usesFeatures, usesIds, type TowerModelConfig, type TowerTrainConfig } from './config';
import type { TowerData } from './data';
import { countsOf, standardise, unscaleTarget, withoutCount } from './features';
import { Tower } from './tower';

export type TowerBatch = RowBatch<'user' | 'item'>;

/**
 * The in-batch softmax's candidates and each row's column among them. Removing accidental hits keeps one
 * column per distinct item, so another row holding the same item never counts as a negative (and the item
 * tower runs once per distinct item); otherwise every row is a column, as TFRS does by default.
 */
export function inBatchCandidates(
  items: Int32Array,
  distinct: boolean,
): { candidates: Int32Array; label: Int32Array } {
  if (!distinct) return { candidates: items, label: Int32Array.from(items.keys()) };
  const column = new Map<number, number>();
  const label = Int32Array.from(items, (i) => {
    let c = column.get(i);
    if (c === undefined) column.set(i, (c = column.size));
    return c;
  });
  return { candidates: Int32Array.from(column.keys()), label };
}

export class TwoTowerModel implements TrainedModel, AutodiffModel<TowerBatch> {
  readonly kind: string;
  readonly nUsers: number;
  readonly nItems: number;
  readonly scoreKind: 'rating' | 'ranking';
  readonly user: Tower;
  readonly item: Tower;
  private readonly logq: tf.Tensor1D | null = null;
  private readonly invTemperature: tf.Scalar;
  private itemCache: Float32Array | null = null;

  constructor(
    private readonly data: TowerData,
    readonly cfg: TowerModelConfig,
    readonly train: TowerTrainConfig,
    seed: number,
  ) {
    this.kind = cfg.kind;
    this.nUsers = data.nUsers;
    this.nItems = data.nItems;
    this.scoreKind = train.objective === 'rating' ? 'rating' : 'ranking';
    const rng = createRng(seed);
    const feats = usesFeatures(cfg.kind);
    const idDim = usesIds(cfg.kind) ? cfg.idDim : 0;
    const common = {
      layers: cfg.layers,
      out: cfg.embeddingDim,
      activation: cfg.activation,
      normalise: cfg.normalise,
      idDim,
    };
    this.user = new Tower(
      {
        ...common,
        name: 'user',
        n: data.nUsers,
        features: feats ? { width: data.user.width, values: data.user.scaled } : null,
        idKept: (u) => data.userCounts[u] > 0,
      },
      rng,
    );
    const items = cfg.itemCount
      ? { width: data.item.width, values: data.item.scaled }
      : withoutCount(data.item);
    this.item = new Tower(
      {
        ...common,
        name: 'item',
        n: data.nItems,
        features: feats ? items : null,
        idKept: (i) => data.itemCounts[i] > 0,
      },
      rng,
    );
    if (train.objective === 'retrieval' && train.popularityCorrection) {
      // How often each item turns up in the training batches; items that never do are never read.
      const total = data.train.item.length;
      const counts = countsOf(data.train.item, data.nItems);
      this.logq = tf.tensor1d(Float32Array.from(counts, (c) => Math.log(Math.max(c, 1) / total)));
    }
    this.invTemperature = tf.scalar(1 / train.temperature);
  }

  get variables(): tf.Variable[] {
    return [...this.user.variables, ...this.item.variables];
  }

  /** Keras-style L2 of a variable under the config: ID tables and dense kernels (never biases). */
  l2Of(v: tf.Variable): number {
    if (v === this.user.ids || v === this.item.ids) return this.cfg.l2Ids;
    return v.rank === 2 ? this.cfg.l2Layers : 0;
  }

  loss(batch: TowerBatch): tf.Scalar {
    const n = batch.n;
    const users = tf.tensor2d(batch.cols.user as Int32Array, [n, 1], 'int32');
    const u = this.user.forward(users);
    if (this.train.objective === 'rating') {
      const v = this.item.forward(tf.tensor2d(batch.cols.item as Int32Array, [n, 1], 'int32'));
      const pred = tf.sum(tf.mul(u, v), 1);
      return tf.mean(tf.squaredDifference(pred, tf.tensor1d(batch.target))) as tf.Scalar;
    }
    // The batch's items are the candidates; each row's label is its own item's column.
    const { candidates, label } = inBatchCandidates(
      batch.cols.item as Int32Array,
      this.train.removeAccidentalHits,
    );
    const k = candidates.length;
    const cand = tf.tensor2d(candidates, [k, 1], 'int32');
    const v = this.item.forward(cand);
    let logits: tf.Tensor2D = tf.mul(tf.matMul(u, v, false, true), this.invTemperature);
    const labels = tf.tensor2d(label, [n, 1], 'int32');
    let pos: tf.Tensor1D = tf.mul(tf.sum(tf.mul(u, embeddingLookup(v, labels)), 1), this.invTemperature);
    if (this.logq) {
      const lq = tf.gather(this.logq, candidates);
      logits = tf.sub(logits, tf.reshape(lq, [1, k]));
      pos = tf.sub(pos, tf.gather(lq, label));
    }
    return tf.mean(tf.sub(logSumExpRows(logits), pos)) as tf.Scalar;
  }

  /** Every user's embedding, [nUsers x dim]. */
  userVectors(): Promise<Float32Array> {
    return this.user.all();
  }

  /** Every item's embedding, [nItems x dim], computed once: the weights no longer change after training. */
  async itemVectors(): Promise<Float32Array> {
    this.itemCache ??= await this.item.all();
    return this.itemCache;
  }

  /** A dot product as the model reports it: stars (clipped to the scale) for a regressor, else the score. */
  toScore(dot: number): number {
    const s = this.data.scale;
    if (this.scoreKind !== 'rating' || !s) return dot;
    return Math.min(s.max, Math.max(s.min, unscaleTarget(dot, s)));
  }

  async scoreUsers(users: Int32Array): Promise<Float32Array> {
    const items = await this.itemVectors();
    const d = this.cfg.embeddingDim;
    const t = tf.tidy(() => {
      const u = this.user.forward(tf.tensor2d(users, [users.length, 1], 'int32'));
      return tf.matMul(u, tf.tensor2d(items, [this.nItems, d]), false, true);
    });
    const scores = (await t.data()) as Float32Array;
    t.dispose();
    for (let j = 0; j < scores.length; j++) scores[j] = this.toScore(scores[j]);
    return scores;
  }

  /**
   * Every item's score for a user who is not in the data, described by a raw user-feature row (a genre
   * profile): the user tower runs once, the item embeddings are cached, so this answers in milliseconds.
   */
  async scoreFeatures(raw: Float32Array): Promise<Float32Array> {
    if (!this.user.readsFeatures)
      throw new Error('this model reads no user features: it knows users only by id');
    const items = await this.itemVectors();
    const x = standardise(raw, this.data.user.width, this.data.user.stats);
    const t = tf.tidy(() => this.user.forwardFeatures(tf.tensor2d(x, [1, x.length])));
    const u = (await t.data()) as Float32Array;
    t.dispose();
    const d = this.cfg.embeddingDim;
    const scores = new Float32Array(this.nItems);
    for (let i = 0; i < this.nItems; i++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += u[c] * items[i * d + c];
      scores[i] = this.toScore(s);
    }
    return scores;
  }

  async itemEmbeddings(): Promise<ItemEmbeddings[]> {
    const vectors = (await this.itemVectors()).slice();
    return [{ name: 'item tower', dim: this.cfg.embeddingDim, vectors, normalised: this.cfg.normalise }];
  }

  summary(): ModelSummary {
    const rows: SummaryRow[] = [];
    const total = { params: 0 };
    for (const tower of [this.user, this.item]) towerRows(tower, rows, total);
    rows.push({
      name: 'dot',
      type: 'Dot',
      outputShape: '(None, 1)',
      params: 0,
      inputs: [`${this.user.spec.name}_out`, `${this.item.spec.name}_out`],
    });
    const vars = this.variables.length;
    return {
      title: `two_tower_${this.cfg.kind}`,
      rows,
      totalParams: total.params,
      trainableParams: total.params,
      storage: `${vars} variables updated by one packed ${this.train.optimizer} step; feature tables (users ${this.data.user.width} wide, items ${this.item.inputWidth - this.item.spec.idDim} wide) stay on the device as constants`,
    };
  }

  dispose(): void {
    this.user.dispose();
    this.item.dispose();
    this.logq?.dispose();
    this.invTemperature.dispose();
  }
}

function towerRows(t: Tower, rows: SummaryRow[], total: { params: number }): void {
  const n = t.spec.name;
  const inputs: string[] = [];
  const fw = t.inputWidth - t.spec.idDim;
  if (fw > 0) {
    rows.push({
      name: `${n}_features`,
      type: 'InputLayer',
      outputShape: `(None, ${fw})`,
      params: 0,
      inputs: [],
    });
    inputs.push(`${n}_features`);
  }
  if (t.spec.idDim > 0) {
    const p = t.spec.n * t.spec.idDim;
    total.params += p;
    rows.push({
      name: `${n}_id`,
      type: 'Embedding',
      outputShape: `(None, ${t.spec.idDim})`,
      params: p,
      inputs: [],
    });
    inputs.push(`${n}_id`);
  }
  let prev = inputs.length > 1 ? `${n}_concat` : inputs[0];
  if (inputs.length > 1)
    rows.push({ name: prev, type: 'Concatenate', outputShape: `(None, ${t.inputWidth})`, params: 0, inputs });
  let width = t.inputWidth;
  t.dense.forEach((d, k) => {
    const units = d.b.shape[0];
    const last = k === t.dense.length - 1;
    const name = last ? `${n}_dense_out` : `${n}_dense${k + 1}`;
    const p = width * units + units;
    total.params += p;
    const act = last ? 'linear' : t.spec.activation;
    rows.push({ name, type: `Dense (${act})`, outputShape: `(None, ${units})`, params: p, inputs: [prev] });
    prev = name;
    width = units;
  });
  rows.push({
    name: `${n}_out`,
    type: t.spec.normalise ? 'L2Normalize' : 'Identity',
    outputShape: `(None, ${width})`,
    params: 0,
    inputs: [prev],
  });
}
