/**
 * The Two-tower stage's model family as plain data (seed 003): a user tower and an item tower, each an MLP
 * over features computed from the loaded data (and, in the hybrid and ID kinds, a learned vector per user
 * and item), whose L2-normalised outputs meet in a dot product. Trained as a rating regressor (the seed) or
 * as a retriever with an in-batch sampled softmax (TensorFlow Recommenders). Config types and defaults
 * only: no tfjs, so the UI imports this file directly; ./family.ts builds the models.
 */
import { TRAIN_DEFAULTS, type TrainConfig } from '../../train/config';
import type { ExperimentConfig } from '../../train/spec';

/** What the towers read: computed features (the seed), features beside ID embeddings, or IDs alone. */
export type TowerKind = 'features' | 'hybrid' | 'ids';

export const TOWER_KINDS: readonly TowerKind[] = ['features', 'hybrid', 'ids'];

export type TowerActivation = 'relu' | 'tanh' | 'sigmoid' | 'linear';

export interface TowerModelConfig {
  kind: TowerKind;
  /** Hidden layer sizes of each tower, before its linear output layer (the seed's 256, 128). */
  layers: number[];
  /** Size of each tower's output, the shared embedding space (the seed's 32). */
  embeddingDim: number;
  activation: TowerActivation;
  /** L2-normalise both towers' outputs, so the dot product is a cosine in [-1, 1] (the seed does). */
  normalise: boolean;
  /** Size of the learned user and item vectors fed to the towers beside the features (hybrid, ids). */
  idDim: number;
  /** Give the item tower each item's training rating count (the seed's items have no such column). */
  itemCount: boolean;
  /** Keras-style λ·Σw² on the ID embeddings, and on the dense kernels. */
  l2Ids: number;
  l2Layers: number;
}

export const TOWER_MODEL_DEFAULTS: Record<TowerKind, TowerModelConfig> = {
  features: {
    kind: 'features',
    layers: [256, 128],
    embeddingDim: 32,
    activation: 'relu',
    normalise: true,
    idDim: 32,
    itemCount: false,
    l2Ids: 0,
    l2Layers: 0,
  },
  hybrid: {
    kind: 'hybrid',
    layers: [256, 128],
    embeddingDim: 32,
    activation: 'relu',
    normalise: true,
    idDim: 32,
    itemCount: true,
    l2Ids: 0,
    l2Layers: 0,
  },
  ids: {
    kind: 'ids',
    layers: [256, 128],
    embeddingDim: 32,
    activation: 'relu',
    normalise: true,
    idDim: 32,
    itemCount: false,
    l2Ids: 0,
    l2Layers: 0,
  },
};

/** Regress the rating (the seed), or retrieve the items a user interacts with (TFRS). */
export type TowerObjective = 'rating' | 'retrieval';

export interface TowerTrainConfig extends TrainConfig {
  objective: TowerObjective;
  /** Retrieval: the softmax's logits are the dot products divided by this (normalised towers need < 1). */
  temperature: number;
  /** Retrieval: subtract log(item frequency) from each in-batch logit (TFRS's candidate sampling correction). */
  popularityCorrection: boolean;
  /** Retrieval: other rows of the batch that hold the positive's own item are not counted as negatives. */
  removeAccidentalHits: boolean;
}

/** Seed 003: Adam at 0.01, batch 256, 30 epochs, Keras' validation_split of 0.1, seed 1. */
export const TOWER_TRAIN_DEFAULTS: TowerTrainConfig = {
  ...TRAIN_DEFAULTS,
  optimizer: 'adam',
  lr: 0.01,
  batchSize: 256,
  epochs: 30,
  validationFraction: 0.1,
  seed: 1,
  objective: 'rating',
  temperature: 0.1,
  popularityCorrection: true,
  removeAccidentalHits: true,
};

/** The towers' own preparation: not the Data stage's (no threshold, no negatives: every rating counts). */
export interface TowerPrep {
  /**
   * random: a share of the ratings is the test (the seed's 80/20). user-disjoint: cold start, a share of
   * the users with all their ratings is the test, each described only by the ratings it reveals.
   */
  split: { kind: 'random' | 'user-disjoint'; testFraction: number };
  /**
   * Cold start: each test user's earliest ratings that describe them (their features), as a sign-up form
   * would ask for. Never trained on, never scored: the rest of their ratings is the test.
   */
  revealed: number;
  seed: number;
}

export const TOWER_PREP_DEFAULTS: TowerPrep = {
  split: { kind: 'random', testFraction: 0.2 },
  revealed: 10,
  seed: 1,
};

export interface TowerEvalConfig {
  /** Cut-offs of recall over all items. */
  ks: number[];
}

export const TOWER_EVAL_DEFAULTS: TowerEvalConfig = { ks: [10, 50, 100] };

export type TowerExperiment = ExperimentConfig<
  TowerPrep,
  TowerModelConfig,
  TowerTrainConfig,
  TowerEvalConfig
>;

export function defaultTowerModel(kind: TowerKind): TowerModelConfig {
  const d = TOWER_MODEL_DEFAULTS[kind];
  return { ...d, layers: [...d.layers] };
}

/** Whether a kind reads computed features, and whether it learns a vector per user and item. */
export const usesFeatures = (kind: TowerKind): boolean => kind !== 'ids';
export const usesIds = (kind: TowerKind): boolean => kind !== 'features';
