/**
 * The packed factor engine's `Trainable`: upload a pair batch, forward, loss head, hand-written
 * backward, fused optimizer updates, all in one tf.tidy with no read-back. About 80 kernels for a
 * 3-layer NeuMF (see `npm run bench`, which counts them).
 *
 * On a large catalogue the dense table update (a scatter into a zero table, then Adam over every row)
 * costs more than the whole model: 8k samples/s on 180k rows against 600k on ML-100k. There the table
 * takes sparse updates on CPU and WASM: the batch's row gradients are read back (synchronous and cheap
 * on those backends) and a lazy optimizer writes only those rows, in place (src/tensor/host-view.ts).
 * WebGPU keeps the dense update: a read-back per step would stall its queue.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../../data/rng';
import { FlatOptimizer, RowOptimizer, type OptimizerConfig } from '../../../train/optimizers';
import { hasHostViews, hostView } from '../../../tensor/host-view';
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

/**
 * Sparse table updates: 'auto' takes them for tables above SPARSE_AUTO_ROWS rows, 'on' always; both
 * only where the backend keeps the table in host memory (CPU, WASM). Measured on WASM (npm run bench
 * -- --sections scale), sparse is already level with dense on ML-100k's 2.6k rows and a dense MF step
 * grows by about 0.45 ms per 1k rows; the threshold sits above ML-1M (9.7k rows) so that ML-100k and
 * ML-1M, the NCF paper's reproduction and the quality tests, keep PyTorch's dense Adam and its figures.
 */
export type SparseUpdates = 'auto' | 'on' | 'off';

export const SPARSE_AUTO_ROWS = 20_000;

export function useSparse(mode: SparseUpdates, tableRows: number): boolean {
  if (mode === 'off' || !hasHostViews()) return false;
  return mode === 'on' || tableRows > SPARSE_AUTO_ROWS;
}

/** Distinct rows of a batch and their summed gradients: the segment sum of `grads` ([idx.length, width]). */
function sumRows(
  idx: Int32Array,
  grads: Float32Array,
  width: number,
  slot: Int32Array,
): { rows: Int32Array; sums: Float32Array } {
  const rows = new Int32Array(idx.length);
  let u = 0;
  for (let j = 0; j < idx.length; j++) {
    if (slot[idx[j]] < 0) {
      slot[idx[j]] = u;
      rows[u++] = idx[j];
    }
  }
  const sums = new Float32Array(u * width);
  for (let j = 0; j < idx.length; j++) {
    const to = slot[idx[j]] * width;
    const from = j * width;
    for (let c = 0; c < width; c++) sums[to + c] += grads[from + c];
  }
  // The slot map is reset row by row, so a step costs O(batch), never O(table).
  for (let r = 0; r < u; r++) slot[rows[r]] = -1;
  return { rows: rows.subarray(0, u), sums };
}

export class FactorTrainable implements Trainable<PairBatch> {
  private readonly tableOpt: FlatOptimizer | null;
  private readonly rowOpt: RowOptimizer | null;
  private readonly slot: Int32Array | null;
  private readonly denseOpt: FlatOptimizer | null;
  private readonly widths: number[];

  constructor(
    readonly model: FactorModel,
    readonly head: LossHead,
    opt: OptimizerConfig,
    sparse: SparseUpdates = 'auto',
  ) {
    const tl = model.scorer.tableLayout;
    const [nRows, width] = model.table.shape;
    if (useSparse(sparse, nRows)) {
      this.rowOpt = new RowOptimizer(tl.size, width, opt, tl.trainMask(), tl.decayVector());
      this.slot = new Int32Array(nRows).fill(-1);
      this.tableOpt = null;
    } else {
      this.tableOpt = new FlatOptimizer(model.table, opt, tl.trainMask(), tl.decayVector());
      this.rowOpt = null;
      this.slot = null;
    }
    const dl = model.scorer.denseLayout;
    this.denseOpt =
      model.dense && dl ? new FlatOptimizer(model.dense, opt, dl.trainMask(), dl.decayVector()) : null;
    this.widths = model.scorer.dropoutWidths();
  }

  /** Whether the table takes sparse (row-wise) updates. */
  get sparse(): boolean {
    return this.rowOpt !== null;
  }

  setLearningRate(lr: number): void {
    this.tableOpt?.setLearningRate(lr);
    this.rowOpt?.setLearningRate(lr);
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
    let rowGrads: { idx: Int32Array; grads: Float32Array } | null = null;
    const out = tf.tidy(() => {
      const idx = pairIndex(model.nUsers, host.user, host.item);
      const rows = uploadRows(idx);
      const labels =
        head.needsLabels && host.labels ? tf.tensor2d(host.labels, [host.labels.length, 1]) : null;
      const mt = masks ? masks.map((m, k) => tf.tensor2d(m, [pairs, widths[k]])) : null;
      const fw = model.scorer.forward(model.params, rows, mt);
      const { lossSum, dz } = head.lossAndGrad(fw.z, labels, host.n);
      const grads = model.scorer.backward(fw, dz);
      if (this.tableOpt) this.tableOpt.apply(grads.table);
      else rowGrads = { idx, grads: grads.rows.dataSync() as Float32Array };
      if (this.denseOpt && grads.dense) this.denseOpt.apply(grads.dense);
      return tf.add(acc, lossSum) as tf.Scalar;
    });
    if (rowGrads) this.applyRows(rowGrads);
    return out;
  }

  /** The lazy table update, written into the variable's own storage after the step's kernels ran. */
  private applyRows({ idx, grads }: { idx: Int32Array; grads: Float32Array }): void {
    const width = this.model.table.shape[1];
    const theta = hostView(this.model.table);
    if (!theta || !this.rowOpt || !this.slot) throw new Error('sparse updates need the CPU or WASM backend');
    const { rows, sums } = sumRows(idx, grads, width, this.slot);
    this.rowOpt.apply(theta, rows, sums);
  }

  lossSum(b: PairBatch): tf.Scalar {
    return tf.tidy(() => {
      const { rows, labels } = upload(this.model, b, this.head);
      const z = this.model.scorer.forward(this.model.params, rows, null).z;
      return this.head.lossSum(z, labels, b.n);
    });
  }

  dispose(): void {
    this.tableOpt?.dispose();
    this.denseOpt?.dispose();
    this.head.dispose();
  }
}
