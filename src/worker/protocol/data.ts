/**
 * The Data stage's part of the worker API: built-in and uploaded datasets, their summaries and previews,
 * and the preparation (threshold, split, negatives) the NCF stage trains on.
 */
import type {
  DatasetKind,
  DatasetStats,
  PrepConfig,
  Result,
  SkipReport,
  SplitConfig,
} from '../../data/types';
import type { ColumnMapping, PreviewRow, Sniff as FileSniff } from '../../data';
import type { BuiltinId } from '../../data/builtins';
import type { JobOutcome, ProgressCallback } from './core';

export type { BuiltinId, ColumnMapping, DatasetStats, PrepConfig, PreviewRow, Result, SplitConfig };

/**
 * A file's sniff for the mapping step, with each column's sampled contents in words ("values like
 * 12.99, 149.5 — not a rating scale: values up to 149.5"; null for an empty column), so the step
 * can say why a column it leaves unused is not a rating or a time.
 */
export type Sniff = FileSniff & { columnNotes: (string | null)[] };

/** What `public/data/manifest.json` says about MovieLens-100k (written by `npm run prepare-data`). */
export interface MovieLensStatus {
  available: boolean;
  files: string[];
  /** Why it is missing, when it is. */
  reason: string | null;
  /** Set when a copy that differs from the official files was installed: which file, and what it means. */
  notice: string | null;
}

/** A file as the loaders take it. A `File` is a Blob, so it crosses to the worker without copying its bytes. */
export interface UploadFile {
  name: string;
  blob: Blob;
}

/** Everything the UI needs to show a dataset; the rows themselves stay in the worker. */
export interface DatasetSummary {
  /** Worker-side handle: unique per load, so two uploads of `ratings.csv` do not collide. */
  handle: string;
  /** The dataset's own id ('ml-100k', 'synthetic-structured', 'upload:ratings.csv'). */
  id: string;
  name: string;
  kind: DatasetKind;
  /** Where it came from, for the header of the stats ("u.data, u.item, u.user"). */
  sources: string[];
  bytes: number;
  stats: DatasetStats;
  preview: PreviewRow[];
  hasRatings: boolean;
  hasTimestamps: boolean;
  hasItemMeta: boolean;
  ratingScale: { min: number; max: number } | null;
  officialSplits: string[];
  skipped: SkipReport;
  /** "312 rows skipped; first: row 18: rating 'abc' is not a number", or null when nothing was skipped. */
  skippedText: string | null;
  /** What the loader chose on the user's behalf (Dataset.notices). */
  notices: string[];
  /** Time from the first byte read to the stats (parse + index + stats). */
  loadMillis: number;
}

export interface PrepSummary {
  handle: string;
  config: PrepConfig;
  trainPositives: number;
  testPairs: number;
  usersWithTest: number;
  users: number;
  items: number;
  /** Held-out rows labelled by the threshold (and sampled negatives where data is implicit). */
  testLabelled: { positives: number; negatives: number };
  /** Negatives drawn per training epoch: positives x negatives-per-positive. */
  negativesPerEpoch: number;
  /** Test pairs also found among the training interactions. Must be 0. */
  leakedPairs: number;
  notes: string[];
}

export interface DataApi {
  movieLensStatus(): Promise<MovieLensStatus>;
  loadBuiltin(
    jobId: string,
    id: BuiltinId,
    onProgress: ProgressCallback,
  ): Promise<JobOutcome<DatasetSummary>>;
  /** Reads the start of a delimited file for the column-mapping step; `delimiter` forces one. */
  sniff(file: UploadFile, delimiter: string | null): Promise<Result<Sniff>>;
  loadFiles(
    jobId: string,
    files: UploadFile[],
    mapping: ColumnMapping | null,
    onProgress: ProgressCallback,
  ): Promise<JobOutcome<DatasetSummary>>;
  /** Threshold, split and negatives for the later stages; the prepared split stays in the worker. */
  prepare(
    jobId: string,
    handle: string,
    config: PrepConfig,
    onProgress: ProgressCallback,
  ): Promise<JobOutcome<PrepSummary>>;
  /** Ratings per item for every item, transferred (not copied) to the UI. */
  itemCounts(handle: string): Promise<Int32Array | null>;
  /** A page of rows with titles and genres where the source has them (at most 100). */
  preview(handle: string, offset: number, limit: number): Promise<PreviewRow[]>;
  /** Frees a dataset the UI no longer shows. */
  release(handle: string): void;
}
