/**
 * The packed factor engine's `Trainable`: upload a pair batch, forward, loss head, hand-written
 * backward, fused optimizer updates, all in one tf.tidy with no read-back. About 80 kernels for a
 * 3-layer NeuMF (see `npm run bench`, which counts them).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../../data/rng';
import { FlatOptimizer, type OptimizerConfig } from '../../../train/optimizers';
import type { PairBatch } from '../../../train/sources/pairs';
import type { Trainable } from '../../../train/trainable';
import { pairIndex, uploadRows, type FactorModel } from './factor';
import type { LossHead } from './losses';
import type { PairRows } from './types';

export function upload(
  model: FactorModel,
  b: PairBatch,
  head: LossHead,
): { rows: PairRows; labels: tf.Tensor2D | null } {
  const labels = head.needsLabels && b.labels ? tf.tensor2d(b.labels, [b.labels.length, 1]) : null;
  return { rows: uploadRows(pairIndex(model.nUsers, b.user, b.item)), labels };
}

/** Dropout masks drawn on the JS side from the seeded RNG: the same masks on every backend. */
function dropoutMasks(widths: number[], rows: number, rate: number, rng: Rng): Float32Array[] {
  const keep = 1 - rate;
  const scale = 1 / keep;
  return widths.map((w) => {
    const m = new Float32Array(rows * w);
    for (let k = 0; k < m.length; k++) m[k] = rng.next() < keep ? scale : 0;
    return m;
  });
}

export class FactorTrainable implements Trainable<PairBatch> {
  private readonly tableOpt: FlatOptimizer;
  private readonly denseOpt: FlatOptimizer | null;
  private readonly widths: number[];

  constructor(
    readonly model: FactorModel,
    readonly head: LossHead,
    opt: OptimizerConfig,
  ) {
    const tl = model.scorer.tableLayout;
    this.tableOpt = new FlatOptimizer(model.table, opt, tl.trainMask(), tl.decayVector());
    const dl = model.scorer.denseLayout;
    this.denseOpt =
      model.dense && dl ? new FlatOptimizer(model.dense, opt, dl.trainMask(), dl.decayVector()) : null;
    this.widths = model.scorer.dropoutWidths();
  }

  setLearningRate(lr: number): void {
    this.tableOpt.setLearningRate(lr);
    this.denseOpt?.setLearningRate(lr);
  }

  get variables(): tf.Variable[] {
    const { table, dense } = this.model;
    return dense ? [table, dense] : [table];
  }

  /** Trains on one batch; returns acc + the batch's summed loss (acc is left to the caller). */
  step(host: PairBatch, acc: tf.Scalar, rng: Rng): tf.Scalar {
    const { model, head, widths } = this;
    const pairs = host.user.length;
    const masks = widths.length ? dropoutMasks(widths, pairs, model.scorer.dropoutRate, rng) : null;
    return tf.tidy(() => {
      const { rows, labels } = upload(model, host, head);
      const mt = masks ? masks.map((m, k) => tf.tensor2d(m, [pairs, widths[k]])) : null;
      const fw = model.scorer.forward(model.params, rows, mt);
      const { lossSum, dz } = head.lossAndGrad(fw.z, labels, host.n);
      const grads = model.scorer.backward(fw, dz);
      this.tableOpt.apply(grads.table);
      if (this.denseOpt && grads.dense) this.denseOpt.apply(grads.dense);
      return tf.add(acc, lossSum) as tf.Scalar;
    });
  }

  lossSum(b: PairBatch): tf.Scalar {
    return tf.tidy(() => {
      const { rows, labels } = upload(this.model, b, this.head);
      const z = this.model.scorer.forward(this.model.params, rows, null).z;
      return this.head.lossSum(z, labels, b.n);
    });
  }

  dispose(): void {
    this.tableOpt.dispose();
    this.denseOpt?.dispose();
    this.head.dispose();
  }
}
