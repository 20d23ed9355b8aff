/**
 * Presets of the Sequential stage: seed 000's LSTM and CNN on random sequences, with the figures the seed
 * printed, and the models on MovieLens-100k beside RecBole's published GRU4Rec figure.
 */
import type { Preset } from '../../train/spec';
import {
  SEQ_DEFAULTS,
  SEQ_EVAL_DEFAULTS,
  SEQ_PREP_DEFAULTS,
  SEQ_TRAIN_DEFAULTS,
  defaultSeqModel,
  type SeqExperiment,
  type SeqKind,
} from './config';

export type SeqPresetId = '000' | 'ml-100k';

export const SEQ_PRESET_IDS: readonly SeqPresetId[] = ['000', 'ml-100k'];

export type SeqPreset = Preset<SeqExperiment> & { id: SeqPresetId };

/** Keras' fit(batch_size=64, epochs=3, validation_split=0.1) with Adam at its default 0.001. */
const SEED_TRAIN = {
  ...SEQ_TRAIN_DEFAULTS,
  batchSize: 64,
  epochs: 3,
  validationFraction: 0.1,
  earlyStopping: null,
};

export const SEQ_PRESETS: Record<SeqPresetId, SeqPreset> = {
  '000': {
    id: '000',
    title: 'Seed 000: LSTM and CNN next-item models on random sequences',
    seed: '000_f45b821a3ec6fc04',
    description:
      'A 2-layer LSTM (128, 64, dropout 0.3, dense 128) and a 1D CNN (64 and 128 filters of 3, dense 128) read the last 10 items and predict the next one with a softmax over all 500 items of uniformly random interactions.',
    dataset: 'synthetic-random',
    prep: { ...SEQ_PREP_DEFAULTS, window: 10 },
    model: SEQ_DEFAULTS.lstm,
    train: SEED_TRAIN,
    eval: { ...SEQ_EVAL_DEFAULTS },
    baselines: [{ model: SEQ_DEFAULTS.cnn, train: SEED_TRAIN }],
    reported: [
      { metric: 'accuracy', value: 0, source: 'seed 000, LSTM test accuracy on 200 random sequences' },
      {
        metric: 'accuracy',
        model: 'cnn',
        value: 0.005,
        source: 'seed 000, CNN test accuracy on 200 random sequences',
      },
    ],
    notes: [
      'The seed draws each of 1000 users a random window of 10 items and a random next item, and tests on 200 of them; here every user’s 50 random items form a timeline, every item after the first is a training target, and each user’s last item is the test (1000 targets).',
      'The seed’s data has no time, so the file order stands for it.',
      'Keras’ validation_split holds out the last 10% of the training windows; here a seeded 10% of them, for the validation loss only.',
    ],
    lesson:
      'Random sequences hold nothing to learn: top-1 accuracy stays at chance, 1/500 = 0.002 (the seed’s 0.000 and 0.005 are 0 and 1 hits among 200). Compare an accuracy with chance before believing it.',
  },
  'ml-100k': {
    id: 'ml-100k',
    title: 'Next movie on MovieLens-100k, against RecBole’s GRU4Rec',
    seed: 'RecBole (Zhao et al. 2021) sequential benchmark on ML-100k',
    description:
      'Each user’s ratings in time order (ties in file order); the last one is the test item, the one before it the validation item, every earlier one a training target. A GRU of 128 units reads windows of 50 and learns the next item at every position; the held-out item is ranked among all 1682 items.',
    dataset: 'ml-100k',
    prep: { ...SEQ_PREP_DEFAULTS, window: 50 },
    model: { kind: 'gru', targets: 'every', embeddingDim: 64, units: [128], dropout: 0.2, denseUnits: 0 },
    train: {
      ...SEQ_TRAIN_DEFAULTS,
      batchSize: 64,
      lr: 0.005,
      lrSchedule: 'cosine',
      epochs: 8,
      earlyStopping: { patience: 2, restoreBest: true },
    },
    eval: { ...SEQ_EVAL_DEFAULTS },
    baselines: [],
    reported: [
      {
        metric: 'hr@10_full',
        value: 0.11,
        source: 'RecBole GRU4Rec on ML-100k, leave-one-out by time, full ranking',
      },
      {
        metric: 'ndcg@10_full',
        value: 0.051,
        source: 'RecBole GRU4Rec on ML-100k, leave-one-out by time, full ranking',
      },
    ],
    notes: [
      'Settings chosen on the validation item’s HR@10: one GRU layer of 128 (GRU4Rec’s shape), windows of 50 as RecBole uses, every position trained, Adam at 0.005 annealed over 8 epochs.',
      'On this split the first-order Markov chain alone reaches HR@10 0.110: the models here must beat it, not only popularity.',
    ],
    lesson:
      'Order carries signal on real data: the Markov chain doubles popularity, and a model of the whole window beats the chain.',
  },
};

/** A preset's config for another model kind, keeping its data, protocol and training settings. */
export function seqPresetFor(id: SeqPresetId, kind?: SeqKind): SeqPreset {
  const p = SEQ_PRESETS[id];
  if (!kind || kind === p.model.kind) return structuredClone(p);
  const baseline = p.baselines.find((b) => b.model.kind === kind);
  if (baseline) return structuredClone({ ...p, model: baseline.model, train: baseline.train });
  return structuredClone({ ...p, model: defaultSeqModel(kind) });
}
