/**
 * A model family at run time: its spec (pure data, spec.ts) plus what turns a config into training
 * material, a trained model and an evaluation. The generic experiment (experiment.ts) drives it; the
 * worker and the CLI find families in one registry (src/models/registry.ts) and know nothing else of them.
 */
import type { Csr, Dataset, PairSet, Result } from '../data/types';
import type { ExperimentConfig, FamilySpec } from './spec';
import type { Batch, BatchSource, Trainable, ValidationMetric } from './trainable';
import type { EpochReport, TrainHooks, TrainResult } from './loop';
import type { Rng } from '../data/rng';
import type { TrainConfig } from './config';

/** One line of a Keras-like model summary. */
export interface SummaryRow {
  name: string;
  type: string;
  /** As Keras prints it, e.g. "(None, 8)". */
  outputShape: string;
  params: number;
  /** Names of the layers feeding this one. */
  inputs: string[];
}

export interface ModelSummary {
  title: string;
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  /** How the parameters are stored, e.g. "one packed table of 2625 x 40 and one flat vector". */
  storage: string;
}

/** A block of item vectors, one row per item, with what it is ("GMF", "MLP", "item tower"). */
export interface ItemEmbeddings {
  name: string;
  dim: number;
  /** Row-major [nItems x dim]. */
  vectors: Float32Array;
  /** Whether the model itself normalises them (a two-tower with L2 normalisation). */
  normalised: boolean;
}

/** What every trained model offers, neural or not: scores, a summary, its item vectors, and disposal. */
export interface TrainedModel {
  readonly kind: string;
  readonly nUsers: number;
  readonly nItems: number;
  /**
   * What a score is: a logit of a pointwise loss (sigmoid gives a probability), a ranking score of a
   * pairwise loss (only the order means something), a count, or a predicted rating.
   */
  readonly scoreKind: 'logit' | 'ranking' | 'count' | 'rating';
  /** Scores of every item for each user, row-major [users.length x nItems]. */
  scoreUsers(users: Int32Array): Promise<Float32Array>;
  summary(): ModelSummary;
  /** Item vectors, by block; empty for a model without any (popularity). */
  itemEmbeddings(): Promise<ItemEmbeddings[]>;
  dispose(): void;
}

/** What the loop trains for a built model: the trainable, its batches and its validation figure. */
export interface Training<B extends Batch = Batch> {
  trainable: Trainable<B>;
  makeSource: (rng: Rng) => BatchSource<B>;
  validation?: ValidationMetric;
}

export interface Built<M extends TrainedModel = TrainedModel> {
  model: M;
  /** Null for a model with nothing to train (popularity, counts). */
  training: Training | null;
}

/** A training phase before the main one (NeuMF's GMF and MLP pretraining), with its epochs. */
export interface Phase {
  name: string;
  history: EpochReport[];
  /** Where this phase diverged (the loop's note), or null. */
  divergence: string | null;
}

/** What a builder may do beyond building: train a part first, under the run's hooks. */
export interface BuildContext {
  hooks: TrainHooks;
  onPhase(phase: string): void;
  /** Trains a part (NeuMF's GMF, say) as its own phase; the caller disposes the trainable. */
  trainPhase(name: string, training: Training, cfg: TrainConfig): Promise<TrainResult>;
}

/** A family's evaluation: flat figures for tables and the CLI, and its own detail for its panel. */
export interface Evaluation<R = unknown> {
  /** hr@10, hr@10_full, rmse, accuracy... */
  metrics: Record<string, number>;
  /** What a figure means, where it needs saying (sampled against full ranking). */
  labels: Record<string, string>;
  warnings: string[];
  detail: R;
  seconds: number;
}

export interface EvalOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** What recommendations and run summaries need of any family's training material. */
export interface SplitView {
  nUsers: number;
  nItems: number;
  /** Every item each user interacted with in training: recommendations leave them out. */
  trainSeen: Csr;
  /** The held-out interactions, which a good model ranks high. */
  test: PairSet;
  /** What the preparation decided that a reader should know. */
  notes: string[];
}

export interface ModelFamily<C extends ExperimentConfig = ExperimentConfig, D = unknown, R = unknown> {
  spec: FamilySpec<C>;
  /** The training material for a dataset under a config's preparation (the worker caches it by `prepKey`). */
  prepare(ds: Dataset, cfg: C): Result<D>;
  /** Configs with the same key share one preparation, across families too. */
  prepKey(cfg: C): string;
  view(data: D): SplitView;
  /** A model ready to train (or, for a baseline, ready as built), from a seed. */
  build(data: D, cfg: C, ctx: BuildContext): Promise<Built>;
  evaluate(model: TrainedModel, data: D, cfg: C, opts: EvalOptions): Promise<Evaluation<R>>;
}
