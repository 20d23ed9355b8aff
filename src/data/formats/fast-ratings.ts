/**
 * The fast path of a ratings table: a line of plain numbers (integer ids, a decimal rating, an
 * integer epoch time) is read straight from the text by character codes, with no field strings and
 * no row array. Building those per row was most of the cost of a large CSV (papaparse, then the
 * garbage collector). Any line this path is not sure of, it declines, and the general row reader
 * (which trims, reads exponents and dates, and words the problems) takes it, so both paths accept
 * and reject exactly the same lines.
 */
import type { InteractionsBuilder } from '../build';
import { directKeyAt } from '../build';
import { EPOCH_LATEST, type TimeUnit } from '../parse/values';

export interface FastSpec {
  delimiter: string;
  user: number;
  item: number;
  rating: number | null;
  timestamp: number | null;
  ratingRange: { min: number; max: number } | null;
}

/** Digits, an optional point and digits: 15 significant characters at most, so the value is exact. */
function plainDecimal(s: string, from: number, to: number): number {
  const n = to - from;
  if (n === 0 || n > 15) return -1;
  let int = 0;
  let frac = 0;
  let scale = 1;
  let point = false;
  let digits = 0;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
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
function plainInteger(s: string, from: number, to: number): number {
  if (to - from === 0 || to - from > 15) return -1;
  let v = 0;
  for (let k = from; k < to; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

export class FastRatings {
  private readonly last: number;
  /** The delimiter's code when it is one character (a single pass finds the fields), else -1. */
  private readonly code: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(
    private readonly spec: FastSpec,
    private readonly builder: InteractionsBuilder,
  ) {
    this.code = spec.delimiter.length === 1 ? spec.delimiter.charCodeAt(0) : -1;
    this.last = Math.max(spec.user, spec.item, spec.rating ?? 0, spec.timestamp ?? 0);
    this.starts = new Int32Array(this.last + 1);
    this.ends = new Int32Array(this.last + 1);
  }

  /** Finds fields 0..last of the line s[from, to) into starts and ends; false when it has fewer. */
  private split(s: string, from: number, to: number): boolean {
    const { starts, ends, last, code } = this;
    if (code < 0) {
      const d = this.spec.delimiter;
      let p = from;
      for (let f = 0; f <= last; f++) {
        let e = s.indexOf(d, p);
        if (e === -1 || e > to) e = to;
        starts[f] = p;
        ends[f] = e;
        if (e === to && f < last) return false;
        p = e + d.length;
      }
      return true;
    }
    let f = 0;
    starts[0] = from;
    for (let k = from; k < to; k++) {
      if (s.charCodeAt(k) !== code) continue;
      ends[f] = k;
      if (f === last) return true;
      starts[++f] = k + 1;
    }
    ends[f] = to;
    return f === last;
  }

  /** Adds the line s[from, to) and returns true, or returns false (nothing added) to decline it. */
  add(s: string, from: number, to: number, unit: TimeUnit | null): boolean {
    const { spec, starts, ends } = this;
    if (!this.split(s, from, to)) return false;
    const user = directKeyAt(s, starts[spec.user], ends[spec.user]);
    const item = directKeyAt(s, starts[spec.item], ends[spec.item]);
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
    b.pushKeys(
      b.users.internKey(user, s, starts[spec.user], ends[spec.user]),
      b.items.internKey(item, s, starts[spec.item], ends[spec.item]),
      rating,
      time,
    );
    return true;
  }
}
