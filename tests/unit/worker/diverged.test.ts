/**
 * The worker's training API on a run whose loss runs away (the worker takes a config as it is; the UI's
 * form caps the learning rate, a hand-edited link need not): the run says 'diverged', with the loop's note
 * where the UI shows it, and its model holds finite weights.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/train/backend';
import { defaultModelConfig, NCF_TRAIN_DEFAULTS, type NcfExperiment } from '../../../src/models/ncf/config';
import { EVAL_DEFAULTS } from '../../../src/metrics/config';
import { DatasetStore } from '../../../src/worker/datasets';
import { JobRegistry } from '../../../src/worker/jobs';
import type { TrainEvent } from '../../../src/worker/protocol';
import { createTrainingApi, RunStore } from '../../../src/worker/training';
import { clustered } from '../train/fixtures';

const store = new DatasetStore();
const handle = store.keep(clustered());
const api = createTrainingApi(new JobRegistry(), store, new RunStore());

function config(kind: 'mf' | 'neumf', train: Partial<NcfExperiment['train']>): NcfExperiment {
  return {
    prep: {
      implicitThreshold: null,
      strictThreshold: false,
      split: { kind: 'leave-one-out' },
      negativesPerPositive: 4,
      seed: 3,
    },
    model: defaultModelConfig(kind),
    train: { ...NCF_TRAIN_DEFAULTS, epochs: 2, batchSize: 64, ...train },
    eval: { ...EVAL_DEFAULTS, sampledNegatives: 20 },
  };
}

beforeAll(async () => {
  await initBackend({ choice: 'cpu' });
});

describe('a diverged run in the worker', () => {
  it('says so, with the note, and keeps finite weights', async () => {
    const events: TrainEvent[] = [];
    const out = await api.train('d1', handle, 'ncf', config('mf', { lr: 1e30 }), { maxUsers: null }, (e) =>
      events.push(e),
    );
    if (!out.ok) throw new Error(out.reason);
    const r = out.value;
    expect(r.stopped).toBe('diverged');
    expect(r.bestEpoch).toBe(0);
    expect(r.divergence).toHaveLength(1);
    expect(r.divergence[0]).toMatch(
      /^the loss became (NaN|Infinity) at epoch 1, step \d+; kept the weights of epoch 0 \(before training\) — lower the learning rate \(now 1e\+30\)$/,
    );
    expect(r.notes).toContain(r.divergence[0]);
    // The weights put back score every item: the evaluation is a number, not NaN.
    expect(Number.isFinite(r.metrics['hr@10'])).toBe(true);
    const blocks = await api.embeddings(r.runHandle);
    if (!blocks.ok) throw new Error(blocks.reason);
    expect(blocks.value.every((b) => b.vectors.every(Number.isFinite))).toBe(true);
    api.releaseRun(r.runHandle);
  });

  it('names a pretraining phase that diverged, though the main training ran', async () => {
    const cfg = config('neumf', {
      lr: 0.01,
      epochs: 1,
      pretrain: { epochs: 1, lr: 1e30, alpha: 0.5 },
    });
    const out = await api.train('d2', handle, 'ncf', cfg, { maxUsers: null }, () => undefined);
    if (!out.ok) throw new Error(out.reason);
    const r = out.value;
    expect(r.stopped).toBe('diverged');
    expect(r.history).toHaveLength(1);
    expect(r.divergence[0]).toMatch(
      /^pretraining GMF: the loss became (NaN|Infinity) at epoch 1, step \d+; /,
    );
    api.releaseRun(r.runHandle);
  });
});
