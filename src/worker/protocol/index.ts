/**
 * The typed contract between the UI thread and the lab worker: one sub-API per concern, composed into
 * `LabApi`. The worker implements each part (`satisfies`), the UI holds a `Comlink.Remote<LabApi>`.
 * Only types and plain constants live here, so the UI can import it without pulling in tfjs.
 * A stage with worker calls of its own adds its sub-API here, in one line.
 */
import type { CoreApi } from './core';
import type { DataApi } from './data';
import type { SimilarityApi } from './similarity';
import type { TrainingApi } from './training';
import type { SequentialApi } from './sequential';
import type { TwoTowerApi } from './twotower';

export * from './core';
export * from './data';
export * from './training';
export * from './sequential';
export * from './similarity';
export * from './twotower';

export type LabApi = CoreApi & DataApi & TrainingApi & SequentialApi & SimilarityApi & TwoTowerApi;
