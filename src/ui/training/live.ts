/**
 * The run in flight as a pure reducer of the worker's events, so it can be tested without a worker or
 * React. Curves are downsampled as they grow: a long run stays cheap to keep and to draw.
 */
import type { EpochReport, TrainEvent, TrainProgress } from '../../worker/protocol';
import type { ExperimentConfig } from '../../train/spec';

/** One point of the smoothed batch-loss curve; x counts epochs across every phase of the run. */
export interface BatchPoint {
  x: number;
  loss: number;
  smoothed: number;
}

export interface EpochPoint {
  phase: string;
  report: EpochReport;
}

export interface LiveRun {
  jobId: string;
  no: number;
  preset: string | null;
  config: ExperimentConfig;
  datasetName: string;
  phase: string;
  paused: boolean;
  stopping: boolean;
  progress: TrainProgress | null;
  batches: BatchPoint[];
  epochs: EpochPoint[];
  /** Epochs of the finished phases (NeuMF's pretraining), so the batch curve runs on across phases. */
  phaseOffset: number;
}

/** Enough for a smooth curve at any width the panel has; beyond it neighbouring points are merged. */
export const MAX_POINTS = 240;

/** `points` with `p` added, halving the resolution whenever it would pass `max` points. */
export function pushPoint(points: BatchPoint[], p: BatchPoint, max = MAX_POINTS): BatchPoint[] {
  const next = [...points, p];
  if (next.length <= max) return next;
  const merged: BatchPoint[] = [];
  for (let j = 0; j + 1 < next.length; j += 2) {
    const [a, b] = [next[j], next[j + 1]];
    merged.push({ x: b.x, loss: (a.loss + b.loss) / 2, smoothed: b.smoothed });
  }
  if (next.length % 2) merged.push(next[next.length - 1]);
  return merged;
}

export function startLive(
  jobId: string,
  no: number,
  preset: string | null,
  config: ExperimentConfig,
  datasetName: string,
): LiveRun {
  return {
    jobId,
    no,
    preset,
    config,
    datasetName,
    phase: 'starting',
    paused: false,
    stopping: false,
    progress: null,
    batches: [],
    epochs: [],
    phaseOffset: 0,
  };
}

/** The run after one event from the worker. */
export function applyEvent(live: LiveRun, e: TrainEvent): LiveRun {
  switch (e.type) {
    case 'phase':
      return { ...live, phase: e.phase, phaseOffset: Math.ceil(live.batches.at(-1)?.x ?? 0) };
    case 'progress': {
      const b = e.batch;
      if (!Number.isFinite(b.smoothedLoss)) return live;
      const x = live.phaseOffset + b.epoch - 1 + b.batch / Math.max(1, b.batches);
      const batches = pushPoint(live.batches, { x, loss: b.loss, smoothed: b.smoothedLoss });
      return { ...live, phase: e.phase, progress: e.progress, batches };
    }
    case 'epoch':
      return { ...live, epochs: [...live.epochs, { phase: e.phase, report: e.report }] };
  }
}

/** The epochs of the phase the charts show: the latest one (the main training once it has begun). */
export function shownEpochs(epochs: EpochPoint[]): { phase: string; shown: EpochPoint[] } {
  const phase = epochs.at(-1)?.phase ?? 'training';
  return { phase, shown: epochs.filter((e) => e.phase === phase) };
}
