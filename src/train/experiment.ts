/**
 * One run end to end, for any family: build the model (a family may train parts of it first, as NeuMF's
 * pretraining does), train it with the generic loop, evaluate it. What the worker and the CLI call.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Evaluation, ModelFamily, ModelSummary, Phase, TrainedModel } from './family';
import { trainModel, type EpochReport, type TrainHooks, type TrainResult } from './loop';
import type { ExperimentConfig } from './spec';

export interface ExperimentHooks extends Omit<TrainHooks, 'validation'> {
  /** 'pretraining GMF', 'training', 'evaluating'. */
  onPhase?: (phase: string) => void;
  /** Measure the validation figure after every epoch (default true). */
  validation?: boolean;
}

export interface ExperimentResult<C extends ExperimentConfig = ExperimentConfig, R = unknown> {
  config: C;
  summary: ModelSummary;
  history: EpochReport[];
  /** Training phases before the main one (NeuMF's pretraining), in order. */
  phases: Phase[];
  train: TrainResult | null;
  /** How training ended, over every phase: 'diverged' when any phase did (a pretraining one included). */
  stopped: TrainResult['stopped'];
  /** Where any phase diverged, in words (each also in `notes`). */
  divergence: string[];
  /** The training notes of every phase (a pretraining phase's prefixed with its name), then the main one's. */
  notes: string[];
  evaluation: Evaluation<R>;
  backend: string;
  /** The trained model, for recommendations. The caller disposes it. */
  model: TrainedModel;
}

export async function runExperiment<C extends ExperimentConfig, D, R>(
  family: ModelFamily<C, D, R>,
  data: D,
  cfg: C,
  hooks: ExperimentHooks = {},
): Promise<ExperimentResult<C, R>> {
  const phases: Phase[] = [];
  const loopHooks = (validation: TrainHooks['validation']): TrainHooks => ({
    ...hooks,
    validation: hooks.validation === false ? undefined : validation,
  });
  const built = await family.build(data, cfg, {
    hooks: loopHooks(undefined),
    onPhase: (p) => hooks.onPhase?.(p),
    async trainPhase(name, training, tc) {
      hooks.onPhase?.(name);
      try {
        const r = await trainModel(
          training.trainable,
          training.makeSource,
          tc,
          loopHooks(training.validation),
        );
        phases.push({ name, history: r.history, divergence: r.divergence?.note ?? null });
        return r;
      } finally {
        training.trainable.dispose();
      }
    },
  });
  const { model, training } = built;
  let train: TrainResult | null = null;
  try {
    if (training && !hooks.signal?.aborted) {
      hooks.onPhase?.('training');
      train = await trainModel(
        training.trainable,
        training.makeSource,
        cfg.train,
        loopHooks(training.validation),
      );
    }
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    training?.trainable.dispose();
  }
  const early = phases.filter((p) => p.divergence !== null);
  hooks.onPhase?.('evaluating');
  const evaluation = await family.evaluate(model, data, cfg, { signal: hooks.signal });
  return {
    config: cfg,
    summary: model.summary(),
    history: train?.history ?? [],
    phases,
    train,
    stopped: early.length && train?.stopped !== 'aborted' ? 'diverged' : (train?.stopped ?? 'completed'),
    divergence: [
      ...phases.flatMap((p) => (p.divergence ? [`${p.name}: ${p.divergence}`] : [])),
      ...(train?.divergence ? [train.divergence.note] : []),
    ],
    notes: [
      ...phases.flatMap((p) => (p.divergence ? [`${p.name}: ${p.divergence}`] : [])),
      ...(train?.notes ?? []),
    ],
    evaluation,
    backend: tf.getBackend(),
    model,
  };
}
