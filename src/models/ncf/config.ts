/**
 * The NCF stage's model family as plain data: GMF, MLP and NeuMF beside their baselines (item popularity,
 * and matrix factorisation trained pointwise, with BPR or with WARP). Config types, defaults, the seed
 * notebooks' models, the losses each kind may take and the schema of every setting. No tfjs: the UI
 * imports this file directly; ./family.ts builds the models.
 */
import { TRAIN_DEFAULTS, type TrainConfig } from '../../train/config';
import type { Sampling } from '../../train/sources/pairs';
import type { ExperimentConfig } from '../../train/spec';
import type { PrepConfig } from '../../data/types';
import type { EvalConfig } from '../../metrics/config';

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear';

export interface NcfConfig {
  kind: 'gmf' | 'mlp' | 'neumf';
  /** GMF embedding size (ignored by MLP). */
  gmfDim: number;
  /** MLP embedding size per side (ignored by GMF). The MLP's input is twice this. */
  mlpDim: number;
  /** Hidden layer sizes after the concatenated embeddings, e.g. the paper's [32, 16, 8]. */
  mlpLayers: number[];
  activation: Activation;
  /** Dropout rate on hidden layers (0 disables). */
  dropout: number;
  /** Where dropout applies: after each hidden layer, each but the last (seed 000), or once (seed 004). */
  dropoutAt: 'each' | 'each-but-last' | 'last';
  /** Seed 004 passes GMF's product through a sigmoid before the output layer. */
  gmfSigmoid: boolean;
  /** Keras-style L2 (λ·Σw², whole table every step) on the GMF and on the MLP embeddings. */
  l2Gmf: number;
  l2Mlp: number;
  /** L2 on the dense layers' kernels. */
  l2Layers: number;
  /** L2 on the hidden layers' outputs, λ·Σa²/batch as Keras' activity_regularizer (seed 001). */
  activityL2: number;
  /** Standard deviation of the normal embedding initialiser (PyTorch NCF 0.01, Keras RandomNormal 0.05). */
  embeddingStd: number;
  outputInit: 'glorot' | 'lecun';
}

export const NCF_DEFAULTS: Record<NcfConfig['kind'], NcfConfig> = {
  gmf: {
    kind: 'gmf',
    gmfDim: 8,
    mlpDim: 0,
    mlpLayers: [],
    activation: 'relu',
    dropout: 0,
    dropoutAt: 'each',
    gmfSigmoid: false,
    l2Gmf: 0,
    l2Mlp: 0,
    l2Layers: 0,
    activityL2: 0,
    embeddingStd: 0.01,
    outputInit: 'lecun',
  },
  mlp: {
    kind: 'mlp',
    gmfDim: 0,
    mlpDim: 32,
    mlpLayers: [32, 16, 8],
    activation: 'relu',
    dropout: 0,
    dropoutAt: 'each',
    gmfSigmoid: false,
    l2Gmf: 0,
    l2Mlp: 0,
    l2Layers: 0,
    activityL2: 0,
    embeddingStd: 0.01,
    outputInit: 'lecun',
  },
  // Chosen on validation (ML-100k, leave-one-out, the default training, two seeds): GMF 32 and a
  // two-layer MLP reach validation HR@10 0.694-0.699, the paper's GMF 8 and 32-16-8 (ncf-paper) 0.681-0.684.
  neumf: {
    kind: 'neumf',
    gmfDim: 32,
    mlpDim: 32,
    mlpLayers: [32, 16],
    activation: 'relu',
    dropout: 0,
    dropoutAt: 'each',
    gmfSigmoid: false,
    l2Gmf: 0,
    l2Mlp: 0,
    l2Layers: 0,
    activityL2: 0,
    embeddingStd: 0.01,
    outputInit: 'lecun',
  },
};

/**
 * The NCF models of the seed notebooks, as configs. Keras defaults where a seed relies on them:
 * Embedding initialisers (RandomNormal has stddev 0.05) and glorot for Dense.
 */
export const NCF_SEED_PRESETS = {
  /** Seed 000: an MLP over 64-d embeddings, 128-64-32 with dropout 0.3 after the first two layers. */
  '000': {
    ...NCF_DEFAULTS.mlp,
    mlpDim: 64,
    mlpLayers: [128, 64, 32],
    dropout: 0.3,
    dropoutAt: 'each-but-last',
    embeddingStd: 0.05,
    outputInit: 'glorot',
  },
  /** Seed 001: NeuMF with MF 4, MLP 32, layers [8, 4], L2 0.01 on MLP embeddings and layer outputs. */
  '001': {
    ...NCF_DEFAULTS.neumf,
    gmfDim: 4,
    mlpDim: 32,
    mlpLayers: [8, 4],
    l2Mlp: 0.01,
    activityL2: 0.01,
    embeddingStd: 0.05,
    outputInit: 'lecun',
  },
  /** Seed 002: NeuMF with 16-d embeddings on both sides and MLP [64, 32, 16]. */
  '002': {
    ...NCF_DEFAULTS.neumf,
    gmfDim: 16,
    mlpDim: 16,
    mlpLayers: [64, 32, 16],
    embeddingStd: 0.05,
    outputInit: 'glorot',
  },
  /** Seed 004: 8-d embeddings, hidden [64, 32, 16, 8], one dropout of 0.2, sigmoid on GMF, L2 1e-6. */
  '004': {
    ...NCF_DEFAULTS.neumf,
    gmfDim: 8,
    mlpDim: 8,
    mlpLayers: [64, 32, 16, 8],
    dropout: 0.2,
    dropoutAt: 'last',
    gmfSigmoid: true,
    l2Gmf: 1e-6,
    l2Mlp: 1e-6,
    embeddingStd: 0.05,
    outputInit: 'glorot',
  },
  /** He et al. 2017: GMF 8 and MLP "64-32-16-8", i.e. 32-d embeddings per side, then 32, 16, 8. */
  'ncf-paper': { ...NCF_DEFAULTS.neumf, gmfDim: 8, mlpDim: 32, mlpLayers: [32, 16, 8] },
} satisfies Record<string, NcfConfig>;

export interface MfConfig {
  kind: 'mf' | 'bpr' | 'warp';
  /** Latent factors. */
  dim: number;
  /** User and item biases (a global bias would be redundant with the item biases). */
  biases: boolean;
  /** Keras-style L2 (λ·Σw², whole table every step) on the factors; biases are not penalised. */
  l2: number;
  embeddingStd: number;
}

export const MF_DEFAULTS: Record<MfConfig['kind'], MfConfig> = {
  mf: { kind: 'mf', dim: 32, biases: true, l2: 0, embeddingStd: 0.01 },
  bpr: { kind: 'bpr', dim: 32, biases: true, l2: 0, embeddingStd: 0.01 },
  warp: { kind: 'warp', dim: 32, biases: true, l2: 0, embeddingStd: 0.01 },
};

/**
 * Seed 001's LightFM baseline: `LightFM(loss='warp')` with its defaults (10 components, user and
 * item biases, uniform init of width 1/10, so a standard deviation near 0.03).
 */
export const MF_SEED_PRESETS = {
  '001-warp': { kind: 'warp', dim: 10, biases: true, l2: 0, embeddingStd: 0.03 },
} satisfies Record<string, MfConfig>;

export interface ItemPopConfig {
  kind: 'itempop';
}

export const ITEMPOP_DEFAULTS: ItemPopConfig = { kind: 'itempop' };

/** Plain data: it can live in the URL. */
export type NcfModelConfig = NcfConfig | MfConfig | ItemPopConfig;
export type NcfKind = NcfModelConfig['kind'];

export const NCF_KINDS: readonly NcfKind[] = ['itempop', 'mf', 'bpr', 'warp', 'gmf', 'mlp', 'neumf'];

export type LossKind = 'bce' | 'pairwise' | 'bpr' | 'warp';

export const LOSS_LABELS: Record<LossKind, string> = {
  bce: 'pointwise binary cross-entropy on sampled negatives',
  pairwise: 'pairwise logistic, seed 004: (-log σ(pos) - log(1 - σ(neg))) / 2',
  bpr: 'BPR: -log σ(pos - neg)',
  warp: 'WARP (batched): log(1 + estimated rank) x hinge on the hardest of K sampled negatives',
};

/** BPR-MF and WARP-MF are defined by their loss; every other model chooses pointwise or pairwise. */
export const LOSSES: Record<NcfKind, readonly LossKind[]> = {
  itempop: ['bce'],
  mf: ['bce', 'pairwise'],
  bpr: ['bpr'],
  warp: ['warp'],
  gmf: ['bce', 'pairwise'],
  mlp: ['bce', 'pairwise'],
  neumf: ['bce', 'pairwise'],
};

/** The loss a model takes when it replaces another: its own if it is defined by one, else the current one. */
export function lossFor(kind: NcfKind, current: LossKind): LossKind {
  return LOSSES[kind].includes(current) ? current : LOSSES[kind][0];
}

export interface NcfTrainConfig extends TrainConfig {
  loss: LossKind;
  /** Where BCE's zeros come from: sampled negatives, the whole unobserved matrix (001), or labels (002). */
  sampling: Sampling;
  /** WARP's candidates per positive (LightFM's max_sampled is 10). */
  warpSamples: number;
  /**
   * NeuMF only: first train GMF and MLP for `epochs` with Adam at `lr`, then start NeuMF from their
   * weights with the output layers weighted α and 1 - α (He et al. use α = 0.5, then plain SGD).
   */
  pretrain: { epochs: number; lr: number; alpha: number } | null;
}

/**
 * Defaults that converge in seconds and stop at their best: batches of 1024 with a cosine-annealed Adam
 * reach in about ten epochs what the paper's batch of 256 at a constant 0.001 reaches in fifteen to
 * twenty, and early stopping on the validation item keeps the best epoch's weights. A decay of the rate
 * by 0.75 per epoch instead (annealed by epoch 10 whatever the epoch count) leaves NeuMF at validation
 * HR@10 0.654 against 0.681, and MF level (0.689 against 0.688) in more epochs.
 */
export const NCF_TRAIN_DEFAULTS: NcfTrainConfig = {
  ...TRAIN_DEFAULTS,
  batchSize: 1024,
  lr: 0.005,
  lrSchedule: 'cosine',
  epochs: 20,
  earlyStopping: { patience: 3, restoreBest: true },
  loss: 'bce',
  sampling: 'negatives',
  warpSamples: 10,
  pretrain: null,
};

/**
 * The learning rate of each model at the default batch and schedule, chosen on the validation item's
 * HR@10 (ML-100k, leave-one-out): WARP-MF at 0.01 peaks on validation after 4 epochs (0.677) and at
 * 0.005 after 9 (0.680); BPR-MF at 0.005 is still climbing after 14 epochs (0.660), at 0.01 it peaks after
 * 9 (0.673) and at 0.02 after 6 (0.637); GMF at 0.005 stays below 0.01 (0.667 against 0.677); NeuMF
 * at 0.002 and 0.003 is level (0.694-0.699), 0.002 peaking an epoch later.
 */
export const DEFAULT_LR: Record<NcfKind, number> = {
  itempop: 0.005,
  mf: 0.005,
  bpr: 0.01,
  warp: 0.005,
  gmf: 0.01,
  mlp: 0.005,
  neumf: 0.002,
};

export type NcfExperiment = ExperimentConfig<PrepConfig, NcfModelConfig, NcfTrainConfig, EvalConfig>;

export function defaultModelConfig(kind: NcfKind): NcfModelConfig {
  switch (kind) {
    case 'itempop':
      return { ...ITEMPOP_DEFAULTS };
    case 'mf':
    case 'bpr':
    case 'warp':
      return { ...MF_DEFAULTS[kind] };
    case 'gmf':
    case 'mlp':
    case 'neumf':
      return { ...NCF_DEFAULTS[kind], mlpLayers: [...NCF_DEFAULTS[kind].mlpLayers] };
  }
}
