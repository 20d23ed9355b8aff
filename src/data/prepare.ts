/**
 * Turns a dataset into training material under one evaluation protocol: threshold, split, leak
 * removal, the seen-item CSRs and the labelled held-out pairs. Pure and seeded.
 */
import type { Dataset, PairSet, PrepConfig, PreparedSplit, Result } from './types';
import { fail, ok } from './types';
import { createRng } from './rng';
import { buildCsr, csrHas, leaveOneOutMask, officialTestMask, positiveMask, randomTestMask } from './split';
import { NegativeSampler } from './negatives';

/**
 * Row indices of `keep` rows with one row per (user, item) pair, the last occurrence winning (a
 * re-rating replaces the old one). Grouped by user, items ascending. Sorting per user keeps memory
 * linear, where a Map of pair keys would cost gigabytes on ML-32M.
 */
export function dedupeRows(user: Int32Array, item: Int32Array, nUsers: number, keep: Uint8Array): Int32Array {
  const n = user.length;
  const start = new Int32Array(nUsers + 1);
  for (let r = 0; r < n; r++) if (keep[r]) start[user[r] + 1]++;
  for (let u = 0; u < nUsers; u++) start[u + 1] += start[u];
  const fill = start.slice(0, nUsers);
  // item * n + row is exact in a double (items < 2^21, rows < 2^31), and sorts by item then row.
  const keys = new Float64Array(start[nUsers]);
  for (let r = 0; r < n; r++) if (keep[r]) keys[fill[user[r]]++] = item[r] * n + r;
  const out = new Int32Array(keys.length);
  let w = 0;
  for (let u = 0; u < nUsers; u++) {
    const seg = keys.subarray(start[u], start[u + 1]).sort();
    for (let j = 0; j < seg.length; j++) {
      const it = Math.floor(seg[j] / n);
      if (j + 1 < seg.length && Math.floor(seg[j + 1] / n) === it) continue;
      out[w++] = seg[j] - it * n;
    }
  }
  return out.slice(0, w);
}

function pairsOf(ds: Dataset, rows: Int32Array): PairSet {
  const x = ds.interactions;
  const user = new Int32Array(rows.length);
  const item = new Int32Array(rows.length);
  const rating = x.rating ? new Float32Array(rows.length) : null;
  rows.forEach((r, j) => {
    user[j] = x.user[r];
    item[j] = x.item[r];
    if (rating && x.rating) rating[j] = x.rating[r];
  });
  return { user, item, rating };
}

/** Preparations with the same key give the same split, whatever order their fields were written in. */
export function prepKey(c: PrepConfig): string {
  const s = c.split;
  const split =
    s.kind === 'random' ? `random:${s.testFraction}` : s.kind === 'official' ? `official:${s.name}` : s.kind;
  return [c.implicitThreshold, c.strictThreshold, c.negativesPerPositive, c.seed, split].join('|');
}

export function prepare(ds: Dataset, cfg: PrepConfig): Result<PreparedSplit> {
  const x = ds.interactions;
  const nRows = x.user.length;
  const { nUsers, nItems } = ds;
  if (nRows === 0) return fail('the dataset has no interactions');
  const notes: string[] = [];
  const rng = createRng(cfg.seed);
  const splitRng = rng.fork();
  const negRng = rng.fork();

  const positives = positiveMask(x, cfg.implicitThreshold, cfg.strictThreshold);
  if (cfg.implicitThreshold !== null && x.rating === null) {
    notes.push('the data has no ratings, so the threshold is ignored and every row is a positive');
  }
  let nPos = 0;
  for (let r = 0; r < nRows; r++) nPos += positives[r];
  if (nPos === 0) {
    const op = cfg.strictThreshold ? '>' : '≥';
    return fail(`no rating is ${op} ${cfg.implicitThreshold}, so there are no positives to learn from`);
  }

  let testMask: Uint8Array;
  switch (cfg.split.kind) {
    case 'random':
      if (!(cfg.split.testFraction > 0 && cfg.split.testFraction < 1)) {
        return fail(`the test fraction must be between 0 and 1, got ${cfg.split.testFraction}`);
      }
      testMask = randomTestMask(nRows, cfg.split.testFraction, splitRng);
      break;
    case 'leave-one-out': {
      const loo = leaveOneOutMask(x, positives, nUsers, splitRng);
      testMask = loo.mask;
      if (loo.randomFallback)
        notes.push('no timestamps: each user holds out a random positive instead of the latest');
      if (loo.trainOnlyUsers > 0)
        notes.push(`${loo.trainOnlyUsers} users with a single positive stay train-only`);
      break;
    }
    case 'official': {
      const off = officialTestMask(nRows, ds.officialSplits, cfg.split.name);
      if (!off.ok) return off;
      testMask = off.value.mask;
      break;
    }
  }

  // Leak-free: a (user, item) pair on the test side never appears in train, whatever its rating.
  const testRows = dedupeRows(x.user, x.item, nUsers, testMask);
  const testCsr = buildCsr(x.user, x.item, nUsers, testMask);
  const trainKeep = new Uint8Array(nRows);
  let leaks = 0;
  for (let r = 0; r < nRows; r++) {
    if (testMask[r]) continue;
    if (csrHas(testCsr, x.user[r], x.item[r])) leaks++;
    else trainKeep[r] = 1;
  }
  if (leaks > 0) notes.push(`${leaks} training rows repeat a test pair and were removed`);
  const trainRows = dedupeRows(x.user, x.item, nUsers, trainKeep);

  const trainPosRows = trainRows.filter((r) => positives[r] === 1);
  const testPosRows = testRows.filter((r) => positives[r] === 1);
  if (trainPosRows.length === 0) return fail('the split leaves no positive in train');
  if (testPosRows.length === 0) return fail('the split leaves no positive in test');

  const trainAll = pairsOf(ds, trainRows);
  const trainLabelled = {
    user: trainAll.user,
    item: trainAll.item,
    label: Float32Array.from(trainRows, (r) => positives[r]),
  };
  const trainSeen = buildCsr(trainAll.user, trainAll.item, nUsers);
  const allSeen = buildCsr(x.user, x.item, nUsers);

  // Held-out rows labelled by the threshold; where all are positives (implicit data, leave-one-out),
  // sampled never-seen items supply the negatives that classification metrics need.
  const tl = pairsOf(ds, testRows);
  const tLabel = Float32Array.from(testRows, (r) => positives[r]);
  let labelled = { user: tl.user, item: tl.item, label: tLabel };
  if (tLabel.every((v) => v === 1)) {
    const k = Math.max(1, cfg.negativesPerPositive);
    const sampler = new NegativeSampler(allSeen, nItems);
    const u: number[] = [];
    const it: number[] = [];
    const lab: number[] = [];
    for (let j = 0; j < tl.user.length; j++) {
      u.push(tl.user[j]);
      it.push(tl.item[j]);
      lab.push(1);
      for (const neg of sampler.drawDistinct(tl.user[j], k, negRng)) {
        u.push(tl.user[j]);
        it.push(neg);
        lab.push(0);
      }
    }
    labelled = { user: Int32Array.from(u), item: Int32Array.from(it), label: Float32Array.from(lab) };
    notes.push(
      `held-out pairs are all positives, so ${k} never-seen items per positive serve as labelled negatives`,
    );
  }

  return ok({
    nUsers,
    nItems,
    train: pairsOf(ds, trainPosRows),
    test: pairsOf(ds, testPosRows),
    testLabelled: labelled,
    trainSeen,
    allSeen,
    trainLabelled,
    notes,
  });
}
