/** Small datasets with known order for the sequential tests. */
import type { Dataset } from '../../../src/data/types';
import { createRng } from '../../../src/data/rng';

function dataset(id: string, rows: [number, number, number][], nUsers: number, nItems: number): Dataset {
  return {
    id,
    name: id,
    kind: 'synthetic',
    nUsers,
    nItems,
    userIds: Array.from({ length: nUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: nItems }, (_, i) => `i${i}`),
    interactions: {
      user: Int32Array.from(rows, (r) => r[0]),
      item: Int32Array.from(rows, (r) => r[1]),
      rating: null,
      timestamp: Float64Array.from(rows, (r) => r[2]),
    },
    ratingScale: null,
    items: {
      title: Array.from({ length: nItems }, (_, i) => `Item number ${i}`),
      genreNames: [],
      genreMask: new Uint32Array(nItems),
      year: new Int16Array(nItems),
    },
    users: null,
    officialSplits: [],
    skipped: { count: 0, examples: [] },
    notices: [],
  };
}

/**
 * Three users over five items, listed out of time order so that the timeline must sort them:
 * u0 0 1 2 | 3 | 4, u1 2 1 | 0 | 3, u2 0 1 | 4 | 2 (train | validation | test).
 */
export function tiny(): Dataset {
  const seqs = [
    [0, 1, 2, 3, 4],
    [2, 1, 0, 3],
    [0, 1, 4, 2],
  ];
  const rows: [number, number, number][] = [];
  seqs.forEach((s, u) => s.forEach((item, t) => rows.push([u, item, 100 * u + t])));
  rows.reverse();
  return dataset('tiny', rows, 3, 5);
}

/** Users walking the items in order (i, i+1, ... mod nItems) from a random start: the next item is certain. */
export function cyclic(nUsers = 40, nItems = 20, perUser = 12, seed = 1): Dataset {
  const rng = createRng(seed);
  const rows: [number, number, number][] = [];
  for (let u = 0; u < nUsers; u++) {
    const start = rng.int(nItems);
    for (let t = 0; t < perUser; t++) rows.push([u, (start + t) % nItems, 1000 * u + t]);
  }
  return dataset('cyclic', rows, nUsers, nItems);
}
