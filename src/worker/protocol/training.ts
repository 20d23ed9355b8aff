/**
 * The training stages' part of the worker API, one for every family: train a run, stream its progress,
 * keep its model for recommendations and for the Similarity stage's item vectors, release it.
 */
import type { Result } from '../../data/types';
import type { BatchReport, EpochReport, TrainProgress } from '../../train/loop';
import type { ItemEmbeddings, ModelSummary, Phase } from '../../train/family';
import type { ExperimentConfig } from '../../train/spec';
import type { JobOutcome } from './core';

export type { BatchReport, EpochReport, ItemEmbeddings, ModelSummary, Phase, TrainProgress };

/** Models of finished runs the worker keeps per stage for recommendations; older ones are released. */
export const KEPT_RUNS = 4;

/** A training run as it goes: phases, a report about every 100 ms, one per epoch. */
export type TrainEvent =
  | { type: 'phase'; phase: string }
  | { type: 'progress'; phase: string; progress: TrainProgress; batch: BatchReport }
  | { type: 'epoch'; phase: string; report: EpochReport };

export type TrainCallback = (e: TrainEvent) => void;

export interface TrainOptions {
  /** A quick look: train and evaluate on the users with the N lowest ids only (null: every user). */
  maxUsers: number | null;
  /**
   * The stage that keeps the run, when it is not the family's own (the Similarity stage's quick MF): each
   * stage keeps its last few models, so one stage's runs never push out another's.
   */
  stage?: string;
}

export interface RunResult<C extends ExperimentConfig = ExperimentConfig, R = unknown> {
  /** Worker-side handle of the trained model, for `recommend`, `embeddings` and `releaseRun`. */
  runHandle: string;
  family: string;
  config: C;
  dataset: { id: string; name: string };
  history: EpochReport[];
  /** Training phases before the main one (NeuMF's pretraining). */
  phases: Phase[];
  /** The evaluation's flat figures: hr@10 (sampled), hr@10_full, rmse, accuracy... */
  metrics: Record<string, number>;
  /** What a figure means where it needs saying. */
  metricLabels: Record<string, string>;
  warnings: string[];
  /** The family's own evaluation detail (the NCF stage's EvalReport, say). */
  detail: R;
  summary: ModelSummary;
  /** The Keras-style text of the summary. */
  summaryText: string;
  /**
   * 'stopped' when the user stopped it: the partial model was still evaluated. 'diverged' when the loss (or
   * a validation figure) became non-finite: the last good weights were put back, and `notes` says which.
   */
  stopped: 'completed' | 'early-stopping' | 'stopped' | 'diverged';
  /** Where training diverged, in words, one per phase that did (each also in `notes`). */
  divergence: string[];
  bestEpoch: number | null;
  trainSeconds: number;
  samples: number;
  samplesPerSecond: number;
  steps: number;
  backend: string;
  /** What training and the split decided that a reader should know. */
  notes: string[];
  /** A few user ids with a held-out item, to suggest in the recommendations picker. */
  exampleUsers: string[];
  /** Users in the data the run saw. */
  users: number;
  /** The quick-look cap when it applied. */
  maxUsers: number | null;
  /** Names of the item-vector blocks the model can hand out ("GMF", "MLP"); empty for popularity. */
  embeddingBlocks: string[];
  /** Runs of the same stage the worker released to keep this one: their models are gone. */
  released: string[];
}

export interface RecItem {
  /** Dense index and the id in the source. */
  item: number;
  id: string;
  title: string | null;
  genres: string[];
}

export interface Recommendations {
  userId: string;
  scoreKind: 'logit' | 'ranking' | 'count' | 'rating';
  /** Top K among the items not in the user's training history, best first. */
  items: (RecItem & { score: number; probability: number | null })[];
  /** The user's training items, highest rated first (latest first where there are no ratings). */
  history: (RecItem & { rating: number | null })[];
  historyTotal: number;
  /** The user's held-out items, which a good model ranks high. */
  heldOut: RecItem[];
}

export interface TrainingApi {
  /**
   * Trains and evaluates one model of a family on a dataset (prepared here under the config, once per
   * preparation). Pause, resume, stop (keeps and evaluates the partial model) and cancel by job id.
   */
  train(
    jobId: string,
    handle: string,
    family: string,
    config: ExperimentConfig,
    options: TrainOptions,
    onEvent: TrainCallback,
  ): Promise<JobOutcome<RunResult>>;
  /** Top K unrated items for a user (the id as in the source), beside the user's top-rated training items. */
  recommend(runHandle: string, userId: string, k: number): Promise<Result<Recommendations>>;
  /** A kept run's item vectors, by block, transferred. */
  embeddings(runHandle: string): Promise<Result<ItemEmbeddings[]>>;
  /** Handles of the runs whose models the worker still keeps. */
  keptRuns(): Promise<string[]>;
  releaseRun(runHandle: string): void;
}
