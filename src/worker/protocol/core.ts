/**
 * The lab worker's life cycle and job controls, shared by every stage's sub-API. Types and plain
 * constants only, so the UI can import this file without pulling in tfjs.
 */
import type { BackendChoice, BackendName, BackendReport } from '../../train/backend';
import type { Progress } from '../../data/types';

export type { BackendChoice, BackendName, BackendReport, Progress };

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

/** A job's answer. Cancellation is not an error the user must read, so it is told apart. */
export type JobOutcome<T> =
  { ok: true; value: T; millis: number } | { ok: false; reason: string; cancelled: boolean };

/** Progress arrives through a `Comlink.proxy`'d callback, at most every ~60 ms and at least every ~100 ms. */
export type ProgressCallback = (p: Progress) => void;

export interface CoreApi {
  /** Starts TensorFlow.js on the chosen backend (falling back in order) and runs the self-check. */
  init(choice: BackendChoice): Promise<WorkerInfo>;
  /** Abandons a job: its promise answers `{ ok: false, cancelled: true }` at once. */
  cancel(jobId: string): void;
  /** Parks a job between steps (training loops), and lets it go on. */
  pause(jobId: string): void;
  resume(jobId: string): void;
  /** Ends a job early but keeps its result (a training run stopped after the current batch). */
  stop(jobId: string): void;
}
