import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { prepare } from '../../../src/data/prepare';
import type { PrepConfig, PreparedSplit } from '../../../src/data/types';
import {
  defaultModelConfig,
  NCF_TRAIN_DEFAULTS,
  type NcfModelConfig as ModelConfig,
  type NcfConfig,
  type NcfTrainConfig as TrainConfig,
} from '../../../src/models/ncf/config';
import { FactorModel } from '../../../src/models/ncf/engine/factor';
import { createNcfScorer } from '../../../src/models/ncf/ncf';
import { neumfFromPretrained } from '../../../src/models/ncf/pretrain';
import { ncfFamily } from '../../../src/models/ncf/family';
import { runExperiment } from '../../../src/train/experiment';
import { experiment, factorModel, fit } from '../../helpers/ncf';
import { recommend } from '../../../src/train/recommend';
import { csrHas } from '../../../src/data/split';
import { EVAL_DEFAULTS, sampleCandidates, sampledMetric } from '../../../src/metrics/evaluate';
import { clustered } from './fixtures';

const prep: PrepConfig = {
  implicitThreshold: null,
  strictThreshold: false,
  split: { kind: 'leave-one-out' },
  negativesPerPositive: 4,
  seed: 3,
};
let split: PreparedSplit;

function model(cfg: ModelConfig): FactorModel {
  return factorModel(split, cfg);
}

beforeAll(async () => {
  await initBackend({ choice: 'cpu' });
  const r = prepare(clustered(), prep);
  if (!r.ok) throw new Error(r.reason);
  split = r.value;
});

const small: TrainConfig = { ...NCF_TRAIN_DEFAULTS, batchSize: 32, epochs: 4, lr: 0.01 };

describe('training loop', () => {
  it('keeps tf.memory().numTensors flat across epochs, for every loss', async () => {
    const cases: [ModelConfig, TrainConfig][] = [
      [
        {
          ...defaultModelConfig('neumf'),
          gmfDim: 4,
          mlpDim: 4,
          mlpLayers: [8, 4],
          dropout: 0.2,
        } as ModelConfig,
        { ...small, validationFraction: 0.2 },
      ],
      [defaultModelConfig('mf'), { ...small, loss: 'bce' }],
      [defaultModelConfig('bpr'), { ...small, loss: 'bpr' }],
      [defaultModelConfig('warp'), { ...small, loss: 'warp', warpSamples: 5 }],
      [
        { ...defaultModelConfig('neumf'), gmfDim: 4, mlpDim: 4, mlpLayers: [4] } as ModelConfig,
        { ...small, loss: 'pairwise' },
      ],
      [
        defaultModelConfig('gmf'),
        {
          ...small,
          sampling: 'all-unobserved',
          earlyStopping: { patience: 10, restoreBest: true },
          validationFraction: 0.1,
        },
      ],
    ];
    for (const [mc, tc] of cases) {
      const m = model(mc);
      const before = tf.memory().numTensors;
      const counts: number[] = [];
      const r = await fit(m, split, tc, { onEpoch: () => counts.push(tf.memory().numTensors) });
      expect(r.history.length).toBe(tc.epochs);
      expect(new Set(counts).size).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
      expect(r.history.every((e) => Number.isFinite(e.loss))).toBe(true);
      m.dispose();
    }
  });

  it('learns: the loss falls and the sampled HR beats chance', async () => {
    const m = model({ ...defaultModelConfig('mf'), dim: 8 } as ModelConfig);
    const c = sampleCandidates(split, 20, 5);
    const before = (await sampledMetric(m, c, 5)).hr;
    const r = await fit(m, split, { ...small, epochs: 15 });
    expect(r.history[14].loss).toBeLessThan(r.history[0].loss * 0.8);
    const after = (await sampledMetric(m, c, 5)).hr;
    // Chance is 5 of 21 candidates; the clusters make far better possible.
    expect(after).toBeGreaterThan(Math.max(before, 5 / 21) + 0.2);
    m.dispose();
  });

  it('reports progress and smoothed batch losses, and stops on abort', async () => {
    const m = model(defaultModelConfig('neumf'));
    const ctl = new AbortController();
    let stepsAtAbort = -1;
    let batches = 0;
    const progress: number[] = [];
    const r = await fit(
      m,
      split,
      { ...small, batchSize: 8, epochs: 50 },
      {
        reportEveryMs: 0,
        onBatch: (b) => {
          batches++;
          expect(Number.isFinite(b.smoothedLoss)).toBe(true);
          if (batches === 5) {
            ctl.abort();
            stepsAtAbort = batches;
          }
        },
        onProgress: (p) => progress.push(p.samplesPerSecond),
        signal: ctl.signal,
      },
    );
    expect(r.stopped).toBe('aborted');
    // Reports come after every step here, so the loop must stop at the step that saw the abort.
    expect(r.steps).toBe(stepsAtAbort);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((s) => s > 0)).toBe(true);
    m.dispose();
  });

  it('pauses at a report point and resumes', async () => {
    const m = model(defaultModelConfig('gmf'));
    let release: () => void = () => {};
    let paused = false;
    let stepsWhilePaused = 0;
    let reports = 0;
    const run = fit(
      m,
      split,
      { ...small, epochs: 2 },
      {
        reportEveryMs: 0,
        onBatch: () => {
          reports++;
          if (paused) stepsWhilePaused++;
        },
        pauseGate: () => {
          if (reports !== 3) return;
          paused = true;
          return new Promise<void>((res) => (release = res));
        },
      },
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(paused).toBe(true);
    expect(stepsWhilePaused).toBe(0);
    paused = false;
    release();
    const r = await run;
    expect(r.stopped).toBe('completed');
    expect(r.history.length).toBe(2);
    m.dispose();
  });

  it('stops early when the validation loss stops improving, and restores the best weights', async () => {
    const m = model({ ...defaultModelConfig('mlp'), mlpDim: 16, mlpLayers: [64, 32] } as ModelConfig);
    const r = await fit(m, split, {
      ...small,
      lr: 0.05,
      epochs: 40,
      validationFraction: 0.25,
      earlyStopping: { patience: 2, restoreBest: true },
    });
    expect(r.stopped).toBe('early-stopping');
    expect(r.history.length).toBeLessThan(40);
    const best = Math.min(...r.history.map((e) => e.valLoss as number));
    expect(r.history[(r.bestEpoch as number) - 1].valLoss).toBe(best);
    expect(r.notes.join(' ')).toContain('restored');
    m.dispose();
  });
});

describe('experiment and recommendations', () => {
  it('runs end to end, and recommends only items outside the training history', async () => {
    const withVal = { ...prep, split: { kind: 'leave-one-out' as const, validation: true } };
    const valSplit = prepare(clustered(), withVal);
    if (!valSplit.ok) throw new Error(valSplit.reason);
    const res = await runExperiment(ncfFamily, valSplit.value, {
      ...experiment(defaultModelConfig('mf'), { ...small, epochs: 3, earlyStopping: null }, withVal),
      eval: { ...EVAL_DEFAULTS, sampledNegatives: 20 },
    });
    expect(res.history.length).toBe(3);
    // The per-epoch figure is measured on the validation items, with popularity's beside it.
    expect(res.history[0].metric?.name).toBe('val hr@10 (sampled)');
    expect(res.history[0].baseline?.name).toBe('popularity');
    expect(res.evaluation.metrics['hr@10']).toBeGreaterThan(0);
    expect(res.evaluation.metrics['hr@10_full']).toBeGreaterThan(0);
    for (let u = 0; u < 10; u++) {
      const recs = await recommend(res.model, u, 10, valSplit.value.seenBeforeTest);
      expect(recs.length).toBe(10);
      for (const r of recs) expect(csrHas(valSplit.value.seenBeforeTest, u, r.item)).toBe(false);
      for (let j = 1; j < recs.length; j++) expect(recs[j - 1].score).toBeGreaterThanOrEqual(recs[j].score);
    }
    res.model.dispose();
  });

  it('pretrains GMF and MLP before NeuMF when asked', async () => {
    const res = await runExperiment(ncfFamily, split, {
      ...experiment(
        { ...defaultModelConfig('neumf'), gmfDim: 4, mlpDim: 4, mlpLayers: [6, 3] } as ModelConfig,
        { ...small, epochs: 0, pretrain: { epochs: 2, lr: 0.01, alpha: 0.3 } },
        prep,
      ),
      eval: { ...EVAL_DEFAULTS, fullRanking: false },
    });
    expect(res.phases.map((p) => [p.name, p.history.length])).toEqual([
      ['pretraining GMF', 2],
      ['pretraining MLP', 2],
    ]);
    res.model.dispose();
  });

  it('NeuMF from pretrained parts scores α·GMF + (1 - α)·MLP exactly', async () => {
    const base = { ...defaultModelConfig('neumf'), gmfDim: 3, mlpDim: 4, mlpLayers: [5, 2] } as NcfConfig;
    const parts = await Promise.all(
      (['gmf', 'mlp'] as const).map(async (kind, k) => {
        const cfg = { ...base, kind };
        const m = factorModel(split, cfg, 10 + k);
        await fit(m, split, { ...small, epochs: 1 });
        return { config: cfg, scorer: m.scorer, weights: await m.getWeights(), model: m };
      }),
    );
    const scorer = createNcfScorer(base, split.nUsers, split.nItems);
    const neumf = new FactorModel(
      'neumf',
      scorer,
      1,
      neumfFromPretrained(scorer, base, parts[0], parts[1], 0.3),
    );
    const users = Int32Array.from({ length: 30 }, (_, j) => j % split.nUsers);
    const items = Int32Array.from({ length: 30 }, (_, j) => (7 * j) % split.nItems);
    const [zn, zg, zm] = await Promise.all([
      neumf.scorePairs(users, items),
      parts[0].model.scorePairs(users, items),
      parts[1].model.scorePairs(users, items),
    ]);
    zn.forEach((z, j) => expect(z).toBeCloseTo(0.3 * zg[j] + 0.7 * zm[j], 5));
    neumf.dispose();
    parts.forEach((p) => p.model.dispose());
  });
});
