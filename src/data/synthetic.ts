import { createRng } from './rng';
import type { Dataset } from './types';

export const RANDOM_HEALTH = { users: 1000, items: 500, interactions: 50_000 } as const;

/**
 * Seed 000's "health content" set: 50,000 (user, item) pairs drawn uniformly at random, implicit
 * feedback, no time. Nothing can be learned from it (AUC stays near 0.5), which is its lesson.
 * Unlike the notebook's np.random.randint, pairs are distinct: a repeated pair would sit on both
 * sides of a random split and look like leakage.
 */
export function generateRandomHealth(seed = 42): Dataset {
  const { users: nUsers, items: nItems, interactions: n } = RANDOM_HEALTH;
  const rng = createRng(seed);
  const taken = new Uint8Array(nUsers * nItems);
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  for (let k = 0; k < n;) {
    const u = rng.int(nUsers);
    const i = rng.int(nItems);
    if (taken[u * nItems + i]) continue;
    taken[u * nItems + i] = 1;
    user[k] = u;
    item[k] = i;
    k++;
  }
  return {
    id: 'synthetic-random',
    name: 'Health content: random (seed 000)',
    kind: 'synthetic',
    nUsers,
    nItems,
    userIds: Array.from({ length: nUsers }, (_, u) => String(u)),
    itemIds: Array.from({ length: nItems }, (_, i) => String(i)),
    interactions: { user, item, rating: null, timestamp: null },
    ratingScale: null,
    items: {
      title: Array.from({ length: nItems }, (_, i) => `Health article ${i}`),
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
