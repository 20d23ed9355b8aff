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
  /** Every rating on the training side of the split (validation share included): what baselines fit. */
  trainAll: PairSet;
  user: FeatureTable;
  item: FeatureTable;
  /** Null for implicit data. */
  scale: TargetScale | null;
  globalMean: number | null;
  /** Training-side ratings per item: the popularity baseline. */
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
 * Each user's earliest `n` ratings on one side of the split, in time (ties in file order), or a seeded
 * random `n` where the data has no time: the ratings a new user reveals. A key per (user, item).
 */
function earliestKeys(
  pairs: PairSet,
  side: number,
  timeline: { indptr: Int32Array; item: Int32Array; side: Uint8Array } | null,
  nItems: number,
  n: number,
  seed: number,
): Set<number> {
  const keys = new Set<number>();
  if (timeline) {
    const users = new Set(pairs.user);
    for (const u of users) {
      let taken = 0;
      for (let j = timeline.indptr[u]; j < timeline.indptr[u + 1] && taken < n; j++) {
        if (timeline.side[j] !== side) continue;
        keys.add(u * nItems + timeline.item[j]);
        taken++;
      }
    }
    return keys;
  }
  const order = permutation(pairs.user.length, createRng(seed));
  const taken = new Map<number, number>();
  for (const j of order) {
    const u = pairs.user[j];
    if ((taken.get(u) ?? 0) >= n) continue;
    taken.set(u, (taken.get(u) ?? 0) + 1);
    keys.add(u * nItems + pairs.item[j]);
  }
  return keys;
}

/** Every item a user rated on the training side or revealed: what recommendations and recall leave out. */
function seenWith(train: PairSet, revealed: PairSet, nUsers: number) {
  const all = concatPairs(train, revealed);
  return buildCsr(all.user, all.item, nUsers);
}

/** The pairs whose (user, item) key is in `keys`, and the rest. */
function partition(p: PairSet, keys: Set<number>, nItems: number): [PairSet, PairSet] {
  const has = (j: number) => keys.has(p.user[j] * nItems + p.item[j]);
  return [pick(p, has), pick(p, (j) => !has(j))];
}

/**
 * A seeded share held out, as (kept, held) sets; all kept when the share is 0. A share of the rows, or
 * under cold start a share of the users with all their rows, so that the validation loss measures what
 * the test does: how well the towers serve users they never trained on.
 */
function holdOut(p: PairSet, fraction: number, seed: number, byUser: boolean): [PairSet, PairSet | null] {
  const rng = createRng(seed);
  let inHeld: (j: number) => boolean;
  if (byUser) {
    const users = Int32Array.from(new Set(p.user)).sort();
    const [, held] = splitRows(users.length, fraction, rng);
    const chosen = new Set(Array.from(held, (k) => users[k]));
    inHeld = (j) => chosen.has(p.user[j]);
  } else {
    const [, held] = splitRows(p.user.length, fraction, rng);
    const rows = new Set(held);
    inHeld = (j) => rows.has(j);
  }
  const heldOut = pick(p, inHeld);
  return heldOut.user.length > 0 ? [pick(p, (j) => !inHeld(j)), heldOut] : [p, null];
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
  // What describes the training users: their training ratings, or under cold start their earliest few.
  let shown: PairSet | null = null;
  let targets = s.train;
  if (prep.split.kind === 'user-disjoint') {
    const n = Math.max(0, Math.round(prep.revealed));
    const earliest = (p: PairSet, side: number) => earliestKeys(p, side, s.timeline, nItems, n, prep.seed);
    [revealed, test] = partition(s.test, earliest(s.test, SIDE.test), nItems);
    if (test.user.length === 0)
      return fail(`every test user has at most ${n} ratings: none is left to score`);
    // Training users are described just as new users are, so the towers learn to read a short history.
    [shown, targets] = partition(s.train, earliest(s.train, SIDE.train), nItems);
    const how = s.timeline ? 'earliest' : 'randomly chosen (the data has no time)';
    notes.push(
      `cold start: every user is described by their ${how} ${n} ratings, in training as in the test; those are never scored, and the towers train on the rest`,
    );
  }
  const cold = shown !== null;
  // A fork of the split's seed: the held-back share does not move when the test share does.
  const seed = (prep.seed ^ 0x5bd1e995) >>> 0;
  const [train, validation] = holdOut(targets, validationFraction, seed, cold);
  if (train.user.length === 0) return fail('the validation share leaves no training rating');
  if (cold && validation) notes.push('the validation share holds out whole training users, as the test does');
  const described = shown && revealed ? concatPairs(shown, revealed) : train;
  // Items are described by the ratings of the users the towers train on, none of those held out.
  const trained = new Set(train.user);
  const itemRows = shown
    ? concatPairs(
        pick(shown, (j) => trained.has(shown.user[j])),
        train,
      )
    : train;
  const globalMean = meanRating(train);
  const userCounts = countsOf(train.user, nUsers);
  const itemCounts = countsOf(s.train.item, nItems);
  const u = userFeatures(nUsers, described, ds.items, globalMean);
  const i = itemFeatures(nItems, itemRows, ds.items, globalMean);
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
    trainAll: s.train,
    user: featureTable(u.names, u.raw, userCounts),
    item: featureTable(i.names, i.raw, countsOf(train.item, nItems)),
    scale: train.rating ? fitTargetScale(train.rating) : null,
    globalMean,
    itemCounts,
    userCounts,
    view: {
      nUsers,
      nItems,
      trainSeen: revealed ? seenWith(s.train, revealed, nUsers) : s.trainSeen,
      test,
      notes,
    },
  });
}
