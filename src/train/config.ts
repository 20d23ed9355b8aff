/**
 * The generic training settings every trainable model takes, their defaults and their field schema.
 * Pure data and arithmetic: the UI imports it directly. A family adds its own settings beside these
 * (the NCF family's loss and negatives, for instance) in its own config file.
 */
import type { FieldSpec } from './schema';

export type OptimizerKind = 'adam' | 'adagrad' | 'sgd';

export interface EarlyStopping {
  patience: number;
  /** Put back the weights of the best epoch when training ends. */
  restoreBest: boolean;
}

export interface TrainConfig {
  optimizer: OptimizerKind;
  lr: number;
  /** The learning rate is multiplied by this after every epoch (1 keeps it constant). */
  lrDecay: number;
  /** 'cosine' anneals the learning rate from lr towards 0 over the epochs (per epoch), after lrDecay. */
  lrSchedule?: 'constant' | 'cosine';
  batchSize: number;
  epochs: number;
  /** Share of training examples held out for the validation loss (Keras' validation_split). */
  validationFraction: number;
  /**
   * Stop when the validation figure (the validation metric where the family computes one, else the
   * validation loss) has not improved for `patience` epochs (Keras' EarlyStopping).
   */
  earlyStopping: EarlyStopping | null;
  seed: number;
}

export const TRAIN_DEFAULTS: TrainConfig = {
  optimizer: 'adam',
  lr: 0.001,
  lrDecay: 1,
  batchSize: 256,
  epochs: 20,
  validationFraction: 0,
  earlyStopping: null,
  seed: 42,
};

/** The learning rate of an epoch (1-based) under the config's schedule. */
export function learningRate(cfg: TrainConfig, epoch: number): number {
  const lr = cfg.lr * (cfg.lrDecay ?? 1) ** (epoch - 1);
  if (cfg.lrSchedule !== 'cosine' || cfg.epochs <= 1) return lr;
  return lr * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / cfg.epochs));
}

export const OPTIMIZERS = [
  { value: 'adam', label: 'Adam' },
  { value: 'adagrad', label: 'Adagrad' },
  { value: 'sgd', label: 'SGD' },
] as const;

/** The generic training fields, in the order a form shows them. */
export const TRAIN_FIELDS: readonly FieldSpec[] = [
  {
    key: 'epochs',
    label: 'Epochs',
    type: 'int',
    min: 1,
    max: 1000,
    help: 'Passes over the training data (at most, when early stopping is on).',
  },
  {
    key: 'batchSize',
    label: 'Batch size',
    type: 'int',
    min: 1,
    max: 65536,
    cli: 'batch',
    help: 'Examples per step. Larger batches mean fewer, bigger steps: faster per epoch, fewer updates.',
  },
  {
    key: 'lr',
    label: 'Learning rate',
    type: 'number',
    min: 1e-6,
    max: 10,
    help: 'Step size of the optimizer.',
  },
  {
    key: 'optimizer',
    label: 'Optimizer',
    type: 'enum',
    options: OPTIMIZERS,
    advanced: true,
    help: 'Adam adapts the step per weight; Adagrad shrinks it over time; SGD keeps it fixed.',
  },
  {
    key: 'lrSchedule',
    label: 'Schedule',
    type: 'enum',
    options: [
      { value: 'constant', label: 'constant' },
      { value: 'cosine', label: 'cosine annealing' },
    ],
    cli: 'schedule',
    advanced: true,
    help: 'Cosine annealing lowers the learning rate towards 0 by the last epoch.',
  },
  {
    key: 'lrDecay',
    label: 'Decay per epoch',
    type: 'number',
    min: 0.01,
    max: 1,
    advanced: true,
    help: 'The learning rate is multiplied by this after every epoch (1 keeps it).',
  },
  {
    key: 'validationFraction',
    label: 'Validation share %',
    type: 'number',
    min: 0,
    max: 0.5,
    percent: true,
    cli: 'validation',
    advanced: true,
    help: 'Training examples held back to measure the validation loss (Keras validation_split).',
  },
  {
    key: 'earlyStopping',
    label: 'Early stopping',
    type: 'toggle',
    defaults: { patience: 2, restoreBest: true },
    help: 'Stop when the validation figure has not improved for a few epochs, and keep the best epoch.',
  },
  {
    key: 'earlyStopping.patience',
    label: 'Patience',
    type: 'int',
    min: 1,
    max: 100,
    cli: 'patience',
    help: 'Epochs without improvement before training stops.',
  },
  {
    key: 'earlyStopping.restoreBest',
    label: 'Keep the best epoch',
    type: 'bool',
    cli: 'restore-best',
    advanced: true,
    help: 'Put back the weights of the best epoch when training ends.',
  },
  {
    key: 'seed',
    label: 'Seed',
    type: 'int',
    min: 0,
    max: 2 ** 31 - 1,
    advanced: true,
    help: 'Seeds the initial weights, the sampled negatives and the batch order.',
  },
];
