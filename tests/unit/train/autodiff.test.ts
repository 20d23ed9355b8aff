/**
 * The autodiff path and the generic batch sources: a packed update equals one optimizer per variable,
 * the loop trains any AutodiffModel without leaking tensors, and sequence windows never show a held-out
 * item to training.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { AutodiffTrainable, type AutodiffModel } from '../../../src/train/autodiff';
import { FlatOptimizer } from '../../../src/train/optimizers';
import { TRAIN_DEFAULTS } from '../../../src/train/config';
import { trainModel } from '../../../src/train/loop';
import { createRowSource, type RowBatch } from '../../../src/train/sources/rows';
import { heldOutTargets, trainingTargets, windowBatch } from '../../../src/train/sources/windows';
import { createRng } from '../../../src/data/rng';
import { prepare } from '../../../src/data/prepare';
import { SIDE } from '../../../src/data/types';
import { ownedVariable } from '../../../src/tensor/variables';
import { clustered } from './fixtures';

beforeAll(async () => {
  await initBackend({ choice: 'cpu' });
});

/** y = x·w + b on two features, mean squared error. */
function linear(): AutodiffModel<RowBatch<'x'>> & { w: tf.Variable; b: tf.Variable } {
  const w = ownedVariable(tf.tensor2d([0.5, -0.25], [2, 1]));
  const b = ownedVariable(tf.scalar(0.1));
  return {
    w,
    b,
    variables: [w, b],
    loss: (batch) => {
      const x = tf.tensor2d(batch.cols.x as Float32Array, [batch.n, 2]);
      const y = tf.tensor2d(batch.target, [batch.n, 1]);
      return tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))) as tf.Scalar;
    },
  };
}

function rows(n: number) {
  const rng = createRng(4);
  const x = Float32Array.from({ length: 2 * n }, () => rng.normal());
  const target = Float32Array.from({ length: n }, (_, i) => 2 * x[2 * i] - x[2 * i + 1] + 0.3);
  return { cols: { x }, target };
}

describe('autodiff path', () => {
  it('packs every gradient into one Adam step that equals one Adam per variable', async () => {
    const packed = linear();
    const separate = linear();
    const trainable = new AutodiffTrainable(packed, { kind: 'adam', lr: 0.05 });
    const opts = separate.variables.map((v) => new FlatOptimizer(v, { kind: 'adam', lr: 0.05 }));
    const data = rows(16);
    const batch: RowBatch<'x'> = { cols: data.cols, target: data.target, n: 16, samples: 16 };
    for (let step = 0; step < 3; step++) {
      tf.dispose(trainable.step(batch, tf.scalar(0), createRng(1)));
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => separate.loss(batch, null), [...separate.variables]);
        separate.variables.forEach((v, k) => opts[k].apply(grads[v.name]));
      });
    }
    expect(Array.from(await packed.w.data())).toEqual(Array.from(await separate.w.data()));
    expect((await packed.b.data())[0]).toBeCloseTo((await separate.b.data())[0], 6);
    trainable.dispose();
    opts.forEach((o) => o.dispose());
    tf.dispose([...packed.variables, ...separate.variables]);
  });

  it('trains through the generic loop, the loss falls, and no tensor is left behind', async () => {
    const model = linear();
    const data = rows(512);
    const before = tf.memory().numTensors;
    const trainable = new AutodiffTrainable(model, { kind: 'adam', lr: 0.05 });
    const counts: number[] = [];
    const r = await trainModel(
      trainable,
      () =>
        createRowSource(data, { cols: { x: data.cols.x.slice(0, 64) }, target: data.target.slice(0, 32) }),
      { ...TRAIN_DEFAULTS, lr: 0.05, epochs: 8, batchSize: 32 },
      { onEpoch: () => counts.push(tf.memory().numTensors) },
    );
    expect(new Set(counts).size).toBe(1);
    expect(r.history[7].loss).toBeLessThan(r.history[0].loss * 0.1);
    expect(r.history[7].valLoss).not.toBeNull();
    trainable.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([...model.variables]);
  });
});

describe('sequence windows', () => {
  it('never put a validation or test item inside a training window, and pad short histories', () => {
    const ds = clustered();
    const r = prepare(ds, {
      implicitThreshold: null,
      strictThreshold: false,
      split: { kind: 'leave-last-out', testItems: 1 },
      negativesPerPositive: 0,
      seed: 1,
    });
    if (!r.ok) throw new Error(r.reason);
    const tl = r.value.timeline;
    if (!tl) throw new Error('no timeline');
    const pad = ds.nItems;
    const L = 5;
    const heldOut = new Set<string>();
    for (let u = 0; u < ds.nUsers; u++)
      for (let j = tl.indptr[u]; j < tl.indptr[u + 1]; j++)
        if (tl.side[j] !== SIDE.train) heldOut.add(`${u}:${tl.item[j]}`);
    const train = trainingTargets(tl);
    const b = windowBatch(tl, train, null, 0, train.at.length, L, pad);
    for (let k = 0; k < b.n; k++) {
      for (let c = 0; c < L; c++) {
        const it = b.seqs[k * L + c];
        if (it !== pad) expect(heldOut.has(`${b.user[k]}:${it}`)).toBe(false);
      }
    }
    // Each user's first training target has one item before it: the window is padded in front.
    expect(b.seqs[0]).toBe(pad);
    expect(b.seqs[L - 1]).not.toBe(pad);
    // Every test target is the user's last entry, and its window ends with the item just before it.
    const test = heldOutTargets(tl, SIDE.test);
    for (let k = 0; k < test.at.length; k++) expect(test.at[k]).toBe(tl.indptr[test.user[k] + 1] - 1);
    const tb = windowBatch(tl, test, null, 0, test.at.length, L, pad, [SIDE.train, SIDE.validation]);
    for (let k = 0; k < tb.n; k++) expect(tb.seqs[k * L + L - 1]).toBe(tl.item[test.at[k] - 1]);
  });
});
