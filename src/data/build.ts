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
