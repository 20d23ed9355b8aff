/**
 * The Sequential family at run time: its own time-respecting preparation (each user's last items held
 * out, the one before them for validation), baselines counted on the training timeline, networks trained
 * on the autodiff path over sequence windows, and the next-item ranking evaluation.
 */
import { prepare, prepKey } from '../../data/prepare';
import { createRng } from '../../data/rng';
import { fail, SIDE, type PrepConfig, type PreparedSplit, type Timeline } from '../../data/types';
import { AutodiffTrainable } from '../../train/autodiff';
import type { Built, ModelFamily, Training } from '../../train/family';
import { MarkovModel, PopModel } from './baselines';
import { createCnnNet } from './cnn';
import {
  isNeural,
  windowProblem,
  type NeuralConfig,
  type SeqExperiment,
  type SeqModelConfig,
  type SeqPrep,
} from './config';
import { ACCURACY, FULL_RANKING, rankHeldOut, SAMPLED, validationMetric, type RankFigures } from './evaluate';
import { NeuralSeqModel } from './model';
import type { Network } from './network';
import { createRecurrentNet } from './rnn';
import { createSasrecNet } from './sasrec';
import { createSequenceSource } from './source';
import type { SeqScorer } from './scorer';
import { SEQ_LABELS, SEQ_SPEC } from './spec';

/** What the family's evaluation reports beside its flat figures. */
export interface SeqDetail {
  test: RankFigures;
  window: number;
  /** Items every held-out item was ranked among: guessing hits the top 1 once in `nItems`. */
  nItems: number;
  /** Popularity's figures on the same test items: the floor a comparison marks. */
  popularity: { hr: number; ndcg: number };
}

/** The data stage's preparation a sequential config stands for. */
export function prepConfigOf(p: SeqPrep): PrepConfig {
  return {
    implicitThreshold: p.threshold?.rating ?? null,
    strictThreshold: false,
    split: { kind: 'leave-last-out', testItems: p.split.testItems },
    negativesPerPositive: 0,
    seed: p.seed,
  };
}

export function timelineOf(split: PreparedSplit): Timeline {
  if (!split.timeline) throw new Error('sequential models need a timeline (a leave-last-out preparation)');
  return split.timeline;
}

export function createNetwork(cfg: NeuralConfig, nItems: number, window: number, seed: number): Network {
  const rng = createRng(seed);
  switch (cfg.kind) {
    case 'lstm':
    case 'gru':
      return createRecurrentNet(cfg, nItems, window, rng);
    case 'cnn':
      return createCnnNet(cfg, nItems, window, rng);
    case 'sasrec':
      return createSasrecNet(cfg, nItems, window, rng);
  }
}

/** A model of the family: a baseline counted on the split, or an untrained network from a seed. */
export function buildSeqModel(
  cfg: SeqModelConfig,
  split: PreparedSplit,
  window: number,
  seed: number,
): SeqScorer {
  const tl = timelineOf(split);
  const problem = windowProblem(cfg, window);
  if (problem) throw new Error(problem);
  if (!isNeural(cfg)) {
    const Baseline = cfg.kind === 'pop' ? PopModel : MarkovModel;
    return new Baseline(tl, split.nUsers, split.nItems, window);
  }
  const net = createNetwork(cfg, split.nItems, window, seed);
  return new NeuralSeqModel(net, cfg, tl, split.nUsers, split.nItems, window, SEQ_LABELS[cfg.kind]);
}

/** Popularity's ranking of one side's held-out items, which needs no training. */
function popularityOn(split: PreparedSplit, window: number, side: number, k: number): Promise<RankFigures> {
  const pop = new PopModel(timelineOf(split), split.nUsers, split.nItems, window);
  return rankHeldOut(pop, timelineOf(split), side, { k });
}

/**
 * What the loop trains for a network: windows of the training timeline, validation HR@K per epoch with
 * popularity's beside it (`popularityHr`).
 */
export function seqTraining(
  model: NeuralSeqModel,
  split: PreparedSplit,
  cfg: SeqExperiment,
  popularityHr?: number,
): Training {
  const tl = timelineOf(split);
  const tc = cfg.train;
  const validation = validationMetric(model, tl, cfg.eval.k);
  return {
    trainable: new AutodiffTrainable(model, { kind: tc.optimizer, lr: tc.lr }),
    makeSource: (rng) =>
      createSequenceSource(
        tl,
        { length: cfg.prep.window, pad: split.nItems, validationFraction: tc.validationFraction },
        model.targets,
        rng,
      ),
    validation:
      popularityHr === undefined
        ? validation
        : { ...validation, baseline: { name: 'popularity', value: popularityHr } },
  };
}

function metricsOf(r: RankFigures): { metrics: Record<string, number>; labels: Record<string, string> } {
  const k = r.k;
  const metrics: Record<string, number> = {
    accuracy: r.accuracy,
    [`hr@${k}_full`]: r.hr,
    [`ndcg@${k}_full`]: r.ndcg,
    mrr_full: r.mrr,
  };
  const labels: Record<string, string> = {
    accuracy: ACCURACY,
    [`hr@${k}_full`]: FULL_RANKING,
    [`ndcg@${k}_full`]: FULL_RANKING,
    mrr_full: FULL_RANKING,
  };
  if (r.sampled) {
    metrics[`hr@${k}`] = r.sampled.hr;
    metrics[`ndcg@${k}`] = r.sampled.ndcg;
    labels[`hr@${k}`] = SAMPLED(r.sampled.negatives);
    labels[`ndcg@${k}`] = SAMPLED(r.sampled.negatives);
  }
  return { metrics, labels };
}

export const sequentialFamily: ModelFamily<SeqExperiment, PreparedSplit, SeqDetail> = {
  spec: SEQ_SPEC,
  prepare(ds, cfg) {
    const problem = windowProblem(cfg.model, cfg.prep.window);
    if (problem) return fail(problem);
    const r = prepare(ds, prepConfigOf(cfg.prep));
    if (r.ok && r.value.validation?.user.length === 0)
      return fail('no user has enough interactions to hold out a validation and a test item');
    return r;
  },
  prepKey: (cfg) => `split|${prepKey(prepConfigOf(cfg.prep))}`,
  // The labelled negatives prepare() draws for classification metrics mean nothing to next-item ranking.
  view: (split) => ({
    ...split,
    notes: split.notes.filter((n) => !n.startsWith('held-out pairs are all positives')),
  }),

  async build(split, cfg): Promise<Built> {
    const model = buildSeqModel(cfg.model, split, cfg.prep.window, cfg.train.seed);
    if (!isNeural(cfg.model)) return { model, training: null };
    const pop = await popularityOn(split, cfg.prep.window, SIDE.validation, cfg.eval.k);
    return { model, training: seqTraining(model as NeuralSeqModel, split, cfg, pop.hr) };
  },

  async evaluate(model, split, cfg, opts) {
    const t0 = performance.now();
    const tl = timelineOf(split);
    const test = await rankHeldOut(model as SeqScorer, tl, SIDE.test, {
      k: cfg.eval.k,
      negatives: cfg.eval.sampledNegatives,
      allSeen: split.allSeen,
      seed: cfg.eval.seed,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    const { metrics, labels } = metricsOf(test);
    const pop =
      cfg.model.kind === 'pop' ? test : await popularityOn(split, cfg.prep.window, SIDE.test, cfg.eval.k);
    const warnings: string[] = [];
    const chance = cfg.eval.k / split.nItems;
    if (test.hr < 2 * chance)
      warnings.push(
        `HR@${cfg.eval.k} is within twice what guessing reaches (${cfg.eval.k}/${split.nItems} = ${chance.toFixed(4)}): the order of these items seems to carry no signal`,
      );
    return {
      metrics,
      labels,
      warnings,
      detail: {
        test,
        window: cfg.prep.window,
        nItems: split.nItems,
        popularity: { hr: pop.hr, ndcg: pop.ndcg },
      },
      seconds: (performance.now() - t0) / 1000,
    };
  },
};
