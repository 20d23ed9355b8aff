import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { createNcfScorer } from '../../../src/models/ncf/ncf';
import { createMfScorer } from '../../../src/models/ncf/mf';
import { MF_DEFAULTS, NCF_DEFAULTS, type LossKind, type NcfConfig } from '../../../src/models/ncf/config';
import { FactorModel, pairIndex, uploadRows } from '../../../src/models/ncf/engine/factor';
import { createLossHead } from '../../../src/models/ncf/engine/losses';
import { createRng } from '../../../src/data/rng';
import { lossReference, mfReference, ncfReference } from './reference';
import type { ParamLayout } from '../../../src/models/ncf/engine/params';

const nUsers = 7;
const nItems = 11;
const users = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 0, 1, 0, 3, 3, 6]);
const items = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 3, 9, 0]);
const n = users.length;

async function values(t: tf.Tensor): Promise<Float32Array> {
  return (await t.data()) as Float32Array;
}

function expectClose(a: Float32Array, b: Float32Array, tol = 1e-4) {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]) / (1e-3 + Math.abs(b[k])));
  expect(worst).toBeLessThan(tol);
}

const masked = (t: Float32Array, mask: Float32Array | null) => (mask ? t.map((v, k) => v * mask[k]) : t);

beforeAll(async () => {
  await initBackend({ choice: 'cpu' });
});

const ncfCases: [string, NcfConfig][] = [
  ['GMF', NCF_DEFAULTS.gmf],
  ['MLP', { ...NCF_DEFAULTS.mlp, mlpDim: 4, mlpLayers: [6, 3] }],
  ['NeuMF', { ...NCF_DEFAULTS.neumf, gmfDim: 3, mlpDim: 4, mlpLayers: [6, 5, 2] }],
  [
    'NeuMF, tanh, dropout each, activity L2',
    {
      ...NCF_DEFAULTS.neumf,
      gmfDim: 2,
      mlpDim: 3,
      mlpLayers: [4, 3],
      activation: 'tanh',
      dropout: 0.5,
      activityL2: 0.01,
    },
  ],
  [
    'NeuMF, sigmoid layers, sigmoid GMF, dropout last (seed 004)',
    {
      ...NCF_DEFAULTS.neumf,
      gmfDim: 3,
      mlpDim: 3,
      mlpLayers: [5, 4],
      activation: 'sigmoid',
      gmfSigmoid: true,
      dropout: 0.3,
      dropoutAt: 'last',
    },
  ],
];

describe('hand-written backward passes equal tfjs autodiff (CPU backend)', () => {
  for (const [name, cfg] of ncfCases) {
    it(name, async () => {
      const scorer = createNcfScorer({ ...cfg, embeddingStd: 0.5 }, nUsers, nItems);
      const model = new FactorModel(cfg.kind, scorer, 3);
      const rng = createRng(5);
      const dz = tf.tensor2d(
        Array.from({ length: n }, () => rng.normal()),
        [n, 1],
      );
      const widths = scorer.dropoutWidths();
      const masks = widths.map((w) =>
        tf.tensor2d(
          Array.from({ length: n * w }, () => (rng.next() < 0.6 ? 1 / 0.6 : 0)),
          [n, w],
        ),
      );
      const manual = tf.tidy(() => {
        const fw = scorer.forward(
          model.params,
          uploadRows(pairIndex(nUsers, users, items)),
          masks.length ? masks : null,
        );
        const g = scorer.backward(fw, dz);
        return [fw.z, g.table, g.dense as tf.Tensor];
      });
      const dense = model.dense as tf.Variable<tf.Rank.R1>;
      const layout = scorer.denseLayout as ParamLayout;
      const ref = tf.tidy(() => {
        const f = (t: tf.Tensor, d: tf.Tensor) => {
          const r = ncfReference(
            { ...cfg },
            layout,
            nUsers,
            t as tf.Tensor2D,
            d as tf.Tensor1D,
            users,
            items,
            masks.length ? masks : null,
          );
          return tf.add(tf.sum(tf.mul(r.z, dz)), r.penalty) as tf.Scalar;
        };
        const z = ncfReference(
          cfg,
          layout,
          nUsers,
          model.table,
          dense,
          users,
          items,
          masks.length ? masks : null,
        ).z;
        return [z, ...tf.grads(f)([model.table, dense])];
      });
      expectClose(await values(manual[0]), await values(ref[0]));
      expectClose(await values(manual[1]), await values(ref[1]));
      const mask = layout.trainMask();
      expectClose(masked(await values(manual[2]), mask), masked(await values(ref[2]), mask));
      tf.dispose([...manual, ...ref, dz, ...masks]);
      model.dispose();
    });
  }

  it('MF with biases riding in the dot product', async () => {
    const scorer = createMfScorer({ ...MF_DEFAULTS.mf, dim: 4, embeddingStd: 0.5 }, nUsers, nItems);
    const model = new FactorModel('mf', scorer, 3);
    const rng = createRng(9);
    const dz = tf.tensor2d(
      Array.from({ length: n }, () => rng.normal()),
      [n, 1],
    );
    const manual = tf.tidy(() => {
      const fw = scorer.forward(model.params, uploadRows(pairIndex(nUsers, users, items)), null);
      return [fw.z, scorer.backward(fw, dz).table];
    });
    const ref = tf.tidy(() => {
      const f = (t: tf.Tensor) =>
        tf.sum(tf.mul(mfReference(MF_DEFAULTS.mf, nUsers, t as tf.Tensor2D, users, items), dz)) as tf.Scalar;
      return [mfReference(MF_DEFAULTS.mf, nUsers, model.table, users, items), tf.grad(f)(model.table)];
    });
    expectClose(await values(manual[0]), await values(ref[0]));
    const mask = scorer.tableLayout.trainMask();
    expectClose(masked(await values(manual[1]), mask), masked(await values(ref[1]), mask));
    // User biases, item biases and the frozen ones: a user row is [p, b_u, 1], an item row [q, 1, b_i].
    const t = await values(model.table);
    expect(t[4]).toBe(0);
    expect(t[5]).toBe(1);
    expect(t[nUsers * 6 + 4]).toBe(1);
    tf.dispose([...manual, ...ref, dz]);
    model.dispose();
  });

  it('fast full-catalogue scoring equals pair scoring', async () => {
    for (const scorer of [
      createMfScorer(MF_DEFAULTS.mf, nUsers, nItems),
      createNcfScorer(NCF_DEFAULTS.neumf, nUsers, nItems),
    ]) {
      const model = new FactorModel('mf', scorer, 4);
      const all = await model.scoreUsers(Int32Array.from([2, 5]));
      const u = Int32Array.from({ length: 2 * nItems }, (_, k) => (k < nItems ? 2 : 5));
      const it2 = Int32Array.from({ length: 2 * nItems }, (_, k) => k % nItems);
      expectClose(all, await model.scorePairs(u, it2));
      model.dispose();
    }
  });
});

describe('loss heads: summed loss and dL/dz of the mean loss equal an independent reference', () => {
  const cases: [LossKind, number][] = [
    ['bce', 1],
    ['pairwise', 2],
    ['bpr', 2],
    ['warp', 4],
  ];
  for (const [kind, width] of cases) {
    it(kind, async () => {
      const nCatalogue = 50;
      const head = createLossHead(kind, { warpSamples: width - 1, nItems: nCatalogue });
      const ex = 9;
      const rng = createRng(11);
      const scores = Float32Array.from({ length: ex * width }, () => 2 * rng.normal());
      const y = Float32Array.from({ length: ex * width }, (_, k) =>
        width === 1 ? rng.int(2) : k % width === 0 ? 1 : 0,
      );
      const z = tf.tensor2d(scores, [ex * width, 1]);
      const labels = head.needsLabels ? tf.tensor2d(y, [ex * width, 1]) : null;
      const opts = {
        labels: head.needsLabels ? y : null,
        scores,
        warpSamples: width - 1,
        nItems: nCatalogue,
      };
      const reference = (zz: tf.Tensor) => lossReference(kind, zz as tf.Tensor2D, ex, opts);
      const got = tf.tidy(() => {
        const r = head.lossAndGrad(z, labels, ex);
        return [r.lossSum, r.dz, head.lossSum(z, labels, ex)];
      });
      const want = tf.tidy(() => [reference(z), tf.grad((zz: tf.Tensor) => tf.div(reference(zz), ex))(z)]);
      const wantSum = (await values(want[0]))[0];
      // The check is not vacuous: the loss is well away from zero and some pairs carry a gradient.
      expect(wantSum).toBeGreaterThan(1);
      expect((await values(want[1])).filter((g) => Math.abs(g) > 1e-3).length).toBeGreaterThanOrEqual(ex);
      expect((await values(got[0]))[0]).toBeCloseTo(wantSum, 4);
      expect((await values(got[2]))[0]).toBeCloseTo(wantSum, 4);
      expectClose(await values(got[1]), await values(want[1]));
      tf.dispose([...got, ...want, z, ...(labels ? [labels] : [])]);
      head.dispose();
    });
  }
});
