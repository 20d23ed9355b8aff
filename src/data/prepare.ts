/**
 * Turns a dataset into training material under one evaluation protocol: threshold, split, leak
 * removal, the seen-item CSRs and the labelled held-out pairs. Pure and seeded.
 */
import type { Dataset, PairSet, PrepConfig, PreparedSplit, Result } from './types';
import { fail, ok, SIDE } from './types';
import { createRng, type Rng } from './rng';
import {
  buildCsr,
  buildTimeline,
  csrHas,
  disjointTestMask,
  latestBeforeTest,
  leaveLastOutMasks,
  leaveOneOutMask,
  officialTestMask,
  positiveMask,
  randomTestMask,
} from './split';
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
    s.kind === 'random' || s.kind === 'user-disjoint' || s.kind === 'item-disjoint'
      ? `${s.kind}:${s.testFraction}`
      : s.kind === 'official'
        ? `official:${s.name}`
        : s.kind === 'leave-last-out'
          ? `${s.kind}:${s.testItems}`
          : `${s.kind}:${s.validation ? 'validation' : 'none'}`;
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
  const valRng = rng.fork();

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

  const masks = heldOutMasks(ds, cfg, positives, splitRng, valRng, notes);
  if (!masks.ok) return masks;
  const { test: testMask, validation: valMask } = masks.value;

  // Leak-free: a (user, item) pair held out (test or validation) never appears in train, whatever its rating.
  const heldOut = valMask ? Uint8Array.from(testMask, (t, r) => t | valMask[r]) : testMask;
  const testRows = dedupeRows(x.user, x.item, nUsers, testMask);
  const heldCsr = buildCsr(x.user, x.item, nUsers, heldOut);
  const trainKeep = new Uint8Array(nRows);
  let leaks = 0;
  for (let r = 0; r < nRows; r++) {
    if (heldOut[r]) continue;
    if (csrHas(heldCsr, x.user[r], x.item[r])) leaks++;
    else trainKeep[r] = 1;
  }
  if (leaks > 0) notes.push(`${leaks} training rows repeat a held-out pair and were removed`);
  const trainRows = dedupeRows(x.user, x.item, nUsers, trainKeep);
  const valRows = valMask
    ? dedupeRows(x.user, x.item, nUsers, valMask).filter((r) => positives[r] === 1)
    : null;

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
  const valAll = valRows ? pairsOf(ds, valRows) : null;
  const seenBeforeTest = valAll
    ? buildCsr(
        Int32Array.from([...trainAll.user, ...valAll.user]),
        Int32Array.from([...trainAll.item, ...valAll.item]),
        nUsers,
      )
    : trainSeen;
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

  const side = new Uint8Array(nRows);
  for (const r of testPosRows) side[r] = SIDE.test;
  if (valRows) for (const r of valRows) side[r] = SIDE.validation;
  const onTimeline = new Uint8Array(nRows);
  for (const rows of [trainPosRows, testPosRows, valRows ?? []]) for (const r of rows) onTimeline[r] = 1;

  return ok({
    nUsers,
    nItems,
    train: pairsOf(ds, trainPosRows),
    test: pairsOf(ds, testPosRows),
    validation: valAll,
    seenBeforeTest,
    // Leave-last-out already let the file order stand for time (and said so), so its timeline does too.
    timeline:
      x.timestamp || cfg.split.kind === 'leave-last-out'
        ? buildTimeline(x, nUsers, onTimeline, (r) => side[r])
        : null,
    testLabelled: labelled,
    trainSeen,
    allSeen,
    trainLabelled,
    notes,
  });
}

/** The test rows of the configured split, and the validation rows of the splits that hold one out. */
function heldOutMasks(
  ds: Dataset,
  cfg: PrepConfig,
  positives: Uint8Array,
  splitRng: Rng,
  valRng: Rng,
  notes: string[],
): Result<{ test: Uint8Array; validation: Uint8Array | null }> {
  const x = ds.interactions;
  const nRows = x.user.length;
  const s = cfg.split;
  const fraction = (f: number): Result<number> =>
    f > 0 && f < 1 ? ok(f) : fail(`the test fraction must be between 0 and 1, got ${f}`);
  switch (s.kind) {
    case 'random': {
      const f = fraction(s.testFraction);
      return f.ok ? ok({ test: randomTestMask(nRows, f.value, splitRng), validation: null }) : f;
    }
    case 'user-disjoint':
    case 'item-disjoint': {
      const f = fraction(s.testFraction);
      if (!f.ok) return f;
      const ids = s.kind === 'user-disjoint' ? x.user : x.item;
      const n = s.kind === 'user-disjoint' ? ds.nUsers : ds.nItems;
      return ok({ test: disjointTestMask(ids, n, f.value, splitRng), validation: null });
    }
    case 'leave-one-out': {
      const loo = leaveOneOutMask(x, positives, ds.nUsers, splitRng);
      if (loo.randomFallback)
        notes.push('no timestamps: each user holds out a random positive instead of the latest');
      if (loo.trainOnlyUsers > 0)
        notes.push(`${loo.trainOnlyUsers} users with a single positive stay train-only`);
      const validation = s.validation ? latestBeforeTest(x, positives, loo.mask, ds.nUsers, valRng) : null;
      if (validation)
        notes.push('each user’s latest positive before the test item is held out for validation');
      return ok({ test: loo.mask, validation });
    }
    case 'leave-last-out': {
      const n = Math.max(1, Math.round(s.testItems));
      const llo = leaveLastOutMasks(x, positives, ds.nUsers, n);
      if (!x.timestamp) notes.push('no timestamps: the file order stands for time');
      if (llo.trainOnlyUsers > 0)
        notes.push(`${llo.trainOnlyUsers} users with fewer than ${n + 2} positives stay train-only`);
      return ok({ test: llo.test, validation: llo.validation });
    }
    case 'official': {
      const off = officialTestMask(nRows, ds.officialSplits, s.name);
      return off.ok ? ok({ test: off.value.mask, validation: null }) : off;
    }
  }
}
