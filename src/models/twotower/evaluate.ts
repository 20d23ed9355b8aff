/**
 * What a two-tower run is judged by, on its own split: the rating error in stars beside the global-mean
 * and bias baselines, retrieval over the whole catalogue beside popularity, and the item embeddings'
 * norms. Cold start (a user-disjoint split) is the same evaluation on users the towers never trained on.
 */
import { buildCsr } from '../../data/split';
import type { Csr } from '../../data/types';
import { topKMetrics } from '../../metrics/ranking';
import type { EvalOptions, Evaluation } from '../../train/family';
import { errors, fitBiases, predictBiases, withUserBiases, type ErrorFigures } from './baselines';
import type { TowerEvalConfig, TowerExperiment } from './config';
import type { TowerData } from './data';
import { scaleTarget, unscaleTarget } from './features';
import type { TwoTowerModel } from './model';

export interface RetrievalFigures {
  /** Recall at each K over all items the user has not rated in training, averaged over users. */
  recall: Record<number, number>;
  /** TFRS's factorized top-100 accuracy: the share of held-out interactions in the user's top 100 of all items. */
  top100: number;
  users: number;
}

export interface NormStats {
  mean: number;
  std: number;
  min: number;
  max: number;
}

export interface TowerReport {
  objective: 'rating' | 'retrieval';
  coldStart: boolean;
  /** Null for a retrieval model (its dot product is no rating) and for data without ratings. */
  rating: (ErrorFigures & { mse: number; seedShortcut: number; ratings: number }) | null;
  baselines: { globalMean: ErrorFigures; biases: ErrorFigures } | null;
  retrieval: { model: RetrievalFigures; popularity: RetrievalFigures };
  /** Of the item tower's outputs; all 1 when the model normalises them. */
  norms: NormStats & { normalised: boolean };
  seconds: number;
}

export const RATING_LABEL =
  'stars: predictions mapped back from [-1, 1] and clipped to the rating scale. The seed’s sqrt(MSE) × (max − min) overstates this 2×: the scaled range is 2 wide, so the factor is (max − min) / 2';
export const SHORTCUT_LABEL = 'the seed’s formula, sqrt(MSE) × (max − min): twice the true error in stars';
export const RECALL_LABEL =
  'share of a user’s held-out items in their top K of all items they did not rate in training, averaged over users';
export const TOP100_LABEL =
  'TFRS’s factorized top-100 accuracy: held-out interactions whose item is in the user’s top 100 of all items (rated ones not excluded)';

export function normStats(vectors: Float32Array, dim: number): NormStats {
  const n = vectors.length / dim;
  const norms = Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let c = 0; c < dim; c++) s += vectors[i * dim + c] ** 2;
    return Math.sqrt(s);
  });
  const mean = norms.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const std = Math.sqrt(norms.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n));
  return { mean, std, min: Math.min(...norms), max: Math.max(...norms) };
}

/** Recall at each K and TFRS's top-100 accuracy for scores of the given users, summed (not yet averaged). */
function retrievalSums(
  scores: Float32Array,
  nItems: number,
  users: Int32Array,
  truth: Csr,
  exclude: Csr,
  ks: number[],
  acc: { recall: Record<number, number>; users: number; hits: number; pairs: number },
): void {
  ks.forEach((k, j) => {
    const m = topKMetrics(scores, nItems, users, truth, exclude, k);
    acc.recall[k] = (acc.recall[k] ?? 0) + m.recall * m.users;
    if (j === 0) acc.users += m.users;
  });
  users.forEach((u, r) => {
    const o = r * nItems;
    for (let j = truth.indptr[u]; j < truth.indptr[u + 1]; j++) {
      const s = scores[o + truth.indices[j]];
      let greater = 0;
      for (let i = 0; i < nItems && greater < 100; i++) if (scores[o + i] > s) greater++;
      acc.pairs++;
      if (greater < 100) acc.hits++;
    }
  });
}

const CHUNK = 256;

async function retrieval(
  score: (users: Int32Array) => Promise<Float32Array>,
  data: TowerData,
  ev: TowerEvalConfig,
  opts: EvalOptions,
): Promise<RetrievalFigures> {
  const truth = buildCsr(data.test.user, data.test.item, data.nUsers);
  const users = Int32Array.from(new Set(data.test.user)).sort();
  const acc = { recall: {} as Record<number, number>, users: 0, hits: 0, pairs: 0 };
  for (let from = 0; from < users.length; from += CHUNK) {
    if (opts.signal?.aborted) break;
    const chunk = users.subarray(from, from + CHUNK);
    retrievalSums(await score(chunk), data.nItems, chunk, truth, data.view.trainSeen, ev.ks, acc);
    opts.onProgress?.(Math.min(users.length, from + CHUNK), users.length);
  }
  const d = Math.max(1, acc.users);
  return {
    recall: Object.fromEntries(ev.ks.map((k) => [k, (acc.recall[k] ?? 0) / d])),
    top100: acc.hits / Math.max(1, acc.pairs),
    users: acc.users,
  };
}

async function ratingFigures(model: TwoTowerModel, data: TowerData): Promise<TowerReport['rating']> {
  const s = data.scale;
  const truth = data.test.rating;
  if (!s || !truth || model.scoreKind !== 'rating') return null;
  const [uv, iv] = await Promise.all([model.userVectors(), model.itemVectors()]);
  const d = model.cfg.embeddingDim;
  const n = truth.length;
  const stars = new Float32Array(n);
  let se = 0;
  for (let j = 0; j < n; j++) {
    const u = data.test.user[j] * d;
    const i = data.test.item[j] * d;
    let dot = 0;
    for (let c = 0; c < d; c++) dot += uv[u + c] * iv[i + c];
    se += (dot - scaleTarget(truth[j], s)) ** 2;
    stars[j] = Math.min(s.max, Math.max(s.min, unscaleTarget(dot, s)));
  }
  const mse = se / Math.max(1, n);
  return { ...errors(stars, truth), mse, seedShortcut: Math.sqrt(mse) * (s.max - s.min), ratings: n };
}

function baselineFigures(data: TowerData): TowerReport['baselines'] {
  const s = data.scale;
  const truth = data.test.rating;
  if (!s || !truth || data.globalMean === null) return null;
  // Every training-side rating, the validation share too: a baseline needs no validation.
  let b = fitBiases(data.trainAll, data.nUsers, data.nItems);
  if (data.revealed) b = withUserBiases(b, data.revealed);
  const mean = new Float32Array(truth.length).fill(b.mu);
  return {
    globalMean: errors(mean, truth),
    biases: errors(predictBiases(b, data.test, s.min, s.max), truth),
  };
}

export async function evaluateTowers(
  model: TwoTowerModel,
  data: TowerData,
  cfg: TowerExperiment,
  opts: EvalOptions,
): Promise<Evaluation<TowerReport>> {
  const t0 = performance.now();
  const rating = await ratingFigures(model, data);
  const baselines = baselineFigures(data);
  const popularity = (users: Int32Array) => {
    const out = new Float32Array(users.length * data.nItems);
    for (let r = 0; r < users.length; r++) out.set(data.itemCounts, r * data.nItems);
    return Promise.resolve(out);
  };
  const retrievalReport = {
    model: await retrieval((u) => model.scoreUsers(u), data, cfg.eval, opts),
    popularity: await retrieval(popularity, data, cfg.eval, opts),
  };
  const norms = {
    ...normStats(await model.itemVectors(), model.cfg.embeddingDim),
    normalised: model.cfg.normalise,
  };
  const report: TowerReport = {
    objective: cfg.train.objective,
    coldStart: data.revealed !== null,
    rating,
    baselines,
    retrieval: retrievalReport,
    norms,
    seconds: (performance.now() - t0) / 1000,
  };
  return { ...flatten(report), detail: report, seconds: report.seconds };
}

function flatten(r: TowerReport): Omit<Evaluation<TowerReport>, 'detail' | 'seconds'> {
  const metrics: Record<string, number> = {};
  const labels: Record<string, string> = {};
  const warnings: string[] = [];
  if (r.rating) {
    Object.assign(metrics, { rmse: r.rating.rmse, mae: r.rating.mae, mse: r.rating.mse });
    metrics.rmse_seed_shortcut = r.rating.seedShortcut;
    labels.rmse = RATING_LABEL;
    labels.mae = 'stars, as RMSE';
    labels.mse = 'mean squared error on the target scaled to [-1, 1] (the training loss)';
    labels.rmse_seed_shortcut = SHORTCUT_LABEL;
  }
  if (r.baselines) {
    metrics.rmse_global_mean = r.baselines.globalMean.rmse;
    metrics.rmse_biases = r.baselines.biases.rmse;
    metrics.mae_biases = r.baselines.biases.mae;
    labels.rmse_global_mean = 'stars: every rating predicted as the training mean';
    labels.rmse_biases = 'stars: training mean + regularised user and item biases (ALS)';
  }
  for (const [side, f] of [
    ['', r.retrieval.model],
    ['_popularity', r.retrieval.popularity],
  ] as const) {
    for (const [k, v] of Object.entries(f.recall)) {
      metrics[`recall@${k}${side}`] = v;
      labels[`recall@${k}${side}`] = RECALL_LABEL;
    }
    metrics[`top100_accuracy${side}`] = f.top100;
    labels[`top100_accuracy${side}`] = TOP100_LABEL;
  }
  if (r.objective === 'retrieval')
    warnings.push('a retrieval model’s dot product is a ranking score, not a rating: no RMSE is reported');
  if (r.norms.normalised && (Math.abs(r.norms.min - 1) > 1e-3 || Math.abs(r.norms.max - 1) > 1e-3))
    warnings.push(`normalised item embeddings have norms from ${r.norms.min} to ${r.norms.max}, not 1`);
  return { metrics, labels, warnings };
}
