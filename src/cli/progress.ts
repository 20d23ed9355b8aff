/**
 * Progress during an epoch for `lab train`: a long epoch (minutes on a 10M-row file) otherwise prints
 * nothing until it ends. A JSON line on stdout with --json (told apart from the epoch and result lines by
 * its `type`), else a line on stderr, at most once per interval.
 */
import type { BatchReport, TrainProgress } from '../train/loop';

export interface ProgressOptions {
  /** Milliseconds between progress lines (default 10 s; 0 prints every report the loop makes). */
  progressEveryMs?: number;
  /** The clock, in milliseconds (default performance.now). */
  now?: () => number;
}

export const PROGRESS_EVERY_MS = 10_000;

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Seconds as a person reads them: "48 s", "14 min", "2 h 5 min". */
export function humanSeconds(s: number): string {
  if (s < 90) return `${Math.round(s)} s`;
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function progressLine(model: string, phase: string, p: TrainProgress, b: BatchReport | null) {
  return {
    type: 'progress',
    model,
    phase,
    epoch: p.epoch,
    epochs: p.epochs,
    step: p.batch,
    steps: p.batches,
    samples: p.samples,
    samplesPerSecond: Math.round(p.samplesPerSecond),
    epochEtaSeconds: p.epochEtaSeconds === null ? null : Math.round(p.epochEtaSeconds),
    etaSeconds: p.etaSeconds === null ? null : Math.round(p.etaSeconds),
    elapsedSeconds: round(p.elapsedSeconds, 1),
    loss: b === null || !Number.isFinite(b.loss) ? null : round(b.loss, 5),
  };
}

export function progressText(line: ReturnType<typeof progressLine>): string {
  const pct = Math.floor((100 * line.step) / Math.max(1, line.steps));
  const eta =
    line.etaSeconds === null
      ? 'ETA once the speed settles'
      : `ETA ${humanSeconds(line.epochEtaSeconds ?? 0)} for the epoch, ${humanSeconds(line.etaSeconds)} for the run`;
  return `  ${line.model} ${line.phase}: epoch ${line.epoch} of ${line.epochs}, step ${line.step} of ${line.steps} (${pct}%), ${line.samplesPerSecond.toLocaleString('en-US')} samples/s, ${eta}${line.loss === null ? '' : `, loss ${line.loss}`}\n`;
}

/** Calls `print` with a line at most once per interval, the first an interval after it starts. */
export function progressPrinter(
  opts: ProgressOptions,
  print: (p: TrainProgress, b: BatchReport | null) => void,
) {
  const every = opts.progressEveryMs ?? PROGRESS_EVERY_MS;
  const now = opts.now ?? (() => performance.now());
  let last = now();
  let batch: BatchReport | null = null;
  return {
    onBatch: (b: BatchReport) => {
      batch = b;
    },
    onProgress: (p: TrainProgress) => {
      const t = now();
      if (t - last < every) return;
      last = t;
      print(p, batch);
    },
  };
}
