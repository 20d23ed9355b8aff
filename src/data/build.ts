import type { Interactions } from './types';

/** Ids up to this value take the array path; larger numbers go through the Map like any string. */
export const MAX_DIRECT_ID = 1 << 24;

/**
 * The value of a canonical non-negative integer id ("0", "17", never "017" or "+1"), or -1. Such ids
 * are nearly every file's, and looking them up by number instead of hashing a fresh substring per
 * row was a third of the parse time of a ratings CSV.
 */
function directKey(s: string): number {
  const n = s.length;
  if (n === 0 || n > 8 || (n > 1 && s.charCodeAt(0) === 48)) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v < MAX_DIRECT_ID ? v : -1;
}

/** Dense index for string ids, in order of first appearance. */
export class IdIndex {
  readonly ids: string[] = [];
  private readonly map = new Map<string, number>();
  /** direct[v] = index + 1 of the id whose directKey is v (0: not seen). */
  private direct = new Int32Array(1024);

  get size(): number {
    return this.ids.length;
  }

  intern(id: string): number {
    const v = directKey(id);
    if (v >= 0) return this.internNumber(v);
    let k = this.map.get(id);
    if (k === undefined) {
      k = this.ids.length;
      this.map.set(id, k);
      this.ids.push(id);
    }
    return k;
  }

  /** Index of the canonical integer id v (0 <= v < MAX_DIRECT_ID), whose text is String(v). */
  internNumber(v: number): number {
    if (v >= this.direct.length) {
      const grown = new Int32Array(Math.min(MAX_DIRECT_ID, Math.max(v + 1, this.direct.length * 2)));
      grown.set(this.direct);
      this.direct = grown;
    }
    const k = this.direct[v];
    if (k > 0) return k - 1;
    this.direct[v] = this.ids.length + 1;
    this.ids.push(String(v));
    return this.ids.length - 1;
  }

  find(id: string): number | undefined {
    const v = directKey(id);
    if (v < 0) return this.map.get(id);
    const k = v < this.direct.length ? this.direct[v] : 0;
    return k > 0 ? k - 1 : undefined;
  }

  static from(ids: readonly string[]): IdIndex {
    const idx = new IdIndex();
    for (const id of ids) idx.intern(id);
    return idx;
  }
}

const INTEGER_ID = /^-?\d{1,15}$/;

/**
 * Order in which dense indices are assigned: ascending numeric id when every id is an integer
 * (so ML-100k user 1 is index 0, whatever order the file lists rows in), else first appearance.
 */
function canonicalOrder(ids: readonly string[]): Int32Array | null {
  for (const id of ids) if (!INTEGER_ID.test(id)) return null;
  const order = Int32Array.from(ids.keys());
  const nums = ids.map(Number);
  order.sort((a, b) => nums[a] - nums[b] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  return order;
}

function relabel(index: Int32Array, ids: string[]): string[] {
  const order = canonicalOrder(ids);
  if (order === null) return ids;
  const newOf = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) newOf[order[k]] = k;
  for (let i = 0; i < index.length; i++) index[i] = newOf[index[i]];
  return Array.from(order, (k) => ids[k]);
}

export interface BuiltInteractions {
  interactions: Interactions;
  userIds: string[];
  itemIds: string[];
}

/** Rows per block: big enough that blocks are few, small enough that the last one wastes little. */
const BLOCK_ROWS = 1 << 18;

/** The block being filled. */
interface Filling {
  user: Int32Array;
  item: Int32Array;
  rating: Float32Array | null;
  time: Float64Array | null;
}

/** A block's columns; finish() drops each one as soon as it is copied out. */
interface Block {
  user: Int32Array | null;
  item: Int32Array | null;
  rating: Float32Array | null;
  time: Float64Array | null;
}

/**
 * Appends interactions into fixed-size blocks of typed arrays, so a 32M-row file costs four numbers
 * per row rather than an object per row, and the peak stays at twice the final arrays (the blocks,
 * then one exact copy) where doubling a single array would pass three times.
 */
export class InteractionsBuilder {
  readonly users = new IdIndex();
  readonly items = new IdIndex();
  private readonly blocks: Block[] = [];
  private cur!: Filling;
  private pos = BLOCK_ROWS;
  private done = 0;

  constructor(
    private readonly hasRating: boolean,
    private readonly hasTime: boolean,
  ) {}

  get length(): number {
    return this.done + (this.blocks.length > 0 ? this.pos : 0);
  }

  push(user: string, item: string, rating: number, time: number): void {
    this.pushKeys(this.users.intern(user), this.items.intern(item), rating, time);
  }

  /** Appends a row whose ids are already interned in `users` and `items`. */
  pushKeys(user: number, item: number, rating: number, time: number): void {
    if (this.pos === BLOCK_ROWS) this.next();
    const b = this.cur;
    const i = this.pos++;
    b.user[i] = user;
    b.item[i] = item;
    if (b.rating) b.rating[i] = rating;
    if (b.time) b.time[i] = time;
  }

  private next(): void {
    if (this.blocks.length > 0) this.done += BLOCK_ROWS;
    this.cur = {
      user: new Int32Array(BLOCK_ROWS),
      item: new Int32Array(BLOCK_ROWS),
      rating: this.hasRating ? new Float32Array(BLOCK_ROWS) : null,
      time: this.hasTime ? new Float64Array(BLOCK_ROWS) : null,
    };
    this.blocks.push(this.cur);
    this.pos = 0;
  }

  /** One column of every block copied into an exact array; each block's column is dropped once copied. */
  private gather<T extends Int32Array | Float32Array | Float64Array>(
    make: (n: number) => T,
    key: keyof Block,
  ): T {
    const n = this.length;
    const out = make(n);
    this.blocks.forEach((b, k) => {
      const part = b[key] as T;
      const from = k * BLOCK_ROWS;
      out.set(part.subarray(0, Math.min(BLOCK_ROWS, n - from)), from);
      b[key] = null;
    });
    return out;
  }

  /** Copies the blocks into exact arrays (the blocks are freed) and fixes the index order. */
  finish(): BuiltInteractions {
    const user = this.gather((n) => new Int32Array(n), 'user');
    const item = this.gather((n) => new Int32Array(n), 'item');
    const rating = this.hasRating ? this.gather((n) => new Float32Array(n), 'rating') : null;
    const timestamp = this.hasTime ? this.gather((n) => new Float64Array(n), 'time') : null;
    this.blocks.length = 0;
    this.pos = BLOCK_ROWS;
    this.done = 0;
    const userIds = relabel(user, this.users.ids);
    const itemIds = relabel(item, this.items.ids);
    return { interactions: { user, item, rating, timestamp }, userIds, itemIds };
  }
}

/** Row indices grouped by user, in file order within a user: a counting sort, O(n + users). */
function rowsByUser(user: Int32Array, nUsers: number): Int32Array {
  const start = new Int32Array(nUsers + 1);
  for (let r = 0; r < user.length; r++) start[user[r] + 1]++;
  for (let u = 0; u < nUsers; u++) start[u + 1] += start[u];
  const order = new Int32Array(user.length);
  for (let r = 0; r < user.length; r++) order[start[user[r]]++] = r;
  return order;
}

function groupedByUser(user: Int32Array): boolean {
  for (let r = 1; r < user.length; r++) if (user[r] < user[r - 1]) return false;
  return true;
}

/**
 * Merges repeated (user, item) pairs in place, keeping the latest rating of each: the one with
 * the latest timestamp, or the last in the file (also on a tie). A recommender reads a pair as one
 * opinion, and a pair counted twice pushes the density past 100%. Rows stay in file order; ids
 * keep their indices (every merged pair keeps one row). Returns how many rows were dropped.
 * O(rows + users + items): rows are visited user by user (in file order when the file is sorted
 * by user, as MovieLens' are, else through one extra Int32Array of n), and a per-item stamp finds
 * an item seen twice within a user without a string key per row.
 */
export function mergeDuplicates(built: BuiltInteractions): number {
  const x = built.interactions;
  const { user, item, timestamp } = x;
  const n = user.length;
  if (n <= built.userIds.length) return 0;
  const order = groupedByUser(user) ? null : rowsByUser(user, built.userIds.length);
  const stamp = new Int32Array(built.itemIds.length);
  const keptRow = new Int32Array(built.itemIds.length);
  let dropped = 0;
  for (let k = 0; k < n; k++) {
    const r = order === null ? k : order[k];
    const i = item[r];
    const u1 = user[r] + 1;
    if (stamp[i] !== u1) {
      stamp[i] = u1;
      keptRow[i] = r;
      continue;
    }
    const prev = keptRow[i];
    // Within a user, rows come in file order, so r is later in the file than prev.
    const later = timestamp === null || timestamp[r] >= timestamp[prev];
    if (later) keptRow[i] = r;
    user[later ? prev : r] = -1;
    dropped++;
  }
  if (dropped === 0) return 0;
  let w = 0;
  for (let r = 0; r < n; r++) {
    if (user[r] < 0) continue;
    user[w] = user[r];
    item[w] = item[r];
    if (x.rating) x.rating[w] = x.rating[r];
    if (timestamp) timestamp[w] = timestamp[r];
    w++;
  }
  x.user = user.slice(0, w);
  x.item = item.slice(0, w);
  if (x.rating) x.rating = x.rating.slice(0, w);
  if (timestamp) x.timestamp = timestamp.slice(0, w);
  return dropped;
}
