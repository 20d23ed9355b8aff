/**
 * An ML-32M-shaped ratings file for testing the lab at seed 002's scale without the real one (which is
 * never fetched in CI): about 200k users and 87k items at 32M rows, a Zipf-like item popularity, a
 * heavy-tailed count of ratings per user with at least 20 each (as MovieLens guarantees), half-star
 * ratings leaning to 3-4, and seconds timestamps from 1995 to 2023. Rows come grouped by user and in
 * time order within a user, the `ratings.csv` layout. Each rating leans on a user and an item bias, so
 * a model has something to learn. Deterministic for a seed; `scripts/gen-large.ts` writes it to disk.
 */
import { createRng, type Rng } from './rng';

export interface LargeOptions {
  rows: number;
  seed?: number;
  /** Defaults scale with the rows: 200,948 users and 87,585 items at 32M, as ML-32M has. */
  users?: number;
  items?: number;
}

export const ML32M_ROWS = 32_000_204;
export const MIN_PER_USER = 20;
export const LARGE_HEADER = 'userId,movieId,rating,timestamp\n';

/** ML-32M's share of each half star, 0.5 to 5. */
const RATING_SHARE = [0.016, 0.031, 0.017, 0.066, 0.052, 0.196, 0.126, 0.266, 0.088, 0.142];
const T0 = 789_652_009; // 1995-01-09, ML's first rating
const T1 = 1_697_164_147; // 2023-10-13, ML-32M's last

export function largeShape(o: LargeOptions): { rows: number; users: number; items: number } {
  const rows = Math.max(MIN_PER_USER, Math.floor(o.rows));
  const scale = rows / ML32M_ROWS;
  const users = Math.max(
    1,
    Math.min(Math.floor(rows / MIN_PER_USER), o.users ?? Math.round(200_948 * scale)),
  );
  const items = Math.max(MIN_PER_USER * 2, o.items ?? Math.round(87_585 * Math.min(1, scale) ** 0.6));
  return { rows, users, items };
}

/** Ratings per user: 20 plus a log-normal share of the rest (a few users rate thousands). */
function userCounts(rows: number, users: number, items: number, rng: Rng): Int32Array {
  const cap = Math.max(MIN_PER_USER, Math.floor(items / 2));
  const w = new Float64Array(users);
  let sum = 0;
  for (let u = 0; u < users; u++) {
    w[u] = Math.exp(1.3 * rng.normal());
    sum += w[u];
  }
  const counts = new Int32Array(users);
  const extra = rows - MIN_PER_USER * users;
  let left = rows;
  for (let u = 0; u < users; u++) {
    counts[u] = Math.min(cap, MIN_PER_USER + Math.floor((w[u] / sum) * extra));
    left -= counts[u];
  }
  // Rounding and the cap leave a remainder: spread it one by one, so the total is exactly `rows`.
  for (let u = 0; left > 0; u = (u + 1) % users) {
    if (counts[u] < cap) {
      counts[u]++;
      left--;
    } else if (cap * users <= rows) {
      break;
    }
  }
  return counts;
}

export interface UserRows {
  /** 1-based ids as in the file. */
  userId: number;
  movieIds: Int32Array;
  /** Half stars 1..10 (rating × 2). */
  halves: Uint8Array;
  times: Float64Array;
  count: number;
}

/** Calls `emit` for each user in order; the arrays are reused between calls. */
export function forEachLargeUser(o: LargeOptions, emit: (u: UserRows) => void): void {
  const { rows, users, items } = largeShape(o);
  const rng = createRng(o.seed ?? 1);
  const counts = userCounts(rows, users, items, rng);
  // Popularity rank -> movie id: a shuffled, gappy id space, as MovieLens' movieIds are.
  const ids = new Int32Array(items);
  for (let k = 0; k < items; k++) ids[k] = 1 + k + Math.floor(k / 3);
  for (let k = items - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [ids[k], ids[j]] = [ids[j], ids[k]];
  }
  const itemBias = Float32Array.from({ length: items }, () => 0.6 * rng.normal());
  const cdf = new Float64Array(RATING_SHARE.length);
  RATING_SHARE.reduce((a, p, k) => (cdf[k] = a + p), 0);
  const seen = new Int32Array(items).fill(-1);
  let max = 0;
  for (let u = 0; u < users; u++) max = Math.max(max, counts[u]);
  const rowsU: UserRows = {
    userId: 0,
    movieIds: new Int32Array(max),
    halves: new Uint8Array(max),
    times: new Float64Array(max),
    count: 0,
  };
  const logItems = Math.log(items + 1);
  for (let u = 0; u < users; u++) {
    const c = counts[u];
    const userBias = 0.4 * rng.normal();
    for (let k = 0; k < c; k++) {
      let rank = -1;
      // Zipf-like (P ∝ 1/rank): the inverse CDF of a continuous 1/x; a user that has seen the head
      // retries, then falls back to a uniform draw so heavy users still find unseen items.
      for (let tries = 0; tries < 16 && rank < 0; tries++) {
        const r = Math.min(items - 1, Math.floor(Math.exp(rng.next() * logItems)) - 1);
        if (seen[r] !== u) rank = r;
      }
      while (rank < 0) {
        const r = rng.int(items);
        if (seen[r] !== u) rank = r;
      }
      seen[rank] = u;
      rowsU.movieIds[k] = ids[rank];
      const p = rng.next();
      let h = 0;
      while (h < cdf.length - 1 && p > cdf[h]) h++;
      const shifted = Math.round(h + userBias + itemBias[rank]);
      rowsU.halves[k] = 1 + Math.min(9, Math.max(0, shifted));
    }
    // Active from a random start for a log-normal span, ratings at uniform times in it, in order.
    const start = T0 + rng.next() * (T1 - T0);
    const span = Math.min(T1 - start, 86_400 * 30 * Math.exp(1.5 * rng.normal()));
    const times = rowsU.times.subarray(0, c);
    for (let k = 0; k < c; k++) times[k] = Math.floor(start + rng.next() * span);
    times.sort();
    rowsU.userId = u + 1;
    rowsU.count = c;
    emit(rowsU);
  }
}

const RATING_TEXT = ['', '0.5', '1.0', '1.5', '2.0', '2.5', '3.0', '3.5', '4.0', '4.5', '5.0'];

/** The file as text chunks of about `chunkRows` rows, the header first. */
export function largeCsvChunks(o: LargeOptions, write: (chunk: string) => void, chunkRows = 1 << 16): void {
  write(LARGE_HEADER);
  let parts: string[] = [];
  let n = 0;
  forEachLargeUser(o, (u) => {
    const prefix = `${u.userId},`;
    for (let k = 0; k < u.count; k++) {
      parts.push(`${prefix}${u.movieIds[k]},${RATING_TEXT[u.halves[k]]},${u.times[k]}\n`);
    }
    n += u.count;
    if (n >= chunkRows) {
      write(parts.join(''));
      parts = [];
      n = 0;
    }
  });
  if (parts.length) write(parts.join(''));
}
