/**
 * The rating baselines every two-tower run stands against, on the same split: the global mean, and a
 * global mean plus regularised user and item biases fitted by alternating least squares (Koren 2010;
 * Surprise's BaselineOnly with its default regularisation, 15 for users and 10 for items, 10 sweeps). Pure.
 */
import type { PairSet } from '../../data/types';

export interface Biases {
  mu: number;
  user: Float32Array;
  item: Float32Array;
}

export interface BiasOptions {
  regUser: number;
  regItem: number;
  sweeps: number;
}

export const BIAS_DEFAULTS: BiasOptions = { regUser: 15, regItem: 10, sweeps: 10 };

/**
 * μ + b_u + b_i, each bias the regularised mean residual of its ratings given the other side's biases:
 * b_i = Σ(r − μ − b_u) / (λ_i + n_i), then b_u = Σ(r − μ − b_i) / (λ_u + n_u), repeated.
 */
export function fitBiases(
  train: PairSet,
  nUsers: number,
  nItems: number,
  opts: BiasOptions = BIAS_DEFAULTS,
): Biases {
  const r = train.rating;
  if (!r) throw new Error('biases need ratings');
  const n = r.length;
  let mu = 0;
  for (let j = 0; j < n; j++) mu += r[j];
  mu /= Math.max(1, n);
  const bu = new Float64Array(nUsers);
  const bi = new Float64Array(nItems);
  const nu = new Float64Array(nUsers);
  const ni = new Float64Array(nItems);
  for (let j = 0; j < n; j++) {
    nu[train.user[j]]++;
    ni[train.item[j]]++;
  }
  const acc = new Float64Array(Math.max(nUsers, nItems));
  for (let s = 0; s < opts.sweeps; s++) {
    acc.fill(0, 0, nItems);
    for (let j = 0; j < n; j++) acc[train.item[j]] += r[j] - mu - bu[train.user[j]];
    for (let i = 0; i < nItems; i++) bi[i] = acc[i] / (opts.regItem + ni[i]);
    acc.fill(0, 0, nUsers);
    for (let j = 0; j < n; j++) acc[train.user[j]] += r[j] - mu - bi[train.item[j]];
    for (let u = 0; u < nUsers; u++) bu[u] = acc[u] / (opts.regUser + nu[u]);
  }
  return { mu, user: Float32Array.from(bu), item: Float32Array.from(bi) };
}

/**
 * The user biases of users known only by a few ratings (cold start's revealed ones), with the item
 * biases held as fitted: b_u = Σ(r − μ − b_i) / (λ_u + n_u). Returns new biases; the rest are kept.
 */
export function withUserBiases(b: Biases, rows: PairSet, regUser = BIAS_DEFAULTS.regUser): Biases {
  const r = rows.rating;
  if (!r) return b;
  const sum = new Map<number, [number, number]>();
  for (let j = 0; j < r.length; j++) {
    const u = rows.user[j];
    const s = sum.get(u) ?? [0, 0];
    s[0] += r[j] - b.mu - b.item[rows.item[j]];
    s[1]++;
    sum.set(u, s);
  }
  const user = b.user.slice();
  for (const [u, [s, n]] of sum) user[u] = s / (regUser + n);
  return { ...b, user };
}

/** Predictions for the pairs, clipped to the rating range as any rating model's are. */
export function predictBiases(b: Biases, pairs: PairSet, lo: number, hi: number): Float32Array {
  return Float32Array.from(pairs.user, (u, j) =>
    Math.min(hi, Math.max(lo, b.mu + b.user[u] + b.item[pairs.item[j]])),
  );
}

export interface ErrorFigures {
  rmse: number;
  mae: number;
}

export function errors(pred: Float32Array, truth: Float32Array): ErrorFigures {
  let se = 0;
  let ae = 0;
  for (let j = 0; j < truth.length; j++) {
    const d = pred[j] - truth[j];
    se += d * d;
    ae += Math.abs(d);
  }
  const n = Math.max(1, truth.length);
  return { rmse: Math.sqrt(se / n), mae: ae / n };
}
