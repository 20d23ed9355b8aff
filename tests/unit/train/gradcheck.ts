/**
 * The computations the cross-backend gradient tests compare: the sparse embedding gradient against
 * the dense one-hot one, and a full NeuMF and MF forward/backward. Backend-agnostic, async reads only,
 * so the same code runs on CPU, WASM and WebGPU (in a child process, see webgpu-child.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { embeddingLookup } from '../../../src/tensor/sparse';
import { createNcfScorer } from '../../../src/models/ncf/ncf';
import { createMfScorer } from '../../../src/models/ncf/mf';
import { MF_DEFAULTS, NCF_DEFAULTS } from '../../../src/models/ncf/config';
import { FactorModel, pairIndex, uploadRows } from '../../../src/models/ncf/engine/factor';
import { createRng } from '../../../src/data/rng';

export type GradResults = Record<string, number[]>;

const read = async (t: tf.Tensor) => Array.from(await t.data());

export async function gradientChecks(): Promise<GradResults> {
  const rng = createRng(7);
  const out: GradResults = {};
  // Embedding lookup: 20 rows, 48 lookups with many repeats (the case UnsortedSegmentSum gets wrong on WebGPU).
  const rows = 20;
  const width = 6;
  const tableVals = Array.from({ length: rows * width }, () => rng.normal());
  const idxVals = Array.from({ length: 48 }, () => rng.int(rows) % 7);
  const wVals = Array.from({ length: 48 * width }, () => rng.normal());
  const [sparse, dense] = tf.tidy(() => {
    const table = tf.tensor2d(tableVals, [rows, width]);
    const idx = tf.tensor2d(idxVals, [48, 1], 'int32');
    const w = tf.tensor2d(wVals, [48, width]);
    const g1 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(embeddingLookup(t as tf.Tensor2D, idx), w)))(table);
    const oneHot = tf.oneHot(tf.reshape(idx, [48]), rows).toFloat();
    const g2 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.matMul(oneHot, t as tf.Tensor2D), w)))(table);
    return [g1, g2];
  });
  out.sparseGrad = await read(sparse);
  out.denseGrad = await read(dense);
  tf.dispose([sparse, dense]);

  // One NeuMF and one MF forward/backward from seeded weights.
  const nUsers = 9;
  const nItems = 13;
  const users = Int32Array.from({ length: 40 }, () => rng.int(nUsers));
  const items = Int32Array.from({ length: 40 }, () => rng.int(nItems));
  const dzVals = Array.from({ length: 40 }, () => rng.normal());
  for (const [name, scorer] of [
    [
      'neumf',
      createNcfScorer(
        { ...NCF_DEFAULTS.neumf, gmfDim: 3, mlpDim: 4, mlpLayers: [6, 3], embeddingStd: 0.5 },
        nUsers,
        nItems,
      ),
    ],
    ['mf', createMfScorer({ ...MF_DEFAULTS.mf, dim: 4, embeddingStd: 0.5 }, nUsers, nItems)],
  ] as const) {
    const model = new FactorModel('neumf', scorer, 11);
    const res = tf.tidy(() => {
      const fw = scorer.forward(model.params, uploadRows(pairIndex(nUsers, users, items)), null);
      const g = scorer.backward(fw, tf.tensor2d(dzVals, [40, 1]));
      return [fw.z, g.table, ...(g.dense ? [g.dense] : [])];
    });
    out[`${name}.z`] = await read(res[0]);
    out[`${name}.table`] = await read(res[1]);
    if (res[2]) out[`${name}.dense`] = await read(res[2]);
    tf.dispose(res);
    model.dispose();
  }
  return out;
}

/** The dense gradient of the lookup, computed in plain JS, for checking any backend. */
export function maxRelDiff(a: number[], b: number[]): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]) / (1e-3 + Math.abs(b[k])));
  return worst;
}
