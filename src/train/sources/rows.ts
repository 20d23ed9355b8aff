/**
 * Feature rows with a target: parallel columns (ids, features, anything per example) shuffled each epoch
 * and cut into batches. What a rating regressor or a feature tower trains on; the columns' meaning is the
 * model's business.
 */
import { permutation, type Rng } from '../../data/rng';
import type { Batch, BatchSource } from '../trainable';

export type Column = Int32Array | Float32Array;

export interface RowBatch<K extends string = string> extends Batch {
  /** Each column's values for the batch's rows, in batch order. */
  cols: Record<K, Column>;
  target: Float32Array;
}

export interface RowSet<K extends string = string> {
  /** Parallel columns, one value per row, or `width` values per row side by side (a feature vector). */
  cols: Record<K, Column>;
  target: Float32Array;
}

function take<K extends string>(
  set: RowSet<K>,
  order: Int32Array | null,
  from: number,
  to: number,
): RowBatch<K> {
  const n = to - from;
  const rows = set.target.length;
  // A column may hold several values per row (a feature vector): its width is its length over the rows.
  const pick = <T extends Column>(src: T): T => {
    const w = rows > 0 ? src.length / rows : 1;
    const out = new (src.constructor as { new (n: number): T })(n * w);
    for (let j = 0; j < n; j++) {
      const r = order ? order[from + j] : from + j;
      for (let c = 0; c < w; c++) out[j * w + c] = src[r * w + c];
    }
    return out;
  };
  const cols = {} as Record<K, Column>;
  for (const k of Object.keys(set.cols) as K[]) cols[k] = pick(set.cols[k]);
  return { cols, target: pick(set.target), n, samples: n };
}

/** Batches of `train`, reshuffled every epoch, and fixed batches of `validation` for the validation loss. */
export function createRowSource<K extends string>(
  train: RowSet<K>,
  validation: RowSet<K> | null,
  validationBatch = 8192,
): BatchSource<RowBatch<K>> {
  let order: Int32Array = new Int32Array(0);
  const nVal = validation?.target.length ?? 0;
  const val: RowBatch<K>[] = [];
  if (validation)
    for (let f = 0; f < nVal; f += validationBatch)
      val.push(take(validation, null, f, Math.min(nVal, f + validationBatch)));
  return {
    startEpoch(rng: Rng) {
      order = permutation(train.target.length, rng);
      return order.length;
    },
    batch: (from, to) => take(train, order, from, to),
    validation: nVal > 0 ? val : null,
    validationExamples: nVal,
    samplesPerExample: 1,
  };
}

/** Rows [0, n) split into a seeded (train, held-out) pair of index lists, e.g. Keras' validation_split. */
export function splitRows(n: number, fraction: number, rng: Rng): [Int32Array, Int32Array] {
  const p = permutation(n, rng);
  const nHeld = Math.round(n * Math.max(0, Math.min(0.5, fraction)));
  return [p.subarray(nHeld).slice().sort(), p.subarray(0, nHeld).slice().sort()];
}

/** The rows of a set at the given indices. */
export function subset<K extends string>(set: RowSet<K>, rows: Int32Array): RowSet<K> {
  const b = take(set, rows, 0, rows.length);
  return { cols: b.cols, target: b.target };
}
