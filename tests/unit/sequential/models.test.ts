/**
 * Every network of the stage trained through the generic loop on WASM, on users who walk the items in
 * order (the next item is certain): the loss falls, the validation item is found, no tensor is left
 * behind across epochs or after disposal. Plus the attention masks, and the trained model's outputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { REPO_ROOT } from '../../../src/cli/sources';
import { trainModel } from '../../../src/train/loop';
import { SEQ_SPEC } from '../../../src/models/sequential/spec';
import { sequentialFamily, timelineOf, type SeqDetail } from '../../../src/models/sequential/family';
import type { NeuralSeqModel } from '../../../src/models/sequential/model';
import type { SeqExperiment, SeqModelConfig } from '../../../src/models/sequential/config';
import { attentionBias } from '../../../src/models/sequential/sasrec';
import { latestWindows } from '../../../src/models/sequential/scorer';
import type { PreparedSplit } from '../../../src/data/types';
import { cyclic } from './fixtures';
import { AutodiffTrainable } from '../../../src/train/autodiff';
import { FlatOptimizer } from '../../../src/train/optimizers';
import { createRng } from '../../../src/data/rng';
import { ownedVariable } from '../../../src/tensor/variables';

const WINDOW = 6;
const SMALL: SeqModelConfig[] = [
  { kind: 'lstm', targets: 'last', embeddingDim: 16, units: [32, 16], dropout: 0.1, denseUnits: 32 },
  { kind: 'gru', targets: 'every', embeddingDim: 16, units: [32, 16], dropout: 0.1, denseUnits: 32 },
  { kind: 'cnn', embeddingDim: 16, filters: [16, 32], kernelSize: 3, dropout: 0.1, denseUnits: 32 },
  { kind: 'sasrec', targets: 'every', embeddingDim: 16, blocks: 2, heads: 2, dropout: 0.1 },
];

let data: PreparedSplit;

function experiment(model: SeqModelConfig): SeqExperiment {
  const c = SEQ_SPEC.base(model.kind, null);
  return {
    ...c,
    model,
    prep: { ...c.prep, window: WINDOW },
    train: { ...c.train, epochs: 12, batchSize: 32, lr: 0.01, earlyStopping: null },
  };
}

beforeAll(async () => {
  await initBackend({
    choice: 'wasm',
    wasmPath: `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
  });
  const r = sequentialFamily.prepare(cyclic(), experiment(SMALL[0]));
  if (!r.ok) throw new Error(r.reason);
  data = r.value;
});

describe.each(SMALL)('$kind on ordered walks', (model) => {
  it('learns the next item through the loop, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const cfg = experiment(model);
    const built = await sequentialFamily.build(data, cfg, {} as never);
    const training = built.training;
    if (!training) throw new Error('no training');
    const counts: number[] = [];
    const r = await trainModel(training.trainable, training.makeSource, cfg.train, {
      validation: training.validation,
      onEpoch: () => counts.push(tf.memory().numTensors),
    });
    training.trainable.dispose();
    const losses = r.history.map((h) => h.loss);
    expect(losses.at(-1)).toBeLessThan(0.5 * losses[0]);
    // Validation HR@10 among 20 items: chance is 0.5, a learned walk finds the next item almost always.
    expect(r.history.at(-1)?.metric?.value).toBeGreaterThan(0.9);
    expect(new Set(counts.slice(1)).size).toBe(1);
    const ev = await sequentialFamily.evaluate(built.model, data, cfg, {});
    expect(ev.metrics.accuracy).toBeGreaterThan(0.5);
    // Popularity on the same held-out items rides along, per epoch and at the end, for the charts to mark.
    const pop = await sequentialFamily.build(data, experiment({ kind: 'pop' }), {} as never);
    const popTest = await sequentialFamily.evaluate(pop.model, data, experiment({ kind: 'pop' }), {});
    const popVal = r.history[0].baseline;
    expect(popVal?.name).toBe('popularity');
    expect(popVal?.value).toBeLessThan(0.9);
    expect((ev.detail as SeqDetail).popularity.hr).toBe(popTest.metrics['hr@10_full']);
    expect((ev.detail as SeqDetail).popularity.ndcg).toBe(popTest.metrics['ndcg@10_full']);
    built.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the autodiff path on WASM', () => {
  it('unpacks the packed Adam step into each variable exactly as one Adam per variable, a bias as a bias', async () => {
    const make = () =>
      [tf.tensor2d([0.5, -0.25, 0.1, 0.3, 0.2, -0.7], [3, 2]), tf.tensor1d([0.1, -0.2]), tf.scalar(0.3)].map(
        (t) => ownedVariable(t),
      );
    // The vector is a fused matMul's bias: WASM's kernel refuses one whose data was stored with rank 2.
    const loss = (v: tf.Variable[]) => () =>
      tf.sum(
        tf.square(
          tf.mul(
            tf.fused.matMul({ a: tf.tensor2d([1, 2, 3, -1, 0.5, 2], [2, 3]), b: v[0], bias: v[1] }),
            v[2],
          ),
        ),
      ) as tf.Scalar;
    const packed = make();
    const separate = make();
    const trainable = new AutodiffTrainable(
      { variables: packed, loss: () => loss(packed)() },
      { kind: 'adam', lr: 0.05 },
    );
    const opts = separate.map((v) => new FlatOptimizer(v, { kind: 'adam', lr: 0.05 }));
    const batch = { n: 1, samples: 1 };
    for (let step = 0; step < 3; step++) {
      tf.dispose(trainable.step(batch, tf.scalar(0), createRng(1)));
      tf.tidy(() => {
        const { grads } = tf.variableGrads(loss(separate), separate);
        separate.forEach((v, k) => opts[k].apply(grads[v.name]));
      });
    }
    for (let k = 0; k < 3; k++) {
      const a = Array.from(await packed[k].data());
      const b = Array.from(await separate[k].data());
      a.forEach((x, j) => expect(x).toBeCloseTo(b[j], 6));
    }
    trainable.dispose();
    opts.forEach((o) => o.dispose());
    tf.dispose([...packed, ...separate]);
  });
});

describe('trained model outputs', () => {
  it('scores users from their latest window, hands out the item table without padding, and sums its parameters', async () => {
    for (const model of SMALL) {
      const built = await sequentialFamily.build(data, experiment(model), {} as never);
      const m = built.model as NeuralSeqModel;
      built.training?.trainable.dispose();
      const users = Int32Array.of(0, 3, 7);
      const a = await m.scoreUsers(users);
      const b = await m.scoreWindows(latestWindows(timelineOf(data), users, WINDOW, data.nItems), 3);
      expect(Array.from(a)).toEqual(Array.from(b));
      expect(a.length).toBe(3 * data.nItems);
      const [emb] = await m.itemEmbeddings();
      expect(emb.vectors.length).toBe(data.nItems * 16);
      const s = m.summary();
      expect(s.totalParams).toBe(m.variables.reduce((x, v) => x + v.size, 0));
      const listed = s.rows.reduce((x, r) => x + r.params, 0);
      expect(listed).toBe(s.totalParams);
      m.dispose();
    }
  });

  it('self-attention never looks ahead or at padding, so the padding row does not matter', async () => {
    const real = Uint8Array.from([0, 1, 1, 1]);
    const bias = attentionBias(real, 1, 4);
    const allowed = (i: number, j: number) => bias[i * 4 + j] === 0;
    expect(allowed(3, 1) && allowed(3, 3) && allowed(2, 1)).toBe(true);
    expect(allowed(1, 2) || allowed(3, 0) || allowed(2, 3)).toBe(false);

    const built = await sequentialFamily.build(data, experiment(SMALL[3]), {} as never);
    built.training?.trainable.dispose();
    const m = built.model as NeuralSeqModel;
    const P = data.nItems;
    const windows = Int32Array.from([P, P, P, 4, 5, 6, P, 1, 2, 3, 4, 5]);
    const before = await m.scoreWindows(windows, 2);
    const e = m.net.embedding;
    e.assign(tf.tidy(() => tf.concat([tf.slice(e, [0, 0], [P, 16]), tf.fill([1, 16], 3)])));
    const after = await m.scoreWindows(windows, 2);
    // Only the padding item's own logit (excluded from ranking anyway) may change; the others may not.
    expect(Math.max(...Array.from(after, (v, k) => Math.abs(v - before[k])))).toBeLessThan(1e-4);
    m.dispose();
  });
});

afterAll(async () => {
  await initBackend({ choice: 'cpu' });
});
