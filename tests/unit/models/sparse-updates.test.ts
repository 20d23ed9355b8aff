import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { createRng } from '../../../src/data/rng';
import { MF_DEFAULTS, NCF_SEED_PRESETS } from '../../../src/models/ncf/config';
import { createNcfScorer } from '../../../src/models/ncf/ncf';
import { createMfScorer } from '../../../src/models/ncf/mf';
import { FactorModel } from '../../../src/models/ncf/engine/factor';
import { createLossHead } from '../../../src/models/ncf/engine/losses';
import { FactorTrainable, useSparse, type SparseUpdates } from '../../../src/models/ncf/engine/step';
import { FlatOptimizer, RowOptimizer, type OptimizerConfig } from '../../../src/train/optimizers';
import type { PairBatch } from '../../../src/train/sources/pairs';
import { prepare } from '../../../src/data/prepare';
import { buildModel, factorTraining } from '../../../src/models/ncf/family';
import { trainModel } from '../../../src/train/loop';
import { experiment, LOO } from '../../helpers/ncf';
import { clustered } from '../train/fixtures';

const WASM = `${join(__dirname, '../../../node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`;
const nUsers = 7;
const nItems = 9;

function batch(seed: number, n: number, everyRow = false): PairBatch {
  const rng = createRng(seed);
  const user = Int32Array.from({ length: n }, (_, j) => (everyRow ? j % nUsers : rng.int(3)));
  const item = Int32Array.from({ length: n }, (_, j) => (everyRow ? j % nItems : 2 + rng.int(3)));
  const labels = Float32Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
  return { user, item, labels, width: 1, n, samples: n };
}

type Kind = 'neumf' | 'mf';

/** The table after `steps` steps of one model trained with the given update mode. */
async function trainTable(
  kind: Kind,
  opt: OptimizerConfig,
  mode: SparseUpdates,
  batches: PairBatch[],
): Promise<{ table: Float32Array; start: Float32Array; sparse: boolean; leaked: number }> {
  const scorer =
    kind === 'neumf'
      ? createNcfScorer(
          { ...NCF_SEED_PRESETS['002'], gmfDim: 3, mlpDim: 4, mlpLayers: [6, 3] } as never,
          nUsers,
          nItems,
        )
      : createMfScorer({ ...MF_DEFAULTS.mf, dim: 4, l2: 0 }, nUsers, nItems);
  const model = new FactorModel(kind, scorer, 3);
  const start = (await model.table.data()) as Float32Array;
  const t = new FactorTrainable(model, createLossHead('bce'), opt, mode);
  let acc = tf.scalar(0);
  const rng = createRng(1);
  // Counted from after the first step: the optimizers and loss head keep their scalars on first use.
  let after1 = 0;
  for (const b of batches) {
    const a = t.step(b, acc, rng);
    acc.dispose();
    acc = a;
    after1 ||= tf.memory().numTensors;
  }
  const leaked = tf.memory().numTensors - after1;
  acc.dispose();
  const table = (await model.table.data()) as Float32Array;
  const sparse = t.sparse;
  t.dispose();
  model.dispose();
  return { table, start, sparse, leaked };
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let k = 0; k < a.length; k++) d = Math.max(d, Math.abs(a[k] - b[k]));
  return d;
}

const ADAM: OptimizerConfig = { kind: 'adam', lr: 0.01 };
const SGD: OptimizerConfig = { kind: 'sgd', lr: 0.5 };
const ADAGRAD: OptimizerConfig = { kind: 'adagrad', lr: 0.1 };

function sparseAgreesWithDense(backend: 'cpu' | 'wasm') {
  describe(`sparse table updates equal the dense ones where they should (${backend})`, () => {
    it('starts the backend', async () => {
      const r = await initBackend({ choice: backend, wasmPath: WASM });
      expect(r.name).toBe(backend);
    });

    for (const kind of ['neumf', 'mf'] as const) {
      it(`${kind}: Adam's first step, SGD and Adagrad over several partial batches`, async () => {
        const first = [batch(1, 12)];
        const several = [batch(1, 12), batch(2, 12), batch(3, 12)];
        for (const [opt, batches] of [
          [ADAM, first],
          [SGD, several],
          [ADAGRAD, several],
        ] as const) {
          const dense = await trainTable(kind, opt, 'off', batches);
          const sparse = await trainTable(kind, opt, 'on', batches);
          expect(dense.sparse).toBe(false);
          expect(sparse.sparse).toBe(true);
          expect(maxDiff(sparse.table, dense.table), `${opt.kind}`).toBeLessThan(1e-5);
          // The batches moved the table: equal because both updated, not because neither did.
          expect(maxDiff(sparse.table, sparse.start)).toBeGreaterThan(1e-3);
          expect(sparse.leaked).toBe(0);
        }
      });

      it(`${kind}: Adam over batches holding every row equals dense Adam`, async () => {
        const batches = [batch(1, 63, true), batch(2, 63, true), batch(3, 63, true)];
        const dense = await trainTable(kind, ADAM, 'off', batches);
        const sparse = await trainTable(kind, ADAM, 'on', batches);
        expect(maxDiff(sparse.table, dense.table)).toBeLessThan(1e-5);
      });
    }

    it('lazy Adam leaves rows outside the batch alone, where dense Adam moves them on momentum', async () => {
      // Rows of users 0-2 and items 2-4 only; user 6's row (row 6) is never in a batch after the first.
      const batches = [batch(1, 63, true), batch(2, 12), batch(3, 12)];
      const dense = await trainTable('mf', ADAM, 'off', batches);
      const sparse = await trainTable('mf', ADAM, 'on', batches);
      const once = await trainTable('mf', ADAM, 'on', batches.slice(0, 1));
      const row6 = (t: Float32Array) => t.subarray(6 * 6, 7 * 6);
      expect(maxDiff(row6(sparse.table), row6(once.table))).toBe(0);
      expect(maxDiff(row6(dense.table), row6(once.table))).toBeGreaterThan(1e-4);
    });
  });
}

sparseAgreesWithDense('cpu');
sparseAgreesWithDense('wasm');

describe('choosing sparse updates', () => {
  it('auto takes them only above 20k table rows (not ML-100k nor ML-1M), or when forced', async () => {
    await initBackend({ choice: 'cpu' });
    expect(useSparse('auto', 2_625)).toBe(false);
    expect(useSparse('auto', 9_746)).toBe(false);
    expect(useSparse('auto', 29_153)).toBe(true);
    expect(useSparse('auto', 180_000)).toBe(true);
    expect(useSparse('off', 180_000)).toBe(false);
    expect(useSparse('on', 10)).toBe(true);
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`${backend}: a copy of the weights or a read taken before a sparse step keeps its values`, async () => {
      await initBackend({ choice: backend, wasmPath: WASM });
      const model = new FactorModel('mf', createMfScorer({ ...MF_DEFAULTS.mf, dim: 4 }, nUsers, nItems), 3);
      const t = new FactorTrainable(model, createLossHead('bce'), SGD, 'on');
      // The loop keeps the best epoch's weights as a clone (shared storage); the CPU backend's data()
      // hands out its own array.
      const copy = tf.clone(model.table);
      const read = (await model.table.data()) as Float32Array;
      const before = read.slice();
      const acc = t.step(batch(1, 12), tf.scalar(0), createRng(1));
      expect(maxDiff((await copy.data()) as Float32Array, before)).toBe(0);
      expect(maxDiff(read, before)).toBe(0);
      expect(maxDiff((await model.table.data()) as Float32Array, before)).toBeGreaterThan(1e-3);
      tf.dispose([acc, copy]);
      t.dispose();
      model.dispose();
    });
  }
});

describe('sparse updates in the training loop', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`${backend}: numTensors stays flat across epochs, the loss falls, early stopping restores`, async () => {
      await initBackend({ choice: backend, wasmPath: WASM });
      const split = prepare(clustered(), LOO);
      if (!split.ok) throw new Error(split.reason);
      const cfg = experiment(
        { ...MF_DEFAULTS.mf, dim: 8 },
        {
          batchSize: 32,
          epochs: 6,
          lr: 0.01,
          earlyStopping: { patience: 10, restoreBest: true },
        },
      );
      const model = buildModel(cfg.model, split.value, 1) as FactorModel;
      const t = factorTraining(model, split.value, cfg);
      t.trainable.dispose();
      const trainable = new FactorTrainable(model, createLossHead('bce'), { kind: 'adam', lr: 0.01 }, 'on');
      expect(trainable.sparse).toBe(true);
      const before = tf.memory().numTensors;
      const counts: number[] = [];
      const r = await trainModel(trainable, t.makeSource, cfg.train, {
        validation: t.validation ?? undefined,
        onEpoch: () => counts.push(tf.memory().numTensors),
      });
      trainable.dispose();
      expect(counts).toHaveLength(6);
      expect(new Set(counts).size).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
      expect(r.history[5].loss).toBeLessThan(r.history[0].loss * 0.9);
      model.dispose();
    });
  }
});

describe('RowOptimizer against FlatOptimizer on one table', () => {
  it('with L2, lazy decay touches only the given rows; dense decays the others too', async () => {
    await initBackend({ choice: 'cpu' });
    const theta = Float32Array.from({ length: 12 }, (_, k) => 1 + k / 10);
    const decay = new Float32Array(12).fill(0.2);
    const grad = new Float32Array(12);
    grad.set([0.5, -0.5, 0.25], 3);
    const lazy = theta.slice();
    new RowOptimizer(12, 3, SGD, null, decay).apply(lazy, Int32Array.of(1), grad.subarray(3, 6));
    const v = tf.variable(tf.tensor2d(theta, [4, 3]));
    const dense = new FlatOptimizer(v, SGD, null, decay);
    tf.tidy(() => dense.apply(tf.tensor2d(grad, [4, 3])));
    const d = (await v.data()) as Float32Array;
    expect(maxDiff(lazy.subarray(3, 6), d.subarray(3, 6))).toBeLessThan(1e-6);
    expect(Array.from(lazy.subarray(0, 3))).toEqual(Array.from(theta.subarray(0, 3)));
    expect(maxDiff(d.subarray(0, 3), theta.subarray(0, 3))).toBeGreaterThan(0.05);
    dense.dispose();
    v.dispose();
  });
});

afterAll(async () => {
  await tf.setBackend('cpu');
});
