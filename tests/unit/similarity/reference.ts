/** The seed's way, kept as the reference: every pair in a plain double loop, in double precision. */
import type { DistanceMetric } from '../../../src/similarity/config';
import type { VectorSet } from '../../../src/similarity/distance';
import { createRng } from '../../../src/data/rng';

export function referenceValue(set: VectorSet, i: number, j: number, metric: DistanceMetric): number {
  const { dim, vectors: v } = set;
  let dot = 0;
  let sq = 0;
  let ni = 0;
  let nj = 0;
  for (let c = 0; c < dim; c++) {
    const a = v[i * dim + c];
    const b = v[j * dim + c];
    dot += a * b;
    sq += (a - b) ** 2;
    ni += a * a;
    nj += b * b;
  }
  if (metric === 'euclidean') return sq;
  if (metric === 'dot') return dot;
  return ni === 0 || nj === 0 ? 1 : 1 - dot / Math.sqrt(ni * nj);
}

/** Every other item of row i, nearest first (ties to the lower index), with the metric's figure. */
export function referenceRow(
  set: VectorSet,
  i: number,
  metric: DistanceMetric,
): { j: number; value: number }[] {
  const sign = metric === 'dot' ? -1 : 1;
  const row: { j: number; value: number }[] = [];
  for (let j = 0; j < set.n; j++) if (j !== i) row.push({ j, value: referenceValue(set, i, j, metric) });
  return row.sort((a, b) => sign * (a.value - b.value) || a.j - b.j);
}

/** Random vectors whose norms vary tenfold, so the three metrics disagree; one zero vector. */
export function randomSet(n: number, dim: number, seed = 1): VectorSet {
  const rng = createRng(seed);
  const vectors = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const scale = 0.2 + 2 * rng.next();
    for (let c = 0; c < dim; c++) vectors[i * dim + c] = i === 3 ? 0 : scale * rng.normal();
  }
  return { n, dim, vectors };
}
