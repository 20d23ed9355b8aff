/** The schema of every NCF-stage setting: what the form shows, the URL accepts and the CLI parses. */
import { TRAIN_FIELDS } from '../../train/config';
import type { FieldSpec, SectionSchema } from '../../train/schema';
import { LOSSES } from './config';

const NEURAL = ['gmf', 'mlp', 'neumf'] as const;
const WITH_GMF = ['gmf', 'neumf'] as const;
const WITH_MLP = ['mlp', 'neumf'] as const;
const FACTOR = ['mf', 'bpr', 'warp'] as const;
const l2 = { type: 'number', min: 0, max: 10 } as const;

export const MODEL_FIELDS: readonly FieldSpec[] = [
  {
    key: 'gmfDim',
    label: 'GMF embedding',
    type: 'int',
    min: 1,
    max: 256,
    kinds: WITH_GMF,
    cli: 'gmf-dim',
    help: 'Size of the user and item vectors whose element-wise product GMF weighs.',
  },
  {
    key: 'mlpDim',
    label: 'MLP embedding (per side)',
    type: 'int',
    min: 1,
    max: 256,
    kinds: WITH_MLP,
    help: 'Size of each of the user and item vectors the MLP concatenates.',
  },
  {
    key: 'mlpLayers',
    label: 'MLP layers',
    type: 'int-list',
    min: 1,
    max: 1024,
    maxLength: 8,
    kinds: WITH_MLP,
    help: 'Hidden layer sizes after the concatenated embeddings, e.g. 32, 16, 8.',
  },
  {
    key: 'dim',
    label: 'Factors',
    type: 'int',
    min: 1,
    max: 512,
    kinds: FACTOR,
    help: 'Latent dimensions of the user and item vectors.',
  },
  {
    key: 'biases',
    label: 'User and item biases',
    type: 'bool',
    kinds: FACTOR,
    help: 'A learned offset per user and per item, added to the dot product.',
  },
  {
    key: 'l2',
    label: 'L2 on factors',
    ...l2,
    kinds: FACTOR,
    help: 'Keras-style λ·Σw² on the whole factor table at every step.',
  },
  {
    key: 'dropout',
    label: 'Dropout',
    type: 'number',
    min: 0,
    max: 0.9,
    step: 0.05,
    kinds: WITH_MLP,
    help: 'Share of hidden units switched off at random in training (0 disables).',
  },
  {
    key: 'activation',
    label: 'Activation',
    type: 'enum',
    kinds: WITH_MLP,
    advanced: true,
    options: [
      { value: 'relu', label: 'ReLU' },
      { value: 'tanh', label: 'tanh' },
      { value: 'sigmoid', label: 'sigmoid' },
      { value: 'linear', label: 'linear' },
    ],
    help: 'The non-linearity of the hidden layers.',
  },
  {
    key: 'dropoutAt',
    label: 'Dropout after',
    type: 'enum',
    kinds: WITH_MLP,
    advanced: true,
    options: [
      { value: 'each', label: 'each hidden layer' },
      { value: 'each-but-last', label: 'each but the last (seed 000)' },
      { value: 'last', label: 'the last only (seed 004)' },
    ],
    help: 'Which hidden layers dropout follows.',
  },
  {
    key: 'gmfSigmoid',
    label: 'Sigmoid on the GMF product',
    type: 'bool',
    kinds: WITH_GMF,
    advanced: true,
    help: 'Seed 004 passes the element-wise product through a sigmoid.',
  },
  {
    key: 'l2Gmf',
    label: 'L2 on GMF embeddings',
    ...l2,
    kinds: WITH_GMF,
    advanced: true,
    help: 'Keras-style λ·Σw² on the GMF embeddings.',
  },
  {
    key: 'l2Mlp',
    label: 'L2 on MLP embeddings',
    ...l2,
    kinds: WITH_MLP,
    advanced: true,
    help: 'Keras-style λ·Σw² on the MLP embeddings.',
  },
  {
    key: 'l2Layers',
    label: 'L2 on layers',
    ...l2,
    kinds: NEURAL,
    advanced: true,
    help: 'λ·Σw² on the dense layers’ kernels.',
  },
  {
    key: 'activityL2',
    label: 'L2 on layer outputs',
    ...l2,
    kinds: WITH_MLP,
    advanced: true,
    help: 'λ·Σa²/batch on the hidden outputs, as Keras’ activity_regularizer (seed 001).',
  },
  {
    key: 'embeddingStd',
    label: 'Initial embedding std',
    type: 'number',
    min: 1e-4,
    max: 1,
    kinds: [...NEURAL, ...FACTOR],
    advanced: true,
    help: 'Standard deviation of the normal initialiser (PyTorch NCF 0.01, Keras 0.05).',
  },
  {
    key: 'outputInit',
    label: 'Output initialiser',
    type: 'enum',
    kinds: NEURAL,
    advanced: true,
    options: [
      { value: 'glorot', label: 'Glorot uniform' },
      { value: 'lecun', label: 'LeCun uniform' },
    ],
    help: 'How the output layer starts (Keras’ default is Glorot).',
  },
];

const LOSS_CHOICES = [
  { value: 'bce', label: 'BCE' },
  { value: 'pairwise', label: 'pairwise' },
  { value: 'bpr', label: 'BPR' },
  { value: 'warp', label: 'WARP' },
] as const;

export const NCF_TRAIN_FIELDS: readonly FieldSpec[] = [
  {
    key: 'loss',
    label: 'Loss',
    type: 'enum',
    options: LOSS_CHOICES,
    only: LOSSES,
    help: 'BCE scores pairs one by one; pairwise, BPR and WARP compare a positive with negatives.',
  },
  ...TRAIN_FIELDS,
  {
    key: 'sampling',
    label: 'Zeros from',
    type: 'enum',
    advanced: true,
    kinds: [...NEURAL, 'mf'],
    when: { path: 'train.loss', in: ['bce'] },
    options: [
      { value: 'negatives', label: 'sampled negatives' },
      { value: 'all-unobserved', label: 'every unobserved pair (seed 001)' },
      { value: 'labelled', label: 'ratings below the threshold (seed 002)' },
    ],
    help: 'Where pointwise training gets its negatives.',
  },
  {
    key: 'warpSamples',
    label: 'WARP candidates',
    type: 'int',
    min: 1,
    max: 100,
    kinds: ['warp'],
    help: 'Negatives sampled per positive; the hardest violator is pushed down.',
  },
  {
    key: 'pretrain',
    label: 'Pretrain GMF and MLP first',
    type: 'toggle',
    kinds: ['neumf'],
    defaults: { epochs: 5, lr: 0.001, alpha: 0.5 },
    help: 'He et al. start NeuMF from separately trained GMF and MLP models.',
  },
  {
    key: 'pretrain.epochs',
    label: 'Pretraining epochs',
    type: 'int',
    min: 1,
    max: 200,
    kinds: ['neumf'],
    cli: 'pretrain',
    help: 'Epochs of each of GMF and MLP before NeuMF.',
  },
  {
    key: 'pretrain.lr',
    label: 'Pretraining learning rate',
    type: 'number',
    min: 1e-6,
    max: 10,
    kinds: ['neumf'],
    advanced: true,
    help: 'Adam’s learning rate while pretraining.',
  },
  {
    key: 'pretrain.alpha',
    label: 'α (GMF share)',
    type: 'number',
    min: 0,
    max: 1,
    step: 0.1,
    kinds: ['neumf'],
    help: 'Weight of GMF’s output layer in NeuMF’s; MLP’s gets 1 − α.',
  },
];

const LOO = { path: 'prep.split.kind', in: ['leave-one-out'] } as const;
const OTHER_SPLITS = { path: 'prep.split.kind', in: ['random', 'official'] } as const;

export const EVAL_FIELDS: readonly FieldSpec[] = [
  {
    key: 'k',
    label: 'K for HR and NDCG',
    type: 'int',
    min: 1,
    max: 100,
    when: LOO,
    help: 'Cut-off of the hit rate and NDCG.',
  },
  {
    key: 'sampledNegatives',
    label: 'Sampled negatives',
    type: 'int',
    min: 1,
    max: 1000,
    when: LOO,
    help: 'Never-seen items the held-out item is ranked among (the NCF paper uses 100).',
  },
  {
    key: 'fullRanking',
    label: 'Also rank against every item',
    type: 'bool',
    when: LOO,
    cli: 'full',
    help: 'The honest figure: the held-out item among all unrated items (slower).',
  },
  {
    key: 'topK',
    label: 'K for precision, recall, MAP',
    type: 'int',
    min: 1,
    max: 100,
    when: OTHER_SPLITS,
    help: 'Length of the recommended list the held-out positives are looked for in.',
  },
  {
    key: 'seed',
    label: 'Evaluation seed',
    type: 'int',
    min: 0,
    max: 2 ** 31 - 1,
    advanced: true,
    cli: 'eval-seed',
    help: 'Seeds the sampled candidates.',
  },
];

/** Shown in the NCF form, stored with the Data stage's preparation. */
export const NCF_PREP_FIELDS: readonly FieldSpec[] = [
  {
    key: 'negativesPerPositive',
    label: 'Negatives per positive',
    type: 'int',
    min: 0,
    max: 100,
    cli: 'negatives',
    kinds: [...NEURAL, 'mf'],
    when: { path: 'train.loss', in: ['bce'] },
    help: 'Never-seen items drawn as zeros per positive, each epoch anew (the paper uses 4).',
  },
];

export const NCF_SECTIONS: readonly SectionSchema[] = [
  { section: 'model', title: 'Model', fields: MODEL_FIELDS },
  { section: 'train', title: 'Training', fields: NCF_TRAIN_FIELDS },
  { section: 'prep', title: 'Training', fields: NCF_PREP_FIELDS },
  { section: 'eval', title: 'Evaluation', fields: EVAL_FIELDS },
];
