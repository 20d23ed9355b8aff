/** The schema of every Sequential-stage setting: what the form shows, the URL accepts and the CLI parses. */
import { TRAIN_FIELDS } from '../../train/config';
import type { FieldSpec, SectionSchema } from '../../train/schema';

const NEURAL = ['lstm', 'gru', 'cnn', 'sasrec'] as const;
const RECURRENT = ['lstm', 'gru'] as const;
const WITH_DENSE = ['lstm', 'gru', 'cnn'] as const;

export const SEQ_MODEL_FIELDS: readonly FieldSpec[] = [
  {
    key: 'embeddingDim',
    label: 'Embedding size',
    type: 'int',
    min: 4,
    max: 256,
    kinds: NEURAL,
    cli: 'embedding',
    help: 'Length of each item vector the window is read through.',
  },
  {
    key: 'units',
    label: 'Recurrent units per layer',
    type: 'int-list',
    min: 1,
    max: 512,
    maxLength: 4,
    kinds: RECURRENT,
    help: 'One number per stacked layer (seed 000: 128, 64); every layer but the last passes on its whole sequence.',
  },
  {
    key: 'filters',
    label: 'Filters per convolution',
    type: 'int-list',
    min: 1,
    max: 512,
    maxLength: 4,
    kinds: ['cnn'],
    help: 'One number per Conv1D layer (seed 000: 64, 128).',
  },
  {
    key: 'kernelSize',
    label: 'Kernel size',
    type: 'int',
    min: 2,
    max: 7,
    kinds: ['cnn'],
    cli: 'kernel',
    help: 'Consecutive items each convolution looks at; valid convolutions shorten the window by k - 1.',
  },
  {
    key: 'denseUnits',
    label: 'Dense units',
    type: 'int',
    min: 0,
    max: 1024,
    kinds: WITH_DENSE,
    cli: 'dense',
    help: 'The relu layer before the softmax (0 leaves it out).',
  },
  {
    key: 'blocks',
    label: 'Attention blocks',
    type: 'int',
    min: 1,
    max: 4,
    kinds: ['sasrec'],
    help: 'Self-attention plus feed-forward blocks (SASRec uses 2).',
  },
  {
    key: 'heads',
    label: 'Attention heads',
    type: 'int',
    min: 1,
    max: 8,
    kinds: ['sasrec'],
    advanced: true,
    help: 'Heads per attention layer; the embedding size must divide evenly among them.',
  },
  {
    key: 'targets',
    label: 'Train on',
    type: 'enum',
    kinds: ['lstm', 'gru', 'sasrec'],
    options: [
      { value: 'last', label: 'last item (seed 000)' },
      { value: 'every', label: 'every position' },
    ],
    help: 'The item after each window (seed 000), or after every position (GRU4Rec, SASRec): each history read once an epoch instead of L times, about L times faster.',
  },
  {
    key: 'dropout',
    label: 'Dropout',
    type: 'number',
    min: 0,
    max: 0.9,
    step: 0.05,
    kinds: NEURAL,
    help: 'Share of units switched off at random in training (seed 000: 0.3).',
  },
];

export const SEQ_PREP_FIELDS: readonly FieldSpec[] = [
  {
    key: 'window',
    label: 'Window length L',
    type: 'int',
    min: 5,
    max: 50,
    help: 'Items a model sees before the one it predicts; shorter histories are padded at the start.',
  },
  {
    key: 'split.testItems',
    label: 'Test items per user',
    type: 'int',
    min: 1,
    max: 10,
    cli: 'test-items',
    help: 'Each user’s last N items are the test, the one before them the validation item.',
  },
  {
    key: 'threshold',
    label: 'Only ratings above a threshold',
    type: 'toggle',
    defaults: { rating: 4 },
    cli: 'threshold',
    advanced: true,
    help: 'Keep only ratings at or above a value as interactions (off: every row counts, as RecBole does).',
  },
  {
    key: 'threshold.rating',
    label: 'Minimum rating',
    type: 'number',
    min: 0,
    max: 10,
    cli: 'threshold',
    help: 'Ratings at or above this count as interactions.',
  },
  {
    key: 'seed',
    label: 'Split seed',
    type: 'int',
    min: 0,
    max: 2 ** 31 - 1,
    advanced: true,
    cli: 'split-seed',
    help: 'Seeds the preparation (the split itself is by time).',
  },
];

export const SEQ_EVAL_FIELDS: readonly FieldSpec[] = [
  {
    key: 'k',
    label: 'K for HR and NDCG',
    type: 'int',
    min: 1,
    max: 100,
    help: 'Cut-off of the hit rate and NDCG.',
  },
  {
    key: 'sampledNegatives',
    label: 'Sampled negatives',
    type: 'int',
    min: 0,
    max: 1000,
    cli: 'sampled',
    help: 'Also rank the test item among it plus N never-seen items, as the NCF paper does (0 skips it).',
  },
  {
    key: 'seed',
    label: 'Evaluation seed',
    type: 'int',
    min: 0,
    max: 2 ** 31 - 1,
    advanced: true,
    cli: 'eval-seed',
    help: 'Seeds the sampled negatives.',
  },
];

export const SEQ_SECTIONS: readonly SectionSchema[] = [
  { section: 'model', title: 'Model', fields: SEQ_MODEL_FIELDS },
  { section: 'train', title: 'Training', fields: TRAIN_FIELDS },
  { section: 'prep', title: 'Sequences', fields: SEQ_PREP_FIELDS },
  { section: 'eval', title: 'Evaluation', fields: SEQ_EVAL_FIELDS },
];
