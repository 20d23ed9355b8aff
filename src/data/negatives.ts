/**
 * Negative sampling for implicit feedback. Negatives come only from items the user never interacted
 * with (membership by binary search in the sorted CSR row), are uniform over that complement, and are
 * redrawn every epoch, as the NCF paper does. Rejection sampling costs a few tens of nanoseconds per
 * draw on MovieLens densities; users who have seen most of the catalogue sample from their explicit
 * complement instead, so no draw can loop for long.
 */
import type { Csr, PairSet, PairwiseSamples, PointwiseSamples } from './types';
import type { Rng } from './rng';
import { csrHas } from './split';

/** Above this share of the catalogue seen, rejection sampling wastes too many draws. */
const DENSE_ROW = 0.5;

export class NegativeSampler {
  private readonly complements = new Map<number, Int32Array>();

  constructor(
    readonly seen: Csr,
    readonly nItems: number,
  ) {}

  /** Number of items user u could be given as a negative. */
  available(u: number): number {
    return this.nItems - (this.seen.indptr[u + 1] - this.seen.indptr[u]);
  }

  /** One uniform item that u never interacted with, or -1 when u has seen every item. */
  draw(u: number, rng: Rng): number {
    const rowLen = this.seen.indptr[u + 1] - this.seen.indptr[u];
    if (rowLen === 0) return rng.int(this.nItems);
    if (rowLen >= this.nItems) return -1;
    if (rowLen > DENSE_ROW * this.nItems) {
      const c = this.complement(u);
      return c[rng.int(c.length)];
    }
    for (;;) {
      const i = rng.int(this.nItems);
      if (!csrHas(this.seen, u, i)) return i;
    }
  }

  /**
   * n distinct unseen items for user u, none of them in `exclude` (the evaluation protocol's fixed
   * candidates). Returns fewer when the user's complement is smaller than n.
   */
  drawDistinct(u: number, n: number, rng: Rng, exclude: number[] = []): Int32Array {
    const avail = this.available(u) - exclude.filter((i) => !csrHas(this.seen, u, i)).length;
    const want = Math.max(0, Math.min(n, avail));
    const out = new Int32Array(want);
    if (want === 0) return out;
    const taken = new Set<number>(exclude);
    if (want > avail / 2) {
      // Close to the whole complement: shuffle it rather than rejecting most draws.
      const c = Array.from(this.complement(u)).filter((i) => !taken.has(i));
      for (let k = 0; k < want; k++) {
        const j = k + rng.int(c.length - k);
        const t = c[k];
        c[k] = c[j];
        c[j] = t;
        out[k] = c[k];
      }
      return out;
    }
    let k = 0;
    while (k < want) {
      const i = this.draw(u, rng);
      if (taken.has(i)) continue;
      taken.add(i);
      out[k++] = i;
    }
    return out;
  }

  private complement(u: number): Int32Array {
    let c = this.complements.get(u);
    if (!c) {
      c = new Int32Array(this.available(u));
      let w = 0;
      let p = this.seen.indptr[u];
      const end = this.seen.indptr[u + 1];
      for (let i = 0; i < this.nItems; i++) {
        while (p < end && this.seen.indices[p] < i) p++;
        if (p < end && this.seen.indices[p] === i) continue;
        c[w++] = i;
      }
      this.complements.set(u, c);
    }
    return c;
  }
}

/**
 * Pointwise samples: each positive followed by k negatives for the same user (label 1 then k zeros).
 * Pass `out` to reuse buffers across epochs. Positives of users who have seen every item get fewer
 * negatives; `length` says how many entries are filled.
 */
export function pointwiseSamples(
  pos: Pick<PairSet, 'user' | 'item'>,
  sampler: NegativeSampler,
  k: number,
  rng: Rng,
  out?: PointwiseSamples,
): PointwiseSamples & { length: number } {
  const n = pos.user.length * (1 + k);
  const o =
    out && out.user.length >= n
      ? out
      : { user: new Int32Array(n), item: new Int32Array(n), label: new Float32Array(n) };
  let w = 0;
  for (let p = 0; p < pos.user.length; p++) {
    const u = pos.user[p];
    o.user[w] = u;
    o.item[w] = pos.item[p];
    o.label[w++] = 1;
    for (let j = 0; j < k; j++) {
      const i = sampler.draw(u, rng);
      if (i < 0) break;
      o.user[w] = u;
      o.item[w] = i;
      o.label[w++] = 0;
    }
  }
  return { user: o.user, item: o.item, label: o.label, length: w };
}

/** BPR-style triplets: one unseen negative per positive, redrawn on every call. */
export function pairwiseSamples(
  pos: Pick<PairSet, 'user' | 'item'>,
  sampler: NegativeSampler,
  rng: Rng,
  out?: PairwiseSamples,
): PairwiseSamples & { length: number } {
  const n = pos.user.length;
  const o =
    out && out.user.length >= n
      ? out
      : { user: new Int32Array(n), pos: new Int32Array(n), neg: new Int32Array(n) };
  let w = 0;
  for (let p = 0; p < n; p++) {
    const u = pos.user[p];
    const j = sampler.draw(u, rng);
    if (j < 0) continue;
    o.user[w] = u;
    o.pos[w] = pos.item[p];
    o.neg[w++] = j;
  }
  return { user: o.user, pos: o.pos, neg: o.neg, length: w };
}

/**
 * Every cell of the user x item matrix, labelled 1 where the user has a training positive and 0
 * elsewhere: what seed 001 trains on (LightFM's interaction matrix turned into a long table).
 */
export function allUnobservedSamples(positives: Csr, nUsers: number, nItems: number): PointwiseSamples {
  const n = nUsers * nItems;
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  const label = new Float32Array(n);
  for (let u = 0, w = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++, w++) {
      user[w] = u;
      item[w] = i;
    }
    for (let p = positives.indptr[u]; p < positives.indptr[u + 1]; p++)
      label[u * nItems + positives.indices[p]] = 1;
  }
  return { user, item, label };
}
