/**
 * What the generic training loop trains: a `Trainable` over some batch type, fed by a `BatchSource` of that
 * type. The loop knows nothing of users, items, sequences or features; a family decides what a batch is.
 * Two implementations exist: the NCF family's packed factor engine (hand-written backward, fused
 * optimizer) and `AutodiffTrainable` (tfjs autodiff over any variables) for everything else.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../data/rng';

/** Every batch says how many examples it holds and how many scored units (for samples/s). */
export interface Batch {
  /** Examples, the denominator of the mean loss. */
  n: number;
  /** Scored units: a BCE pair is one, a BPR triplet two, a WARP positive 1 + K, a sequence window one. */
  samples: number;
}

export interface BatchSource<B extends Batch> {
  /** Draws this epoch's examples (negatives resampled, order reshuffled); returns how many. */
  startEpoch(rng: Rng): number;
  /** Examples [from, to) of the epoch, as the model's host arrays. */
  batch(from: number, to: number, rng: Rng): B;
  /** Fixed batches of held-back training examples for the validation loss, or null. */
  validation: B[] | null;
  validationExamples: number;
  /** Scored units per example, for the time left: see Batch.samples. */
  samplesPerExample: number;
}

export interface Trainable<B extends Batch> {
  /** Trains on one batch; returns acc + the batch's summed loss, without reading it (acc stays the caller's). */
  step(batch: B, acc: tf.Scalar, rng: Rng): tf.Scalar;
  /** The summed loss of a batch in inference mode (no dropout), for the validation loss. */
  lossSum(batch: B): tf.Scalar;
  setLearningRate(lr: number): void;
  /** The weights training changes, for early stopping's copy of the best epoch. */
  readonly variables: readonly tf.Variable[];
  /** Frees what training holds (optimizer state, constants); the weights stay with the model. */
  dispose(): void;
}

/** A figure measured on validation data after each epoch (validation HR@10, say), which early stopping can follow. */
export interface ValidationMetric {
  /** The figure early stopping follows and the chart draws, e.g. 'val hr@10 (sampled)'. */
  name: string;
  /** Higher is better (hit rates), or lower (an error). */
  higherIsBetter: boolean;
  /** Measured on validation data, which early stopping may follow, or on the test data, which it never may. */
  heldOut: 'validation' | 'test';
  /** The monitored figure under `name`, with any others worth reporting beside it. */
  compute(): Promise<Record<string, number>>;
  /** The same figure for a baseline that needs no training (popularity), drawn beside the curve. */
  baseline?: { name: string; value: number };
}
