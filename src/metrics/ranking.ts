/**
 * Ranking metrics from score arrays. Ties are broken at random in expectation: a target with g
 * strictly better candidates and t equal ones sits at each rank g..g+t with probability 1/(t+1).
 * This is deterministic, neither flatters nor punishes models with many ties (item popularity),
 * and equals the usual definitions when there are none.
 */
import type { Csr } from '../data/types';
import { csrHas } from '../data/split';

export interface HitNdcg {
  k: number;
  hr: number;
  ndcg: number;
  /** Users evaluated. */
  users: number;
}

export interface TopKMetrics {
  k: number;
  precision: number;
  recall: number;
  map: number;
  ndcg: number;
  /** Share of users with at least one test item in their top K. */
  hitRate: number;
  users: number;
}

/** Expected hit@k and NDCG@k contributions of a target with `greater` better and `ties` equal scores. */
export function expectedHitNdcg(greater: number, ties: number, k: number): [number, number] {
  if (greater >= k) return [0, 0];
  let hit = 0;
  let gain = 0;
  for (let r = greater; r <= greater + ties && r < k; r++) {
    hit++;
    gain += 1 / Math.log2(r + 2);
  }
  return [hit / (ties + 1), gain / (ties + 1)];
}

/**
 * The NCF paper's protocol: each row holds one user's candidates, the held-out item first, then the
 * sampled never-seen items. `scores` is row-major [users x perUser].
 */
export function sampledHitNdcg(scores: Float32Array, perUser: number, k: number): HitNdcg {
  const users = scores.length / perUser;
  let hr = 0;
  let ndcg = 0;
  for (let u = 0; u < users; u++) {
    const o = u * perUser;
    const target = scores[o];
    let greater = 0;
    let ties = 0;
    for (let j = 1; j < perUser; j++) {
      const s = scores[o + j];
      if (s > target) greater++;
      else if (s === target) ties++;
    }
    const [h, g] = expectedHitNdcg(greater, ties, k);
    hr += h;
    ndcg += g;
  }
  return { k, hr: users ? hr / users : 0, ndcg: users ? ndcg / users : 0, users };
}

/**
 * Full ranking (Krichene & Rendle, 2020): the held-out item against every item the user did not
 * interact with in training. `scores` rows are [nItems] per user, in the order of `users`.
 */
export function fullHitNdcg(
  scores: Float32Array,
  nItems: number,
  users: Int32Array,
  targets: Int32Array,
  exclude: Csr,
  k: number,
): HitNdcg {
  let hr = 0;
  let ndcg = 0;
  for (let r = 0; r < users.length; r++) {
    const u = users[r];
    const o = r * nItems;
    const target = scores[o + targets[r]];
    let greater = 0;
    let ties = 0;
    for (let i = 0; i < nItems; i++) {
      const s = scores[o + i];
      if (s < target || i === targets[r]) continue;
      if (csrHas(exclude, u, i)) continue;
      if (s > target) greater++;
      else ties++;
    }
    const [h, g] = expectedHitNdcg(greater, ties, k);
    hr += h;
    ndcg += g;
  }
  return {
    k,
    hr: users.length ? hr / users.length : 0,
    ndcg: users.length ? ndcg / users.length : 0,
    users: users.length,
  };
}

/** Indices of the k best-scored items of one row, skipping excluded ones; ties by lower item index. */
export function topItems(
  scores: Float32Array,
  offset: number,
  nItems: number,
  k: number,
  skip: (i: number) => boolean,
): number[] {
  const best: number[] = [];
  for (let i = 0; i < nItems; i++) {
    const s = scores[offset + i];
    if (best.length === k && s <= scores[offset + best[k - 1]]) continue;
    if (skip(i)) continue;
    let pos = best.length;
    while (pos > 0 && scores[offset + best[pos - 1]] < s) pos--;
    best.splice(pos, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

/**
 * Precision, recall, MAP and NDCG at k over all unrated items, the user's training items excluded;
 * `truth` holds each user's held-out positives. Users without any are skipped.
 */
export function topKMetrics(
  scores: Float32Array,
  nItems: number,
  users: Int32Array,
  truth: Csr,
  exclude: Csr,
  k: number,
): TopKMetrics {
  let precision = 0;
  let recall = 0;
  let map = 0;
  let ndcg = 0;
  let hits = 0;
  let counted = 0;
  for (let r = 0; r < users.length; r++) {
    const u = users[r];
    const nTrue = truth.indptr[u + 1] - truth.indptr[u];
    if (nTrue === 0) continue;
    counted++;
    const top = topItems(scores, r * nItems, nItems, k, (i) => csrHas(exclude, u, i));
    let found = 0;
    let ap = 0;
    let dcg = 0;
    top.forEach((i, pos) => {
      if (!csrHas(truth, u, i)) return;
      found++;
      ap += found / (pos + 1);
      dcg += 1 / Math.log2(pos + 2);
    });
    let idcg = 0;
    for (let pos = 0; pos < Math.min(k, nTrue); pos++) idcg += 1 / Math.log2(pos + 2);
    precision += found / k;
    recall += found / nTrue;
    map += ap / Math.min(k, nTrue);
    ndcg += dcg / idcg;
    if (found > 0) hits++;
  }
  const d = Math.max(1, counted);
  return {
    k,
    precision: precision / d,
    recall: recall / d,
    map: map / d,
    ndcg: ndcg / d,
    hitRate: hits / d,
    users: counted,
  };
}
