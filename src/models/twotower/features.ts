/**
 * The towers' inputs, computed from whatever dataset is loaded: per user, the rating count, the average
 * rating and the average rating per genre; per item, the release year, the average rating, a genre one-hot
 * and (optionally) the rating count. Every rating-derived figure comes from the rows it is given (the
 * training ratings, never the test), and the standardisation is fitted on the training rows alone, so
 * nothing of the test leaks into what the towers read. Pure: no tfjs.
 */
import type { ItemMeta, PairSet } from '../../data/types';

/** The rating range the target is min-max scaled from, fitted on the training ratings. */
export interface TargetScale {
  min: number;
  max: number;
}

/** Ratings to [-1, 1], as the seed's MinMaxScaler((-1, 1)) does. */
export function scaleTarget(rating: number, s: TargetScale): number {
  return s.max > s.min ? (2 * (rating - s.min)) / (s.max - s.min) - 1 : 0;
}

/** A prediction on the [-1, 1] scale back to stars. */
export function unscaleTarget(p: number, s: TargetScale): number {
  return ((p + 1) / 2) * (s.max - s.min) + s.min;
}

export function fitTargetScale(ratings: Float32Array): TargetScale {
  let min = Infinity;
  let max = -Infinity;
  for (const r of ratings) {
    if (r < min) min = r;
    if (r > max) max = r;
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 1 };
}

/** Per-column mean and standard deviation (StandardScaler), fitted on weighted rows. */
export interface Standardiser {
  mean: Float32Array;
  std: Float32Array;
}

/**
 * Fits each column's mean and standard deviation over the rows, row r counted `weights[r]` times: with the
 * training rating counts as weights this equals fitting on the seed's one-row-per-training-rating tables.
 * A constant column keeps a deviation of 1, so it standardises to 0 rather than to NaN.
 */
export function fitStandardiser(raw: Float32Array, width: number, weights: Float32Array): Standardiser {
  const mean = new Float64Array(width);
  const sq = new Float64Array(width);
  let total = 0;
  for (let r = 0; r < weights.length; r++) {
    const w = weights[r];
    if (w === 0) continue;
    total += w;
    for (let c = 0; c < width; c++) mean[c] += w * raw[r * width + c];
  }
  for (let c = 0; c < width; c++) mean[c] /= Math.max(total, 1e-12);
  for (let r = 0; r < weights.length; r++) {
    const w = weights[r];
    if (w === 0) continue;
    for (let c = 0; c < width; c++) sq[c] += w * (raw[r * width + c] - mean[c]) ** 2;
  }
  const std = Float32Array.from(sq, (s) => {
    const sd = Math.sqrt(s / Math.max(total, 1e-12));
    return sd > 1e-6 ? sd : 1;
  });
  return { mean: Float32Array.from(mean), std };
}

export function standardise(raw: Float32Array, width: number, s: Standardiser): Float32Array {
  const out = new Float32Array(raw.length);
  for (let j = 0; j < raw.length; j++) {
    const c = j % width;
    out[j] = (raw[j] - s.mean[c]) / s.std[c];
  }
  return out;
}

/** One side's features: column names, the raw values and the standardised ones, row-major [n x width]. */
export interface FeatureTable {
  names: string[];
  n: number;
  width: number;
  raw: Float32Array;
  scaled: Float32Array;
  stats: Standardiser;
}

/** Rows of a table with weights (training ratings per row) for the standardisation. */
export function featureTable(names: string[], raw: Float32Array, weights: Float32Array): FeatureTable {
  const width = names.length;
  const stats = fitStandardiser(raw, width, weights);
  return { names, n: weights.length, width, raw, scaled: standardise(raw, width, stats), stats };
}

/** Ratings (or interactions) per row of a side. */
export function countsOf(ids: Int32Array, n: number): Float32Array {
  const c = new Float32Array(n);
  for (const id of ids) c[id]++;
  return c;
}

export function meanRating(rows: PairSet): number | null {
  if (!rows.rating || rows.rating.length === 0) return null;
  let s = 0;
  for (const r of rows.rating) s += r;
  return s / rows.rating.length;
}

const genreNames = (meta: ItemMeta | null): string[] => meta?.genreNames ?? [];

/**
 * User features from the rows that describe each user (their training ratings; a cold-start user's
 * revealed ones): rating count, average rating (the global mean where a user has none), and the average
 * rating per genre. A genre the user never rated counts 0, as in the seed, so that a genre slider at 0
 * reads "never watches it". Without ratings: interaction count and each genre's share of them.
 */
export function userFeatures(
  nUsers: number,
  rows: PairSet,
  meta: ItemMeta | null,
  globalMean: number | null,
): { names: string[]; raw: Float32Array } {
  const genres = genreNames(meta);
  const g = genres.length;
  const rated = rows.rating !== null;
  const width = 2 + g - (rated ? 0 : 1);
  const raw = new Float32Array(nUsers * width);
  const count = countsOf(rows.user, nUsers);
  const sum = new Float64Array(nUsers);
  const gSum = new Float64Array(nUsers * g);
  const gCount = new Float64Array(nUsers * g);
  for (let j = 0; j < rows.user.length; j++) {
    const u = rows.user[j];
    const r = rows.rating ? rows.rating[j] : 1;
    sum[u] += r;
    const mask = meta ? meta.genreMask[rows.item[j]] : 0;
    for (let k = 0; k < g; k++) {
      if (!(mask & (1 << k))) continue;
      gSum[u * g + k] += r;
      gCount[u * g + k]++;
    }
  }
  for (let u = 0; u < nUsers; u++) {
    const o = u * width;
    raw[o] = count[u];
    if (rated) raw[o + 1] = count[u] > 0 ? sum[u] / count[u] : (globalMean ?? 0);
    const at = rated ? 2 : 1;
    for (let k = 0; k < g; k++) {
      const n = gCount[u * g + k];
      raw[o + at + k] = rated ? (n > 0 ? gSum[u * g + k] / n : 0) : count[u] > 0 ? n / count[u] : 0;
    }
  }
  const names = rated
    ? ['rating count', 'average rating', ...genres.map((x) => `avg ${x}`)]
    : ['interactions', ...genres.map((x) => `share ${x}`)];
  return { names, raw };
}

/**
 * Item features from the training rows: release year (unknown years take the mean known year), average
 * rating (the global mean for an item nobody rated in training), the genre one-hot, and last the rating
 * count, which a model may leave out (see `withoutCount`).
 */
export function itemFeatures(
  nItems: number,
  train: PairSet,
  meta: ItemMeta | null,
  globalMean: number | null,
): { names: string[]; raw: Float32Array } {
  const genres = genreNames(meta);
  const rated = train.rating !== null;
  const count = countsOf(train.item, nItems);
  const sum = new Float64Array(nItems);
  if (train.rating) for (let j = 0; j < train.item.length; j++) sum[train.item[j]] += train.rating[j];
  const names: string[] = [];
  const cols: ((i: number) => number)[] = [];
  if (meta) {
    let known = 0;
    let yearSum = 0;
    for (const y of meta.year)
      if (y > 0) {
        known++;
        yearSum += y;
      }
    const fill = known > 0 ? yearSum / known : 0;
    names.push('year');
    cols.push((i) => (meta.year[i] > 0 ? meta.year[i] : fill));
  }
  if (rated) {
    names.push('average rating');
    cols.push((i) => (count[i] > 0 ? sum[i] / count[i] : (globalMean ?? 0)));
  }
  genres.forEach((name, k) => {
    names.push(name);
    cols.push((i) => ((meta?.genreMask[i] ?? 0) & (1 << k) ? 1 : 0));
  });
  names.push('rating count');
  cols.push((i) => count[i]);
  const width = names.length;
  const raw = new Float32Array(nItems * width);
  for (let i = 0; i < nItems; i++) for (let c = 0; c < width; c++) raw[i * width + c] = cols[c](i);
  return { names, raw };
}

/**
 * The standardised item table without its last column, the rating count (the seed's items have none),
 * unless the count is all there is.
 */
export function withoutCount(t: FeatureTable): { width: number; values: Float32Array } {
  if (t.width < 2) return { width: t.width, values: t.scaled };
  const width = t.width - 1;
  const values = new Float32Array(t.n * width);
  for (let i = 0; i < t.n; i++) values.set(t.scaled.subarray(i * t.width, i * t.width + width), i * width);
  return { width, values };
}

/** A new user described by a rating (0-5, 0 for "never") per genre, as the seed's slider profile. */
export interface GenreProfile {
  genres: number[];
  /** Ratings the user is taken to have given; the default is what a cold-start user reveals. */
  ratingCount?: number;
  /** Their average rating; the default is the mean of the genres rated above 0. */
  average?: number;
}

/**
 * A profile as a raw user-feature row, in the columns `userFeatures` makes. With ratings: count, average,
 * then each genre's rating; without: count, then each genre's share of the profile.
 */
export function profileRow(
  p: GenreProfile,
  width: number,
  rated: boolean,
  defaultCount: number,
  globalMean: number | null,
): Float32Array {
  const row = new Float32Array(width);
  const g = width - (rated ? 2 : 1);
  const vals = Array.from({ length: g }, (_, k) => Math.max(0, p.genres[k] ?? 0));
  const liked = vals.filter((v) => v > 0);
  row[0] = p.ratingCount ?? defaultCount;
  if (rated) {
    const avg = liked.length > 0 ? liked.reduce((a, b) => a + b, 0) / liked.length : (globalMean ?? 0);
    row[1] = p.average ?? avg;
    vals.forEach((v, k) => (row[2 + k] = v));
  } else {
    const total = vals.reduce((a, b) => a + b, 0);
    vals.forEach((v, k) => (row[1 + k] = total > 0 ? v / total : 0));
  }
  return row;
}
