/**
 * The Sequential stage's model family as plain data: next-item models that read a window of the user's
 * last L items (LSTM, GRU, CNN, self-attention) beside two baselines that learn no order beyond one step
 * (popularity, a first-order Markov chain). Config types and defaults; no tfjs, so the UI imports it.
 */
import { TRAIN_DEFAULTS, type TrainConfig } from '../../train/config';
import type { ExperimentConfig } from '../../train/spec';

export type SeqKind = 'pop' | 'markov' | 'lstm' | 'gru' | 'cnn' | 'sasrec';

export const SEQ_KINDS: readonly SeqKind[] = ['pop', 'markov', 'lstm', 'gru', 'cnn', 'sasrec'];

/** The stage's own preparation: the time-respecting split and the window every model reads. */
export interface SeqPrep {
  /** Window length L: how many of the latest items a model sees before the one it predicts. */
  window: number;
  /** Each user's last `testItems` items are the test, the one before them the validation item. */
  split: { kind: 'leave-last-out'; testItems: number };
  /** Only ratings ≥ `rating` count as interactions; null keeps every row (RecBole keeps all of ML-100k). */
  threshold: { rating: number } | null;
  seed: number;
}

export const SEQ_PREP_DEFAULTS: SeqPrep = {
  window: 10,
  split: { kind: 'leave-last-out', testItems: 1 },
  threshold: null,
  seed: 42,
};

export interface BaselineConfig {
  kind: 'pop' | 'markov';
}

/**
 * What a window trains: the item after it only (seed 000's model, every prefix of a history a window of
 * its own), or the item after every position (GRU4Rec and SASRec; windows then tile each history, so each
 * item is read once an epoch instead of L times).
 */
export type Targets = 'last' | 'every';

/** Seed 000's LSTM and its GRU twin: stacked layers, dropout after each, a dense layer, a softmax. */
export interface RecurrentConfig {
  kind: 'lstm' | 'gru';
  targets: Targets;
  embeddingDim: number;
  /** Units per recurrent layer; every layer but the last returns its whole sequence. */
  units: number[];
  dropout: number;
  /** The relu layer before the softmax (0 leaves it out). */
  denseUnits: number;
}

/** Seed 000's 1D CNN: valid convolutions, dropout after each but the last, global max pooling. */
export interface CnnConfig {
  kind: 'cnn';
  embeddingDim: number;
  filters: number[];
  kernelSize: number;
  dropout: number;
  denseUnits: number;
}

/** SASRec (Kang & McAuley 2018): causal self-attention blocks over item and learned position embeddings. */
export interface SasrecConfig {
  kind: 'sasrec';
  targets: Targets;
  embeddingDim: number;
  blocks: number;
  heads: number;
  dropout: number;
}

export type NeuralConfig = RecurrentConfig | CnnConfig | SasrecConfig;
export type SeqModelConfig = BaselineConfig | NeuralConfig;

export interface SeqEvalConfig {
  /** Cut-off of HR and NDCG. */
  k: number;
  /** Never-seen items the test item is also ranked among, for the sampled figures (0 skips them). */
  sampledNegatives: number;
  seed: number;
}

export const SEQ_EVAL_DEFAULTS: SeqEvalConfig = { k: 10, sampledNegatives: 100, seed: 2024 };

export const SEQ_TRAIN_DEFAULTS: TrainConfig = {
  ...TRAIN_DEFAULTS,
  batchSize: 256,
  epochs: 30,
  earlyStopping: { patience: 3, restoreBest: true },
};

export type SeqExperiment = ExperimentConfig<SeqPrep, SeqModelConfig, TrainConfig, SeqEvalConfig>;

export const SEQ_DEFAULTS: Record<SeqKind, SeqModelConfig> = {
  pop: { kind: 'pop' },
  markov: { kind: 'markov' },
  lstm: { kind: 'lstm', targets: 'last', embeddingDim: 64, units: [128, 64], dropout: 0.3, denseUnits: 128 },
  gru: { kind: 'gru', targets: 'last', embeddingDim: 64, units: [128, 64], dropout: 0.3, denseUnits: 128 },
  cnn: { kind: 'cnn', embeddingDim: 64, filters: [64, 128], kernelSize: 3, dropout: 0.3, denseUnits: 128 },
  sasrec: { kind: 'sasrec', targets: 'every', embeddingDim: 64, blocks: 2, heads: 1, dropout: 0.2 },
};

export function defaultSeqModel(kind: SeqKind): SeqModelConfig {
  return structuredClone(SEQ_DEFAULTS[kind]);
}

export const isNeural = (m: SeqModelConfig): m is NeuralConfig => m.kind !== 'pop' && m.kind !== 'markov';

export const targetsOf = (m: NeuralConfig): Targets => (m.kind === 'cnn' ? 'last' : m.targets);

/** Why a model cannot read windows of length L (valid convolutions shorten the sequence), or null. */
export function windowProblem(m: SeqModelConfig, window: number): string | null {
  if (m.kind === 'cnn') {
    const left = window - m.filters.length * (m.kernelSize - 1);
    if (left < 1)
      return `${m.filters.length} convolutions of kernel ${m.kernelSize} need windows of at least ${window - left + 1} items (L is ${window})`;
  }
  if (m.kind === 'sasrec' && m.embeddingDim % m.heads !== 0)
    return `the embedding size (${m.embeddingDim}) must divide evenly among ${m.heads} heads`;
  return null;
}
