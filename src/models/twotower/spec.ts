/** The Two-tower family as the UI and the CLI see it: pure data, no tfjs (see ../../train/spec.ts). */
import type { FamilySpec } from '../../train/spec';
import {
  TOWER_EVAL_DEFAULTS,
  TOWER_KINDS,
  TOWER_PREP_DEFAULTS,
  TOWER_TRAIN_DEFAULTS,
  defaultTowerModel,
  type TowerExperiment,
  type TowerKind,
} from './config';
import { TOWER_PRESET_IDS, TOWER_PRESETS, type TowerPresetId } from './presets';
import { TOWER_SECTIONS } from './schema';

export const TOWER_LABELS: Record<TowerKind, string> = {
  features: 'Feature towers (seed 003)',
  hybrid: 'Features + ID embeddings',
  ids: 'ID embeddings only',
};

export const TOWER_SHORT: Record<TowerKind, string> = {
  features: 'Features',
  hybrid: 'Features + IDs',
  ids: 'IDs',
};

const ABOUT: Record<TowerKind, string> = {
  features:
    'Each tower reads only computed features: a user’s rating count, average and average per genre; a movie’s year, average rating and genres. Needs item metadata; serves new users at once.',
  hybrid:
    'The features plus a learned vector per user and per item, so the towers can learn what features do not say. New users fall back on their features.',
  ids: 'A learned vector per user and per item and no features: what to use when the data has no item metadata (a bare ratings file). Cannot place a user it never trained on.',
};

/** Why a rating regressor retrieves poorly, for the panel beside the two objectives' results. */
export const RETRIEVAL_EXPLAINER = [
  'A rating regressor learns how much a user likes a movie given that they rated it. It trains only on rated pairs, so it never learns which movies a user would not pick at all: the 1,500-odd movies a user never rated are never shown to it as anything.',
  'Ranking the whole catalogue asks another question: which movies will this user choose? A regressor’s top ranks fill with movies predicted to please (often obscure, well-rated ones) rather than the ones the user goes on to watch, so its recall over all items stays near or below plain popularity.',
  'The retrieval objective trains that question directly: each user’s rated movie must outscore the other movies of the batch, which act as sampled negatives. Popular movies turn up as negatives more often than rare ones, so each logit is corrected by the log of the item’s frequency (TFRS, Yi et al. 2019).',
];

/** What the figures mean, for the panel's help. */
export const RMSE_EXPLAINER =
  'RMSE and MAE are in stars: each prediction is mapped back from [-1, 1] to the rating scale. The seed’s shortcut, sqrt(MSE) × (max − min), overstates the error 2×: the scaled range is 2 wide, so the factor is (max − min) / 2.';

const isPreset = (id: string | null): id is TowerPresetId =>
  id !== null && (TOWER_PRESET_IDS as string[]).includes(id);

export const TWO_TOWER_SPEC: FamilySpec<TowerExperiment> = {
  id: 'two-tower',
  stage: 'two-tower',
  kinds: TOWER_KINDS,
  labels: TOWER_LABELS,
  short: TOWER_SHORT,
  about: ABOUT,
  defaultKind: 'features',
  untrained: [],
  sharedPrep: false,
  base(kind, preset) {
    const p = isPreset(preset) ? TOWER_PRESETS[preset] : null;
    return {
      prep: structuredClone(p?.prep ?? TOWER_PREP_DEFAULTS),
      model: p && p.model.kind === kind ? structuredClone(p.model) : defaultTowerModel(kind),
      train: { ...(p?.train ?? TOWER_TRAIN_DEFAULTS) },
      eval: structuredClone(p?.eval ?? TOWER_EVAL_DEFAULTS),
    };
  },
  presets: TOWER_PRESET_IDS.map((id) => TOWER_PRESETS[id]),
  sections: TOWER_SECTIONS,
  metrics: [
    { key: 'rmse', label: 'RMSE (stars)', help: RMSE_EXPLAINER, higherIsBetter: false },
    { key: 'mae', label: 'MAE (stars)', higherIsBetter: false },
    { key: 'rmse_biases', label: 'RMSE, user + item biases', higherIsBetter: false },
    { key: 'rmse_global_mean', label: 'RMSE, global mean', higherIsBetter: false },
    { key: 'recall@100', label: 'Recall@100 (all items)', higherIsBetter: true },
    { key: 'recall@100_popularity', label: 'Recall@100, popularity', higherIsBetter: true },
    { key: 'top100_accuracy', label: 'Top-100 accuracy (TFRS)', higherIsBetter: true },
    { key: 'mse', label: 'MSE (scaled target)', higherIsBetter: false },
  ],
};
