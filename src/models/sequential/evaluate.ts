/**
 * Next-item evaluation, RecBole's protocol for sequential models: each held-out item is ranked among all
 * items (padding excluded; the user's earlier items are not removed, since a sequence model must itself
 * learn not to repeat them). Top-1 accuracy (seed 000's metric), HR@K, NDCG@K and MRR, and optionally the
 * sampled figures against N never-seen items. Ties count at their expected rank (see metrics/ranking.ts).
 */
import { NegativeSampler } from '../../data/negatives';
import { createRng } from '../../data/rng';
import { SIDE, type Csr, type Timeline } from '../../data/types';
import { expectedHitNdcg } from '../../metrics/ranking';
import { heldOutTargets, windowBatch } from '../../train/sources/windows';
import type { ValidationMetric } from '../../train/trainable';
import type { SeqScorer } from './scorer';

export const FULL_RANKING =
  'full ranking: the held-out item among all items (padding excluded, history kept, as RecBole ranks for sequence models)';
export const ACCURACY =
  "top-1 accuracy over all items (Keras' sparse categorical accuracy, seed 000's metric)";
export const SAMPLED = (n: number) =>
  `sampled: the held-out item among it and ${n} items the user never interacted with`;

export interface RankFigures {
  k: number;
  /** Held-out items ranked. */
  targets: number;
  accuracy: number;
  hr: number;
  ndcg: number;
  mrr: number;
  sampled: { hr: number; ndcg: number; negatives: number } | null;
}

export interface RankOptions {
  k: number;
  /** Never-seen items per target for the sampled figures (0: none). */
  negatives?: number;
  /** Every item each user interacted with, where the sampled figures need it. */
  allSeen?: Csr;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Expected reciprocal rank of a target with `greater` better and `ties` equal scores. */
function expectedRr(greater: number, ties: number): number {
  let rr = 0;
  for (let r = greater; r <= greater + ties; r++) rr += 1 / (r + 1);
  return rr / (ties + 1);
}

/** The windows held-out items of a side see: training items for validation, everything before a test item. */
export const sidesBefore = (side: number): number[] =>
  side === SIDE.test ? [SIDE.train, SIDE.validation, SIDE.test] : [SIDE.train];

/** Ranks every held-out item of `side` (validation or test) after its window. */
export async function rankHeldOut(
  model: SeqScorer,
  tl: Timeline,
  side: number,
  opts: RankOptions,
): Promise<RankFigures> {
  const n = model.nItems;
  const set = heldOutTargets(tl, side);
  const total = set.at.length;
  const negatives = opts.allSeen ? (opts.negatives ?? 0) : 0;
  const sampler = negatives > 0 && opts.allSeen ? new NegativeSampler(opts.allSeen, n) : null;
  const rng = createRng(opts.seed ?? 0);
  const chunk = Math.max(16, Math.min(512, Math.floor((1 << 19) / n)));
  const sum = { accuracy: 0, hr: 0, ndcg: 0, mrr: 0, sHr: 0, sNdcg: 0 };
  for (let from = 0; from < total; from += chunk) {
    if (opts.signal?.aborted) break;
    const to = Math.min(total, from + chunk);
    const b = windowBatch(tl, set, null, from, to, model.window, n, sidesBefore(side));
    const scores = await model.scoreWindows(b.seqs, b.n);
    for (let r = 0; r < b.n; r++) {
      const o = r * n;
      const target = scores[o + b.target[r]];
      let greater = 0;
      let ties = 0;
      for (let i = 0; i < n; i++) {
        const s = scores[o + i];
        if (s > target) greater++;
        else if (s === target && i !== b.target[r]) ties++;
      }
      const [hit, gain] = expectedHitNdcg(greater, ties, opts.k);
      sum.accuracy += expectedHitNdcg(greater, ties, 1)[0];
      sum.hr += hit;
      sum.ndcg += gain;
      sum.mrr += expectedRr(greater, ties);
      if (sampler) {
        let g = 0;
        let t = 0;
        for (const i of sampler.drawDistinct(b.user[r], negatives, rng)) {
          if (scores[o + i] > target) g++;
          else if (scores[o + i] === target) t++;
        }
        const [h, d] = expectedHitNdcg(g, t, opts.k);
        sum.sHr += h;
        sum.sNdcg += d;
      }
    }
    opts.onProgress?.(to, total);
  }
  const d = Math.max(1, total);
  return {
    k: opts.k,
    targets: total,
    accuracy: sum.accuracy / d,
    hr: sum.hr / d,
    ndcg: sum.ndcg / d,
    mrr: sum.mrr / d,
    sampled: sampler ? { hr: sum.sHr / d, ndcg: sum.sNdcg / d, negatives } : null,
  };
}

/** Validation HR@K over all items after every epoch: what early stopping follows. */
export function validationMetric(model: SeqScorer, tl: Timeline, k: number): ValidationMetric {
  const name = `val hr@${k}`;
  return {
    name,
    higherIsBetter: true,
    heldOut: 'validation',
    async compute() {
      const r = await rankHeldOut(model, tl, SIDE.validation, { k });
      return { [name]: r.hr, [`val ndcg@${k}`]: r.ndcg };
    },
  };
}
