/**
 * Embedding lookups with a sparse gradient. tfjs's own gradient for `tf.gather` goes through
 * UnsortedSegmentSum: seconds per step on the CPU backend, not registered at all on WASM, and
 * miscounting on WebGPU (tfjs #8174). The gradient of a row lookup is a scatter-add of the upstream
 * rows into a zero table, which `tf.scatterND` does in one kernel, summing duplicate indices.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * Gradient of `gather(table, indices)` with respect to the table: dRows scattered (and summed where
 * an index repeats) into a [nRows, width] zero table. `indices` is [n, 1] int32.
 */
export function scatterRows(indices: tf.Tensor2D, dRows: tf.Tensor, nRows: number): tf.Tensor2D {
  const width = dRows.shape[dRows.shape.length - 1];
  const flat = dRows.rank === 2 ? dRows : tf.reshape(dRows, [indices.shape[0], width]);
  return tf.scatterND(indices, flat, [nRows, width]) as tf.Tensor2D;
}

/**
 * A table gradient held as its rows: `table` scatters them into [nRows, width] on first read (inside the
 * caller's tf.tidy), so a path that only wants the rows dispatches no catalogue-sized kernel.
 */
export function rowGrads<T extends object>(
  indices: tf.Tensor2D,
  rows: tf.Tensor2D,
  nRows: number,
  rest: T,
): T & { readonly table: tf.Tensor2D; rows: tf.Tensor2D } {
  let table: tf.Tensor2D | null = null;
  return {
    ...rest,
    rows,
    get table(): tf.Tensor2D {
      table ??= scatterRows(indices, rows, nRows);
      return table;
    },
  };
}

/**
 * Row lookup whose gradient is `scatterRows`. `indices` must be [n, 1] int32 (the shape scatterND
 * wants, so the backward pass needs no reshape); the result is [n, width]. On WASM the lookup is a
 * gatherND: WASM's GatherV2 walks the output element by element (about 80 ns each, 3 ms for 640 rows
 * of 64), where gatherND copies whole rows (50 us). Elsewhere gather is the faster of the two.
 */
export const embeddingLookup: (table: tf.Tensor2D, indices: tf.Tensor2D) => tf.Tensor2D = tf.customGrad(
  (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [table, indices, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const shape: [number, number] = [indices.shape[0], table.shape[1]];
    const rows = (
      tf.getBackend() === 'wasm' ? tf.gatherND(table, indices) : tf.reshape(tf.gather(table, indices), shape)
    ) as tf.Tensor2D;
    save([indices]);
    return {
      value: rows,
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => [
        scatterRows(saved[0] as tf.Tensor2D, dy, table.shape[0]),
        tf.zerosLike(saved[0]),
      ],
    };
  },
) as (table: tf.Tensor2D, indices: tf.Tensor2D) => tf.Tensor2D;
