/**
 * Seed 003 as a preset: the notebook's towers, training and split, with what it leaves unstated, where the
 * lab departs from it, and the lesson. The seed prints no figure of its own (its cells carry no output).
 */
import type { Preset } from '../../train/spec';
import {
  TOWER_EVAL_DEFAULTS,
  TOWER_PREP_DEFAULTS,
  TOWER_TRAIN_DEFAULTS,
  defaultTowerModel,
  type TowerExperiment,
} from './config';

export type TowerPresetId = '003' | 'tfrs-retrieval';

export const TOWER_PRESET_IDS: readonly TowerPresetId[] = ['003', 'tfrs-retrieval'];

export type TowerPreset = Preset<TowerExperiment> & { id: TowerPresetId };

export const TOWER_PRESETS: Record<TowerPresetId, TowerPreset> = {
  '003': {
    id: '003',
    title: 'Seed 003: two feature towers predict MovieLens ratings',
    seed: '003_624e0a175186555e',
    description:
      'A user tower and an item tower (256-128-32, ReLU, linear output) over user and movie features, both L2-normalised, their dot product regressing the rating scaled to [-1, 1] under MSE. Adam 0.01, batch 256, 30 epochs, an 80/20 split, 10% of training held out for validation, seed 1.',
    dataset: 'ml-100k',
    prep: structuredClone(TOWER_PREP_DEFAULTS),
    model: defaultTowerModel('features'),
    train: { ...TOWER_TRAIN_DEFAULTS },
    eval: { ...TOWER_EVAL_DEFAULTS, ks: [...TOWER_EVAL_DEFAULTS.ks] },
    baselines: [],
    reported: [],
    notes: [
      'The seed prints no figure: its cells carry no output, so there is nothing reported to compare with.',
      'The seed loads precomputed features (14 genres); the lab computes them from the loaded data (ML-100k’s 19 genres), every rating-derived figure from the training ratings only.',
      'The seed fits its scalers on every row before splitting, so the test leaks into the standardisation; the lab fits them on the training rows (each user and item weighted by its training ratings, as the seed’s one row per rating does).',
      'The seed splits its user, item and target arrays separately with one random_state: one 80/20 split of the ratings, which the lab’s seeded split reproduces in kind (not row for row).',
      'Keras’ validation_split holds out the last 10% of the training rows; the lab holds out a seeded random 10%.',
      'The seed’s RMSE in stars, sqrt(MSE) × (max − min), is twice the true figure: the scaled range is 2 wide, so the factor is (max − min) / 2. The lab maps each prediction back to stars and reports both.',
      'A genre the user never rated counts 0, as in the seed’s data, so a genre slider at 0 reads “never watches it”.',
      'The seed’s new user has rating count 0 and average 0, far outside anything the towers saw; the lab gives a slider profile the count a cold-start user reveals (10) and the mean of the genres rated above 0 as its average.',
    ],
    lesson:
      'Features built from rating averages carry what user and item biases carry: the towers land about where the bias baseline does, far from what they cost. What they buy is cold start: a user described only by genre tastes gets recommendations at once. And a rating regressor is a weak retriever: ranking the whole catalogue is a different task, which the retrieval objective trains.',
  },
  'tfrs-retrieval': {
    id: 'tfrs-retrieval',
    title: 'Retrieval as TensorFlow Recommenders trains it: ID towers, in-batch softmax',
    seed: 'TensorFlow Recommenders, “Recommending movies: retrieval” tutorial',
    description:
      'A learned vector per user and per movie through each tower, trained to rank every rated movie above the other movies of its batch (in-batch softmax with the log-popularity correction), on an 80/20 split of every rating.',
    dataset: 'ml-100k',
    prep: structuredClone(TOWER_PREP_DEFAULTS),
    model: defaultTowerModel('ids'),
    train: { ...TOWER_TRAIN_DEFAULTS, objective: 'retrieval', batchSize: 1024, epochs: 10 },
    eval: { ...TOWER_EVAL_DEFAULTS, ks: [...TOWER_EVAL_DEFAULTS.ks] },
    baselines: [],
    reported: [
      {
        metric: 'top100_accuracy',
        value: 0.23,
        source: 'TFRS basic retrieval tutorial: factorized top-100 accuracy on its 20% test split of ML-100k',
      },
    ],
    notes: [
      'The tutorial embeds user ids and movie titles (32-d) with no tower, no normalisation, no popularity correction, Adagrad 0.1 on the batch’s summed loss, batch 8192, 3 epochs. The lab keeps its towers (256-128-32 over the ID vectors), normalises them with a temperature of 0.1, corrects for popularity and counts each item of a batch once.',
      'Batches of 1024, not 8192: an in-batch softmax costs batch² per step, 67 million logits at 8192, too much for WASM. Adam at 0.01 on the batch’s mean loss stands in for Adagrad on its sum.',
      'TFRS counts a test interaction as a hit when its movie is in the user’s top 100 of every movie, rated ones included; top100_accuracy does the same, while recall@K leaves the user’s training movies out.',
    ],
    lesson:
      'Trained for the question retrieval asks (which movies does this user pick?), bare ID vectors rank the whole catalogue far better than popularity, and far better than a rating regressor over rich features.',
  },
};
