/** The NCF family as the UI and the CLI see it: pure data, no tfjs (see ../../train/spec.ts). */
import { DEFAULT_PREP } from '../../data/builtins';
import { EVAL_DEFAULTS } from '../../metrics/config';
import type { FamilySpec } from '../../train/spec';
import {
  DEFAULT_LR,
  NCF_TRAIN_DEFAULTS,
  defaultModelConfig,
  lossFor,
  type NcfExperiment,
  type NcfKind,
} from './config';
import { PRESET_IDS, PRESETS, presetFor, type PresetId } from './presets';
import { NCF_SECTIONS } from './schema';

export const NCF_LABELS: Record<NcfKind, string> = {
  itempop: 'Item popularity',
  mf: 'MF (dot product + biases)',
  bpr: 'BPR-MF',
  warp: 'WARP-MF (LightFM-style)',
  gmf: 'GMF',
  mlp: 'MLP',
  neumf: 'NeuMF',
};

export const NCF_SHORT: Record<NcfKind, string> = {
  itempop: 'Popularity',
  mf: 'MF',
  bpr: 'BPR-MF',
  warp: 'WARP-MF',
  gmf: 'GMF',
  mlp: 'MLP',
  neumf: 'NeuMF',
};

const ABOUT: Record<NcfKind, string> = {
  itempop: 'Recommends what is popular. Learns nothing personal: the floor every model must clear.',
  mf: 'A dot product of user and item vectors plus biases, trained pointwise on sampled negatives.',
  bpr: 'The same dot product, trained to rank a positive above a sampled negative (BPR).',
  warp: 'The same dot product with a WARP loss, as LightFM trains it: push up the hardest negatives.',
  gmf: 'NCF with an element-wise product of the embeddings and a learned output weight per dimension.',
  mlp: 'NCF with the two embeddings concatenated and fed through a tower of dense layers.',
  neumf: 'GMF and MLP side by side, their last layers joined: the NCF paper’s model.',
};

const isPreset = (id: string | null): id is PresetId => id !== null && (PRESET_IDS as string[]).includes(id);

export const NCF_SPEC: FamilySpec<NcfExperiment> = {
  id: 'ncf',
  stage: 'ncf',
  kinds: ['itempop', 'mf', 'bpr', 'warp', 'gmf', 'mlp', 'neumf'],
  labels: NCF_LABELS,
  short: NCF_SHORT,
  about: ABOUT,
  defaultKind: 'neumf',
  untrained: ['itempop'],
  sharedPrep: true,
  base(kind, preset) {
    if (isPreset(preset)) {
      const p = presetFor(preset, kind);
      return { prep: p.prep, model: p.model, train: p.train, eval: p.eval };
    }
    return {
      prep: structuredClone(DEFAULT_PREP),
      model: defaultModelConfig(kind),
      train: { ...NCF_TRAIN_DEFAULTS, lr: DEFAULT_LR[kind], loss: lossFor(kind, NCF_TRAIN_DEFAULTS.loss) },
      eval: { ...EVAL_DEFAULTS },
    };
  },
  presets: PRESET_IDS.map((id) => PRESETS[id]),
  sections: NCF_SECTIONS,
  metrics: [
    { key: 'hr@10', label: 'HR@10 (sampled)', higherIsBetter: true },
    { key: 'ndcg@10', label: 'NDCG@10 (sampled)', higherIsBetter: true },
    { key: 'hr@10_full', label: 'HR@10 (full)', higherIsBetter: true },
    { key: 'ndcg@10_full', label: 'NDCG@10 (full)', higherIsBetter: true },
    { key: 'auc', label: 'AUC', higherIsBetter: true },
  ],
};
