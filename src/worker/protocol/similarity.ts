/**
 * The Similarity stage's part of the worker API: item vectors of any kept run, their nearest neighbours
 * under three distances, title search, genre agreement against random pairs, 2D maps (PCA, UMAP) as
 * cancellable jobs, and exports. Nothing trains here: the quick MF is the generic `train` call with
 * `quickMf()` (src/similarity/config.ts).
 */
import type { Result } from '../../data/types';
import type { Agreement } from '../../similarity/genres';
import type { DistanceMetric, ProjectionMethod, UmapSettings } from '../../similarity/config';
import type { JobOutcome, ProgressCallback } from './core';
import type { RecItem } from './training';

export type { Agreement, DistanceMetric, ProjectionMethod, UmapSettings };

/** A kept run with item vectors, as the stage lists it. */
export interface SimilaritySource {
  runHandle: string;
  family: string;
  stage: string;
  kind: string;
  /** "MF (dot product + biases)", from the family's spec. */
  label: string;
  dataset: { id: string; name: string };
  nItems: number;
  blocks: { name: string; dim: number; normalised: boolean }[];
  /** Whether the items have genres (agreement and map colours need them). */
  hasGenres: boolean;
}

/** One block of one run's vectors. */
export interface BlockRef {
  runHandle: string;
  /** "factors", "GMF", "MLP", "item tower"... */
  block: string;
}

export interface SourceRef extends BlockRef {
  metric: DistanceMetric;
}

export interface SimItem extends RecItem {
  /** Release year, null when unknown. */
  year: number | null;
}

export interface NeighbourRow {
  item: SimItem;
  nearest: SimItem;
  /** The metric's figure: squared distance, 1 − cosine, or dot product (DISTANCES says which). */
  value: number;
}

/** 'nearest' puts the closest pairs first whatever the metric's direction; 'farthest' the loneliest. */
export type NeighbourSort = 'nearest' | 'farthest' | 'title' | 'index';

export interface NeighbourPage {
  rows: NeighbourRow[];
  offset: number;
  /** Every item: the table pages over all of them. */
  total: number;
  /** Time the all-pairs computation behind the table took, whenever it ran. */
  computeMillis: number;
  /** Whether an earlier call (the table, agreement, an export) had already computed it. */
  cached: boolean;
}

export interface ItemNeighbours {
  item: SimItem;
  /** Nearest first. */
  neighbours: (SimItem & { value: number })[];
}

export interface SourceAgreement extends Agreement {
  runHandle: string;
  block: string;
  /** "MF (dot product + biases) · factors". */
  label: string;
  metric: DistanceMetric;
}

export interface Projection {
  method: ProjectionMethod;
  /** Row-major [nItems x 2], transferred. */
  coords: Float32Array;
  /** Each item's most specific genre, an index into `genreNames`; -1 for none. Transferred. */
  primaryGenre: Int8Array;
  genreNames: string[];
  /** Each item's title (its id where it has none), for the map's hover. */
  titles: string[];
  /** PCA: share of the variance along each principal axis, largest first; null for UMAP. */
  explained: number[] | null;
}

/** The TensorFlow Embedding Projector's two files, as text. */
export interface ProjectorFiles {
  vectors: string;
  metadata: string;
}

export interface SimilarityApi {
  /** Kept runs with item vectors, newest last. */
  similaritySources(): Promise<SimilaritySource[]>;
  /** Each item with its nearest other item, paged and sorted (all pairs computed once per source). */
  neighbourTable(
    ref: SourceRef,
    offset: number,
    limit: number,
    sort: NeighbourSort,
  ): Promise<Result<NeighbourPage>>;
  /** Titles matching a query, typos forgiven, most popular first among equal matches. */
  searchItems(runHandle: string, query: string, limit: number): Promise<Result<SimItem[]>>;
  /** The k nearest items to one item (by dense index), with the metric's figure. */
  itemNeighbours(ref: SourceRef, item: number, k: number): Promise<Result<ItemNeighbours>>;
  /** Genre agreement of the k nearest neighbours against random pairs, for every source and block with genres. */
  agreement(metric: DistanceMetric, k: number): Promise<SourceAgreement[]>;
  /** A 2D map by PCA or UMAP, with progress; cancel by job id. The worker keeps it for `exportCoordinates`. */
  project(
    jobId: string,
    ref: BlockRef,
    method: ProjectionMethod,
    onProgress: ProgressCallback,
  ): Promise<JobOutcome<Projection>>;
  exportProjector(ref: BlockRef): Promise<Result<ProjectorFiles>>;
  /** A CSV of every item's k nearest neighbours; titles defused against formula injection. */
  exportNeighbours(ref: SourceRef, k: number): Promise<Result<string>>;
  /** A CSV of the last map computed for the block. */
  exportCoordinates(ref: BlockRef): Promise<Result<string>>;
}
