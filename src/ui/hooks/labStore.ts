/**
 * The UI's single front to the lab worker: it owns the worker, turns AbortSignals into `cancel(jobId)`
 * messages, and keeps the state React renders. Components read it through `useLab`.
 */
import { proxy, startLabWorker, type LabWorker } from '../../worker/client';
import type {
  BackendChoice,
  BuiltinId,
  ColumnMapping,
  DatasetSummary,
  JobOutcome,
  MovieLensStatus,
  PrepConfig,
  PrepSummary,
  PreviewRow,
  Progress,
  Sniff,
  WorkerInfo,
} from '../../worker/protocol';
import { builtinLabel } from '../../data/builtins';
import { STAGES } from '../stages';
import type { LabHost, StageStore } from '../stages/types';
import { needsMapping, ratingsCandidate } from './files';
import {
  readBackendChoice,
  readDataset,
  readPrep,
  saveBackendChoice,
  writeDataset,
  writePrep,
} from './urlState';

export interface JobView {
  id: string;
  label: string;
  progress: Progress | null;
  startedAt: number;
}

/** The load in flight, or the one that just failed (shown beside the dataset that stays loaded). */
export interface LoadAttempt {
  label: string;
  job: JobView | null;
  error: string | null;
}

export type Source =
  { kind: 'builtin'; id: BuiltinId } | { kind: 'files'; files: File[]; mapping: ColumnMapping | null };

export interface PrepState {
  job: JobView | null;
  summary: PrepSummary | null;
  error: string | null;
  millis: number | null;
}

export interface LabState {
  phase: 'starting' | 'ready' | 'failed';
  fatal: string | null;
  info: WorkerInfo | null;
  backendChoice: BackendChoice;
  movieLens: MovieLensStatus | null;
  /** The last dataset that loaded: a failed load never replaces it. */
  dataset: DatasetSummary | null;
  datasetSource: Source | null;
  /** Ratings per item of `dataset`, transferred from the worker for the long-tail chart. */
  itemCounts: Int32Array | null;
  attempt: LoadAttempt | null;
  /** Files waiting for the user to say which column is which. */
  mapping: { files: File[]; sniff: Sniff } | null;
  prepConfig: PrepConfig;
  prep: PrepState;
}

export interface JobOptions {
  signal?: AbortSignal;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class LabStore implements LabHost {
  private state: LabState;
  private readonly listeners = new Set<() => void>();
  private worker: LabWorker | null = null;
  /** Bumped on every worker restart, so answers from a terminated worker are ignored. */
  private generation = 0;
  private jobCounter = 0;
  private loadAbort: AbortController | null = null;
  private prepAbort: AbortController | null = null;
  private prepTimer: ReturnType<typeof setTimeout> | null = null;
  /** Each stage's own store, on the worker this store owns. */
  private readonly stages = new Map<string, StageStore>();

  constructor() {
    this.state = {
      phase: 'starting',
      fatal: null,
      info: null,
      backendChoice: readBackendChoice(),
      movieLens: null,
      dataset: null,
      datasetSource: null,
      itemCounts: null,
      attempt: null,
      mapping: null,
      prepConfig: readPrep(),
      prep: { job: null, summary: null, error: null, millis: null },
    };
    for (const def of STAGES) {
      const store = def.createStore?.(this);
      if (store) this.stages.set(def.id, store);
    }
  }

  stageStore(id: string): StageStore | undefined {
    return this.stages.get(id);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LabState => this.state;

  private set(patch: Partial<LabState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Starts (or restarts) the worker, then loads the requested dataset or the best default. */
  async start(reload: Source | null = null): Promise<void> {
    this.stopWorker();
    const gen = ++this.generation;
    const worker = startLabWorker();
    this.worker = worker;
    worker.onCrash((message) => {
      if (gen === this.generation) this.set({ phase: 'failed', fatal: message });
    });
    this.set({ phase: 'starting', fatal: null, info: null });
    try {
      const info = await worker.api.init(this.state.backendChoice);
      const movieLens = await worker.api.movieLensStatus();
      if (gen !== this.generation) return;
      this.set({ phase: 'ready', info, movieLens });
      for (const store of this.stages.values()) store.attach(worker.api);
    } catch (e) {
      if (gen === this.generation) this.set({ phase: 'failed', fatal: errorText(e) });
      return;
    }
    const wanted = readDataset();
    const ml = this.state.movieLens?.available === true;
    const source: Source = reload ?? {
      kind: 'builtin',
      id: wanted && (wanted !== 'ml-100k' || ml) ? wanted : ml ? 'ml-100k' : 'synthetic-structured',
    };
    await this.loadSource(source);
  }

  dispose(): void {
    this.stopWorker();
    this.listeners.clear();
  }

  private stopWorker(): void {
    this.loadAbort?.abort();
    this.prepAbort?.abort();
    for (const store of this.stages.values()) store.detach();
    this.worker?.terminate();
    this.worker = null;
  }

  private api() {
    if (!this.worker) throw new Error('the lab worker is not running');
    return this.worker.api;
  }

  /**
   * Runs one worker job: the caller's signal and our own controller both end in `cancel(jobId)`, progress
   * lands in state through `onProgress`, and an answer from an older worker is dropped (null).
   */
  private async job<T>(
    controller: AbortController,
    external: AbortSignal | undefined,
    call: (jobId: string, onProgress: (p: Progress) => void) => Promise<JobOutcome<T>>,
    onProgress: (job: JobView) => void,
    label: string,
  ): Promise<JobOutcome<T> | null> {
    const gen = this.generation;
    const api = this.api();
    const id = `job-${++this.jobCounter}`;
    const view: JobView = { id, label, progress: null, startedAt: performance.now() };
    // A cancel answers at once on this side (the worker may be busy, or terminated by a restart) and tells
    // the worker to stop; the worker's own answer, when it comes, is then ignored.
    let cancel = (): void => undefined;
    const cancelled = new Promise<JobOutcome<T>>((resolve) => {
      cancel = () => {
        void api.cancel(id);
        resolve({ ok: false, reason: 'Cancelled', cancelled: true });
      };
    });
    controller.signal.addEventListener('abort', cancel, { once: true });
    external?.addEventListener('abort', () => controller.abort(), { once: true });
    if (external?.aborted) controller.abort();
    onProgress(view);
    // Progress travels on its own MessageChannel, so a last report can land after the answer: drop it then.
    let settled = false;
    try {
      const work = call(
        id,
        proxy((p: Progress) => {
          if (!settled && gen === this.generation && !controller.signal.aborted)
            onProgress({ ...view, progress: p });
        }),
      );
      const out = await Promise.race([work, cancelled]);
      settled = true;
      return gen === this.generation ? out : null;
    } catch (e) {
      settled = true;
      return gen === this.generation ? { ok: false, reason: errorText(e), cancelled: false } : null;
    } finally {
      controller.signal.removeEventListener('abort', cancel);
    }
  }

  loadBuiltin = (id: BuiltinId, opts: JobOptions = {}): Promise<void> =>
    this.loadSource({ kind: 'builtin', id }, opts);

  private async loadSource(source: Source, opts: JobOptions = {}): Promise<void> {
    this.loadAbort?.abort();
    const controller = new AbortController();
    this.loadAbort = controller;
    const label =
      source.kind === 'builtin' ? builtinLabel(source.id) : source.files.map((f) => f.name).join(', ');
    const setJob = (job: JobView) => this.set({ attempt: { label, job, error: null } });
    const out = await this.job(
      controller,
      opts.signal,
      (jobId, onProgress) =>
        source.kind === 'builtin'
          ? this.api().loadBuiltin(jobId, source.id, onProgress)
          : this.api().loadFiles(
              jobId,
              source.files.map((f) => ({ name: f.name, blob: f })),
              source.mapping,
              onProgress,
            ),
      setJob,
      `Loading ${label}`,
    );
    if (out === null || this.loadAbort !== controller) return;
    this.loadAbort = null;
    if (!out.ok) {
      this.set({ attempt: out.cancelled ? null : { label, job: null, error: out.reason } });
      return;
    }
    const previous = this.state.dataset;
    if (previous) void this.api().release(previous.handle);
    this.set({ dataset: out.value, datasetSource: source, attempt: null, itemCounts: null });
    writeDataset(source.kind === 'builtin' ? source.id : null);
    this.fitPrepToDataset(out.value);
    void this.api()
      .itemCounts(out.value.handle)
      .then((counts) => {
        if (this.state.dataset?.handle === out.value.handle) this.set({ itemCounts: counts });
      });
    this.schedulePrepare(0);
  }

  /** A page of the current dataset's rows (the first page comes with the summary). */
  previewRows = async (handle: string, offset: number, limit: number): Promise<PreviewRow[]> =>
    this.worker ? this.worker.api.preview(handle, offset, limit) : [];

  cancelLoad = (): void => {
    this.loadAbort?.abort();
    this.loadAbort = null;
    this.set({ attempt: null });
  };

  dismissError = (): void => this.set({ attempt: null });

  /** Files from the input or a drop: MovieLens formats and zips load at once, other tables ask for a mapping. */
  openFiles = async (files: File[], opts: JobOptions = {}): Promise<void> => {
    if (files.length === 0) return;
    this.set({ mapping: null });
    const ratings = ratingsCandidate(files);
    if (!ratings) return this.loadSource({ kind: 'files', files, mapping: null }, opts);
    const sniff = await this.api().sniff({ name: ratings.name, blob: ratings }, null);
    if (!sniff.ok) {
      this.set({ attempt: { label: ratings.name, job: null, error: sniff.reason } });
      return;
    }
    if (!needsMapping(sniff.value)) return this.loadSource({ kind: 'files', files, mapping: null }, opts);
    // The ratings file goes first: the mapping step shows it, and the loader's mapping applies to it.
    const ordered = [ratings, ...files.filter((f) => f !== ratings)];
    this.set({ mapping: { files: ordered, sniff: sniff.value }, attempt: null });
  };

  confirmMapping = (mapping: ColumnMapping, opts: JobOptions = {}): Promise<void> => {
    const pending = this.state.mapping;
    if (!pending) return Promise.resolve();
    this.set({ mapping: null });
    return this.loadSource({ kind: 'files', files: pending.files, mapping }, opts);
  };

  dismissMapping = (): void => this.set({ mapping: null });

  /** The user picked another delimiter in the mapping step: the columns must be found again. */
  resniff = async (delimiter: string): Promise<void> => {
    const pending = this.state.mapping;
    if (!pending) return;
    const file = pending.files[0];
    const sniff = await this.api().sniff({ name: file.name, blob: file }, delimiter);
    if (this.state.mapping !== pending) return;
    if (sniff.ok) this.set({ mapping: { files: pending.files, sniff: sniff.value } });
    else this.set({ attempt: { label: file.name, job: null, error: sniff.reason } });
  };

  setPrep = (patch: Partial<PrepConfig>): void => {
    const prepConfig = { ...this.state.prepConfig, ...patch };
    this.set({ prepConfig });
    writePrep(prepConfig);
    this.schedulePrepare(250);
  };

  /** An official split only exists on the dataset that shipped it; elsewhere fall back to a random split. */
  private fitPrepToDataset(ds: DatasetSummary): void {
    const { split } = this.state.prepConfig;
    if (split.kind === 'official' && !ds.officialSplits.includes(split.name)) {
      const prepConfig: PrepConfig = {
        ...this.state.prepConfig,
        split: { kind: 'random', testFraction: 0.2 },
      };
      this.set({ prepConfig });
      writePrep(prepConfig);
    }
  }

  private schedulePrepare(delayMs: number): void {
    if (this.prepTimer) clearTimeout(this.prepTimer);
    this.prepTimer = setTimeout(() => void this.prepare(), delayMs);
  }

  prepare = async (opts: JobOptions = {}): Promise<void> => {
    const ds = this.state.dataset;
    if (!ds) return;
    this.prepAbort?.abort();
    const controller = new AbortController();
    this.prepAbort = controller;
    const config = this.state.prepConfig;
    const out = await this.job(
      controller,
      opts.signal,
      (jobId, onProgress) => this.api().prepare(jobId, ds.handle, config, onProgress),
      (job) => this.set({ prep: { ...this.state.prep, job, error: null } }),
      'Preparing the split',
    );
    if (out === null || this.prepAbort !== controller) return;
    this.prepAbort = null;
    if (out.ok) this.set({ prep: { job: null, summary: out.value, error: null, millis: out.millis } });
    else this.set({ prep: { ...this.state.prep, job: null, error: out.cancelled ? null : out.reason } });
  };

  cancelPrepare = (): void => {
    this.prepAbort?.abort();
    this.prepAbort = null;
    this.set({ prep: { ...this.state.prep, job: null } });
  };

  /** Forcing a backend restarts the worker; the dataset on screen is loaded again in the new one. */
  setBackendChoice = (choice: BackendChoice): Promise<void> => {
    saveBackendChoice(choice);
    this.set({ backendChoice: choice, prep: { job: null, summary: null, error: null, millis: null } });
    return this.start(this.state.datasetSource);
  };
}

export { builtinLabel };
