/**
 * The fast path of a ratings table: a line of plain numbers (integer ids, a decimal rating, an
 * integer epoch time) is read straight from its UTF-8 bytes, with no field strings and no row
 * array (reading the text by charCodeAt ran at half the speed). Building those per row was most of the cost of a large CSV (papaparse, then the
 * garbage collector). Any line this path is not sure of, it declines, and the general row reader
 * (which trims, reads exponents and dates, and words the problems) takes it, so both paths accept
 * and reject exactly the same lines.
 */
import type { InteractionsBuilder } from '../build';
import { MAX_DIRECT_ID } from '../build';
import { EPOCH_LATEST, type TimeUnit } from '../parse/values';

export interface FastSpec {
  delimiter: string;
  user: number;
  item: number;
  rating: number | null;
  timestamp: number | null;
  ratingRange: { min: number; max: number } | null;
}

/** The value of a canonical non-negative integer id, as build.ts's directKeyAt reads it from text. */
function directKey(s: Uint8Array, from: number, to: number): number {
  const n = to - from;
  if (n <= 0 || n > 8 || (n > 1 && s[from] === 48)) return -1;
  let v = 0;
  for (let k = from; k < to; k++) {
    const d = s[k] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v < MAX_DIRECT_ID ? v : -1;
}

/** Digits, an optional point and digits: 15 significant characters at most, so the value is exact. */
function plainDecimal(s: Uint8Array, from: number, to: number): number {
  const n = to - from;
  if (n === 0 || n > 15) return -1;
  let int = 0;
  let frac = 0;
  let scale = 1;
  let point = false;
  let digits = 0;
  for (let k = from; k < to; k++) {
    const c = s[k];
    if (c === 46 && !point) {
      point = true;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    digits++;
    if (point) {
      frac = frac * 10 + d;
      scale *= 10;
    } else int = int * 10 + d;
  }
  if (digits === 0) return -1;
  // (int * scale + frac) / scale: one correctly rounded division, the value Number() gives the text.
  return (int * scale + frac) / scale;
}

/** An integer epoch time of at most 15 digits, or -1. */
function plainInteger(s: Uint8Array, from: number, to: number): number {
  if (to - from === 0 || to - from > 15) return -1;
  let v = 0;
  for (let k = from; k < to; k++) {
    const d = s[k] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

export class FastRatings {
  private readonly last: number;
  private readonly delim: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** False when the delimiter is not ASCII: then every line goes to the row reader. */
  readonly usable: boolean;

  constructor(
    private readonly spec: FastSpec,
    private readonly builder: InteractionsBuilder,
  ) {
    this.delim = new TextEncoder().encode(spec.delimiter);
    this.usable = this.delim.length === spec.delimiter.length && this.delim.length > 0;
    this.last = Math.max(spec.user, spec.item, spec.rating ?? 0, spec.timestamp ?? 0);
    this.starts = new Int32Array(this.last + 1);
    this.ends = new Int32Array(this.last + 1);
  }

  /** Fields found on the line last scanned: 0..last, or fewer when it is short. */
  private found = 0;

  /**
   * Finds the end of the line starting at `from` (the index of its '\n', or `end`) and, on the way,
   * the bounds of fields 0..last. One pass over the bytes does both.
   */
  scan(s: Uint8Array, from: number, end: number): number {
    const { starts, ends, last, delim } = this;
    const d0 = delim[0];
    const dn = delim.length;
    let f = 0;
    starts[0] = from;
    let k = from;
    for (; k < end; k++) {
      const c = s[k];
      if (c === 10) break;
      if (c !== d0 || f > last) continue;
      if (dn > 1) {
        let j = 1;
        while (j < dn && k + j < end && s[k + j] === delim[j]) j++;
        if (j < dn) continue;
      }
      ends[f] = k;
      k += dn - 1;
      if (++f <= last) starts[f] = k + 1;
    }
    if (f <= last) ends[f] = k;
    this.found = f;
    return k;
  }

  /** Adds the line just scanned and returns true, or returns false (nothing added) to decline it. */
  add(s: Uint8Array, unit: TimeUnit | null): boolean {
    const { spec, starts, ends } = this;
    if (this.found < this.last) return false;
    const user = directKey(s, starts[spec.user], ends[spec.user]);
    const item = directKey(s, starts[spec.item], ends[spec.item]);
    if (user < 0 || item < 0) return false;
    let rating = 1;
    if (spec.rating !== null) {
      rating = plainDecimal(s, starts[spec.rating], ends[spec.rating]);
      if (rating < 0) return false;
      const r = spec.ratingRange;
      if (r && (rating < r.min || rating > r.max)) return false;
    }
    let time = 0;
    if (spec.timestamp !== null) {
      if (unit === null) return false;
      const v = plainInteger(s, starts[spec.timestamp], ends[spec.timestamp]);
      if (v < 0) return false;
      time = v / unit.perSecond;
      if (time > EPOCH_LATEST) return false;
    }
    const b = this.builder;
    b.pushKeys(b.users.internNumber(user), b.items.internNumber(item), rating, time);
    return true;
  }
}
