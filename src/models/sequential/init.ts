/**
 * Seeded initial weights with Keras' defaults, drawn in JS so that a seed gives the same network on every
 * backend: Embedding uniform ±0.05, Dense and Conv1D kernels Glorot uniform, recurrent kernels
 * orthogonal, biases zero (an LSTM's forget gate at 1, Keras' unit_forget_bias).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng';
import { ownedVariable, uniqueName } from '../../tensor/variables';

export function uniform(n: number, limit: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => (2 * rng.next() - 1) * limit);
}

export function normal(n: number, std: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal() * std);
}

export const glorot = (fanIn: number, fanOut: number, rng: Rng, n = fanIn * fanOut): Float32Array =>
  uniform(n, Math.sqrt(6 / (fanIn + fanOut)), rng);

/** A [rows x cols] matrix with orthonormal rows (rows ≤ cols), Gram-Schmidt on a normal draw. */
export function orthogonal(rows: number, cols: number, rng: Rng): Float32Array {
  const m = new Float64Array(rows * cols);
  for (let k = 0; k < m.length; k++) m[k] = rng.normal();
  for (let r = 0; r < rows; r++) {
    const row = m.subarray(r * cols, (r + 1) * cols);
    for (let q = 0; q < r; q++) {
      const prev = m.subarray(q * cols, (q + 1) * cols);
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += row[c] * prev[c];
      for (let c = 0; c < cols; c++) row[c] -= dot * prev[c];
    }
    let norm = 0;
    for (let c = 0; c < cols; c++) norm += row[c] * row[c];
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < cols; c++) row[c] /= norm;
  }
  return Float32Array.from(m);
}

/** A named trainable matrix from host values. */
export function matrix(
  name: string,
  rows: number,
  cols: number,
  values: Float32Array,
): tf.Variable<tf.Rank.R2> {
  return ownedVariable(tf.tensor2d(values, [rows, cols]), true, uniqueName(name));
}

/** A named trainable vector from host values (zeros when none are given). */
export function vector(name: string, n: number, values = new Float32Array(n)): tf.Variable<tf.Rank.R1> {
  return ownedVariable(tf.tensor1d(values), true, uniqueName(name));
}
