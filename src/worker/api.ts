/**
 * The worker side of `LabApi`. Datasets and prepared splits live here; the UI only ever receives summaries,
 * previews and, where it needs whole columns, transferred typed arrays.
 */
import * as Comlink from 'comlink';
import {
  generateRandomHealth,
  generateStructured,
  loadFiles,
  previewRows,
  sniffFile,
  type ColumnMapping,
} from '../data';
import { prepare } from '../data/prepare';
import type { Dataset, PrepConfig, Progress, Result } from '../data/types';
import { startBackend } from './backend-init';
import { JobRegistry, runJob, throttleProgress, type Job } from './jobs';
import { fetchMovieLens, movieLensStatus } from './movielens';
import type { BuiltinId, DatasetSummary, JobOutcome, LabApi, ProgressCallback, UploadFile } from './protocol';
import { samePrep, summarisePrep, summariseDataset } from './summaries';
import { lowestUsers } from './subset';
import { createTrainingApi, type Prepared } from './training';

/** Current, last good and one being replaced: enough to fall back without holding every upload. */
const KEEP_DATASETS = 3;

export function createLabApi() {
  const jobs = new JobRegistry();
  const datasets = new Map<string, Dataset>();
  /** By handle, and by handle and user cap for quick looks: one split each, the latest preparation. */
  const splits = new Map<string, Prepared & { config: PrepConfig }>();
  let nextHandle = 1;

  function keep(ds: Dataset): string {
    const handle = `${ds.id}#${nextHandle++}`;
    datasets.set(handle, ds);
    for (const old of [...datasets.keys()].slice(0, Math.max(0, datasets.size - KEEP_DATASETS))) {
      datasets.delete(old);
      dropSplits(old);
    }
    return handle;
  }

  /** Runs a job with cancellation, throttled progress and timing, and turns every failure into an outcome. */
  function run<T>(
    jobId: string,
    onProgress: ProgressCallback,
    work: (
      job: Job,
      report: (p: Progress) => void,
    ) => Promise<{ ok: true; value: T } | { ok: false; reason: string }>,
  ): Promise<JobOutcome<T>> {
    const progress = throttleProgress(onProgress);
    return runJob(jobs, jobId, (job) => work(job, progress.report), progress.flush);
  }

  function dropSplits(handle: string): void {
    for (const key of [...splits.keys()])
      if (key === handle || key.startsWith(`${handle}|`)) splits.delete(key);
  }

  /**
   * The split of a dataset (or of its users with the lowest ids) under a preparation, prepared once per
   * config and shared by the Data stage and training.
   */
  function splitFor(handle: string, config: PrepConfig, maxUsers: number | null = null): Result<Prepared> {
    const full = datasets.get(handle);
    if (!full) return { ok: false, reason: 'That dataset is no longer loaded; load it again.' };
    const key = maxUsers === null ? handle : `${handle}|${maxUsers}`;
    const cached = splits.get(key);
    if (cached && samePrep(cached.config, config)) return { ok: true, value: cached };
    const ds = maxUsers === null ? full : lowestUsers(full, maxUsers);
    const r = prepare(ds, config);
    if (!r.ok) return r;
    const value = { ds, split: r.value, capped: ds !== full };
    splits.set(key, { config, ...value });
    return { ok: true, value };
  }

  function finishLoad(ds: Dataset, sources: string[], bytes: number, t0: number): DatasetSummary {
    return summariseDataset(ds, keep(ds), sources, bytes, performance.now() - t0);
  }

  async function loadUploads(
    job: Job,
    report: (p: Progress) => void,
    files: { name: string; blob: Blob }[],
    mapping: ColumnMapping | undefined,
  ) {
    const t0 = performance.now();
    const r = await loadFiles(files, { signal: job.signal, onProgress: report, mapping });
    if (!r.ok) return r;
    const bytes = files.reduce((n, f) => n + f.blob.size, 0);
    return {
      ok: true as const,
      value: finishLoad(
        r.value,
        files.map((f) => f.name),
        bytes,
        t0,
      ),
    };
  }

  const api = {
    init: startBackend,

    movieLensStatus,

    loadBuiltin(jobId: string, id: BuiltinId, onProgress: ProgressCallback) {
      return run(jobId, onProgress, async (job, report) => {
        if (id === 'ml-100k') {
          const status = await movieLensStatus();
          if (!status.available)
            return { ok: false, reason: `MovieLens-100k is not available: ${status.reason}` };
          const files = await fetchMovieLens(status, job.signal, report);
          return loadUploads(job, report, files, undefined);
        }
        const t0 = performance.now();
        report({ phase: 'Generating', done: 0, total: null, unit: 'rows' });
        const ds = id === 'synthetic-random' ? generateRandomHealth() : generateStructured();
        return { ok: true, value: finishLoad(ds, ['built in'], 0, t0) };
      });
    },

    sniff(file: UploadFile, delimiter: string | null) {
      return sniffFile(file, delimiter ?? undefined);
    },

    loadFiles(jobId, files, mapping, onProgress) {
      return run(jobId, onProgress, (job, report) => loadUploads(job, report, files, mapping ?? undefined));
    },

    prepare(jobId: string, handle: string, config: PrepConfig, onProgress: ProgressCallback) {
      return run(jobId, onProgress, async (_job, report) => {
        if (!datasets.has(handle))
          return { ok: false, reason: 'That dataset is no longer loaded; load it again.' };
        report({ phase: 'Splitting', done: 0, total: null, unit: 'rows' });
        // prepare() is synchronous: give the progress message a turn to reach the UI first.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const r = splitFor(handle, config);
        if (!r.ok) return r;
        return { ok: true, value: summarisePrep(handle, config, r.value.split) };
      });
    },

    async itemCounts(handle: string) {
      const ds = datasets.get(handle);
      if (!ds) return null;
      const counts = new Int32Array(ds.nItems);
      for (const i of ds.interactions.item) counts[i]++;
      return Comlink.transfer(counts, [counts.buffer]);
    },

    async preview(handle: string, offset: number, limit: number) {
      const ds = datasets.get(handle);
      return ds ? previewRows(ds, Math.min(limit, 100), offset) : [];
    },

    release(handle: string) {
      datasets.delete(handle);
      dropSplits(handle);
    },

    ...createTrainingApi({ jobs, splitFor }),

    cancel(jobId: string) {
      jobs.get(jobId)?.cancel();
    },
    pause(jobId: string) {
      jobs.get(jobId)?.pause();
    },
    resume(jobId: string) {
      jobs.get(jobId)?.resume();
    },
    stop(jobId: string) {
      jobs.get(jobId)?.stop();
    },
  } satisfies LabApi;
  return api;
}
