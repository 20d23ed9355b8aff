/** The worker side of the Data stage's API: loading, sniffing, previews and the preparation. */
import * as Comlink from 'comlink';
import {
  generateRandomHealth,
  generateStructured,
  loadFiles,
  previewRows,
  sniffFile,
  type ColumnMapping,
} from '../data';
import { describeColumn } from '../data/parse/columns';
import { prepare, prepKey } from '../data/prepare';
import type { PrepConfig, Progress } from '../data/types';
import type { DatasetStore } from './datasets';
import { runJob, throttleProgress, type Job, type JobRegistry } from './jobs';
import { fetchMovieLens, movieLensStatus } from './movielens';
import type {
  BuiltinId,
  DataApi,
  DatasetSummary,
  JobOutcome,
  ProgressCallback,
  Result,
  Sniff,
  UploadFile,
} from './protocol';
import { summarisePrep, summariseDataset } from './summaries';
import type { Dataset } from '../data/types';

/** The Data stage's preparation key: the NCF family prepares under the same one, so they share the split. */
export const splitKey = (config: PrepConfig): string => `split|${prepKey(config)}`;

/** Runs a job with cancellation, throttled progress and timing, and turns every failure into an outcome. */
export function runWithProgress<T>(
  jobs: JobRegistry,
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

export function createDataApi(jobs: JobRegistry, store: DatasetStore) {
  const finish = (ds: Dataset, sources: string[], bytes: number, t0: number): DatasetSummary =>
    summariseDataset(ds, store.keep(ds), sources, bytes, performance.now() - t0);

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
      value: finish(
        r.value,
        files.map((f) => f.name),
        bytes,
        t0,
      ),
    };
  }

  return {
    movieLensStatus,

    loadBuiltin(jobId: string, id: BuiltinId, onProgress: ProgressCallback) {
      return runWithProgress(jobs, jobId, onProgress, async (job, report) => {
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
        return { ok: true, value: finish(ds, ['built in'], 0, t0) };
      });
    },

    async sniff(file: UploadFile, delimiter: string | null): Promise<Result<Sniff>> {
      const sniffed = await sniffFile(file, delimiter ?? undefined);
      if (!sniffed.ok) return sniffed;
      const { sampleRows, width } = sniffed.value;
      const columnNotes = Array.from({ length: width }, (_, j) => describeColumn(sampleRows, j));
      return { ok: true, value: { ...sniffed.value, columnNotes } };
    },

    loadFiles(
      jobId: string,
      files: UploadFile[],
      mapping: ColumnMapping | null,
      onProgress: ProgressCallback,
    ) {
      return runWithProgress(jobs, jobId, onProgress, (job, report) =>
        loadUploads(job, report, files, mapping ?? undefined),
      );
    },

    prepare(jobId: string, handle: string, config: PrepConfig, onProgress: ProgressCallback) {
      return runWithProgress(jobs, jobId, onProgress, async (_job, report) => {
        if (!store.get(handle))
          return { ok: false, reason: 'That dataset is no longer loaded; load it again.' };
        report({ phase: 'Splitting', done: 0, total: null, unit: 'rows' });
        // prepare() is synchronous: give the progress message a turn to reach the UI first.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const r = store.prepare(handle, splitKey(config), null, (ds) => prepare(ds, config));
        if (!r.ok) return r;
        return { ok: true, value: summarisePrep(handle, config, r.value.data) };
      });
    },

    async itemCounts(handle: string) {
      const ds = store.get(handle);
      if (!ds) return null;
      const counts = new Int32Array(ds.nItems);
      for (const i of ds.interactions.item) counts[i]++;
      return Comlink.transfer(counts, [counts.buffer]);
    },

    async preview(handle: string, offset: number, limit: number) {
      const ds = store.get(handle);
      return ds ? previewRows(ds, Math.min(limit, 100), offset) : [];
    },

    release(handle: string) {
      store.release(handle);
    },
  } satisfies DataApi;
}
