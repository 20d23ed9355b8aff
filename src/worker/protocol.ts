/**
 * The typed contract between the UI thread and the lab worker. Both sides compile against `LabApi`:
 * the worker implements it (`satisfies LabApi`), the UI holds a `Comlink.Remote<LabApi>`.
 * Only types and plain constants live here, so the UI can import this file without pulling in tfjs.
 */
import type { BackendChoice, BackendName, BackendReport } from '../train/backend';
import type {
  DatasetKind,
  DatasetStats,
  PrepConfig,
  Progress,
  Result,
  SkipReport,
  SplitConfig,
} from '../data/types';
import type { ColumnMapping, PreviewRow, Sniff } from '../data';

export type {
  BackendChoice,
  BackendName,
  BackendReport,
  ColumnMapping,
  DatasetStats,
  PrepConfig,
  PreviewRow,
  Progress,
  Result,
  Sniff,
  SplitConfig,
};

/** What the force-backend setting offers, in the order the badge lists them. */
export const BACKEND_CHOICES = [
  'auto',
  'webgpu',
  'wasm',
  'webgl',
  'cpu',
] as const satisfies readonly BackendChoice[];

export interface WorkerInfo {
  backend: BackendReport;
  cores: number;
  tfjsVersion: string;
  /** Milliseconds from worker start to a verified backend. */
  startMillis: number;
}

export type BuiltinId = 'ml-100k' | 'synthetic-structured' | 'synthetic-random';

/** What `public/data/manifest.json` says about MovieLens-100k (written by `npm run prepare-data`). */
export interface MovieLensStatus {
  available: boolean;
  files: string[];
  /** Why it is missing, when it is. */
  reason: string | null;
}

/** A file as the loaders take it. A `File` is a Blob, so it crosses to the worker without copying its bytes. */
export interface UploadFile {
  name: string;
  blob: Blob;
}

/** A job's answer. Cancellation is not an error the user must read, so it is told apart. */
export type JobOutcome<T> =
  { ok: true; value: T; millis: number } | { ok: false; reason: string; cancelled: boolean };

/** Progress arrives through a `Comlink.proxy`'d callback, at most every ~60 ms and at least every ~100 ms. */
export type ProgressCallback = (p: Progress) => void;

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

export interface LabApi {
  /** Starts TensorFlow.js on the chosen backend (falling back in order) and runs the self-check. */
  init(choice: BackendChoice): Promise<WorkerInfo>;
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
  /** Abandons a job: its promise answers `{ ok: false, cancelled: true }` at once. */
  cancel(jobId: string): void;
  /** Parks a job between steps (training loops), and lets it go on. */
  pause(jobId: string): void;
  resume(jobId: string): void;
  /** Ends a job early but keeps its result (a training run stopped after the current batch). */
  stop(jobId: string): void;
}
