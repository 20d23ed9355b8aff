/**
 * One run end to end on a prepared split: build the model, train it (NeuMF optionally from
 * pretrained GMF and MLP), evaluate it under the split's protocol. What the worker and the CLI call.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PrepConfig, PreparedSplit } from '../data/types';
import { createRng } from '../data/rng';
import {
  buildModel,
  FactorModel,
  neumfFromPretrained,
  type ModelConfig,
  type NcfConfig,
  type Recommender,
} from '../models';
import { createNcfScorer } from '../models/ncf';
import type { ModelSummary } from '../models/types';
import {
  evaluate,
  flattenMetrics,
  sampleCandidates,
  sampledMetric,
  type EvalConfig,
  type EvalReport,
} from '../metrics/evaluate';
import { topKMetrics } from '../metrics/ranking';
import { buildCsr } from '../data/split';
import { trainModel, type EpochReport, type TrainConfig, type TrainHooks, type TrainResult } from './loop';

/** Everything that defines a run. Plain data: it can live in the URL. */
export interface ExperimentConfig {
  prep: PrepConfig;
  model: ModelConfig;
  train: TrainConfig;
  eval: EvalConfig;
}

export interface ExperimentHooks extends Omit<TrainHooks, 'epochMetric'> {
  /** 'pretraining GMF', 'pretraining MLP', 'training', 'evaluating'. */
  onPhase?: (phase: string) => void;
  /** Compute the ranking metric after every epoch (default true). */
  epochMetric?: boolean;
}

export interface ExperimentResult {
  config: ExperimentConfig;
  summary: ModelSummary;
  history: EpochReport[];
  /** Histories of the GMF and MLP pretraining runs, when NeuMF was pretrained. */
  pretraining: { gmf: EpochReport[]; mlp: EpochReport[] } | null;
  train: TrainResult | null;
  metrics: EvalReport;
  /** Flat metric names -> values (hr@10, hr@10_full, precision@5, auc...). */
  flat: Record<string, number>;
  backend: string;
  /** The trained model, for recommendations. The caller disposes it. */
  model: Recommender;
}

/** The per-epoch ranking metric: sampled HR@K for leave-one-out, precision@K on up to 300 users otherwise. */
export function epochMetricFor(
  model: Recommender,
  split: PreparedSplit,
  prep: PrepConfig,
  ev: EvalConfig,
): NonNullable<TrainHooks['epochMetric']> {
  if (prep.split.kind === 'leave-one-out') {
    const c = sampleCandidates(split, ev.sampledNegatives, ev.seed);
    return { name: `hr@${ev.k} (sampled)`, compute: async () => (await sampledMetric(model, c, ev.k)).hr };
  }
  const truth = buildCsr(split.test.user, split.test.item, split.nUsers);
  const all = Array.from(new Set(split.test.user));
  const rng = createRng(ev.seed);
  for (let j = all.length - 1; j > 0; j--) {
    const k = rng.int(j + 1);
    [all[j], all[k]] = [all[k], all[j]];
  }
  const users = Int32Array.from(all.slice(0, 300));
  const name = `precision@${ev.topK}${users.length < all.length ? ` (${users.length} users)` : ''}`;
  return {
    name,
    compute: async () =>
      topKMetrics(await model.scoreUsers(users), split.nItems, users, truth, split.trainSeen, ev.topK)
        .precision,
  };
}

export async function runExperiment(
  split: PreparedSplit,
  cfg: ExperimentConfig,
  hooks: ExperimentHooks = {},
): Promise<ExperimentResult> {
  const { model: mc, train: tc, prep, eval: ev } = cfg;
  const build = (m: ModelConfig, initial?: Parameters<typeof buildModel>[5]) =>
    buildModel(m, split.nUsers, split.nItems, tc.seed, split.train, initial);
  const metricHooks = (m: Recommender): TrainHooks => ({
    ...hooks,
    epochMetric: hooks.epochMetric === false ? undefined : epochMetricFor(m, split, prep, ev),
  });

  let pretraining: ExperimentResult['pretraining'] = null;
  let initial: Parameters<typeof buildModel>[5];
  if (mc.kind === 'neumf' && tc.pretrain && tc.pretrain.epochs > 0) {
    const parts = [];
    const histories: EpochReport[][] = [];
    for (const kind of ['gmf', 'mlp'] as const) {
      hooks.onPhase?.(`pretraining ${kind.toUpperCase()}`);
      const pc: NcfConfig = { ...mc, kind };
      const part = build(pc) as FactorModel;
      const r = await trainModel(
        part,
        split,
        prep.negativesPerPositive,
        { ...tc, epochs: tc.pretrain.epochs, optimizer: 'adam', lr: tc.pretrain.lr },
        metricHooks(part),
      );
      histories.push(r.history);
      parts.push({ config: pc, scorer: part.scorer, weights: await part.getWeights() });
      part.dispose();
      if (r.stopped === 'aborted') break;
    }
    pretraining = { gmf: histories[0] ?? [], mlp: histories[1] ?? [] };
    if (parts.length === 2) {
      const scorer = createNcfScorer(mc, split.nUsers, split.nItems);
      initial = neumfFromPretrained(scorer, mc, parts[0], parts[1], tc.pretrain.alpha);
    }
  }

  const model = build(mc, initial);
  let train: TrainResult | null = null;
  if (model instanceof FactorModel && !hooks.signal?.aborted) {
    hooks.onPhase?.('training');
    train = await trainModel(model, split, prep.negativesPerPositive, tc, metricHooks(model));
  }
  hooks.onPhase?.('evaluating');
  const metrics = await evaluate(model, split, prep.split.kind, ev, { signal: hooks.signal });
  return {
    config: cfg,
    summary: model.summary(),
    history: train?.history ?? [],
    pretraining,
    train,
    metrics,
    flat: flattenMetrics(metrics),
    backend: tf.getBackend(),
    model,
  };
}
