/**
 * The training loop, generic over the batch type. Works on every backend, WebGPU included, because
 * nothing in it reads a tensor synchronously: the loss accumulates in a device scalar that is read with
 * `await data()` about every 100 ms (which also keeps an asynchronous backend's queue from racing ahead),
 * and at the end of each epoch. Between reads the loop yields a macrotask so a worker can receive stop
 * and pause. It owns the cadence, the learning-rate schedule, validation, early stopping and the
 * tensor-leak guarantees; what a batch is belongs to the model.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../data/rng';
import { learningRate, type TrainConfig } from './config';
import type { Batch, BatchSource, Trainable, ValidationMetric } from './trainable';
import { EtaEstimator } from './eta';
import { BestKeeper, WeightCopy, divergenceNote, type Divergence } from './keeper';

export type { Divergence } from './keeper';

export interface BatchReport {
  epoch: number;
  /** Batches done in this epoch. */
  batch: number;
  batches: number;
  /** Mean loss per example over the batches since the previous report. */
  loss: number;
  /** Exponential moving average of `loss`, for the per-batch chart. */
  smoothedLoss: number;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  valLoss: number | null;
  /** The figure the chart draws and early stopping follows (a validation metric), when there is one. */
  metric: { name: string; value: number } | null;
  /** Every validation figure of the epoch, the monitored one included. */
  metrics: Record<string, number>;
  /** The monitored figure of a baseline that needs no training, for reference. */
  baseline: { name: string; value: number } | null;
  /** The learning rate the epoch trained with. */
  lr: number;
  trainSeconds: number;
  samplesPerSecond: number;
}

export interface TrainProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  samplesPerSecond: number;
  /** Null until the rate has settled, so an early guess never reads minutes for a run of seconds. */
  etaSeconds: number | null;
  elapsedSeconds: number;
  /** Scored units trained on so far in the run (see Batch.samples). */
  samples: number;
  /** Time left in this epoch, null as etaSeconds is. */
  epochEtaSeconds: number | null;
  /** Mean loss per example since the previous report. */
  loss: number;
}

export interface TrainHooks {
  onBatch?: (r: BatchReport) => void;
  onEpoch?: (r: EpochReport) => void;
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
  /** Awaited at every report point; return a promise that resolves on resume to pause. */
  pauseGate?: () => Promise<void> | void;
  /** Measured after each epoch (not counted as training time); early stopping follows it when present. */
  validation?: ValidationMetric;
  /** Milliseconds between loss reads and progress reports. */
  reportEveryMs?: number;
}

export interface TrainResult {
  history: EpochReport[];
  /** 'diverged': the loss or a validation figure became non-finite; the last good weights were put back. */
  stopped: 'completed' | 'early-stopping' | 'aborted' | 'diverged';
  /** Where it diverged, when it did, and the note that says it in words (also in `notes`). */
  divergence: (Divergence & { note: string }) | null;
  /**
   * The epoch whose weights the model holds at the end when early stopping kept the best one, or the one
   * put back after a divergence (0: the weights before training).
   */
  bestEpoch: number | null;
  /** Seconds spent in training steps (evaluation and pauses excluded). */
  trainSeconds: number;
  /** Scored units (see Batch.samples). */
  samples: number;
  samplesPerSecond: number;
  steps: number;
  notes: string[];
}

/** A macrotask yield, so a worker can handle messages; MessageChannel beats setTimeout's 4 ms clamp. */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => void };
  if (g.setImmediate) return new Promise((r) => g.setImmediate?.(r));
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((r) => {
      const ch = new MessageChannel();
      // Core code compiles without the DOM library, whose MessagePort has onmessage.
      (ch.port1 as unknown as { onmessage: () => void }).onmessage = () => {
        ch.port1.close();
        r();
      };
      ch.port2.postMessage(0);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

/** Mean loss per example over fixed batches, read once. */
export async function meanLoss<B extends Batch>(
  trainable: Trainable<B>,
  batches: B[],
  examples: number,
): Promise<number> {
  let acc = tf.scalar(0);
  for (const b of batches) {
    const next = tf.tidy(() => tf.add(acc, trainable.lossSum(b)));
    acc.dispose();
    acc = next as tf.Scalar;
  }
  const v = (await acc.data())[0];
  acc.dispose();
  return v / Math.max(1, examples);
}

/**
 * Trains for `cfg.epochs` (or until early stopping). `makeSource` gets a stream forked from the run's
 * seed, so the same seed draws the same examples, negatives and dropout masks on every backend.
 * The caller keeps ownership of `trainable` and disposes it.
 */
export async function trainModel<B extends Batch>(
  trainable: Trainable<B>,
  makeSource: (rng: Rng) => BatchSource<B>,
  cfg: TrainConfig,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const rng = createRng((cfg.seed ^ 0x9e3779b9) >>> 0);
  const source = makeSource(rng.fork());
  const notes: string[] = [];
  const measure = hooks.validation ?? null;
  // Choosing epochs on the test data would flatter the model: only a validation figure is followed.
  const monitor = measure?.heldOut === 'validation' ? measure : null;
  const es = cfg.earlyStopping;
  if (es && !monitor && !source.validation) notes.push('early stopping needs validation data; it was off');

  const every = hooks.reportEveryMs ?? 100;
  // On an asynchronous backend (WebGPU) queuing a step takes microseconds, so a time-only cadence
  // would queue seconds of work and a pause or stop would wait for all of it. Reads also cap the
  // steps in flight, at what the last read showed fits in `every` milliseconds.
  let stepCap = 1;
  let stepsSince = 0;
  const history: EpochReport[] = [];
  let stopped: TrainResult['stopped'] = 'completed';
  const keeper = new BestKeeper(trainable.variables);
  // The last epoch that ended with finite figures (0: before training), put back if the loss runs away.
  const lastGood = new WeightCopy(trainable.variables);
  let divergence: Divergence | null = null;
  let restoredEpoch: number | null = null;
  let divergedNote = '';
  // Set inside report(), which control-flow narrowing does not follow.
  const diverged = () => divergence !== null;
  const eta = new EtaEstimator();
  let trainMs = 0;
  let samples = 0;
  let steps = 0;
  let smoothed: number | null = null;
  let lossAcc: tf.Scalar = tf.scalar(0);
  let epochSize = 0;

  try {
    lastGood.take(0);
    for (let epoch = 1; epoch <= cfg.epochs && stopped === 'completed'; epoch++) {
      const t0 = performance.now();
      let activeMs = 0;
      let mark = t0;
      const lr = learningRate(cfg, epoch);
      trainable.setLearningRate(lr);
      const n = source.startEpoch(rng);
      epochSize = n;
      const batches = Math.ceil(n / cfg.batchSize);
      let epochLoss = 0;
      let sinceExamples = 0;
      let epochSamples = 0;
      let lastReport = t0;

      const report = async (batch: number) => {
        const snapshot = lossAcc;
        lossAcc = tf.scalar(0);
        const v = (await snapshot.data())[0];
        snapshot.dispose();
        if (!Number.isFinite(v)) {
          // Once the loss is not a number every later step is wasted: stop at this read.
          divergence = { what: 'the loss', value: v, epoch, step: batch };
          stopped = 'diverged';
          return;
        }
        epochLoss += v;
        const mean = v / Math.max(1, sinceExamples);
        sinceExamples = 0;
        smoothed = smoothed === null ? mean : 0.8 * smoothed + 0.2 * mean;
        hooks.onBatch?.({ epoch, batch, batches, loss: mean, smoothedLoss: smoothed });
        const now = performance.now();
        activeMs += now - mark;
        const perStep = (now - lastReport) / Math.max(1, stepsSince);
        stepCap = Math.max(1, Math.floor(every / Math.max(perStep, 1e-3)));
        stepsSince = 0;
        const elapsed = (trainMs + activeMs) / 1000;
        const done = samples + epochSamples;
        const rate = done / Math.max(1e-9, elapsed);
        eta.observe(done, elapsed);
        const inEpoch = n - Math.min(n, batch * cfg.batchSize);
        const left = inEpoch + (cfg.epochs - epoch) * epochSize;
        hooks.onProgress?.({
          epoch,
          epochs: cfg.epochs,
          batch,
          batches,
          samplesPerSecond: rate,
          etaSeconds: eta.secondsFor(left * source.samplesPerExample),
          elapsedSeconds: elapsed,
          samples: done,
          epochEtaSeconds: eta.secondsFor(inEpoch * source.samplesPerExample),
          loss: mean,
        });
        await yieldToEventLoop();
        if (hooks.pauseGate) await hooks.pauseGate();
        mark = performance.now();
        lastReport = mark;
      };

      for (let b = 0; b < batches; b++) {
        const host = source.batch(b * cfg.batchSize, Math.min(n, (b + 1) * cfg.batchSize), rng);
        const next = trainable.step(host, lossAcc, rng);
        lossAcc.dispose();
        lossAcc = next;
        sinceExamples += host.n;
        epochSamples += host.samples;
        steps++;
        stepsSince++;
        if (hooks.signal?.aborted) {
          stopped = 'aborted';
          break;
        }
        if (stepsSince >= stepCap || performance.now() - lastReport >= every || b === batches - 1) {
          await report(b + 1);
          if (diverged()) break;
          if (hooks.signal?.aborted) {
            stopped = 'aborted';
            break;
          }
        }
      }
      if (sinceExamples > 0 && !diverged()) await report(batches);
      trainMs += activeMs;
      samples += epochSamples;
      if (stopped === 'aborted' || diverged()) break;

      const valLoss = source.validation
        ? await meanLoss(trainable, source.validation, source.validationExamples)
        : null;
      const metrics = measure ? await measure.compute() : {};
      const watched = measure ? metrics[measure.name] : undefined;
      const rep: EpochReport = {
        epoch,
        loss: epochLoss / Math.max(1, n),
        valLoss,
        metric: measure && watched !== undefined ? { name: measure.name, value: watched } : null,
        metrics,
        baseline: measure?.baseline ?? null,
        lr,
        trainSeconds: activeMs / 1000,
        samplesPerSecond: epochSamples / Math.max(1e-9, activeMs / 1000),
      };
      history.push(rep);
      const bad: [string, number | null][] = [
        ['the validation loss', valLoss],
        [rep.metric?.name ?? '', rep.metric?.value ?? null],
      ];
      for (const [what, x] of bad)
        if (x !== null && !Number.isFinite(x) && !divergence) {
          divergence = { what, value: x, epoch, step: null };
          stopped = 'diverged';
        }

      if (es && stopped !== 'diverged') {
        // The validation metric when the family measures one (higher is better for hit rates), else the loss.
        const figure =
          monitor && rep.metric ? (monitor.higherIsBetter ? -rep.metric.value : rep.metric.value) : valLoss;
        if (figure !== null && Number.isFinite(figure)) {
          keeper.offer(epoch, figure, es.restoreBest);
          if (keeper.wait >= es.patience && epoch < cfg.epochs) {
            stopped = 'early-stopping';
            const what = monitor && rep.metric ? rep.metric.name : 'validation loss';
            notes.push(`stopped after epoch ${epoch}: no better ${what} for ${keeper.wait} epochs`);
          }
        }
      }
      // A copy per epoch, always, so the tensor count is the same at every epoch's report.
      if (stopped !== 'diverged') lastGood.take(epoch);
      // After the early-stopping bookkeeping, so a kept copy of the best weights counts every epoch alike.
      hooks.onEpoch?.(rep);
      if (hooks.signal?.aborted && stopped !== 'diverged') stopped = 'aborted';
    }
    if (divergence) {
      // The best epoch on validation when early stopping kept it, else the last good one.
      const best = keeper.held && keeper.bestEpoch !== null;
      const from = best ? keeper : lastGood;
      const epochKept = best ? keeper.bestEpoch : lastGood.epoch;
      const ok = from.restore() && epochKept !== null;
      if (ok) restoredEpoch = epochKept;
      divergedNote = divergenceNote(divergence, ok ? { epoch: epochKept, best } : null, cfg.lr);
      notes.push(divergedNote);
    } else if (
      stopped !== 'aborted' &&
      keeper.bestEpoch !== null &&
      keeper.bestEpoch !== history.at(-1)?.epoch
    ) {
      if (keeper.restore())
        notes.push(`weights restored from epoch ${keeper.bestEpoch}, the best on validation`);
    }
  } finally {
    lossAcc.dispose();
    keeper.dispose();
    lastGood.dispose();
  }
  const kept = es?.restoreBest && stopped !== 'aborted' ? keeper.bestEpoch : null;
  return {
    history,
    stopped,
    divergence: divergence ? { ...(divergence as Divergence), note: divergedNote } : null,
    bestEpoch: divergence ? restoredEpoch : (kept ?? keeper.bestEpoch),
    trainSeconds: trainMs / 1000,
    samples,
    samplesPerSecond: trainMs > 0 ? samples / (trainMs / 1000) : 0,
    steps,
    notes,
  };
}
