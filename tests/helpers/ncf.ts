/** Training an NCF-family model directly through the generic loop, as the family's builder sets it up. */
import type { PrepConfig, PreparedSplit } from '../../src/data/types';
import { EVAL_DEFAULTS } from '../../src/metrics/config';
import {
  NCF_TRAIN_DEFAULTS,
  defaultModelConfig,
  type NcfExperiment,
  type NcfKind,
  type NcfModelConfig,
  type NcfTrainConfig,
} from '../../src/models/ncf/config';
import { buildModel, factorTraining } from '../../src/models/ncf/family';
import type { FactorModel } from '../../src/models/ncf/engine/factor';
import { trainModel, type TrainHooks, type TrainResult } from '../../src/train/loop';

export const LOO: PrepConfig = {
  implicitThreshold: null,
  strictThreshold: false,
  split: { kind: 'leave-one-out' },
  negativesPerPositive: 4,
  seed: 3,
};

/** A whole experiment config from a model and the training settings that differ from the defaults. */
export function experiment(
  model: NcfModelConfig,
  train: Partial<NcfTrainConfig> = {},
  prep: Partial<PrepConfig> = {},
): NcfExperiment {
  return {
    prep: { ...LOO, ...prep },
    model,
    train: { ...NCF_TRAIN_DEFAULTS, ...train },
    eval: { ...EVAL_DEFAULTS },
  };
}

/** A factor model of a kind (or config), untrained, seeded. */
export function factorModel(split: PreparedSplit, model: NcfKind | NcfModelConfig, seed = 1): FactorModel {
  const cfg = typeof model === 'string' ? defaultModelConfig(model) : model;
  return buildModel(cfg, split, seed) as FactorModel;
}

/**
 * Trains `m` for the config's training settings with `negatives` per positive. The per-epoch test metric
 * is off unless asked for: hooks pass through to the loop.
 */
export async function fit(
  m: FactorModel,
  split: PreparedSplit,
  train: Partial<NcfTrainConfig>,
  hooks: TrainHooks = {},
  negatives = 4,
): Promise<TrainResult> {
  const cfg = experiment({ kind: m.kind } as NcfModelConfig, train, { negativesPerPositive: negatives });
  const t = factorTraining(m, split, cfg);
  try {
    return await trainModel(t.trainable, t.makeSource, cfg.train, hooks);
  } finally {
    t.trainable.dispose();
  }
}
