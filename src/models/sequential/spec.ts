/** The Sequential family as the UI and the CLI see it: pure data, no tfjs (see ../../train/spec.ts). */
import type { FamilySpec } from '../../train/spec';
import {
  SEQ_EVAL_DEFAULTS,
  SEQ_KINDS,
  SEQ_PREP_DEFAULTS,
  SEQ_TRAIN_DEFAULTS,
  defaultSeqModel,
  type SeqExperiment,
  type SeqKind,
} from './config';
import { SEQ_PRESET_IDS, SEQ_PRESETS, seqPresetFor, type SeqPresetId } from './presets';
import { SEQ_SECTIONS } from './schema';

export const SEQ_LABELS: Record<SeqKind, string> = {
  pop: 'Most popular',
  markov: 'Markov chain (first order)',
  lstm: 'LSTM (seed 000)',
  gru: 'GRU',
  cnn: '1D CNN (seed 000)',
  sasrec: 'Self-attention (SASRec)',
};

export const SEQ_SHORT: Record<SeqKind, string> = {
  pop: 'Popular',
  markov: 'Markov',
  lstm: 'LSTM',
  gru: 'GRU',
  cnn: 'CNN',
  sasrec: 'SASRec',
};

const ABOUT: Record<SeqKind, string> = {
  pop: 'Predicts the most popular items whatever came before: the floor every sequence model must clear.',
  markov: 'Predicts what most often followed the last item, falling back on popularity.',
  lstm: 'Two stacked LSTM layers read the window item by item and remember what matters (seed 000).',
  gru: 'The same stack with GRU cells: fewer gates, fewer weights, often as good.',
  cnn: 'Convolutions spot short runs of items and keep the strongest signal anywhere in the window (seed 000).',
  sasrec:
    'Causal self-attention: each position looks back at every earlier item and weighs them (Kang & McAuley 2018).',
};

const isPreset = (id: string | null): id is SeqPresetId =>
  id !== null && (SEQ_PRESET_IDS as string[]).includes(id);

export const SEQ_SPEC: FamilySpec<SeqExperiment> = {
  id: 'sequential',
  stage: 'sequential',
  kinds: SEQ_KINDS,
  labels: SEQ_LABELS,
  short: SEQ_SHORT,
  about: ABOUT,
  defaultKind: 'lstm',
  untrained: ['pop', 'markov'],
  sharedPrep: false,
  base(kind, preset) {
    if (isPreset(preset)) {
      const p = seqPresetFor(preset, kind);
      return { prep: p.prep, model: p.model, train: p.train, eval: p.eval };
    }
    return {
      prep: structuredClone(SEQ_PREP_DEFAULTS),
      model: defaultSeqModel(kind),
      train: structuredClone(SEQ_TRAIN_DEFAULTS),
      eval: { ...SEQ_EVAL_DEFAULTS },
    };
  },
  presets: SEQ_PRESET_IDS.map((id) => SEQ_PRESETS[id]),
  sections: SEQ_SECTIONS,
  metrics: [
    { key: 'hr@10_full', label: 'HR@10 (full)', higherIsBetter: true },
    { key: 'ndcg@10_full', label: 'NDCG@10 (full)', higherIsBetter: true },
    { key: 'mrr_full', label: 'MRR (full)', higherIsBetter: true },
    { key: 'accuracy', label: 'Top-1 accuracy', higherIsBetter: true },
    { key: 'hr@10', label: 'HR@10 (sampled)', higherIsBetter: true },
    { key: 'ndcg@10', label: 'NDCG@10 (sampled)', higherIsBetter: true },
  ],
};
