/**
 * The worker's training API without the worker: a run streams its phases, progress and epochs, pauses,
 * stops with an evaluated partial model, cancels without leaking tensors, and recommends only items
 * outside the user's training history.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { prepare } from '../../../src/data/prepare';
import { csrHas } from '../../../src/data/split';
import type { Dataset, PrepConfig } from '../../../src/data/types';
import { defaultModelConfig, NCF_TRAIN_DEFAULTS, type NcfExperiment } from '../../../src/models/ncf/config';
import type { EvalReport } from '../../../src/metrics/evaluate';
import { EVAL_DEFAULTS } from '../../../src/metrics/config';
import { DatasetStore } from '../../../src/worker/datasets';
import { JobRegistry } from '../../../src/worker/jobs';
import { KEPT_RUNS, type RunResult, type TrainEvent } from '../../../src/worker/protocol';
import { lowestUsers } from '../../../src/worker/subset';
import { createTrainingApi, RunStore } from '../../../src/worker/training';
import { clustered } from '../train/fixtures';

const prep: PrepConfig = {
  implicitThreshold: null,
  strictThreshold: false,
  split: { kind: 'leave-one-out' },
  negativesPerPositive: 4,
  seed: 3,
};

function config(epochs: number, batchSize = 64): NcfExperiment {
  return {
    prep,
    model: defaultModelConfig('neumf'),
    train: { ...NCF_TRAIN_DEFAULTS, epochs, batchSize, lr: 0.01 },
    eval: { ...EVAL_DEFAULTS, sampledNegatives: 20 },
  };
}

const ds: Dataset = clustered();
const jobs = new JobRegistry();
const store = new DatasetStore();
const handle = store.keep(ds);
const training = createTrainingApi(jobs, store, new RunStore());
/** The NCF family's runs, whose evaluation detail is the ranking report. */
const api = {
  ...training,
  train: (
    id: string,
    _ds: string,
    cfg: NcfExperiment,
    opts: { maxUsers: number | null },
    on: (e: TrainEvent) => void,
  ) =>
    training.train(id, handle, 'ncf', cfg, opts, on) as Promise<
      | { ok: true; value: RunResult<NcfExperiment, EvalReport> }
      | { ok: false; reason: string; cancelled: boolean }
    >,
};

const all = { maxUsers: null };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await initBackend({ choice: 'cpu' });
});

describe('training in the worker', () => {
  it('streams a run and returns its metrics, summary and a model for recommendations', async () => {
    const events: TrainEvent[] = [];
    const out = await api.train('a', 'ds', config(3), all, (e) => events.push(e));
    if (!out.ok) throw new Error(out.reason);
    const r = out.value;
    expect(r.history).toHaveLength(3);
    expect(r.stopped).toBe('completed');
    expect(r.detail.sampled?.hr).toBeGreaterThan(0);
    expect(Number.isFinite(r.detail.full?.ndcg)).toBe(true);
    expect(r.metrics['hr@10']).toBe(r.detail.sampled?.hr);
    expect(r.embeddingBlocks).toEqual(['GMF', 'MLP']);
    expect(r.summaryText).toContain('Trainable params');
    expect(r.samplesPerSecond).toBeGreaterThan(0);
    expect(r.maxUsers).toBeNull();
    expect(r.exampleUsers[0]).toBe('u0');
    const phases = events.flatMap((e) => (e.type === 'phase' ? [e.phase] : []));
    expect(phases).toEqual(['preparing the data', 'training', 'evaluating']);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(3);
    expect(events.some((e) => e.type === 'progress' && Number.isFinite(e.batch.smoothedLoss))).toBe(true);

    const split = prepare(ds, prep);
    if (!split.ok) throw new Error(split.reason);
    for (const user of ['u0', 'u7', 'u33']) {
      const recs = await api.recommend(r.runHandle, user, 10);
      if (!recs.ok) throw new Error(recs.reason);
      const u = ds.userIds.indexOf(user);
      expect(recs.value.items).toHaveLength(10);
      for (const it of recs.value.items) expect(csrHas(split.value.trainSeen, u, it.item)).toBe(false);
      expect(recs.value.history.length).toBeGreaterThan(0);
      for (const it of recs.value.history) expect(csrHas(split.value.trainSeen, u, it.item)).toBe(true);
      expect(recs.value.heldOut).toHaveLength(1);
    }
    expect(await api.recommend(r.runHandle, 'nobody', 10)).toEqual({
      ok: false,
      reason: "No user 'nobody' in clustered.",
    });
    api.releaseRun(r.runHandle);
    expect((await api.recommend(r.runHandle, 'u0', 10)).ok).toBe(false);
  });

  it('pauses between reports and resumes', async () => {
    let progress = 0;
    let paused = false;
    const run = api.train('p', 'ds', config(40, 16), all, (e) => {
      if (e.type !== 'progress') return;
      progress++;
      if (!paused) {
        paused = true;
        jobs.get('p')?.pause();
      }
    });
    await expect.poll(() => paused).toBe(true);
    await sleep(50);
    const before = progress;
    await sleep(400);
    expect(progress).toBe(before);
    jobs.get('p')?.resume();
    await expect.poll(() => progress, { timeout: 5000 }).toBeGreaterThan(before);
    jobs.get('p')?.stop();
    const out = await run;
    expect(out.ok).toBe(true);
  });

  it('stops after the current batch and still evaluates the partial model in full', async () => {
    let epochs = 0;
    const run = api.train('s', 'ds', config(500, 16), all, (e) => {
      if (e.type === 'epoch' && ++epochs === 2) jobs.get('s')?.stop();
    });
    const out = await run;
    if (!out.ok) throw new Error(out.reason);
    expect(out.value.stopped).toBe('stopped');
    expect(out.value.history.length).toBeLessThan(5);
    expect(out.value.detail.full).not.toBeNull();
    expect(out.value.detail.classification).not.toBeNull();
    expect(out.value.metrics['hr@10_full']).toBe(out.value.detail.full?.hr);
    api.releaseRun(out.value.runHandle);
  });

  it('cancels at once and frees the model it was training', async () => {
    const baseline = tf.memory().numTensors;
    let started = false;
    const run = api.train('c', 'ds', config(500, 16), all, (e) => {
      if (e.type === 'progress') started = true;
    });
    await expect.poll(() => started).toBe(true);
    jobs.get('c')?.cancel();
    expect(await run).toEqual({ ok: false, reason: 'Cancelled', cancelled: true });
    // The loop notices the abort at its next report and unwinds in the background.
    await expect.poll(() => tf.memory().numTensors, { timeout: 5000 }).toBe(baseline);
  });

  it('keeps the last few models and releases older ones', async () => {
    const handles: string[] = [];
    for (let k = 0; k <= KEPT_RUNS; k++) {
      const out = await api.train(`k${k}`, 'ds', config(1), all, () => undefined);
      if (!out.ok) throw new Error(out.reason);
      handles.push(out.value.runHandle);
    }
    expect((await api.recommend(handles[0], 'u0', 5)).ok).toBe(false);
    expect((await api.recommend(handles[KEPT_RUNS], 'u0', 5)).ok).toBe(true);
    // The worker says which runs it let go, so the UI never has to guess.
    expect(await api.keptRuns()).not.toContain(handles[0]);
    for (const h of handles) api.releaseRun(h);
  });

  it('trains a quick look on the users with the lowest ids', async () => {
    const out = await api.train('q', 'ds', config(1), { maxUsers: 12 }, () => undefined);
    if (!out.ok) throw new Error(out.reason);
    expect(out.value.users).toBe(12);
    expect(out.value.maxUsers).toBe(12);
    expect(out.value.dataset.name).toContain('12 lowest ids');
    expect(out.value.detail.sampled?.users).toBe(12);
    expect((await api.recommend(out.value.runHandle, 'u11', 5)).ok).toBe(true);
    expect((await api.recommend(out.value.runHandle, 'u50', 5)).ok).toBe(false);
    api.releaseRun(out.value.runHandle);
  });
});

describe('lowestUsers', () => {
  it('keeps the users with the numerically lowest ids, their rows, and the official split rows', () => {
    const base = clustered(12, 8, 3);
    // Ids in an order where text sorting and numeric sorting differ.
    const ids = ['10', '2', '1', '11', '3', '12', '4', '9', '5', '8', '6', '7'];
    const testRows = Int32Array.from([0, 4, 5, 30, 35]);
    const full: Dataset = { ...base, userIds: ids, officialSplits: [{ name: 'x', testRows }] };
    const sub = lowestUsers(full, 3);
    expect(sub.userIds).toEqual(['1', '2', '3']);
    expect(sub.nUsers).toBe(3);
    expect(sub.nItems).toBe(full.nItems);
    expect(sub.id).toBe(full.id);
    const kept = [2, 1, 4];
    const rows = [...full.interactions.user.keys()].filter((r) => kept.includes(full.interactions.user[r]));
    expect(Array.from(sub.interactions.user)).toEqual(
      rows.map((r) => kept.indexOf(full.interactions.user[r])),
    );
    expect(Array.from(sub.interactions.item)).toEqual(rows.map((r) => full.interactions.item[r]));
    const survivors = Array.from(testRows).filter((r) => rows.includes(r));
    expect(Array.from(sub.officialSplits[0].testRows)).toEqual(survivors.map((r) => rows.indexOf(r)));
    expect(lowestUsers(full, 12)).toBe(full);
  });
});
