import type { Interactions } from './types';

/** Dense index for string ids, in order of first appearance. */
export class IdIndex {
  readonly ids: string[] = [];
  private readonly map = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  intern(id: string): number {
    let k = this.map.get(id);
    if (k === undefined) {
      k = this.ids.length;
      this.map.set(id, k);
      this.ids.push(id);
    }
    return k;
  }

  find(id: string): number | undefined {
    return this.map.get(id);
  }

  static from(ids: readonly string[]): IdIndex {
    const idx = new IdIndex();
    for (const id of ids) idx.intern(id);
    return idx;
  }
}

function grow<T extends Int32Array | Float32Array | Float64Array>(a: T, make: (n: number) => T): T {
  const b = make(a.length * 2);
  b.set(a);
  return b;
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

/**
 * Appends interactions into typed arrays that double when full, so a 32M-row file costs four
 * numbers per row rather than an object per row.
 */
export class InteractionsBuilder {
  readonly users = new IdIndex();
  readonly items = new IdIndex();
  private n = 0;
  private user: Int32Array;
  private item: Int32Array;
  private rating: Float32Array | null;
  private time: Float64Array | null;

  constructor(hasRating: boolean, hasTime: boolean, capacity = 1 << 16) {
    const cap = Math.max(16, capacity);
    this.user = new Int32Array(cap);
    this.item = new Int32Array(cap);
    this.rating = hasRating ? new Float32Array(cap) : null;
    this.time = hasTime ? new Float64Array(cap) : null;
  }

  get length(): number {
    return this.n;
  }

  push(user: string, item: string, rating: number, time: number): void {
    if (this.n === this.user.length) this.grow();
    const i = this.n++;
    this.user[i] = this.users.intern(user);
    this.item[i] = this.items.intern(item);
    if (this.rating) this.rating[i] = rating;
    if (this.time) this.time[i] = time;
  }

  private grow(): void {
    this.user = grow(this.user, (n) => new Int32Array(n));
    this.item = grow(this.item, (n) => new Int32Array(n));
    if (this.rating) this.rating = grow(this.rating, (n) => new Float32Array(n));
    if (this.time) this.time = grow(this.time, (n) => new Float64Array(n));
  }

  /** Trims the arrays (copies, so the doubled buffers can be freed) and fixes the index order. */
  finish(): BuiltInteractions {
    const n = this.n;
    const user = this.user.slice(0, n);
    const item = this.item.slice(0, n);
    const userIds = relabel(user, this.users.ids);
    const itemIds = relabel(item, this.items.ids);
    return {
      interactions: {
        user,
        item,
        rating: this.rating ? this.rating.slice(0, n) : null,
        timestamp: this.time ? this.time.slice(0, n) : null,
      },
      userIds,
      itemIds,
    };
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
