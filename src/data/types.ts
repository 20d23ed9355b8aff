/**
 * The data contract shared by the loaders, the worker, the models and the CLI.
 * Ratings live in parallel typed arrays (one entry per interaction) so that a 32M-row file
 * costs a few hundred MB instead of millions of objects, and so that arrays can be
 * transferred to and from the worker without copying.
 */

/** Outcome of anything that can fail on user input. Parsers never throw at the user. */
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(reason: string): Result<T> => ({ ok: false, reason });

/** Column-oriented interactions. Index i describes one (user, item) event. */
export interface Interactions {
  /** Dense user index, 0..nUsers-1. */
  user: Int32Array;
  /** Dense item index, 0..nItems-1. */
  item: Int32Array;
  /** Explicit rating, or null for implicit feedback (every row is a positive). */
  rating: Float32Array | null;
  /** Seconds since the epoch, or null when the source has no time column. */
  timestamp: Float64Array | null;
}

/** Per-item metadata aligned with the dense item index. */
export interface ItemMeta {
  title: string[];
  /** Genre names; genreMask bit g set means the item has genreNames[g]. At most 32 genres. */
  genreNames: string[];
  genreMask: Uint32Array;
  /** Release year, 0 when unknown. */
  year: Int16Array;
}

/** Per-user side features (ML-100k's u.user). Aligned with the dense user index. */
export interface UserMeta {
  age: Int16Array;
  /** 'M' | 'F' | '' */
  gender: string[];
  occupation: string[];
  zip: string[];
}

/** A split shipped with the source, such as ML-100k's ua.base/ua.test or u1..u5. */
export interface OfficialSplit {
  name: string;
  /** Row indices into Interactions that belong to the test side. Every other row is train. */
  testRows: Int32Array;
}

/** Malformed rows inside an otherwise good file are counted, never dropped silently. */
export interface SkipReport {
  count: number;
  /** Up to a handful of examples, each naming the row (1-based, as a spreadsheet shows it). */
  examples: string[];
}

export type DatasetKind = 'movielens-100k' | 'movielens-1m' | 'movielens-latest' | 'synthetic' | 'upload';

export interface Dataset {
  /** Stable id for URLs and run records, e.g. 'ml-100k', 'synthetic-random', 'upload:ratings.csv'. */
  id: string;
  name: string;
  kind: DatasetKind;
  nUsers: number;
  nItems: number;
  /** Original ids as they appeared in the source, by dense index. */
  userIds: string[];
  itemIds: string[];
  interactions: Interactions;
  /** Observed rating range when ratings exist, e.g. {min: 0.5, max: 5}. */
  ratingScale: { min: number; max: number } | null;
  items: ItemMeta | null;
  users: UserMeta | null;
  officialSplits: OfficialSplit[];
  skipped: SkipReport;
  /**
   * What the loader decided on the user's behalf (encoding, timestamp unit, columns ignored,
   * duplicates merged), one sentence each, so that nothing is chosen silently.
   */
  notices: string[];
}

/** Progress of a long job, streamed to the UI at least every ~100 ms. */
export interface Progress {
  phase: string;
  /** Units done and total when known (bytes for parsing, rows, epochs...). */
  done: number;
  total: number | null;
  unit: string;
  /** Rows parsed so far, when parsing. */
  rows?: number;
}

export type ProgressFn = (p: Progress) => void;

/** How a dataset is turned into training material. Plain data: it can live in the URL. */
export interface PrepConfig {
  /** A rating >= threshold is a positive. null keeps every interaction (implicit data). */
  implicitThreshold: number | null;
  /** Strict comparison (rating > t), as seed 002 uses. */
  strictThreshold: boolean;
  split: SplitConfig;
  negativesPerPositive: number;
  seed: number;
}

export type SplitConfig =
  | { kind: 'random'; testFraction: number }
  /** Each user's latest positive is the test item; with `validation`, the one before it is the validation item. */
  | { kind: 'leave-one-out'; validation?: boolean }
  /** Time-ordered: each user's last `testItems` positives are the test, the one before them the validation. */
  | { kind: 'leave-last-out'; testItems: number }
  | { kind: 'official'; name: string }
  /** Cold start: a share of the users, with every interaction of theirs, is the test side. */
  | { kind: 'user-disjoint'; testFraction: number }
  /** Cold start: a share of the items, with every interaction with them, is the test side. */
  | { kind: 'item-disjoint'; testFraction: number };

/** Positives of one side of a split, as parallel arrays. */
export interface PairSet {
  user: Int32Array;
  item: Int32Array;
  /** Original rating when known (for regression-style metrics), else null. */
  rating: Float32Array | null;
}

/**
 * Each user's positives in time order, ties kept in file order (a stable sort): what sequence models
 * read. Without timestamps, file order.
 */
export interface Timeline {
  /** User u's entries are [indptr[u], indptr[u + 1]), oldest first. */
  indptr: Int32Array;
  item: Int32Array;
  /** Seconds since the epoch, or the row number where the source has no time. */
  time: Float64Array;
  /** Which side of the split each entry is on: 0 train, 1 validation, 2 test. */
  side: Uint8Array;
}

export const SIDE = { train: 0, validation: 1, test: 2 } as const;

export interface PreparedSplit {
  nUsers: number;
  nItems: number;
  /** Positive training pairs (after the threshold). */
  train: PairSet;
  /** Test pairs. For leave-one-out, exactly one per user that has one. */
  test: PairSet;
  /**
   * Validation pairs, held out of train as well, for choosing epochs without looking at the test: one per
   * user under leave-one-out with validation and leave-last-out; null for the other splits.
   */
  validation: PairSet | null;
  /**
   * Every positive in time order per user, each marked with its side; null when the data has no time,
   * except under leave-last-out, where the file order stands for time.
   */
  timeline: Timeline | null;
  /**
   * Labelled test pairs for classification metrics (seeds 000 to 002 score held-out rows with labels):
   * every held-out row labelled by the threshold, plus sampled negatives where the data is implicit.
   */
  testLabelled: { user: Int32Array; item: Int32Array; label: Float32Array };
  /** CSR adjacency of every item each user interacted with in training (all ratings, not only positives). */
  trainSeen: Csr;
  /**
   * Every item each user is known to have interacted with before the test: training and validation. What
   * the test ranking and recommendations leave out (the same CSR as trainSeen without a validation split).
   */
  seenBeforeTest: Csr;
  /** CSR of every item each user interacted with anywhere (train and test): evaluation negatives avoid these. */
  allSeen: Csr;
  /**
   * Every training row labelled by the threshold (1 positive, 0 below it), deduplicated and leak-free.
   * Seed 002 trains on these directly instead of sampling negatives. All ones for implicit data.
   */
  trainLabelled: { user: Int32Array; item: Int32Array; label: Float32Array };
  /** What the preparation decided that a reader should know (fallbacks, users kept train-only...). */
  notes: string[];
}

/** Compressed sparse rows: the items of user u are indices[indptr[u] .. indptr[u+1]), sorted ascending. */
export interface Csr {
  indptr: Int32Array;
  indices: Int32Array;
}

/** Training samples for pointwise losses: positives plus sampled negatives. */
export interface PointwiseSamples {
  user: Int32Array;
  item: Int32Array;
  label: Float32Array;
}

/** Triplets for pairwise losses (BPR, seed 004). */
export interface PairwiseSamples {
  user: Int32Array;
  pos: Int32Array;
  neg: Int32Array;
}

export interface DatasetStats {
  users: number;
  /** Distinct items with at least one rating. */
  items: number;
  ratings: number;
  density: number;
  skippedRows: number;
  /** Rating value -> count, sorted by value. Empty for implicit data. */
  ratingHistogram: { value: number; count: number }[];
  ratingMean: number | null;
  /** Item popularity, sorted descending (the long tail), downsampled to at most 200 points. */
  itemPopularity: { rank: number; count: number }[];
  /** Histogram of ratings per user in log-spaced bins. */
  ratingsPerUser: { from: number; to: number; users: number }[];
  timeSpan: { first: number; last: number } | null;
  genres: { name: string; items: number }[] | null;
}
