/** A small dataset with learnable structure: users like items of their own cluster. */
import type { Dataset } from '../../../src/data/types';
import { createRng } from '../../../src/data/rng';

export function clustered(nUsers = 60, nItems = 40, perUser = 8, seed = 1): Dataset {
  const rng = createRng(seed);
  const users: number[] = [];
  const items: number[] = [];
  const times: number[] = [];
  const clusters = 4;
  for (let u = 0; u < nUsers; u++) {
    const c = u % clusters;
    const seen = new Set<number>();
    while (seen.size < perUser) {
      // Mostly the user's own cluster, sometimes anything.
      const i = rng.next() < 0.85 ? c + clusters * rng.int(nItems / clusters) : rng.int(nItems);
      if (seen.has(i)) continue;
      seen.add(i);
      users.push(u);
      items.push(i);
      times.push(1000 + seen.size);
    }
  }
  return {
    id: 'clustered',
    name: 'clustered',
    kind: 'synthetic',
    nUsers,
    nItems,
    userIds: Array.from({ length: nUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: nItems }, (_, i) => `i${i}`),
    interactions: {
      user: Int32Array.from(users),
      item: Int32Array.from(items),
      rating: null,
      timestamp: Float64Array.from(times),
    },
    ratingScale: null,
    items: null,
    users: null,
    officialSplits: [],
    skipped: { count: 0, examples: [] },
    notices: [],
  };
}
