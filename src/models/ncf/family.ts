/**
 * The NCF family at run time: the Data stage's split, packed factor models trained by the fast engine
 * (or popularity, which needs no training), NeuMF's optional pretraining as its own hook for initial
 * weights, and the ranking evaluation of the split's protocol.
 */
import { prepare, prepKey } from '../../data/prepare';
import type { PreparedSplit } from '../../data/types';
import { evaluate, flattenMetrics, FULL_LABEL, SAMPLED_LABEL, type EvalReport } from '../../metrics/evaluate';
import type { BuildContext, Built, ModelFamily, Training } from '../../train/family';
import { createPairSource, type PairLayout } from '../../train/sources/pairs';
import type { NcfConfig, NcfExperiment, NcfModelConfig } from './config';
import { FactorModel, type Weights } from './engine/factor';
import { createLossHead } from './engine/losses';
import { FactorTrainable } from './engine/step';
import type { PairScorer, Scorer } from './engine/types';
import { validationMetricFor } from './epoch-metric';
import { ItemPop } from './itempop';
import { createMfScorer } from './mf';
import { createNcfScorer } from './ncf';
import { neumfFromPretrained } from './pretrain';
import { NCF_SPEC } from './spec';

/** The scorer of a trainable config. */
export function createScorer(
  cfg: Exclude<NcfModelConfig, { kind: 'itempop' }>,
  nUsers: number,
  nItems: number,
): Scorer {
  switch (cfg.kind) {
    case 'mf':
    case 'bpr':
    case 'warp':
      return createMfScorer(cfg, nUsers, nItems);
    default:
      return createNcfScorer(cfg, nUsers, nItems);
  }
}

/** A model of the family, untrained (or from given weights), or popularity counted on the split. */
export function buildModel(
  cfg: NcfModelConfig,
  split: PreparedSplit,
  seed: number,
  initial?: Weights,
): PairScorer {
  if (cfg.kind === 'itempop') return new ItemPop(split.nUsers, split.nItems, split.train);
  return new FactorModel(cfg.kind, createScorer(cfg, split.nUsers, split.nItems), seed, initial);
}

const LAYOUT = { bce: 'pointwise', pairwise: 'triplet', bpr: 'triplet', warp: 'candidates' } as const;

/** What the loop trains for a factor model under the run's loss, sampling and optimizer. */
export function factorTraining(model: FactorModel, split: PreparedSplit, cfg: NcfExperiment): Training {
  const { train: tc, prep } = cfg;
  const head = createLossHead(tc.loss, { warpSamples: tc.warpSamples, nItems: split.nItems });
  model.scoreKind = tc.loss === 'bce' ? 'logit' : 'ranking';
  const layout: PairLayout = LAYOUT[tc.loss];
  return {
    trainable: new FactorTrainable(model, head, { kind: tc.optimizer, lr: tc.lr }),
    makeSource: (rng) =>
      createPairSource(
        split,
        {
          layout,
          sampling: tc.sampling,
          negatives: prep.negativesPerPositive,
          tripletLabels: tc.loss === 'pairwise',
          candidates: tc.warpSamples,
          validationFraction: tc.validationFraction,
        },
        rng,
      ),
    validation: validationMetricFor(model, split, cfg),
  };
}

/** NeuMF's starting weights from a GMF and an MLP trained first, as He et al. (2017) do. */
async function pretrained(
  split: PreparedSplit,
  cfg: NcfExperiment,
  ctx: BuildContext,
): Promise<Weights | undefined> {
  const mc = cfg.model as NcfConfig;
  const pre = cfg.train.pretrain;
  if (!pre) return undefined;
  const parts = [];
  for (const kind of ['gmf', 'mlp'] as const) {
    const pc: NcfConfig = { ...mc, kind };
    const part = buildModel(pc, split, cfg.train.seed) as FactorModel;
    const tc = { ...cfg.train, epochs: pre.epochs, optimizer: 'adam' as const, lr: pre.lr };
    const r = await ctx.trainPhase(
      `pretraining ${kind.toUpperCase()}`,
      factorTraining(part, split, { ...cfg, model: pc, train: tc }),
      tc,
    );
    parts.push({ config: pc, scorer: part.scorer, weights: await part.getWeights() });
    part.dispose();
    if (r.stopped === 'aborted') return undefined;
  }
  const scorer = createNcfScorer(mc, split.nUsers, split.nItems);
  return neumfFromPretrained(scorer, mc, parts[0], parts[1], pre.alpha);
}

export const ncfFamily: ModelFamily<NcfExperiment, PreparedSplit, EvalReport> = {
  spec: NCF_SPEC,
  prepare: (ds, cfg) => prepare(ds, cfg.prep),
  prepKey: (cfg) => `split|${prepKey(cfg.prep)}`,
  // Recommendations leave out everything the user is known to have seen, the validation item included.
  view: (split) => ({ ...split, trainSeen: split.seenBeforeTest }),

  async build(split, cfg, ctx): Promise<Built> {
    const mc = cfg.model;
    if (mc.kind === 'itempop') return { model: buildModel(mc, split, cfg.train.seed), training: null };
    const initial =
      mc.kind === 'neumf' && cfg.train.pretrain?.epochs ? await pretrained(split, cfg, ctx) : undefined;
    const model = buildModel(mc, split, cfg.train.seed, initial) as FactorModel;
    return { model, training: factorTraining(model, split, cfg) };
  },

  async evaluate(model, split, cfg, opts) {
    const report = await evaluate(model as PairScorer, split, cfg.prep.split.kind, cfg.eval, opts);
    const metrics = flattenMetrics(report);
    const labels: Record<string, string> = {};
    for (const key of Object.keys(metrics)) {
      if (report.sampled && /^(hr|ndcg)@\d+$/.test(key)) labels[key] = SAMPLED_LABEL;
      if (key.endsWith('_full')) labels[key] = FULL_LABEL;
    }
    return { metrics, labels, warnings: report.warnings, detail: report, seconds: report.seconds };
  },
};
