/**
 * The towers' training material: every rating of the chosen split (no threshold, no negatives), the
 * feature tables computed from the training side alone, the target scale, and for cold start the ratings
 * each test user reveals. Pure and seeded.
 */
import { prepare } from '../../data/prepare';
import { buildCsr } from '../../data/split';
import { createRng, permutation } from '../../data/rng';
import { splitRows } from '../../train/sources/rows';
import { fail, ok, SIDE, type Dataset, type PairSet, type Result } from '../../data/types';
import type { SplitView } from '../../train/family';
import type { TowerPrep } from './config';
import {
  countsOf,
  featureTable,
  fitTargetScale,
  itemFeatures,
  meanRating,
  userFeatures,
  type FeatureTable,
  type TargetScale,
} from './features';

export interface TowerData {
  ds: Dataset;
  prep: TowerPrep;
  nUsers: number;
  nItems: number;
  /** The training ratings the towers train on, and all that features and their scaling are fitted on. */
  train: PairSet;
  /**
   * Training ratings held back for the validation loss (Keras' validation_split), before any feature is
   * computed: their ratings are in no average, so the validation loss is as honest as the test's.
   */
  validation: PairSet | null;
  /** The ratings scored: a random share, or (cold start) the test users' ratings beyond those revealed. */
  test: PairSet;
  /** Cold start: the test users' revealed ratings, which only describe them. Null for a random split. */
  revealed: PairSet | null;
  user: FeatureTable;
  item: FeatureTable;
  /** Null for implicit data. */
  scale: TargetScale | null;
  globalMean: number | null;
  /** Training interactions per item: popularity, and the retrieval loss's sampling correction. */
  itemCounts: Float32Array;
  /** Training ratings per user: users with none (cold start) get no ID vector of their own. */
  userCounts: Float32Array;
  view: SplitView;
}

export function towerPrepKey(p: TowerPrep, validationFraction: number): string {
  const cold = p.split.kind === 'user-disjoint' ? `|${p.revealed}` : '';
  return `two-tower|${p.split.kind}:${p.split.testFraction}|${p.seed}|val:${validationFraction}${cold}`;
}

export const concatPairs = (a: PairSet, b: PairSet): PairSet => {
  const cat = <T extends Int32Array | Float32Array>(x: T, y: T): T => {
    const out = new (x.constructor as { new (n: number): T })(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return {
    user: cat(a.user, b.user),
    item: cat(a.item, b.item),
    rating: a.rating && b.rating ? cat(a.rating, b.rating) : null,
  };
};

const pick = (p: PairSet, keep: (j: number) => boolean): PairSet => {
  const rows = Int32Array.from({ length: p.user.length }, (_, j) => j).filter(keep);
  return {
    user: Int32Array.from(rows, (j) => p.user[j]),
    item: Int32Array.from(rows, (j) => p.item[j]),
    rating: p.rating ? Float32Array.from(rows, (j) => (p.rating as Float32Array)[j]) : null,
  };
};

/**
 * Which of the test users' ratings each reveals: their earliest `n` in time (ties in file order), or a
 * seeded random `n` where the data has no time. A key per (user, item).
 */
function revealedKeys(
  test: PairSet,
  timeline: { indptr: Int32Array; item: Int32Array; side: Uint8Array } | null,
  nItems: number,
  n: number,
  seed: number,
): Set<number> {
  const keys = new Set<number>();
  if (timeline) {
    const users = new Set(test.user);
    for (const u of users) {
      let taken = 0;
      for (let j = timeline.indptr[u]; j < timeline.indptr[u + 1] && taken < n; j++) {
        if (timeline.side[j] !== SIDE.test) continue;
        keys.add(u * nItems + timeline.item[j]);
        taken++;
      }
    }
    return keys;
  }
  const order = permutation(test.user.length, createRng(seed));
  const taken = new Map<number, number>();
  for (const j of order) {
    const u = test.user[j];
    if ((taken.get(u) ?? 0) >= n) continue;
    taken.set(u, (taken.get(u) ?? 0) + 1);
    keys.add(u * nItems + test.item[j]);
  }
  return keys;
}

/** A seeded share of the rows held out, as (kept, held) sets; all kept when the share is 0. */
function holdOut(p: PairSet, fraction: number, seed: number): [PairSet, PairSet | null] {
  const [, held] = splitRows(p.user.length, fraction, createRng(seed));
  if (held.length === 0) return [p, null];
  const inHeld = new Uint8Array(p.user.length);
  for (const j of held) inHeld[j] = 1;
  return [pick(p, (j) => !inHeld[j]), pick(p, (j) => inHeld[j] === 1)];
}

export function prepareTowers(ds: Dataset, prep: TowerPrep, validationFraction = 0): Result<TowerData> {
  const split = prepare(ds, {
    implicitThreshold: null,
    strictThreshold: false,
    split: prep.split,
    negativesPerPositive: 0,
    seed: prep.seed,
  });
  if (!split.ok) return split;
  const s = split.value;
  const notes = s.notes.filter((n) => !n.startsWith('held-out pairs are all positives'));
  const { nUsers, nItems } = ds;
  let test = s.test;
  let revealed: PairSet | null = null;
  if (prep.split.kind === 'user-disjoint') {
    const n = Math.max(0, Math.round(prep.revealed));
    const keys = revealedKeys(s.test, s.timeline, nItems, n, prep.seed);
    revealed = pick(s.test, (j) => keys.has(s.test.user[j] * nItems + s.test.item[j]));
    test = pick(s.test, (j) => !keys.has(s.test.user[j] * nItems + s.test.item[j]));
    if (test.user.length === 0)
      return fail(`every test user has at most ${n} ratings: none is left to score`);
    const how = s.timeline ? 'earliest' : 'randomly chosen (the data has no time)';
    notes.push(
      `cold start: each test user is described by their ${how} ${n} ratings, which are neither trained on nor scored`,
    );
  }
  // A fork of the split's seed: the held-back share does not move when the test share does.
  const [train, validation] = holdOut(s.train, validationFraction, (prep.seed ^ 0x5bd1e995) >>> 0);
  if (train.user.length === 0) return fail('the validation share leaves no training rating');
  const described = revealed ? concatPairs(train, revealed) : train;
  const globalMean = meanRating(train);
  const userCounts = countsOf(train.user, nUsers);
  const itemCounts = countsOf(train.item, nItems);
  const u = userFeatures(nUsers, described, ds.items, globalMean);
  const i = itemFeatures(nItems, train, ds.items, globalMean);
  if (!ds.items)
    notes.push(
      'no item metadata (titles, genres, years): item features are only the rating average and count; the ID-embedding towers learn the rest',
    );
  return ok({
    ds,
    prep,
    nUsers,
    nItems,
    train,
    validation,
    test,
    revealed,
    user: featureTable(u.names, u.raw, userCounts),
    item: featureTable(i.names, i.raw, itemCounts),
    scale: train.rating ? fitTargetScale(train.rating) : null,
    globalMean,
    itemCounts,
    userCounts,
    view: {
      nUsers,
      nItems,
      trainSeen: revealed ? buildCsr(described.user, described.item, nUsers) : s.trainSeen,
      test,
      notes,
    },
  });
}
