/**
 * The packed factor engine's contract. A scorer maps (user, item) pairs to a logit with a hand-written
 * backward pass over two variables (see params.ts): autodiff through slices, gathers and per-variable
 * optimizers costs about 250 kernel dispatches per NeuMF step, this about 80. Tests check every backward
 * pass against tfjs autodiff.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { ModelSummary, TrainedModel } from '../../../train/family';
import type { ParamLayout } from './params';

/** The two trainable variables of a scorer (see params.ts for why two, not one or many). */
export interface ScorerParams {
  /** Packed embedding table [nUsers + nItems, width]: users first, then items at nUsers + item. */
  table: tf.Tensor2D;
  /** Every dense weight and bias in one flat vector, or null when the model has none (MF). */
  dense: tf.Tensor1D | null;
}

export interface ScorerGrads {
  /**
   * The table's dense gradient, [nRows, width]: the row gradients scattered into a zero table. Built on
   * first read, so a sparse update (which wants only `rows`) never pays for a catalogue-sized scatter.
   */
  readonly table: tf.Tensor2D;
  /** The gradient of each looked-up row, [2n, width], aligned with the batch's `idx` (repeats not summed). */
  rows: tf.Tensor2D;
  dense: tf.Tensor1D | null;
}

/**
 * Table rows of n (user, item) pairs, both [2n, 1] int32. `idx` interleaves user row, item row
 * (nUsers + item); `swap` is the same with each pair's two rows exchanged, so that R ⊙ R_swap holds
 * u ⊙ i on every row: the GMF and dot products without a slice, a reverse or a prod (slow on WASM).
 */
export interface PairRows {
  idx: tf.Tensor2D;
  swap: tf.Tensor2D;
}

/** Tensors a forward pass keeps for its backward pass. Owned by the enclosing tf.tidy. */
export interface ForwardState {
  z: tf.Tensor2D;
  n: number;
}

export interface Scorer {
  readonly nUsers: number;
  readonly nItems: number;
  /** One block, 'embeddings' [nUsers + nItems, width]. */
  readonly tableLayout: ParamLayout;
  /** Dense weights, or null. 2-D kernels are stored [out, in], as PyTorch does (see flat.ts). */
  readonly denseLayout: ParamLayout | null;
  /** Widths of the activations that take a dropout mask in training, in order. */
  dropoutWidths(): number[];
  /** Dropout rate of those masks. */
  readonly dropoutRate: number;
  /** Logits [n, 1]. `masks` are the dropout masks (values 0 or 1/keep) in training, else null. */
  forward(p: ScorerParams, rows: PairRows, masks: tf.Tensor2D[] | null): ForwardState;
  /** Gradients of sum(dz * z), given dz [n, 1]. */
  backward(state: ForwardState, dz: tf.Tensor2D): ScorerGrads;
  /** The item table's columns that are embeddings, by name ("GMF", "MLP", "factors"). */
  itemBlocks(): { name: string; cols: [number, number] }[];
  /** Optional fast path: logits of every item for each user, [users, nItems] (MF: one matMul). */
  scoreUsers?(p: ScorerParams, users: tf.Tensor1D): tf.Tensor2D;
  summary(): ModelSummary;
}

/** A trained model that also scores given (user, item) pairs, as the NCF evaluation needs. */
export interface PairScorer extends TrainedModel {
  /** Scores of the given (user, item) pairs; higher ranks first. */
  scorePairs(users: Int32Array, items: Int32Array): Promise<Float32Array>;
}
