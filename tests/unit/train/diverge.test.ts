/**
 * A run whose loss stops being a number (a learning rate far too high) stops at the next loss read, puts
 * back the last good weights and says so, instead of training on NaN and reporting "completed".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { prepare } from '../../../src/data/prepare';
import type { PreparedSplit } from '../../../src/data/types';
import type { Rng } from '../../../src/data/rng';
import { TRAIN_DEFAULTS, type TrainConfig } from '../../../src/train/config';
import { trainModel } from '../../../src/train/loop';
import type { Batch, BatchSource, Trainable } from '../../../src/train/trainable';
import { factorModel, fit, LOO } from '../../helpers/ncf';
import { clustered } from './fixtures';

let split: PreparedSplit;

beforeAll(async () => {
  await initBackend({ choice: 'cpu' });
  const r = prepare(clustered(), { ...LOO, split: { kind: 'leave-one-out' } });
  if (!r.ok) throw new Error(r.reason);
  split = r.value;
});

/**
 * One weight that counts the steps, and a loss that turns NaN (or a validation loss that does) from a
 * chosen step on: the step at which training stops can be counted exactly.
 */
function counting(badFrom: number, validation: 'nan' | 'finite' = 'finite') {
  const w = tf.variable(tf.scalar(0));
  let calls = 0;
  const trainable: Trainable<Batch> = {
    step: (_b, acc) =>
      tf.tidy(() => {
        calls++;
        w.assign(tf.add(w, 1));
        return tf.add(acc, calls >= badFrom ? NaN : 1);
      }),
    lossSum: () => tf.scalar(validation === 'nan' ? NaN : 1),
    setLearningRate: () => undefined,
    variables: [w],
    dispose: () => undefined,
  };
  const makeSource = (): BatchSource<Batch> => ({
    startEpoch: () => 20,
    batch: (from: number, to: number) => ({ n: to - from, samples: to - from }),
    validation: validation === 'nan' ? [{ n: 1, samples: 1 }] : null,
    validationExamples: 1,
    samplesPerExample: 1,
  });
  return { w, trainable, makeSource, steps: () => calls };
}

const cfg: TrainConfig = { ...TRAIN_DEFAULTS, batchSize: 1, epochs: 5, lr: 0.1 };

describe('a diverging run', () => {
  it('stops at the read that shows a NaN loss and keeps the weights of the last good epoch', async () => {
    const t = counting(37);
    const before = tf.memory().numTensors;
    const r = await trainModel(t.trainable, t.makeSource as (rng: Rng) => BatchSource<Batch>, cfg, {
      reportEveryMs: 0,
    });
    // Reads every step here: step 37 (epoch 2, batch 17) shows the NaN, and no step follows it.
    expect(t.steps()).toBe(37);
    expect(r.steps).toBe(37);
    expect(r.stopped).toBe('diverged');
    expect(r.divergence).toMatchObject({ what: 'the loss', value: NaN, epoch: 2, step: 17 });
    // Epoch 1 ended after 20 steps: its weights are back.
    expect((await t.w.data())[0]).toBe(20);
    expect(r.bestEpoch).toBe(1);
    expect(r.history.map((e) => e.epoch)).toEqual([1]);
    expect(r.notes).toContain(
      'the loss became NaN at epoch 2, step 17; kept the weights of epoch 1 — lower the learning rate (now 0.1)',
    );
    expect(tf.memory().numTensors).toBe(before);
    t.w.dispose();
  });

  it('stops after an epoch whose validation loss is NaN, with the weights before training', async () => {
    const t = counting(Infinity, 'nan');
    const r = await trainModel(t.trainable, t.makeSource as (rng: Rng) => BatchSource<Batch>, cfg);
    expect(r.stopped).toBe('diverged');
    expect(t.steps()).toBe(20);
    expect((await t.w.data())[0]).toBe(0);
    expect(r.bestEpoch).toBe(0);
    expect(r.notes).toContain(
      'the validation loss became NaN after epoch 1; kept the weights of epoch 0 (before training) — lower the learning rate (now 0.1)',
    );
    t.w.dispose();
  });

  it('MF with a learning rate of 1e30 ends with finite weights, those it started from', async () => {
    const m = factorModel(split, 'mf');
    const start = await m.getWeights();
    const before = tf.memory().numTensors;
    const r = await fit(m, split, { batchSize: 32, epochs: 3, lr: 1e30 }, { reportEveryMs: 0 });
    expect(r.stopped).toBe('diverged');
    expect(r.divergence?.epoch).toBe(1);
    // Reads every step: it stopped at the first step whose loss was not a number.
    expect(r.steps).toBe(r.divergence?.step);
    const after = await m.getWeights();
    expect(after.table.every(Number.isFinite)).toBe(true);
    expect(after.table).toEqual(start.table);
    expect(r.bestEpoch).toBe(0);
    expect(r.notes.at(-1)).toMatch(
      /^the loss became (NaN|Infinity) at epoch 1, step \d+; kept the weights of epoch 0 \(before training\) — lower the learning rate \(now 1e\+30\)$/,
    );
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});
