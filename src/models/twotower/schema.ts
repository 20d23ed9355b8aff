/** The schema of every Two-tower setting: what the form shows, the URL accepts and the CLI parses. */
import { TRAIN_FIELDS } from '../../train/config';
import type { FieldSpec, SectionSchema } from '../../train/schema';

const WITH_IDS = ['hybrid', 'ids'] as const;
const WITH_FEATURES = ['features', 'hybrid'] as const;
const RETRIEVAL = { path: 'train.objective', in: ['retrieval'] } as const;
const l2 = { type: 'number', min: 0, max: 10, advanced: true } as const;

export const TOWER_MODEL_FIELDS: readonly FieldSpec[] = [
  {
    key: 'layers',
    label: 'Hidden layers',
    type: 'int-list',
    min: 1,
    max: 2048,
    maxLength: 6,
    help: 'Sizes of each tower’s hidden layers, before its linear output (the seed’s 256, 128).',
  },
  {
    key: 'embeddingDim',
    label: 'Embedding size',
    type: 'int',
    min: 1,
    max: 512,
    help: 'Size of each tower’s output: the space where users and items meet (the seed’s 32).',
  },
  {
    key: 'normalise',
    label: 'L2-normalise the outputs',
    type: 'bool',
    help: 'Puts every embedding on the unit sphere, so the dot product is a cosine in [-1, 1].',
  },
  {
    key: 'idDim',
    label: 'ID vector size',
    type: 'int',
    min: 1,
    max: 256,
    kinds: WITH_IDS,
    help: 'A learned vector per user and per item, fed to the tower beside (or instead of) the features.',
  },
  {
    key: 'itemCount',
    label: 'Item rating count',
    type: 'bool',
    kinds: WITH_FEATURES,
    help: 'Give the item tower how often each item was rated in training (the seed’s items have no such column).',
  },
  {
    key: 'activation',
    label: 'Activation',
    type: 'enum',
    advanced: true,
    options: [
      { value: 'relu', label: 'ReLU' },
      { value: 'tanh', label: 'tanh' },
      { value: 'sigmoid', label: 'sigmoid' },
      { value: 'linear', label: 'linear' },
    ],
    help: 'The non-linearity of the hidden layers; the output layer is linear.',
  },
  {
    key: 'l2Ids',
    label: 'L2 on ID vectors',
    ...l2,
    kinds: WITH_IDS,
    help: 'Keras-style λ·Σw² on the ID embedding tables at every step.',
  },
  {
    key: 'l2Layers',
    label: 'L2 on layers',
    ...l2,
    help: 'λ·Σw² on the dense layers’ kernels.',
  },
];

export const TOWER_TRAIN_FIELDS: readonly FieldSpec[] = [
  {
    key: 'objective',
    label: 'Objective',
    type: 'enum',
    options: [
      { value: 'rating', label: 'rating regression (seed 003)' },
      { value: 'retrieval', label: 'retrieval, in-batch softmax (TFRS)' },
    ],
    help: 'Predict the rating with MSE, or rank each user’s item above the batch’s other items.',
  },
  ...TRAIN_FIELDS,
  {
    key: 'temperature',
    label: 'Temperature',
    type: 'number',
    min: 0.001,
    max: 10,
    when: RETRIEVAL,
    help: 'The softmax’s logits are the dot products divided by this; cosines in [-1, 1] need well under 1.',
  },
  {
    key: 'popularityCorrection',
    label: 'Log-popularity correction',
    type: 'bool',
    when: RETRIEVAL,
    help: 'Subtract log(item frequency) from each logit: popular items are in-batch negatives more often.',
  },
  {
    key: 'removeAccidentalHits',
    label: 'Remove accidental hits',
    type: 'bool',
    when: RETRIEVAL,
    advanced: true,
    help: 'A batch row that holds the positive’s own item is not counted as its negative.',
  },
];

export const TOWER_PREP_FIELDS: readonly FieldSpec[] = [
  {
    key: 'split.kind',
    label: 'Split',
    type: 'enum',
    cli: 'split',
    options: [
      { value: 'random', label: 'random share of the ratings (seed)' },
      { value: 'user-disjoint', label: 'cold start: unseen users' },
    ],
    help: 'Hold out random ratings, or whole users whom the towers never train on.',
  },
  {
    key: 'split.testFraction',
    label: 'Test share %',
    type: 'number',
    min: 0.05,
    max: 0.5,
    percent: true,
    cli: 'test-fraction',
    help: 'Share of the ratings (or of the users, for cold start) held out for the test.',
  },
  {
    key: 'revealed',
    label: 'Ratings a new user reveals',
    type: 'int',
    min: 0,
    max: 100,
    when: { path: 'prep.split.kind', in: ['user-disjoint'] },
    help: 'Each test user’s earliest ratings that describe them (their features); the rest is scored.',
  },
  {
    key: 'seed',
    label: 'Split seed',
    type: 'int',
    min: 0,
    max: 2 ** 31 - 1,
    advanced: true,
    cli: 'split-seed',
    help: 'Seeds which ratings (or users) are held out.',
  },
];

export const TOWER_EVAL_FIELDS: readonly FieldSpec[] = [
  {
    key: 'ks',
    label: 'K for recall',
    type: 'int-list',
    min: 1,
    max: 1000,
    maxLength: 5,
    cli: 'recall-at',
    help: 'Cut-offs of recall over every item (the TFRS tutorial reports top 100).',
  },
];

export const TOWER_SECTIONS: readonly SectionSchema[] = [
  { section: 'model', title: 'Towers', fields: TOWER_MODEL_FIELDS },
  { section: 'train', title: 'Training', fields: TOWER_TRAIN_FIELDS },
  { section: 'prep', title: 'Data', fields: TOWER_PREP_FIELDS },
  { section: 'eval', title: 'Evaluation', fields: TOWER_EVAL_FIELDS },
];
