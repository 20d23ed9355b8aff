import { describe, expect, it } from 'vitest';
import { generateRandomHealth, generateStructured, type Dataset } from '../../../src/data';
import { itemsOf, must, ratingsOf, timesOf, usersOf } from './helpers';

/** Each user's row indices in time order (file order when there is no time). */
function byUser(ds: Dataset): number[][] {
  const rows: number[][] = Array.from({ length: ds.nUsers }, () => []);
  ds.interactions.user.forEach((u, r) => rows[u].push(r));
  const t = ds.interactions.timestamp;
  if (t) for (const list of rows) list.sort((a, b) => t[a] - t[b] || a - b);
  return rows;
}

const hitRate = (hits: number, users: number): number => hits / Math.max(1, users);

/**
 * Holds out each user's last interaction and ranks unseen items by P(category | user) x
 * P(item | category), both counted on the training rows: popularity within taste, no learning.
 */
function tasteHitRate(ds: Dataset, k = 10): number {
  const { item } = ds.interactions;
  const masks = ds.items?.genreMask ?? new Uint32Array(ds.nItems);
  const cat = (i: number): number => 31 - Math.clz32(masks[i] & -masks[i]);
  const popularity = new Float64Array(ds.nItems);
  const catPopularity = new Float64Array(33);
  const seqs = byUser(ds);
  for (const seq of seqs) {
    for (const r of seq.slice(0, -1)) {
      popularity[item[r]]++;
      catPopularity[cat(item[r]) + 1]++;
    }
  }
  let hits = 0;
  let users = 0;
  for (const seq of seqs) {
    if (seq.length < 2) continue;
    users++;
    const seen = new Set(seq.slice(0, -1).map((r) => item[r]));
    const cats = new Float64Array(33);
    for (const i of seen) cats[cat(i) + 1]++;
    const score = (i: number): number =>
      ((cats[cat(i) + 1] + 0.1) * popularity[i]) / (catPopularity[cat(i) + 1] + 1);
    const ranked = Array.from({ length: ds.nItems }, (_, i) => i).filter((i) => !seen.has(i));
    ranked.sort((a, b) => score(b) - score(a) || a - b);
    if (ranked.slice(0, k).includes(item[seq[seq.length - 1]])) hits++;
  }
  return hitRate(hits, users);
}

/** Predicts each user's held-out item from the most frequent successors of their previous item. */
function nextItemHitRate(ds: Dataset, k = 10): { hitRate: number; topShare: number } {
  const { item } = ds.interactions;
  const next = new Map<number, Map<number, number>>();
  const seqs = byUser(ds);
  for (const seq of seqs) {
    for (let p = 1; p < seq.length - 1; p++) {
      const m = next.get(item[seq[p - 1]]) ?? new Map<number, number>();
      m.set(item[seq[p]], (m.get(item[seq[p]]) ?? 0) + 1);
      next.set(item[seq[p - 1]], m);
    }
  }
  let hits = 0;
  let users = 0;
  for (const seq of seqs) {
    if (seq.length < 2) continue;
    users++;
    const succ = [...(next.get(item[seq[seq.length - 2]]) ?? new Map<number, number>())].sort(
      (a, b) => b[1] - a[1],
    );
    if (succ.slice(0, k).some(([i]) => i === item[seq[seq.length - 1]])) hits++;
  }
  let share = 0;
  let n = 0;
  for (const m of next.values()) {
    const counts = [...m.values()].sort((a, b) => b - a);
    const total = counts.reduce((s, c) => s + c, 0);
    if (total < 30) continue;
    share += (counts[0] + (counts[1] ?? 0) + (counts[2] ?? 0)) / total;
    n++;
  }
  return { hitRate: hitRate(hits, users), topShare: share / Math.max(1, n) };
}

function distinctPairs(ds: Dataset): number {
  const { user, item } = ds.interactions;
  return new Set(Array.from(user, (u, k) => u * ds.nItems + item[k])).size;
}

describe('seed 000 random health set', () => {
  it('has 1000 users, 500 items and 50,000 distinct implicit interactions', () => {
    const ds = generateRandomHealth();
    expect(ds).toMatchObject({ id: 'synthetic-random', kind: 'synthetic', nUsers: 1000, nItems: 500 });
    expect(ds.interactions.user.length).toBe(50_000);
    expect(distinctPairs(ds)).toBe(50_000);
    expect(ds.interactions.rating).toBeNull();
    expect(Math.max(...ds.interactions.user)).toBe(999);
    expect(Math.max(...ds.interactions.item)).toBe(499);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateRandomHealth(42);
    expect(generateRandomHealth(42).interactions).toEqual(a.interactions);
    expect(generateRandomHealth(43).interactions.user).not.toEqual(a.interactions.user);
  });

  it('has nothing to learn: structure-based ranking does no better than chance', () => {
    // Chance is about 10 / 450 unseen items = 2.2%.
    expect(tasteHitRate(generateRandomHealth())).toBeLessThan(0.04);
  });
});

describe('structured health set', () => {
  const ds = generateStructured();

  it('has readable items in categories, users with features, ratings 1-5 and time', () => {
    expect(ds).toMatchObject({ id: 'synthetic-structured', kind: 'synthetic', nUsers: 1000, nItems: 400 });
    const n = ds.interactions.user.length;
    expect(n).toBeGreaterThan(45_000);
    expect(n).toBeLessThan(75_000);
    expect(distinctPairs(ds)).toBe(n);
    expect(new Set(ds.interactions.rating)).toEqual(new Set([1, 2, 3, 4, 5]));
    const t = timesOf(ds);
    for (let k = 1; k < n; k++) expect(t[k]).toBeGreaterThanOrEqual(t[k - 1]);
    expect(itemsOf(ds).genreNames).toEqual(
      expect.arrayContaining(['Yoga', 'Meditation', 'HIIT', 'Sleep', 'Nutrition', 'Breathing']),
    );
    expect(new Set(itemsOf(ds).title).size).toBe(400);
    expect(itemsOf(ds).title.every((title) => /^[A-Z0-9].+ \((5|15|30) min\)$/.test(title))).toBe(true);
    expect(itemsOf(ds).genreMask.every((m) => m !== 0)).toBe(true);
    expect(usersOf(ds).age.every((a) => a >= 18 && a <= 70)).toBe(true);
    expect(new Set(usersOf(ds).occupation).size).toBeGreaterThan(5);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateStructured();
    expect(again.interactions).toEqual(ds.interactions);
    expect(itemsOf(again).title).toEqual(itemsOf(ds).title);
    expect(generateStructured(8).interactions.item).not.toEqual(ds.interactions.item);
  });

  it('has taste signal: category-aware ranking beats chance by a wide margin', () => {
    const rate = tasteHitRate(ds);
    // Chance is about 10 / 340 unseen items = 3%.
    expect(rate).toBeGreaterThan(0.2);
  });

  it('has sequential signal: next items are far from uniform', () => {
    const { hitRate: h, topShare } = nextItemHitRate(ds);
    expect(h).toBeGreaterThan(0.25);
    // Uniform successors would give the top three about 3 / 399 = 0.75% of transitions.
    expect(topShare).toBeGreaterThan(0.2);
  });

  it("has rating signal: a user's mean rating per category predicts held-out ratings", () => {
    const { user, item } = ds.interactions;
    const rating = ratingsOf(ds);
    const masks = itemsOf(ds).genreMask;
    const key = (k: number): number => user[k] * 32 + (31 - Math.clz32(masks[item[k]] & -masks[item[k]]));
    const sums = new Map<number, [number, number]>();
    let global = 0;
    for (let k = 0; k < user.length; k++) {
      const s = sums.get(key(k)) ?? [0, 0];
      s[0] += rating[k];
      s[1]++;
      sums.set(key(k), s);
      global += rating[k];
    }
    global /= user.length;
    let errGlobal = 0;
    let errTaste = 0;
    for (let k = 0; k < user.length; k++) {
      const [sum, n] = must(sums.get(key(k)));
      if (n < 2) continue;
      const r = rating[k];
      errGlobal += (r - global) ** 2;
      // Leave-one-out: the row's own rating never predicts itself.
      errTaste += (r - (sum - r) / (n - 1)) ** 2;
    }
    expect(Math.sqrt(errTaste / errGlobal)).toBeLessThan(0.8);
  });
});
