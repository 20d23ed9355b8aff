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

/** Leave-one-out with each user's latest positive before the test item held out for validation. */
export const LOO: PrepConfig = {
  implicitThreshold: null,
  strictThreshold: false,
  split: { kind: 'leave-one-out', validation: true },
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
 * Trains `m` for the config's training settings with `negatives` per positive. As the family's builder
 * does, the loop measures the validation figure after every epoch (and early stopping follows it) when
 * the split holds out validation pairs; a `validation` hook replaces it.
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
    return await trainModel(t.trainable, t.makeSource, cfg.train, {
      ...hooks,
      validation: hooks.validation ?? t.validation,
    });
  } finally {
    t.trainable.dispose();
  }
}
