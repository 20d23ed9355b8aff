/**
 * Evaluation of any model that can score (user, item) pairs under the split's protocol:
 * leave-one-out gets the NCF paper's sampled HR/NDCG and the full-ranking ones side by side,
 * other splits get precision/recall/MAP@K over all unrated items; every split gets classification
 * metrics on the labelled held-out pairs.
 */
import type { PreparedSplit, SplitConfig } from '../data/types';
import { createRng, permutation } from '../data/rng';
import { NegativeSampler } from '../data/negatives';
import { buildCsr } from '../data/split';
import { fullHitNdcg, sampledHitNdcg, topKMetrics, type HitNdcg, type TopKMetrics } from './ranking';
import { classify, sanityWarnings, type Classification } from './classification';
import { FULL_LABEL, SAMPLED_LABEL, type EvalConfig } from './config';

export { EVAL_DEFAULTS, FULL_LABEL, SAMPLED_LABEL, type EvalConfig } from './config';

/** What evaluation needs of a model (the models' Recommender satisfies it). */
export interface ScoreSource {
  readonly nItems: number;
  readonly scoreKind: 'logit' | 'ranking' | 'count' | 'rating';
  scorePairs(users: Int32Array, items: Int32Array): Promise<Float32Array>;
  scoreUsers(users: Int32Array): Promise<Float32Array>;
}

/** Fixed candidates for the sampled protocol: per held-out pair, the item then N never-seen items. */
export interface SampledCandidates {
  users: Int32Array;
  items: Int32Array;
  perUser: number;
}

/**
 * Candidates for the held-out pairs of `side` (the test by default, or the validation pairs): each
 * pair's item, then never-seen items sampled for its user.
 */
export function sampleCandidates(
  split: PreparedSplit,
  negatives: number,
  seed: number,
  side: 'test' | 'validation' = 'test',
): SampledCandidates {
  const held = side === 'test' ? split.test : split.validation;
  if (!held) throw new Error('this split holds out no validation pairs');
  const sampler = new NegativeSampler(split.allSeen, split.nItems);
  const rng = createRng(seed);
  const per = 1 + negatives;
  const n = held.user.length;
  const users = new Int32Array(n * per);
  const items = new Int32Array(n * per);
  for (let j = 0; j < n; j++) {
    const u = held.user[j];
    users.fill(u, j * per, (j + 1) * per);
    items[j * per] = held.item[j];
    const negs = sampler.drawDistinct(u, negatives, rng);
    items.set(negs, j * per + 1);
    // A user who has seen nearly everything pads with the held-out item, which can only tie.
    items.fill(held.item[j], j * per + 1 + negs.length, (j + 1) * per);
  }
  return { users, items, perUser: per };
}

export interface EvalReport {
  protocol: SplitConfig['kind'];
  sampled: (HitNdcg & { negatives: number; label: string }) | null;
  full: (HitNdcg & { label: string }) | null;
  topK: (TopKMetrics & { label: string }) | null;
  classification: (Classification & { probabilities: string }) | null;
  warnings: string[];
  seconds: number;
}

export interface EvalOptions {
  candidates?: SampledCandidates;
  signal?: AbortSignal;
  /** Users scored so far out of the users to score, for full ranking. */
  onProgress?: (done: number, total: number) => void;
  /** Users per scoring call in full ranking. */
  chunkUsers?: number;
  /** Scores one full ranking may compute before it samples users (MAX_RANKED_SCORES). */
  maxRankedScores?: number;
}

/**
 * Full ranking scores every item for every ranked user: on ML-32M's shape (200k users, 87k items) that is
 * 17 billion scores, hours on WASM. Above this many scores a seeded sample of users is ranked instead, and
 * the figure's label says so; ML-100k and ML-1M stay whole.
 */
export const MAX_RANKED_SCORES = 3e8;

/** Indices of the rows to rank: all, or a seeded sorted sample that keeps the scores under the budget. */
export function rankedSample(
  rows: number,
  nItems: number,
  seed: number,
  budget = MAX_RANKED_SCORES,
): { keep: Int32Array | null; note: string } {
  const cap = Math.max(1, Math.floor(budget / Math.max(1, nItems)));
  if (rows <= cap) return { keep: null, note: '' };
  const keep = permutation(rows, createRng(seed ^ 0x5eed))
    .subarray(0, cap)
    .sort();
  const billions = ((rows * nItems) / 1e9).toFixed(1);
  return {
    keep,
    note: ` (on a seeded sample of ${cap} of ${rows} users: all of them would be ${billions} billion scores)`,
  };
}

const pick = (a: Int32Array, keep: Int32Array | null): Int32Array => (keep ? keep.map((j) => a[j]) : a);

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Probabilities for classification metrics, and what they are. */
function toProbabilities(scores: Float32Array, kind: ScoreSource['scoreKind']): [Float32Array, string] {
  if (kind === 'count') {
    let max = 0;
    for (const s of scores) max = Math.max(max, s);
    return [scores.map((s) => (max > 0 ? s / max : 0)), 'popularity / max popularity'];
  }
  const p = scores.map(sigmoid);
  return [p, kind === 'logit' ? 'sigmoid of the logit' : 'sigmoid of a ranking score (not calibrated)'];
}

/** Sampled HR@K only: the cheap per-epoch metric for leave-one-out. */
export async function sampledMetric(model: ScoreSource, c: SampledCandidates, k: number): Promise<HitNdcg> {
  return sampledHitNdcg(await model.scorePairs(c.users, c.items), c.perUser, k);
}

/** Full-catalogue metrics over users in chunks, so memory stays small on large catalogues. */
async function overUsers<T extends { users: number }>(
  model: ScoreSource,
  users: Int32Array,
  chunk: number,
  measure: (scores: Float32Array, from: number, to: number) => T,
  opts: EvalOptions,
): Promise<T[]> {
  const parts: T[] = [];
  for (let from = 0; from < users.length; from += chunk) {
    if (opts.signal?.aborted) break;
    const to = Math.min(users.length, from + chunk);
    parts.push(measure(await model.scoreUsers(users.subarray(from, to)), from, to));
    opts.onProgress?.(to, users.length);
  }
  return parts;
}

function weighted<T extends { users: number }>(parts: T[], keys: (keyof T)[]): T {
  const total = parts.reduce((a, p) => a + p.users, 0);
  const out = { ...parts[0], users: total };
  for (const key of keys) {
    (out as Record<keyof T, number>)[key] =
      parts.reduce((a, p) => a + (p[key] as number) * p.users, 0) / Math.max(1, total);
  }
  return out;
}

export async function evaluate(
  model: ScoreSource,
  split: PreparedSplit,
  protocol: SplitConfig['kind'],
  cfg: EvalConfig,
  opts: EvalOptions = {},
): Promise<EvalReport> {
  const t0 = performance.now();
  const nItems = split.nItems;
  const chunk = opts.chunkUsers ?? Math.max(1, Math.floor((1 << 17) / nItems));
  let sampled: EvalReport['sampled'] = null;
  let full: EvalReport['full'] = null;
  let topK: EvalReport['topK'] = null;

  if (protocol === 'leave-one-out') {
    const c = opts.candidates ?? sampleCandidates(split, cfg.sampledNegatives, cfg.seed);
    sampled = { ...(await sampledMetric(model, c, cfg.k)), negatives: c.perUser - 1, label: SAMPLED_LABEL };
    if (cfg.fullRanking) {
      const { keep, note } = rankedSample(split.test.user.length, nItems, cfg.seed, opts.maxRankedScores);
      const users = pick(split.test.user, keep);
      const heldItems = pick(split.test.item, keep);
      const parts = await overUsers(
        model,
        users,
        chunk,
        (s, from, to) =>
          fullHitNdcg(
            s,
            nItems,
            users.subarray(from, to),
            heldItems.subarray(from, to),
            split.seenBeforeTest,
            cfg.k,
          ),
        opts,
      );
      if (parts.length) full = { ...weighted(parts, ['hr', 'ndcg']), label: FULL_LABEL + note };
    }
  } else {
    const truth = buildCsr(split.test.user, split.test.item, split.nUsers);
    const all = Int32Array.from(new Set(split.test.user));
    const { keep, note } = rankedSample(all.length, nItems, cfg.seed, opts.maxRankedScores);
    const users = pick(all, keep);
    const parts = await overUsers(
      model,
      users,
      chunk,
      (s, from, to) =>
        topKMetrics(s, nItems, users.subarray(from, to), truth, split.seenBeforeTest, cfg.topK),
      opts,
    );
    if (parts.length) {
      topK = {
        ...weighted(parts, ['precision', 'recall', 'map', 'ndcg', 'hitRate']),
        label: `top ${cfg.topK} of all items not in the user's training history, against the held-out positives${note}`,
      };
    }
  }

  let classification: EvalReport['classification'] = null;
  const warnings: string[] = [];
  const tl = split.testLabelled;
  if (tl.user.length > 0 && !opts.signal?.aborted) {
    const [p, what] = toProbabilities(await model.scorePairs(tl.user, tl.item), model.scoreKind);
    classification = { ...classify(p, tl.label), probabilities: what };
    warnings.push(...sanityWarnings(classification));
    if (model.scoreKind !== 'logit') {
      warnings.push(
        'accuracy, precision and recall at 0.5 assume calibrated probabilities, which this model does not produce; read AUC',
      );
    }
  }
  return {
    protocol,
    sampled,
    full,
    topK,
    classification,
    warnings,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Flat name -> value pairs for tables and the CLI; sampled and full leave-one-out numbers named apart. */
export function flattenMetrics(r: EvalReport): Record<string, number> {
  const out: Record<string, number> = {};
  if (r.sampled) {
    out[`hr@${r.sampled.k}`] = r.sampled.hr;
    out[`ndcg@${r.sampled.k}`] = r.sampled.ndcg;
  }
  if (r.full) {
    out[`hr@${r.full.k}_full`] = r.full.hr;
    out[`ndcg@${r.full.k}_full`] = r.full.ndcg;
  }
  if (r.topK) {
    const k = r.topK.k;
    out[`precision@${k}`] = r.topK.precision;
    out[`recall@${k}`] = r.topK.recall;
    out[`map@${k}`] = r.topK.map;
    out[`ndcg@${k}`] = r.topK.ndcg;
  }
  const c = r.classification;
  if (c) {
    Object.assign(out, {
      accuracy: c.accuracy,
      majority_accuracy: c.majorityAccuracy,
      precision: c.precision,
      recall: c.recall,
      f1: c.f1,
      auc: c.auc,
      mse: c.mse,
      mae: c.mae,
      log_loss: c.logLoss,
    });
  }
  return out;
}
