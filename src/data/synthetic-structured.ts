import { createRng, permutation, shuffleInPlace, type Rng } from './rng';
import {
  CATEGORIES,
  OCCUPATIONS,
  OLDER_BOOST,
  ROUTINES,
  VARIANTS,
  YOUNG_BOOST,
  type Routine,
} from './synthetic-catalog';
import { observedRange } from './dataset';
import type { Dataset, ItemMeta, UserMeta } from './types';

export const STRUCTURED = { users: 1000, items: 400, days: 180, start: Date.UTC(2024, 0, 1) / 1000 } as const;

const C = CATEGORIES.length;
const catIndex = new Map(CATEGORIES.map((c, k) => [c.name, k]));
const FOLLOW_UPS = 3;
const FOLLOW_PROB = 0.6;
const FOLLOW_WEIGHTS = [0.6, 0.25, 0.15];
const SKIP_STEP = 0.15;

interface Catalog {
  meta: ItemMeta;
  category: Int32Array;
  variant: Int32Array;
  quality: Float32Array;
  /** Items of each category, most popular first. */
  byCategory: Int32Array[];
  /** popularity weight of item i within its category. */
  popularity: Float32Array;
  /** followUps[i * C + c]: the items people tend to open in category c right after item i. */
  followUps: Int32Array[];
}

function pick(weights: ArrayLike<number>, rng: Rng): number {
  let total = 0;
  for (let k = 0; k < weights.length; k++) total += weights[k];
  let x = rng.next() * total;
  for (let k = 0; k < weights.length; k++) {
    x -= weights[k];
    if (x < 0) return k;
  }
  return weights.length - 1;
}

function buildCatalog(rng: Rng): Catalog {
  const n = STRUCTURED.items;
  const specs: { title: string; cats: number[]; variant: number }[] = [];
  CATEGORIES.forEach((cat, c) => {
    const quota = Math.floor(n / C) + (c < n % C ? 1 : 0);
    const combos = cat.stems.flatMap((stem) => VARIANTS.map((_, v) => ({ stem, v })));
    for (const k of permutation(combos.length, rng).slice(0, quota)) {
      const { stem, v } = combos[k];
      const [name, other] = stem.split(' > ');
      const cats = other === undefined ? [c] : [c, catIndex.get(other) as number];
      specs.push({ title: `${name} (${VARIANTS[v]})`, cats, variant: v });
    }
  });
  const order = shuffleInPlace(Int32Array.from(specs.keys()), rng);
  const meta: ItemMeta = {
    title: [],
    genreNames: CATEGORIES.map((c) => c.name),
    genreMask: new Uint32Array(n),
    year: new Int16Array(n),
  };
  const category = new Int32Array(n);
  const variant = new Int32Array(n);
  const quality = new Float32Array(n);
  order.forEach((k, i) => {
    const s = specs[k];
    meta.title.push(s.title);
    for (const c of s.cats) meta.genreMask[i] |= 1 << c;
    category[i] = s.cats[0];
    variant[i] = s.variant;
    quality[i] = rng.normal() * 0.35;
  });
  const byCategory = CATEGORIES.map((_, c) =>
    shuffleInPlace(
      Int32Array.from(category.keys()).filter((i) => category[i] === c),
      rng,
    ),
  );
  const popularity = new Float32Array(n);
  for (const items of byCategory) items.forEach((i, rank) => (popularity[i] = 1 / (rank + 1) ** 0.9));
  const followUps: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < C; c++) {
      const pool = byCategory[c].filter((j) => j !== i);
      followUps.push(shuffleInPlace(pool, rng).slice(0, FOLLOW_UPS));
    }
  }
  return { meta, category, variant, quality, byCategory, popularity, followUps };
}

interface Person {
  taste: Float64Array;
  bias: number;
  variant: number;
  habits: number[];
  routineWeight: number[];
  target: number;
}

function makePerson(age: number, rng: Rng): Person {
  const taste = new Float64Array(C).fill(0.15);
  const boost: number[] = CATEGORIES.map((c) =>
    age < 35 && YOUNG_BOOST.has(c.name) ? 3 : age >= 50 && OLDER_BOOST.has(c.name) ? 3 : 1,
  );
  for (const extra of [3, 2, 1]) {
    const c = pick(boost, rng);
    taste[c] += extra;
    boost[c] = 0;
  }
  const maxTaste = Math.max(...taste);
  for (let c = 0; c < C; c++) taste[c] /= maxTaste;
  const routineWeight = ROUTINES.map(
    (r) => (r.steps.reduce((s, name) => s + taste[catIndex.get(name) as number], 0) / r.steps.length) ** 3,
  );
  const habits = [pick(routineWeight, rng), pick(routineWeight, rng)];
  const target = Math.round(Math.min(220, Math.max(10, Math.exp(Math.log(44) + 0.75 * rng.normal()))));
  return {
    taste,
    bias: rng.normal() * 0.3,
    variant: rng.int(VARIANTS.length),
    habits,
    routineWeight,
    target,
  };
}

const weights = new Float64Array(64);

function chooseItem(cat: Catalog, p: Person, c: number, prev: number, seen: Uint8Array, rng: Rng): number {
  if (prev >= 0 && rng.next() < FOLLOW_PROB) {
    const next = cat.followUps[prev * C + c][pick(FOLLOW_WEIGHTS, rng)];
    if (!seen[next]) return next;
  }
  const pool = cat.byCategory[c];
  const w = weights.subarray(0, pool.length);
  let any = false;
  for (let k = 0; k < pool.length; k++) {
    const i = pool[k];
    w[k] = seen[i] ? 0 : cat.popularity[i] * (cat.variant[i] === p.variant ? 3 : 1);
    any ||= w[k] > 0;
  }
  return any ? pool[pick(w, rng)] : -1;
}

function rate(cat: Catalog, p: Person, i: number, rng: Rng): number {
  const z = 2.5 + 2.3 * p.taste[cat.category[i]] + cat.quality[i] + p.bias + 0.55 * rng.normal();
  return Math.min(5, Math.max(1, Math.round(z)));
}

interface Event {
  user: number;
  item: number;
  rating: number;
  time: number;
}

function sessionsOf(u: number, p: Person, cat: Catalog, rng: Rng, out: Event[]): void {
  const seen = new Uint8Array(STRUCTURED.items);
  const used = new Set<number>();
  let count = 0;
  for (let attempts = 0; count < p.target && attempts < p.target * 4; attempts++) {
    const r = rng.next() < 0.75 ? p.habits[rng.int(p.habits.length)] : pick(p.routineWeight, rng);
    const routine: Routine = ROUTINES[r];
    const day = rng.int(STRUCTURED.days);
    if (used.has(day * ROUTINES.length + r)) continue;
    used.add(day * ROUTINES.length + r);
    let t =
      STRUCTURED.start +
      day * 86400 +
      Math.floor((routine.from + rng.next() * (routine.to - routine.from)) * 3600);
    let prev = -1;
    routine.steps.forEach((name, step) => {
      if (step > 0 && rng.next() < SKIP_STEP) return;
      const i = chooseItem(cat, p, catIndex.get(name) as number, prev, seen, rng);
      if (i < 0) return;
      seen[i] = 1;
      count++;
      out.push({ user: u, item: i, rating: rate(cat, p, i, rng), time: t });
      t += 300 + rng.int(1500);
      prev = i;
    });
  }
}

function makeUsers(rng: Rng): { meta: UserMeta; people: Person[] } {
  const meta: UserMeta = { age: new Int16Array(STRUCTURED.users), gender: [], occupation: [], zip: [] };
  const people: Person[] = [];
  for (let u = 0; u < STRUCTURED.users; u++) {
    const age = 18 + rng.int(53);
    meta.age[u] = age;
    meta.gender.push(rng.next() < 0.04 ? '' : rng.next() < 0.5 ? 'F' : 'M');
    meta.occupation.push(
      age >= 63
        ? 'retired'
        : age < 23 && rng.next() < 0.6
          ? 'student'
          : OCCUPATIONS[rng.int(OCCUPATIONS.length - 2)],
    );
    meta.zip.push('');
    people.push(makePerson(age, rng));
  }
  return { meta, people };
}

/**
 * A health-content set with structure to learn: users have tastes over categories (shaped by
 * age), follow daily routines whose steps come in order (yoga, then breathing, then meditation,
 * then sleep sounds), tend to open the same follow-up items, and rate what matches their taste higher.
 */
export function generateStructured(seed = 7): Dataset {
  const rng = createRng(seed);
  const cat = buildCatalog(rng.fork());
  const { meta: users, people } = makeUsers(rng.fork());
  const events: Event[] = [];
  const sessionRng = rng.fork();
  people.forEach((p, u) => sessionsOf(u, p, cat, sessionRng, events));
  events.sort((a, b) => a.time - b.time || a.user - b.user);
  const interactions = {
    user: Int32Array.from(events, (e) => e.user),
    item: Int32Array.from(events, (e) => e.item),
    rating: Float32Array.from(events, (e) => e.rating),
    timestamp: Float64Array.from(events, (e) => e.time),
  };
  return {
    id: 'synthetic-structured',
    name: 'Health content: structured',
    kind: 'synthetic',
    nUsers: STRUCTURED.users,
    nItems: STRUCTURED.items,
    userIds: Array.from({ length: STRUCTURED.users }, (_, u) => String(u + 1)),
    itemIds: Array.from({ length: STRUCTURED.items }, (_, i) => String(i + 1)),
    interactions,
    ratingScale: observedRange(interactions.rating),
    items: cat.meta,
    users,
    officialSplits: [],
    skipped: { count: 0, examples: [] },
    notices: [],
  };
}
