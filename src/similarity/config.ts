/**
 * The Similarity stage as plain data: its distances, its projection settings and the quick MF that keeps
 * the stage from ever being empty. No tfjs: the UI imports this file directly.
 */
import type { TrainConfig } from '../train/config';
import type { ExperimentConfig, FamilySpec } from '../train/spec';

export type DistanceMetric = 'euclidean' | 'cosine' | 'dot';

export interface DistanceSpec {
  label: string;
  /** What the figure shown beside a neighbour is. */
  value: string;
  /** Whether a nearer neighbour has a lower figure (distances) or a higher one (dot product). */
  nearer: 'lower' | 'higher';
  help: string;
}

/** Each computed as defined, on the model's raw vectors: only cosine normalises them. */
export const DISTANCES: Record<DistanceMetric, DistanceSpec> = {
  euclidean: {
    label: 'Squared Euclidean',
    value: 'squared distance',
    nearer: 'lower',
    help: 'Σ(aᵢ − bᵢ)², as seed 003 computes it. Long vectors (often popular items) sit far from short ones.',
  },
  cosine: {
    label: 'Cosine',
    value: '1 − cosine',
    nearer: 'lower',
    help: 'The angle only: each vector is normalised inside the distance, so norms do not count.',
  },
  dot: {
    label: 'Dot product',
    value: 'dot product',
    nearer: 'higher',
    help: 'The raw score a factor model ranks with: long vectors are everyone’s neighbours.',
  },
};

export const DISTANCE_METRICS = Object.keys(DISTANCES) as DistanceMetric[];

export function isDistanceMetric(x: unknown): x is DistanceMetric {
  return typeof x === 'string' && x in DISTANCES;
}

/** Neighbours each movie's genre agreement counts (the "10 nearest"). */
export const AGREEMENT_K = 10;

/** The most neighbours one call hands out for one movie. */
export const MAX_K = 100;

export interface UmapSettings {
  /** Neighbours per point in UMAP's graph, the point itself included (umap-js counts it). */
  neighbours: number;
  /** How tightly points may pack in the map. */
  minDist: number;
  epochs: number;
  /** Distance of UMAP's neighbour graph; the dot product is no distance, so it is not offered. */
  metric: 'euclidean' | 'cosine';
  seed: number;
}

export const UMAP_DEFAULTS: UmapSettings = {
  neighbours: 15,
  minDist: 0.1,
  epochs: 200,
  metric: 'cosine',
  seed: 42,
};

export const UMAP_LIMITS = {
  neighbours: { min: 2, max: 100 },
  minDist: { min: 0, max: 1 },
  epochs: { min: 10, max: 2000 },
} as const;

export type ProjectionMethod = { kind: 'pca' } | ({ kind: 'umap' } & UmapSettings);

/** What makes the quick MF quick: larger batches with a cosine-annealed rate, for fewer epochs. */
export const QUICK_MF = {
  kind: 'mf',
  train: { batchSize: 1024, lr: 0.005, lrSchedule: 'cosine', epochs: 12 },
} as const satisfies { kind: string; train: Partial<TrainConfig> };

/**
 * The quick MF: the NCF family's MF (`ncf` is its spec) with its default model and preparation, trained
 * with QUICK_MF's settings. The defaults (batch 256 at 0.001 for 20 epochs) take about 34 s on WASM for
 * ML-100k; this takes about 10 s, evaluation included, with the same HR@10 and the same neighbours for
 * Star Wars (README, Similarity stage).
 */
export function quickMf(ncf: FamilySpec): ExperimentConfig {
  const base = ncf.base(QUICK_MF.kind, null);
  return { ...base, train: { ...base.train, ...QUICK_MF.train } };
}
