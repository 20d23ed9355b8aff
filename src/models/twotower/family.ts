/**
 * The Two-tower family at run time: its own preparation (a random or user-disjoint split of every rating,
 * features from the training side), a TwoTowerModel trained on the autodiff path through the generic loop,
 * and the evaluation against the rating baselines and popularity.
 */
import { AutodiffTrainable } from '../../train/autodiff';
import type { Built, ModelFamily, Training } from '../../train/family';
import type { Dataset, PairSet } from '../../data/types';
import { createRowSource, type RowSet } from '../../train/sources/rows';
import type { TowerExperiment } from './config';
import { prepareTowers, towerPrepKey, type TowerData } from './data';
import { evaluateTowers, type TowerReport } from './evaluate';
import { scaleTarget, type TargetScale } from './features';
import { TwoTowerModel, type TowerBatch } from './model';
import { TWO_TOWER_SPEC } from './spec';

export const NO_METADATA =
  'This dataset has no item metadata (no titles, genres or years), so an item feature tower would only see each item’s rating average and count. Choose “ID embeddings” (a learned vector per user and item), or “Features + IDs”.';
export const NO_RATINGS =
  'This dataset has no ratings, so there is nothing to regress: train with the retrieval objective.';

/** Why a config cannot train on a dataset, or null. */
export function configProblem(ds: Dataset, cfg: TowerExperiment): string | null {
  if (cfg.model.kind === 'features' && !ds.items) return NO_METADATA;
  if (cfg.train.objective === 'rating' && !ds.interactions.rating) return NO_RATINGS;
  return null;
}

/** Ratings as rows: the user, the item and the rating scaled to [-1, 1]. */
export function ratingRows(pairs: PairSet, scale: TargetScale | null): RowSet<'user' | 'item'> {
  const target = new Float32Array(pairs.user.length);
  if (pairs.rating && scale)
    for (let j = 0; j < target.length; j++) target[j] = scaleTarget(pairs.rating[j], scale);
  return { cols: { user: pairs.user, item: pairs.item }, target };
}

/**
 * What the loop trains: the packed autodiff step, and batches of (user, item) indices. The validation
 * rows were held back when the material was prepared, so that no feature averages their ratings.
 */
export function towerTraining(
  model: TwoTowerModel,
  data: TowerData,
  cfg: TowerExperiment,
): Training<TowerBatch> {
  const tc = cfg.train;
  return {
    trainable: new AutodiffTrainable(model, { kind: tc.optimizer, lr: tc.lr }, { l2: (v) => model.l2Of(v) }),
    makeSource: () => {
      // An in-batch softmax depends on the batch: validation batches the size of training ones compare.
      const valBatch = tc.objective === 'retrieval' ? tc.batchSize : 8192;
      const validation = data.validation ? ratingRows(data.validation, data.scale) : null;
      return createRowSource(ratingRows(data.train, data.scale), validation, valBatch);
    },
  };
}

export const twoTowerFamily: ModelFamily<TowerExperiment, TowerData, TowerReport> = {
  spec: TWO_TOWER_SPEC,
  prepare(ds, cfg) {
    const problem = configProblem(ds, cfg);
    return problem
      ? { ok: false, reason: problem }
      : prepareTowers(ds, cfg.prep, cfg.train.validationFraction);
  },
  prepKey: (cfg) => towerPrepKey(cfg.prep, cfg.train.validationFraction),
  view: (data) => data.view,

  async build(data, cfg): Promise<Built> {
    // Material prepared for another kind may be reused (same preparation key): check again.
    const problem = configProblem(data.ds, cfg);
    if (problem) throw new Error(problem);
    const model = new TwoTowerModel(data, cfg.model, cfg.train, cfg.train.seed);
    return { model, training: towerTraining(model, data, cfg) as unknown as Training };
  },

  evaluate: (model, data, cfg, opts) => evaluateTowers(model as TwoTowerModel, data, cfg, opts),
};
