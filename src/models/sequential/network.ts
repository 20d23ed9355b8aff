/** What the sequential model wrapper asks of a network (recurrent, convolutional or self-attention). */
import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng';
import type { SummaryRow } from '../../train/family';

export interface NetInput {
  /** Window item ids, [n·L, 1] int32 in the network's layout (padding is nItems). */
  ids: tf.Tensor2D;
  /** Windows in the batch. */
  n: number;
  /** 1 where a position holds an item, 0 where it is padding, in the same layout. */
  real: Uint8Array;
  /** Draws the dropout masks in training; null in inference. */
  rng: Rng | null;
  /**
   * The positions whose next item the logits are for, as [P, 1] row indices in the layout; null for the
   * last position of each window (the prediction after the window).
   */
  rows: tf.Tensor2D | null;
}

export interface Network {
  readonly variables: tf.Variable[];
  /** The item embedding table, [nItems + 1, dim]; its last row is the padding. */
  readonly embedding: tf.Variable<tf.Rank.R2>;
  /** 'time': row t·n + b is step t of window b (recurrent layers); 'batch': row b·L + t. */
  readonly layout: 'time' | 'batch';
  /** Logit columns: nItems, or nItems + 1 where the output reuses the embedding table (SASRec). */
  readonly outputs: number;
  /** Next-item logits [P, outputs] at the positions of `rows` ([n, outputs] after each window by default). */
  logits(input: NetInput): tf.Tensor2D;
  /** Keras-like layers, for the model summary. */
  layers(): SummaryRow[];
}

/** A Keras-like summary row. */
export const row = (
  name: string,
  type: string,
  outputShape: string,
  params: number,
  inputs: string[],
): SummaryRow => ({ name, type, outputShape, params, inputs });
