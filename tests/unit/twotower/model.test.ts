/**
 * The two-tower model on the autodiff path: it trains through the generic loop under both objectives
 * with a flat tensor count, its in-batch softmax equals a reference computed by hand, its item vectors
 * have unit norm, and a config that cannot work on the data is refused with the reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { trainModel } from '../../../src/train/loop';
import {
  TOWER_EVAL_DEFAULTS,
  TOWER_PREP_DEFAULTS,
  TOWER_TRAIN_DEFAULTS,
  defaultTowerModel,
  type TowerExperiment,
  type TowerKind,
  type TowerModelConfig,
  type TowerTrainConfig,
} from '../../../src/models/twotower/config';
import { prepareTowers, type TowerData } from '../../../src/models/twotower/data';
import {
  NO_METADATA,
  NO_RATINGS,
  configProblem,
  twoTowerFamily,
  towerTraining,
} from '../../../src/models/twotower/family';
import { inBatchCandidates, TwoTowerModel } from '../../../src/models/twotower/model';
import { normStats } from '../../../src/models/twotower/evaluate';
import { countsOf } from '../../../src/models/twotower/features';
import { rated } from './fixture';
import { clustered } from '../train/fixtures';

beforeAll(async () => {
  await initBackend({ choice: 'cpu' });
});

function experiment(
  kind: TowerKind,
  train: Partial<TowerTrainConfig> = {},
  model: Partial<TowerModelConfig> = {},
): TowerExperiment {
  return {
    prep: structuredClone(TOWER_PREP_DEFAULTS),
    model: { ...defaultTowerModel(kind), layers: [16], embeddingDim: 8, idDim: 4, ...model },
    train: { ...TOWER_TRAIN_DEFAULTS, epochs: 3, batchSize: 32, ...train },
    eval: { ...TOWER_EVAL_DEFAULTS },
  };
}

function material(ds = rated()): TowerData {
  const r = prepareTowers(ds, TOWER_PREP_DEFAULTS, 0.1);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

const data = material();

describe('two-tower training', () => {
  const cases: [TowerKind, TowerTrainConfig['objective']][] = [
    ['features', 'rating'],
    ['hybrid', 'rating'],
    ['ids', 'rating'],
    ['features', 'retrieval'],
    ['hybrid', 'retrieval'],
  ];
  it.each(cases)(
    '%s towers, %s objective: the loss falls and no tensor is left behind',
    async (kind, objective) => {
      const before = tf.memory().numTensors;
      const cfg = experiment(kind, { objective, epochs: 6, lr: 0.01 });
      const model = new TwoTowerModel(data, cfg.model, cfg.train, 1);
      const t = towerTraining(model, data, cfg);
      const counts: number[] = [];
      const r = await trainModel(t.trainable, t.makeSource, cfg.train, {
        onEpoch: () => counts.push(tf.memory().numTensors),
      });
      t.trainable.dispose();
      expect(new Set(counts).size).toBe(1);
      expect(r.history.at(-1)?.loss).toBeLessThan(r.history[0].loss);
      expect(r.history[0].valLoss).not.toBeNull();
      const scores = await model.scoreUsers(Int32Array.of(0, 1));
      expect(scores.length).toBe(2 * data.nItems);
      if (objective === 'rating') for (const s of scores) expect(s >= 1 && s <= 5).toBe(true);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('normalises the item vectors to unit norm, hands out fresh copies, and sums its parameters', async () => {
    const cfg = experiment('hybrid');
    const model = new TwoTowerModel(data, cfg.model, cfg.train, 2);
    const [block] = await model.itemEmbeddings();
    expect(block).toMatchObject({ name: 'item tower', dim: 8, normalised: true });
    const n = normStats(block.vectors, 8);
    expect(n.min).toBeCloseTo(1, 5);
    expect(n.max).toBeCloseTo(1, 5);
    block.vectors.fill(0);
    expect(normStats((await model.itemEmbeddings())[0].vectors, 8).mean).toBeCloseTo(1, 5);
    const s = model.summary();
    expect(s.totalParams).toBe(model.variables.reduce((a, v) => a + v.size, 0));
    expect(s.rows.map((r) => r.name)).toContain('item_dense_out');
    const raw = new TwoTowerModel(data, { ...cfg.model, normalise: false }, cfg.train, 2);
    expect(normStats(await raw.itemVectors(), 8).std).toBeGreaterThan(0.01);
    model.dispose();
    raw.dispose();
  });

  it.each([true, false])(
    'computes the in-batch softmax with the log-popularity correction as by hand (distinct candidates: %s)',
    async (distinct) => {
      const cfg = experiment('features', {
        objective: 'retrieval',
        temperature: 0.5,
        removeAccidentalHits: distinct,
      });
      const model = new TwoTowerModel(data, cfg.model, cfg.train, 3);
      const users = Int32Array.of(0, 1, 2, 3);
      const items = Int32Array.of(5, 7, 5, 9);
      const batch = { cols: { user: users, item: items }, target: new Float32Array(4), n: 4, samples: 4 };
      const loss = tf.tidy(() => model.loss(batch));
      const got = (await loss.data())[0];
      loss.dispose();
      const [uv, iv] = [await model.userVectors(), await model.itemVectors()];
      const total = data.train.item.length;
      const counts = countsOf(data.train.item, data.nItems);
      const logq = (i: number) => Math.log(Math.max(counts[i], 1) / total);
      const logit = (u: number, i: number) => {
        let s = 0;
        for (let c = 0; c < 8; c++) s += uv[u * 8 + c] * iv[i * 8 + c];
        return s / 0.5 - logq(i);
      };
      // Without the removal, item 5's second copy is a negative of the rows holding item 5.
      const columns = distinct ? [5, 7, 9] : Array.from(items);
      let want = 0;
      users.forEach((u, r) => {
        const logits = columns.map((i) => logit(u, i));
        const m = Math.max(...logits);
        want += m + Math.log(logits.reduce((a, l) => a + Math.exp(l - m), 0)) - logit(u, items[r]);
      });
      expect(got).toBeCloseTo(want / 4, 4);
      expect(inBatchCandidates(items, distinct)).toEqual(
        distinct
          ? { candidates: Int32Array.of(5, 7, 9), label: Int32Array.of(0, 1, 0, 2) }
          : { candidates: items, label: Int32Array.of(0, 1, 2, 3) },
      );
      model.dispose();
    },
  );

  it('refuses feature towers without item metadata and regression without ratings, with the reason', () => {
    const bareDs = rated(20, 10, 5, 1, false);
    const bare = material(bareDs);
    expect(configProblem(bareDs, experiment('features'))).toBe(NO_METADATA);
    expect(twoTowerFamily.prepare(bareDs, experiment('features'))).toEqual({
      ok: false,
      reason: NO_METADATA,
    });
    expect(configProblem(bareDs, experiment('ids'))).toBeNull();
    expect(configProblem(bareDs, experiment('hybrid'))).toBeNull();
    expect(bare.view.notes.join(' ')).toMatch(/no item metadata/);
    const implicitDs = clustered();
    const implicit = material(implicitDs);
    expect(implicit.scale).toBeNull();
    expect(configProblem(implicitDs, experiment('ids'))).toBe(NO_RATINGS);
    expect(configProblem(implicitDs, experiment('ids', { objective: 'retrieval' }))).toBeNull();
    expect(implicit.user.names[0]).toBe('interactions');
  });

  it('starts from the seed: the same seed gives the same weights', async () => {
    const cfg = experiment('features');
    const a = new TwoTowerModel(data, cfg.model, cfg.train, 7);
    const b = new TwoTowerModel(data, cfg.model, cfg.train, 7);
    expect(await a.itemVectors()).toEqual(await b.itemVectors());
    a.dispose();
    b.dispose();
  });
});
