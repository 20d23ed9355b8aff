/** A small rated dataset with movie metadata: each user loves one genre, so genre features carry signal. */
import type { Dataset } from '../../../src/data/types';
import { createRng } from '../../../src/data/rng';

export const GENRES = ['Action', 'Comedy', 'Drama', 'Sci-Fi'];

export function rated(nUsers = 40, nItems = 30, perUser = 12, seed = 1, withMeta = true): Dataset {
  const rng = createRng(seed);
  const mask = Uint32Array.from(
    { length: nItems },
    (_, i) => (1 << (i % 4)) | (i % 7 === 0 ? 1 << ((i + 1) % 4) : 0),
  );
  const users: number[] = [];
  const items: number[] = [];
  const ratings: number[] = [];
  const times: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    const fav = u % GENRES.length;
    const seen = new Set<number>();
    while (seen.size < perUser) {
      const i = rng.int(nItems);
      if (seen.has(i)) continue;
      seen.add(i);
      const r = mask[i] & (1 << fav) ? 4.5 + rng.normal() * 0.5 : 2 + rng.normal() * 0.7;
      users.push(u);
      items.push(i);
      ratings.push(Math.min(5, Math.max(1, Math.round(r))));
      times.push(1000 * u + seen.size);
    }
  }
  return {
    id: 'rated',
    name: 'rated',
    kind: 'synthetic',
    nUsers,
    nItems,
    userIds: Array.from({ length: nUsers }, (_, u) => `u${u}`),
    itemIds: Array.from({ length: nItems }, (_, i) => `m${i}`),
    interactions: {
      user: Int32Array.from(users),
      item: Int32Array.from(items),
      rating: Float32Array.from(ratings),
      timestamp: Float64Array.from(times),
    },
    ratingScale: { min: 1, max: 5 },
    items: withMeta
      ? {
          title: Array.from({ length: nItems }, (_, i) => `Movie ${i} (${1980 + i})`),
          genreNames: GENRES,
          genreMask: mask,
          year: Int16Array.from({ length: nItems }, (_, i) => (i === 3 ? 0 : 1980 + i)),
        }
      : null,
    users: null,
    officialSplits: [],
    skipped: { count: 0, examples: [] },
    notices: [],
  };
}
