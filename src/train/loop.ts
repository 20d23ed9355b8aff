/**
 * The training loop. Works on every backend, WebGPU included, because nothing in it reads a tensor
 * synchronously: the loss accumulates in a device scalar that is read with `await data()` about every
 * 100 ms (which also keeps an asynchronous backend's queue from racing ahead), and at the end of
 * each epoch. Between reads the loop yields a macrotask so a worker can receive stop and pause.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PreparedSplit } from '../data/types';
import { createRng } from '../data/rng';
import type { FactorModel } from '../models/factor';
import { createLossHead, type LossHead, type LossKind } from './losses';
import type { OptimizerKind } from './optimizers';
import { createSources, type HostBatch, type Sampling } from './batches';
import { StepRunner, upload } from './step';

export interface TrainConfig {
  loss: LossKind;
  /** Where BCE's zeros come from: sampled negatives, the whole unobserved matrix (001), or labels (002). */
  sampling: Sampling;
  /** WARP's candidates per positive (LightFM's max_sampled is 10). */
  warpSamples: number;
  optimizer: OptimizerKind;
  lr: number;
  /** The learning rate is multiplied by this after every epoch (1 keeps it constant). */
  lrDecay: number;
  /** 'cosine' anneals the learning rate from lr towards 0 over the epochs (per epoch), after lrDecay. */
  lrSchedule?: 'constant' | 'cosine';
  batchSize: number;
  epochs: number;
  /** Share of training examples held out for the validation loss (Keras' validation_split). */
  validationFraction: number;
  /** Stop when the validation loss has not improved for `patience` epochs (Keras' EarlyStopping). */
  earlyStopping: { patience: number; restoreBest: boolean } | null;
  /**
   * NeuMF only: first train GMF and MLP for `epochs` with Adam at `lr`, then start NeuMF from their
   * weights with the output layers weighted α and 1 - α (He et al. use α = 0.5, then plain SGD).
   */
  pretrain: { epochs: number; lr: number; alpha: number } | null;
  seed: number;
}

export const TRAIN_DEFAULTS: TrainConfig = {
  loss: 'bce',
  sampling: 'negatives',
  warpSamples: 10,
  optimizer: 'adam',
  lr: 0.001,
  lrDecay: 1,
  batchSize: 256,
  epochs: 20,
  validationFraction: 0,
  earlyStopping: null,
  pretrain: null,
  seed: 42,
};

/** The learning rate of an epoch (1-based) under the config's schedule. */
export function learningRate(cfg: TrainConfig, epoch: number): number {
  const lr = cfg.lr * (cfg.lrDecay ?? 1) ** (epoch - 1);
  if (cfg.lrSchedule !== 'cosine' || cfg.epochs <= 1) return lr;
  return lr * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / cfg.epochs));
}

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
  /** The chosen ranking metric after this epoch, e.g. sampled HR@10. */
  metric: { name: string; value: number } | null;
  trainSeconds: number;
  samplesPerSecond: number;
}

export interface TrainProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  samplesPerSecond: number;
  etaSeconds: number | null;
  elapsedSeconds: number;
}

export interface TrainHooks {
  onBatch?: (r: BatchReport) => void;
  onEpoch?: (r: EpochReport) => void;
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
  /** Awaited at every report point; return a promise that resolves on resume to pause. */
  pauseGate?: () => Promise<void> | void;
  /** The ranking metric computed after each epoch (not counted as training time). */
  epochMetric?: { name: string; compute: () => Promise<number> };
  /** Milliseconds between loss reads and progress reports. */
  reportEveryMs?: number;
}

export interface TrainResult {
  history: EpochReport[];
  stopped: 'completed' | 'early-stopping' | 'aborted';
  bestEpoch: number | null;
  /** Seconds spent in training steps (evaluation and pauses excluded). */
  trainSeconds: number;
  /** Scored (user, item) pairs: a BCE sample is one, a pairwise triplet two, a WARP positive 1 + K. */
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

/** Mean validation loss per example, read once. */
export async function validationLoss(
  model: FactorModel,
  head: LossHead,
  batches: HostBatch[],
  examples: number,
) {
  let acc = tf.scalar(0);
  for (const b of batches) {
    const next = tf.tidy(() => {
      const { rows, labels } = upload(b, head);
      const z = model.scorer.forward(model.params, rows, null).z;
      return tf.add(acc, head.lossSum(z, labels, b.n));
    });
    acc.dispose();
    acc = next as tf.Scalar;
  }
  const v = (await acc.data())[0];
  acc.dispose();
  return v / Math.max(1, examples);
}

export async function trainModel(
  model: FactorModel,
  split: PreparedSplit,
  negatives: number,
  cfg: TrainConfig,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const rng = createRng((cfg.seed ^ 0x9e3779b9) >>> 0);
  const head = createLossHead(cfg.loss, { warpSamples: cfg.warpSamples, nItems: split.nItems });
  model.scoreKind = cfg.loss === 'bce' ? 'logit' : 'ranking';
  const sources = createSources(
    split,
    {
      loss: cfg.loss,
      sampling: cfg.sampling,
      negatives,
      warpSamples: cfg.warpSamples,
      validationFraction: cfg.validationFraction,
    },
    rng.fork(),
  );
  const runner = new StepRunner(model, head, { kind: cfg.optimizer, lr: cfg.lr });
  const notes: string[] = [];
  if (cfg.earlyStopping && !sources.validation)
    notes.push('early stopping needs a validation split; it was off');

  const every = hooks.reportEveryMs ?? 100;
  // On an asynchronous backend (WebGPU) queuing a step takes microseconds, so a time-only cadence
  // would queue seconds of work and a pause or stop would wait for all of it. Reads also cap the
  // steps in flight, at what the last read showed fits in `every` milliseconds.
  let stepCap = 1;
  let stepsSince = 0;
  const history: EpochReport[] = [];
  let stopped: TrainResult['stopped'] = 'completed';
  let best = Infinity;
  let bestEpoch: number | null = null;
  let bestWeights: tf.Tensor[] | null = null;
  let wait = 0;
  let trainMs = 0;
  let samples = 0;
  let steps = 0;
  let smoothed: number | null = null;
  let lossAcc: tf.Scalar = tf.scalar(0);
  let epochSize = 0;

  try {
    for (let epoch = 1; epoch <= cfg.epochs && stopped === 'completed'; epoch++) {
      const t0 = performance.now();
      let activeMs = 0;
      let mark = t0;
      runner.setLearningRate(learningRate(cfg, epoch));
      const n = sources.train.startEpoch(rng);
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
        const rate = (samples + epochSamples) / ((trainMs + activeMs) / 1000);
        const left = n - Math.min(n, batch * cfg.batchSize) + (cfg.epochs - epoch) * epochSize;
        hooks.onProgress?.({
          epoch,
          epochs: cfg.epochs,
          batch,
          batches,
          samplesPerSecond: rate,
          etaSeconds: rate > 0 ? (left * head.width) / rate : null,
          elapsedSeconds: (trainMs + activeMs) / 1000,
        });
        await yieldToEventLoop();
        if (hooks.pauseGate) await hooks.pauseGate();
        mark = performance.now();
        lastReport = mark;
      };

      for (let b = 0; b < batches; b++) {
        const host = sources.train.batch(b * cfg.batchSize, Math.min(n, (b + 1) * cfg.batchSize), rng);
        const pairs = host.idx.length / 2;
        const next = runner.step(host, lossAcc, rng);
        lossAcc.dispose();
        lossAcc = next;
        sinceExamples += host.n;
        epochSamples += pairs;
        steps++;
        stepsSince++;
        if (hooks.signal?.aborted) {
          stopped = 'aborted';
          break;
        }
        if (stepsSince >= stepCap || performance.now() - lastReport >= every || b === batches - 1) {
          await report(b + 1);
          if (hooks.signal?.aborted) {
            stopped = 'aborted';
            break;
          }
        }
      }
      if (sinceExamples > 0) await report(batches);
      trainMs += activeMs;
      samples += epochSamples;
      if (stopped === 'aborted') break;

      const valLoss = sources.validation
        ? await validationLoss(model, head, sources.validation, sources.validationExamples)
        : null;
      const metric = hooks.epochMetric
        ? { name: hooks.epochMetric.name, value: await hooks.epochMetric.compute() }
        : null;
      const rep: EpochReport = {
        epoch,
        loss: epochLoss / Math.max(1, n),
        valLoss,
        metric,
        trainSeconds: activeMs / 1000,
        samplesPerSecond: epochSamples / (activeMs / 1000),
      };
      history.push(rep);

      if (cfg.earlyStopping && valLoss !== null) {
        if (valLoss < best) {
          best = valLoss;
          bestEpoch = epoch;
          wait = 0;
          if (cfg.earlyStopping.restoreBest) {
            if (bestWeights) tf.dispose(bestWeights);
            bestWeights = [tf.clone(model.table), ...(model.dense ? [tf.clone(model.dense)] : [])];
          }
        } else if (++wait >= cfg.earlyStopping.patience) {
          stopped = 'early-stopping';
          notes.push(`stopped after epoch ${epoch}: no better validation loss for ${wait} epochs`);
        }
      }
      // After the early-stopping bookkeeping, so a kept copy of the best weights counts every epoch alike.
      hooks.onEpoch?.(rep);
      if (hooks.signal?.aborted) stopped = 'aborted';
    }
    if (bestWeights && stopped !== 'aborted') {
      const [t, d] = bestWeights;
      model.table.assign(t as tf.Tensor2D);
      if (model.dense && d) model.dense.assign(d as tf.Tensor1D);
      notes.push(`weights restored from epoch ${bestEpoch}`);
    }
  } finally {
    lossAcc.dispose();
    if (bestWeights) tf.dispose(bestWeights);
    runner.dispose();
    head.dispose();
  }
  return {
    history,
    stopped,
    bestEpoch,
    trainSeconds: trainMs / 1000,
    samples,
    samplesPerSecond: trainMs > 0 ? samples / (trainMs / 1000) : 0,
    steps,
    notes,
  };
}
