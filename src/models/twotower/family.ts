/**
 * The Two-tower family at run time: its own preparation (a random or user-disjoint split of every rating,
 * features from the training side), a TwoTowerModel trained on the autodiff path through the generic loop,
 * and the evaluation against the rating baselines and popularity.
 */
import { AutodiffTrainable } from '../../train/autodiff';
import type { Built, ModelFamily, Training } from '../../train/family';
import { createRowSource, splitRows, subset, type RowSet } from '../../train/sources/rows';
import { usesFeatures, type TowerExperiment } from './config';
import { prepareTowers, towerPrepKey, type TowerData } from './data';
import { evaluateTowers, type TowerReport } from './evaluate';
import { scaleTarget } from './features';
import { TwoTowerModel, type TowerBatch } from './model';
import { TWO_TOWER_SPEC } from './spec';

export const NO_METADATA =
  'This dataset has no item metadata (no titles, genres or years), so an item feature tower would only see each item’s rating average and count. Choose “ID embeddings” (a learned vector per user and item), or “Features + IDs”.';
export const NO_RATINGS =
  'This dataset has no ratings, so there is nothing to regress: train with the retrieval objective.';

/** Why a config cannot train on this material, or null. */
export function buildProblem(data: TowerData, cfg: TowerExperiment): string | null {
  if (cfg.model.kind === 'features' && !data.ds.items) return NO_METADATA;
  if (cfg.train.objective === 'rating' && !data.scale) return NO_RATINGS;
  if (usesFeatures(cfg.model.kind) && data.user.width + data.item.width === 0)
    return 'There are no features to read; choose ID embeddings.';
  return null;
}

/** Every training rating as a row: the user, the item and the rating scaled to [-1, 1]. */
export function trainingRows(data: TowerData): RowSet<'user' | 'item'> {
  const { train, scale } = data;
  const target = new Float32Array(train.user.length);
  if (train.rating && scale)
    for (let j = 0; j < target.length; j++) target[j] = scaleTarget(train.rating[j], scale);
  return { cols: { user: train.user, item: train.item }, target };
}

/** What the loop trains: the packed autodiff step, and batches of (user, item) indices with a validation share. */
export function towerTraining(
  model: TwoTowerModel,
  data: TowerData,
  cfg: TowerExperiment,
): Training<TowerBatch> {
  const tc = cfg.train;
  return {
    trainable: new AutodiffTrainable(model, { kind: tc.optimizer, lr: tc.lr }, { l2: (v) => model.l2Of(v) }),
    makeSource: (rng) => {
      const rows = trainingRows(data);
      const [train, held] = splitRows(rows.target.length, tc.validationFraction, rng);
      // An in-batch softmax depends on the batch: validation batches the size of training ones compare.
      const valBatch = tc.objective === 'retrieval' ? tc.batchSize : 8192;
      return createRowSource(subset(rows, train), held.length > 0 ? subset(rows, held) : null, valBatch);
    },
  };
}

export const twoTowerFamily: ModelFamily<TowerExperiment, TowerData, TowerReport> = {
  spec: TWO_TOWER_SPEC,
  prepare: (ds, cfg) => prepareTowers(ds, cfg.prep),
  prepKey: (cfg) => towerPrepKey(cfg.prep),
  view: (data) => data.view,

  async build(data, cfg): Promise<Built> {
    const problem = buildProblem(data, cfg);
    if (problem) throw new Error(problem);
    const model = new TwoTowerModel(data, cfg.model, cfg.train, cfg.train.seed);
    return { model, training: towerTraining(model, data, cfg) as unknown as Training };
  },

  evaluate: (model, data, cfg, opts) => evaluateTowers(model as TwoTowerModel, data, cfg, opts),
};
