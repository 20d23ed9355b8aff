/**
 * The model registry: one config type per family, defaults, and a builder from a plain JSON config.
 * Families: NCF (GMF, MLP, NeuMF) in ncf.ts, matrix factorisation (MF, BPR-MF, WARP-MF) in mf.ts,
 * item popularity in itempop.ts.
 */
import type { PairSet } from '../data/types';
import { createNcfScorer, NCF_DEFAULTS, type NcfConfig } from './ncf';
import { createMfScorer, MF_DEFAULTS, type MfConfig } from './mf';
import { ITEMPOP_DEFAULTS, ItemPop, type ItemPopConfig } from './itempop';
import { FactorModel, type Weights } from './factor';
import type { ModelKind, Recommender, Scorer } from './types';

export type { NcfConfig } from './ncf';
export type { MfConfig } from './mf';
export type { ItemPopConfig } from './itempop';
export type { ModelKind, ModelSummary, Recommender, SummaryRow } from './types';
export { MODEL_KINDS } from './types';
export { FactorModel, type Weights } from './factor';
export { ItemPop } from './itempop';
export { neumfFromPretrained } from './pretrain';
export { formatSummary } from './summary';

/** Plain data: it can live in the URL. */
export type ModelConfig = NcfConfig | MfConfig | ItemPopConfig;

export const MODEL_LABELS: Record<ModelKind, string> = {
  itempop: 'Item popularity',
  mf: 'MF (dot product + biases)',
  bpr: 'BPR-MF',
  warp: 'WARP-MF (LightFM-style)',
  gmf: 'GMF',
  mlp: 'MLP',
  neumf: 'NeuMF',
};

export function defaultModelConfig(kind: ModelKind): ModelConfig {
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

/** The scorer of a trainable config, or null for item popularity. */
export function createScorer(cfg: ModelConfig, nUsers: number, nItems: number): Scorer | null {
  switch (cfg.kind) {
    case 'itempop':
      return null;
    case 'mf':
    case 'bpr':
    case 'warp':
      return createMfScorer(cfg, nUsers, nItems);
    case 'gmf':
    case 'mlp':
    case 'neumf':
      return createNcfScorer(cfg, nUsers, nItems);
  }
}

/**
 * A ready-to-train model (or item popularity, ready as built). `train` is only read by ItemPop;
 * `initial` starts a trainable model from given weights (NeuMF pretraining).
 */
export function buildModel(
  cfg: ModelConfig,
  nUsers: number,
  nItems: number,
  seed: number,
  train: Pick<PairSet, 'item'>,
  initial?: Weights,
): Recommender {
  const scorer = createScorer(cfg, nUsers, nItems);
  if (!scorer || cfg.kind === 'itempop') return new ItemPop(nUsers, nItems, train);
  return new FactorModel(cfg.kind, scorer, seed, initial);
}
