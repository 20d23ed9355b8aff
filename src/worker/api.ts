/**
 * The worker side of `LabApi`, composed from each concern's part. Datasets and prepared material live
 * here; the UI only ever receives summaries, previews and, where it needs whole columns, transferred
 * typed arrays. A stage with worker calls of its own adds its part here, in one line.
 */
import { startBackend } from './backend-init';
import { createDataApi } from './data-api';
import { DatasetStore } from './datasets';
import { JobRegistry } from './jobs';
import type { CoreApi, LabApi } from './protocol';
import { createSimilarityApi } from './similarity';
import { createTrainingApi, RunStore } from './training';
import { createSequentialApi } from './sequential';
import { createTwoTowerApi } from './twotower';

export function createLabApi() {
  const jobs = new JobRegistry();
  const store = new DatasetStore();
  const runs = new RunStore();
  const core = {
    init: startBackend,
    cancel: (jobId: string) => jobs.get(jobId)?.cancel(),
    pause: (jobId: string) => jobs.get(jobId)?.pause(),
    resume: (jobId: string) => jobs.get(jobId)?.resume(),
    stop: (jobId: string) => jobs.get(jobId)?.stop(),
  } satisfies CoreApi;
  return {
    ...core,
    ...createDataApi(jobs, store),
    ...createTrainingApi(jobs, store, runs),
    ...createSequentialApi(runs),
    ...createSimilarityApi(jobs, runs),
    ...createTwoTowerApi(runs),
  } satisfies LabApi;
}
