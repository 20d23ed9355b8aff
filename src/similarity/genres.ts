/**
 * What genres say about an embedding. Neighbour agreement: how often an item's nearest neighbours share
 * a genre with it, against how often any other item does. The second figure is what neighbours drawn at
 * random would score, computed exactly (not sampled), so a gap between the two is the embedding's doing.
 * And each item's primary genre, which colours the 2D map.
 */
import type { Neighbours } from './distance';

export interface Agreement {
  k: number;
  /** Mean, over items with a genre, of the share of their k nearest neighbours sharing one with them. */
  neighbours: number;
  /** The same mean with every other item as the neighbours: what random pairs score. */
  random: number;
  /** Items counted: those with at least one genre. */
  items: number;
}

/** Agreement of the first k neighbours of every item (`nb` must cover all items from 0). */
export function genreAgreement(nb: Neighbours, genreMask: Uint32Array, k = nb.k): Agreement {
  const n = genreMask.length;
  if (nb.from !== 0 || nb.rows !== n) throw new RangeError('agreement needs the neighbours of every item');
  const kk = Math.min(k, nb.k);
  let share = 0;
  let items = 0;
  for (let i = 0; i < n; i++) {
    const m = genreMask[i];
    if (m === 0) continue;
    let same = 0;
    for (let c = i * nb.k; c < i * nb.k + kk; c++) if (genreMask[nb.indices[c]] & m) same++;
    share += kk > 0 ? same / kk : 0;
    items++;
  }
  return { k: kk, neighbours: items ? share / items : 0, random: randomAgreement(genreMask), items };
}

/**
 * For each item with a genre, the share of all other items sharing one, averaged. Items with the same
 * genre set behave alike, so this runs over distinct sets: a few hundred, not every pair of items.
 */
export function randomAgreement(genreMask: Uint32Array): number {
  const n = genreMask.length;
  if (n < 2) return 0;
  const counts = new Map<number, number>();
  for (const m of genreMask) counts.set(m, (counts.get(m) ?? 0) + 1);
  const sets = [...counts.entries()].filter(([m]) => m !== 0);
  let share = 0;
  let items = 0;
  for (const [m, c] of sets) {
    let sharing = -1; // the item itself
    for (const [m2, c2] of sets) if (m & m2) sharing += c2;
    share += (c * sharing) / (n - 1);
    items += c;
  }
  return items ? share / items : 0;
}

/**
 * Each item's most specific genre, for colouring a map: the rarest in the catalogue of those it has
 * (Star Wars is Sci-Fi rather than Action, a romantic drama Romance rather than Drama); -1 for none.
 */
export function primaryGenres(genreMask: Uint32Array, nGenres: number): Int8Array {
  const counts = new Array<number>(nGenres).fill(0);
  for (const m of genreMask) for (let g = 0; g < nGenres; g++) if (m & (1 << g)) counts[g]++;
  return Int8Array.from(genreMask, (m) => {
    let best = -1;
    for (let g = 0; g < nGenres; g++) if (m & (1 << g) && (best < 0 || counts[g] < counts[best])) best = g;
    return best;
  });
}
