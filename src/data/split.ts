/**
 * Splitting interactions into train and test rows, and the CSR adjacency the samplers and the
 * evaluation use. Pure and seeded: the same dataset, config and seed give the same split anywhere.
 */
import type { Csr, Interactions, OfficialSplit, Result, Timeline } from './types';
import { fail, ok } from './types';
import { permutation, type Rng } from './rng';

/** 1 where the row counts as a positive under the implicit threshold. */
export function positiveMask(x: Interactions, threshold: number | null, strict: boolean): Uint8Array {
  const n = x.user.length;
  const mask = new Uint8Array(n);
  if (threshold === null || x.rating === null) return mask.fill(1);
  const r = x.rating;
  if (strict) for (let i = 0; i < n; i++) mask[i] = r[i] > threshold ? 1 : 0;
  else for (let i = 0; i < n; i++) mask[i] = r[i] >= threshold ? 1 : 0;
  return mask;
}

/** Random split: exactly round(n * testFraction) rows go to test, chosen by a seeded permutation. */
export function randomTestMask(nRows: number, testFraction: number, rng: Rng): Uint8Array {
  const mask = new Uint8Array(nRows);
  const nTest = Math.round(nRows * Math.min(1, Math.max(0, testFraction)));
  const p = permutation(nRows, rng);
  for (let i = 0; i < nTest; i++) mask[p[i]] = 1;
  return mask;
}

export interface LeaveOneOutInfo {
  mask: Uint8Array;
  /** Users that kept every positive in train because they had fewer than two. */
  trainOnlyUsers: number;
  /** True when the source had no timestamps and a seeded random positive was held out instead. */
  randomFallback: boolean;
}

/**
 * Leave-one-out: each user's latest positive (by timestamp) is the test row. Timestamps tie often
 * (ML-100k users rate many films in the same second); the earliest row in file order wins, which
 * matches the usual pandas recipe `rank(method='first', ascending=False) == 1`.
 * Users with fewer than two positives keep everything in train, so no user is left with an empty history.
 */
export function leaveOneOutMask(
  x: Interactions,
  positives: Uint8Array,
  nUsers: number,
  rng: Rng,
): LeaveOneOutInfo {
  const n = x.user.length;
  const count = new Int32Array(nUsers);
  const best = new Int32Array(nUsers).fill(-1);
  const ts = x.timestamp;
  const seen = new Int32Array(nUsers);
  for (let r = 0; r < n; r++) {
    if (!positives[r]) continue;
    const u = x.user[r];
    count[u]++;
    if (ts) {
      if (best[u] < 0 || ts[r] > ts[best[u]]) best[u] = r;
    } else {
      // Reservoir sampling: a uniform random positive per user in one pass.
      seen[u]++;
      if (rng.int(seen[u]) === 0) best[u] = r;
    }
  }
  const mask = new Uint8Array(n);
  let trainOnly = 0;
  for (let u = 0; u < nUsers; u++) {
    if (count[u] >= 2) mask[best[u]] = 1;
    else if (count[u] === 1) trainOnly++;
  }
  return { mask, trainOnlyUsers: trainOnly, randomFallback: ts === null };
}

/**
 * Each user's rows where `keep` is set, oldest first, ties kept in file order (a stable sort). Without
 * timestamps the file order is the time order.
 */
export function timeOrder(
  x: Interactions,
  nUsers: number,
  keep: Uint8Array,
): { indptr: Int32Array; rows: Int32Array } {
  const n = x.user.length;
  const indptr = new Int32Array(nUsers + 1);
  for (let r = 0; r < n; r++) if (keep[r]) indptr[x.user[r] + 1]++;
  for (let u = 0; u < nUsers; u++) indptr[u + 1] += indptr[u];
  const fill = indptr.slice(0, nUsers);
  const rows = new Int32Array(indptr[nUsers]);
  for (let r = 0; r < n; r++) if (keep[r]) rows[fill[x.user[r]]++] = r;
  const ts = x.timestamp;
  if (ts) {
    for (let u = 0; u < nUsers; u++) {
      const seg = Array.from(rows.subarray(indptr[u], indptr[u + 1]));
      // Rows were filled in file order, so a stable sort by time keeps ties in file order.
      seg.sort((a, b) => ts[a] - ts[b]);
      rows.set(seg, indptr[u]);
    }
  }
  return { indptr, rows };
}

/** The timeline of `keep`'s rows, each entry marked with its side (0 train, 1 validation, 2 test). */
export function buildTimeline(
  x: Interactions,
  nUsers: number,
  keep: Uint8Array,
  side: (row: number) => number,
): Timeline {
  const { indptr, rows } = timeOrder(x, nUsers, keep);
  return {
    indptr,
    item: Int32Array.from(rows, (r) => x.item[r]),
    time: Float64Array.from(rows, (r) => (x.timestamp ? x.timestamp[r] : r)),
    side: Uint8Array.from(rows, side),
  };
}

export interface LastOutInfo {
  test: Uint8Array;
  validation: Uint8Array;
  /** Users who kept everything in train because they had too few positives to hold any out. */
  trainOnlyUsers: number;
}

/**
 * Time-ordered leave-last-out: each user's last `testItems` positives (in the timeline's order) are the
 * test, the one before them the validation item. Users need `testItems + 2` positives, so that at least
 * one stays in train; the others stay train-only.
 */
export function leaveLastOutMasks(
  x: Interactions,
  positives: Uint8Array,
  nUsers: number,
  testItems: number,
): LastOutInfo {
  const { indptr, rows } = timeOrder(x, nUsers, positives);
  const test = new Uint8Array(x.user.length);
  const validation = new Uint8Array(x.user.length);
  let trainOnly = 0;
  for (let u = 0; u < nUsers; u++) {
    const from = indptr[u];
    const to = indptr[u + 1];
    if (to - from < testItems + 2) {
      if (to > from) trainOnly++;
      continue;
    }
    for (let j = to - testItems; j < to; j++) test[rows[j]] = 1;
    validation[rows[to - testItems - 1]] = 1;
  }
  return { test, validation, trainOnlyUsers: trainOnly };
}

/**
 * Leave-one-out's validation item: each user's latest positive outside the test rows, chosen by the same
 * rule as the test item (the earliest row in file order on a tie). Users need three positives, so that one
 * stays in train.
 */
export function latestBeforeTest(
  x: Interactions,
  positives: Uint8Array,
  test: Uint8Array,
  nUsers: number,
  rng: Rng,
): Uint8Array {
  const rest = Uint8Array.from(positives, (p, r) => (p && !test[r] ? 1 : 0));
  const loo = leaveOneOutMask(x, rest, nUsers, rng);
  return loo.mask;
}

/** Every row of a seeded share of the users (or items) on the test side: cold start. */
export function disjointTestMask(ids: Int32Array, nIds: number, testFraction: number, rng: Rng): Uint8Array {
  const nTest = Math.round(nIds * Math.min(1, Math.max(0, testFraction)));
  const chosen = new Uint8Array(nIds);
  const p = permutation(nIds, rng);
  for (let k = 0; k < nTest; k++) chosen[p[k]] = 1;
  return Uint8Array.from(ids, (id) => chosen[id]);
}

/** The test rows of a split shipped with the source, by name. */
export function officialTestMask(
  nRows: number,
  splits: OfficialSplit[],
  name: string,
): Result<{ mask: Uint8Array; split: OfficialSplit }> {
  const split = splits.find((s) => s.name === name);
  if (!split) {
    const have = splits.map((s) => s.name).join(', ');
    return fail(
      `the official split '${name}' is not available for this dataset${have ? ` (available: ${have})` : ' (it ships none)'}`,
    );
  }
  const mask = new Uint8Array(nRows);
  for (const r of split.testRows) {
    if (r < 0 || r >= nRows)
      return fail(`official split '${name}' names row ${r + 1}, beyond the ${nRows} rows`);
    mask[r] = 1;
  }
  return ok({ mask, split });
}

/**
 * CSR adjacency from (user, item) pairs: rows sorted ascending and deduplicated, so membership is a
 * binary search and the samplers can walk the complement.
 */
export function buildCsr(user: Int32Array, item: Int32Array, nUsers: number, keep?: Uint8Array): Csr {
  const counts = new Int32Array(nUsers + 1);
  const n = user.length;
  for (let r = 0; r < n; r++) if (!keep || keep[r]) counts[user[r] + 1]++;
  for (let u = 0; u < nUsers; u++) counts[u + 1] += counts[u];
  const fill = counts.slice(0, nUsers);
  const raw = new Int32Array(counts[nUsers]);
  for (let r = 0; r < n; r++) if (!keep || keep[r]) raw[fill[user[r]]++] = item[r];
  const indptr = new Int32Array(nUsers + 1);
  let w = 0;
  for (let u = 0; u < nUsers; u++) {
    const row = raw.subarray(counts[u], counts[u + 1]).sort();
    for (let j = 0; j < row.length; j++) if (j === 0 || row[j] !== row[j - 1]) raw[w++] = row[j];
    indptr[u + 1] = w;
  }
  return { indptr, indices: raw.slice(0, w) };
}

/** Whether user u has item i in the CSR (binary search over the sorted row). */
export function csrHas(csr: Csr, u: number, i: number): boolean {
  let lo = csr.indptr[u];
  let hi = csr.indptr[u + 1] - 1;
  const idx = csr.indices;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = idx[mid];
    if (v === i) return true;
    if (v < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Items of user u, as a view into the CSR (sorted ascending). */
export function csrRow(csr: Csr, u: number): Int32Array {
  return csr.indices.subarray(csr.indptr[u], csr.indptr[u + 1]);
}
