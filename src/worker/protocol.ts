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
import type { ExperimentConfig } from '../train/experiment';
import type { BatchReport, EpochReport, TrainConfig, TrainProgress } from '../train/loop';
import type { LossKind } from '../train/losses';
import type { Preset, PresetId } from '../train/presets';
import type { MfConfig, ModelConfig, ModelKind, ModelSummary, NcfConfig } from '../models';
import type { EvalConfig, EvalReport } from '../metrics/evaluate';

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
  EpochReport,
  EvalConfig,
  EvalReport,
  ExperimentConfig,
  LossKind,
  MfConfig,
  ModelConfig,
  ModelKind,
  NcfConfig,
  Preset,
  PresetId,
  TrainConfig,
  TrainProgress,
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

/**
 * What the NCF stage needs of the engine's constants. The presets and defaults live in modules that import
 * tfjs, so the worker sends them as data instead of the UI bundling them.
 */
export interface NcfCatalog {
  models: { kind: ModelKind; label: string; defaults: ModelConfig }[];
  presets: Preset[];
  /** `presetFor(id, kind)` for every preset and model: the preset's data and training for another model. */
  presetConfigs: Record<PresetId, Record<ModelKind, ExperimentConfig>>;
  /** `lossFor(kind, current)`, tabulated: BPR and WARP are their loss, the others keep a pointwise one. */
  lossFor: Record<ModelKind, Record<LossKind, LossKind>>;
  lossLabels: Record<LossKind, string>;
  trainDefaults: TrainConfig;
  evalDefaults: EvalConfig;
  sampledLabel: string;
  fullLabel: string;
}

/** Models of finished runs the worker keeps for recommendations; older ones are released. */
export const KEPT_RUNS = 4;

/** A training run as it goes: phases, a report about every 100 ms, one per epoch. */
export type TrainEvent =
  | { type: 'phase'; phase: string }
  | { type: 'progress'; phase: string; progress: TrainProgress; batch: BatchReport }
  | { type: 'epoch'; phase: string; report: EpochReport };

export type TrainCallback = (e: TrainEvent) => void;

export interface TrainOptions {
  /** A quick look: train and evaluate on the users with the N lowest ids only (null: every user). */
  maxUsers: number | null;
}

export interface RunResult {
  /** Worker-side handle of the trained model, for `recommend` and `releaseRun`. */
  runHandle: string;
  config: ExperimentConfig;
  dataset: { id: string; name: string };
  history: EpochReport[];
  pretraining: { gmf: EpochReport[]; mlp: EpochReport[] } | null;
  metrics: EvalReport;
  /** flattenMetrics: hr@10 (sampled), hr@10_full, precision@5, auc... */
  flat: Record<string, number>;
  summary: ModelSummary;
  /** The Keras-style text of the summary. */
  summaryText: string;
  /** 'stopped' when the user stopped it: the partial model was still evaluated. */
  stopped: 'completed' | 'early-stopping' | 'stopped';
  bestEpoch: number | null;
  trainSeconds: number;
  samples: number;
  samplesPerSecond: number;
  steps: number;
  backend: string;
  /** What training and the split decided that a reader should know. */
  notes: string[];
  /** A few user ids with a held-out item, to suggest in the recommendations picker. */
  exampleUsers: string[];
  /** Users in the data the run saw. */
  users: number;
  /** The quick-look cap when it applied. */
  maxUsers: number | null;
}

export interface RecItem {
  /** Dense index and the id in the source. */
  item: number;
  id: string;
  title: string | null;
  genres: string[];
}

export interface Recommendations {
  userId: string;
  scoreKind: 'logit' | 'ranking' | 'count';
  /** Top K among the items not in the user's training history, best first. */
  items: (RecItem & { score: number; probability: number | null })[];
  /** The user's training items, highest rated first (latest first where there are no ratings). */
  history: (RecItem & { rating: number | null })[];
  historyTotal: number;
  /** The user's held-out items, which a good model ranks high. */
  heldOut: RecItem[];
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
  ncfCatalog(): Promise<NcfCatalog>;
  /**
   * Trains and evaluates one model on a dataset under `config.prep` (the split is prepared here if the Data
   * stage has not already). Pause, resume, stop (keeps and evaluates the partial model) and cancel by job id.
   */
  train(
    jobId: string,
    handle: string,
    config: ExperimentConfig,
    options: TrainOptions,
    onEvent: TrainCallback,
  ): Promise<JobOutcome<RunResult>>;
  /** Top K unrated items for a user (the id as in the source), beside the user's top-rated training items. */
  recommend(runHandle: string, userId: string, k: number): Promise<Result<Recommendations>>;
  releaseRun(runHandle: string): void;
  /** Abandons a job: its promise answers `{ ok: false, cancelled: true }` at once. */
  cancel(jobId: string): void;
  /** Parks a job between steps (training loops), and lets it go on. */
  pause(jobId: string): void;
  resume(jobId: string): void;
  /** Ends a job early but keeps its result (a training run stopped after the current batch). */
  stop(jobId: string): void;
}
