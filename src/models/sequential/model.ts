/**
 * A trained or training sequential network: the autodiff path's loss (sparse softmax cross-entropy over
 * every item, from logits) and the trained model's scores, summary and item vectors.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng';
import type { Timeline } from '../../data/types';
import type { AutodiffModel } from '../../train/autodiff';
import type { ItemEmbeddings, ModelSummary } from '../../train/family';
import type { WindowBatch } from '../../train/sources/windows';
import { targetsOf, type NeuralConfig, type Targets } from './config';
import type { NetInput, Network } from './network';
import { indexTensor, sparseSoftmaxCE } from './ops';
import { latestWindows, type SeqScorer } from './scorer';

/** Windows scored per forward pass when ranking. */
const SCORE_CHUNK = 256;

export class NeuralSeqModel implements SeqScorer, AutodiffModel<WindowBatch> {
  readonly scoreKind = 'ranking' as const;
  readonly softmax = true;
  readonly kind: NeuralConfig['kind'];
  readonly targets: Targets;

  constructor(
    readonly net: Network,
    cfg: NeuralConfig,
    private readonly tl: Timeline,
    readonly nUsers: number,
    readonly nItems: number,
    readonly window: number,
    private readonly title: string,
  ) {
    this.kind = cfg.kind;
    this.targets = targetsOf(cfg);
  }

  get variables(): readonly tf.Variable[] {
    return this.net.variables;
  }

  /** Window ids in the network's layout, with which positions hold items. */
  private input(seqs: Int32Array, n: number, rng: Rng | null, rows: tf.Tensor2D | null = null): NetInput {
    const L = this.window;
    const ids = new Int32Array(n * L);
    if (this.net.layout === 'time') {
      for (let b = 0; b < n; b++) for (let t = 0; t < L; t++) ids[t * n + b] = seqs[b * L + t];
    } else ids.set(seqs.subarray(0, n * L));
    const real = Uint8Array.from(ids, (i) => (i === this.nItems ? 0 : 1));
    return { ids: indexTensor(ids), n, real, rng, rows };
  }

  loss(batch: WindowBatch, rng: Rng | null): tf.Scalar {
    if (this.targets === 'last')
      return sparseSoftmaxCE(this.net.logits(this.input(batch.seqs, batch.n, rng)), batch.target);
    const { rows, targets } = this.everyPosition(batch);
    const logits = this.net.logits(this.input(batch.seqs, batch.n, rng, indexTensor(rows)));
    return sparseSoftmaxCE(logits, targets);
  }

  /** Each position holding an item, in the network's layout, and the item after it. */
  private everyPosition(batch: WindowBatch): { rows: Int32Array; targets: Int32Array } {
    const { seqs, target, n } = batch;
    const L = this.window;
    const rows: number[] = [];
    const targets: number[] = [];
    for (let b = 0; b < n; b++)
      for (let t = 0; t < L; t++) {
        if (seqs[b * L + t] === this.nItems) continue;
        rows.push(this.net.layout === 'time' ? t * n + b : b * L + t);
        targets.push(t < L - 1 ? seqs[b * L + t + 1] : target[b]);
      }
    return { rows: Int32Array.from(rows), targets: Int32Array.from(targets) };
  }

  async scoreWindows(seqs: Int32Array, n: number): Promise<Float32Array> {
    const out = new Float32Array(n * this.nItems);
    const L = this.window;
    const width = this.net.outputs;
    for (let from = 0; from < n; from += SCORE_CHUNK) {
      const m = Math.min(SCORE_CHUNK, n - from);
      const part = seqs.subarray(from * L, (from + m) * L);
      const logits = tf.tidy(() => this.net.logits(this.input(part, m, null)));
      const v = (await logits.data()) as Float32Array;
      logits.dispose();
      if (width === this.nItems) out.set(v, from * this.nItems);
      else
        for (let r = 0; r < m; r++)
          out.set(v.subarray(r * width, r * width + this.nItems), (from + r) * this.nItems);
    }
    return out;
  }

  scoreUsers(users: Int32Array): Promise<Float32Array> {
    return this.scoreWindows(latestWindows(this.tl, users, this.window, this.nItems), users.length);
  }

  summary(): ModelSummary {
    const rows = [
      { name: 'window', type: 'InputLayer', outputShape: `(None, ${this.window})`, params: 0, inputs: [] },
      ...this.net.layers(),
    ];
    const total = this.net.variables.reduce((a, v) => a + v.size, 0);
    return {
      title: this.title,
      rows,
      totalParams: total,
      trainableParams: total,
      storage: `${this.net.variables.length} variables; the embedding table has ${this.nItems + 1} rows (the last one pads short windows)`,
    };
  }

  async itemEmbeddings(): Promise<ItemEmbeddings[]> {
    const e = this.net.embedding;
    const dim = e.shape[1];
    const all = (await e.data()) as Float32Array;
    return [{ name: 'item embedding', dim, vectors: all.slice(0, this.nItems * dim), normalised: false }];
  }

  dispose(): void {
    tf.dispose(this.net.variables as tf.Variable[]);
  }
}
