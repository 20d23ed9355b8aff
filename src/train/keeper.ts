/**
 * Copies of the weights the loop may have to put back: the best epoch's for early stopping, and the
 * last good one for when the loss runs away (a learning rate far too high turns every weight into NaN
 * within a few steps, and a model of NaN recommends nothing).
 */
import * as tf from '@tensorflow/tfjs-core';

/** A copy of some variables' values, taken at an epoch's end (epoch 0: before training). */
export class WeightCopy {
  epoch: number | null = null;
  private weights: tf.Tensor[] | null = null;

  constructor(private readonly variables: readonly tf.Variable[]) {}

  get held(): boolean {
    return this.weights !== null;
  }

  take(epoch: number): void {
    this.dispose();
    this.weights = this.variables.map((v) => tf.clone(v));
    this.epoch = epoch;
  }

  restore(): boolean {
    const w = this.weights;
    if (!w) return false;
    this.variables.forEach((v, k) => v.assign(w[k]));
    return true;
  }

  dispose(): void {
    if (this.weights) tf.dispose(this.weights);
    this.weights = null;
  }
}

/** Follows the validation figure epoch by epoch and keeps a copy of the best weights. */
export class BestKeeper {
  best = Infinity;
  bestEpoch: number | null = null;
  wait = 0;
  private readonly copy: WeightCopy;

  constructor(variables: readonly tf.Variable[]) {
    this.copy = new WeightCopy(variables);
  }

  /** Whether it holds the best epoch's weights (early stopping asked it to keep them). */
  get held(): boolean {
    return this.copy.held;
  }

  /** Records an epoch's figure (lower is better); returns whether it is the best so far. */
  offer(epoch: number, value: number, keepWeights: boolean): boolean {
    if (!(value < this.best)) {
      this.wait++;
      return false;
    }
    this.best = value;
    this.bestEpoch = epoch;
    this.wait = 0;
    if (keepWeights) this.copy.take(epoch);
    return true;
  }

  restore(): boolean {
    return this.copy.restore();
  }

  dispose(): void {
    this.copy.dispose();
  }
}

/** Where a run's figures stopped being numbers. */
export interface Divergence {
  /** What became non-finite: 'the loss', 'the validation loss', 'val hr@10'. */
  what: string;
  value: number;
  epoch: number;
  /** The step (batch of the epoch) whose loss read showed it; null for an end-of-epoch figure. */
  step: number | null;
}

const show = (x: number): string => (Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity');

/**
 * The note a diverged run ends with: where it happened, which weights the model now holds, and what to
 * change. `kept` is null when no copy was left to restore (the weights are then as they diverged).
 */
export function divergenceNote(d: Divergence, kept: { epoch: number; best: boolean } | null, lr: number) {
  const where = d.step === null ? `after epoch ${d.epoch}` : `at epoch ${d.epoch}, step ${d.step}`;
  const weights =
    kept === null
      ? 'no earlier weights were kept, so the model holds non-finite weights'
      : kept.epoch === 0
        ? 'kept the weights of epoch 0 (before training)'
        : `kept the weights of epoch ${kept.epoch}${kept.best ? ', the best on validation' : ''}`;
  return `${d.what} became ${show(d.value)} ${where}; ${weights} — lower the learning rate (now ${lr})`;
}
