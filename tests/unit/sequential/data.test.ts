/**
 * The Sequential stage's data and baselines on fixtures small enough to check by hand: the timeline and
 * its windows (padding, what each held-out item sees, nothing held out in training), popularity and
 * Markov counts, the ranking figures, and the file-order fallback of data without time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../src/data/rng';
import { initBackend } from '../../../src/train/backend';
import { generateRandomHealth } from '../../../src/data/synthetic';
import { SIDE, type PreparedSplit } from '../../../src/data/types';
import { MarkovModel, PopModel } from '../../../src/models/sequential/baselines';
import { SEQ_SPEC } from '../../../src/models/sequential/spec';
import { sequentialFamily, timelineOf } from '../../../src/models/sequential/family';
import { rankHeldOut, sidesBefore } from '../../../src/models/sequential/evaluate';
import { latestWindows, type SeqScorer } from '../../../src/models/sequential/scorer';
import {
  heldOutTargets,
  trainingTargets,
  windowBatch,
  type WindowBatch,
} from '../../../src/train/sources/windows';
import { tiledTargets } from '../../../src/models/sequential/source';
import type { SeqExperiment, SeqKind } from '../../../src/models/sequential/config';
import { cyclic, tiny } from './fixtures';

const P = 5; // tiny's padding id (nItems)

beforeAll(async () => {
  await initBackend({ choice: 'cpu' });
});

function config(kind: SeqKind, window = 3): SeqExperiment {
  const c = SEQ_SPEC.base(kind, null);
  return { ...c, prep: { ...c.prep, window } };
}

function split(ds = tiny(), window = 3): PreparedSplit {
  const r = sequentialFamily.prepare(ds, config('markov', window));
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('sequential data', () => {
  it('orders each user by time and marks train, validation and test', () => {
    const tl = timelineOf(split());
    const user = (u: number) => Array.from(tl.item.subarray(tl.indptr[u], tl.indptr[u + 1]));
    const sides = (u: number) => Array.from(tl.side.subarray(tl.indptr[u], tl.indptr[u + 1]));
    expect([user(0), user(1), user(2)]).toEqual([
      [0, 1, 2, 3, 4],
      [2, 1, 0, 3],
      [0, 1, 4, 2],
    ]);
    expect(sides(0)).toEqual([0, 0, 0, 1, 2]);
    expect(sides(1)).toEqual([0, 0, 1, 2]);
  });

  it('pads short windows at the start; a test item sees the validation item, a validation item only training', () => {
    const tl = timelineOf(split());
    const win = (side: number, length: number) => {
      const set = heldOutTargets(tl, side);
      const b = windowBatch(tl, set, null, 0, set.at.length, length, P, sidesBefore(side));
      return Array.from({ length: b.n }, (_, r) => [
        Array.from(b.seqs.subarray(r * length, (r + 1) * length)),
        b.target[r],
      ]);
    };
    expect(win(SIDE.test, 3)).toEqual([
      [[1, 2, 3], 4],
      [[2, 1, 0], 3],
      [[0, 1, 4], 2],
    ]);
    expect(win(SIDE.validation, 4)).toEqual([
      [[P, 0, 1, 2], 3],
      [[P, P, 2, 1], 0],
      [[P, P, 0, 1], 4],
    ]);
    expect(Array.from(latestWindows(tl, Int32Array.of(1), 4, P))).toEqual([P, 2, 1, 0]);
  });

  it('never shows a validation or test item to training, as window or as target', async () => {
    const data = split(cyclic(), 5);
    const tl = timelineOf(data);
    const heldOut = new Set<string>();
    for (let u = 0; u < data.nUsers; u++)
      for (let j = tl.indptr[u]; j < tl.indptr[u + 1]; j++)
        if (tl.side[j] !== SIDE.train) heldOut.add(`${u}:${tl.item[j]}`);
    const { model, training } = await sequentialFamily.build(data, config('lstm', 5), {} as never);
    const src = training?.makeSource(createRng(1));
    if (!src) throw new Error('no training');
    const n = src.startEpoch(createRng(2));
    const b = src.batch(0, n, createRng(3)) as WindowBatch;
    let seen = 0;
    for (let r = 0; r < b.n; r++) {
      expect(heldOut.has(`${b.user[r]}:${b.target[r]}`)).toBe(false);
      for (let t = 0; t < 5; t++) {
        const it = b.seqs[r * 5 + t];
        if (it === data.nItems) continue;
        seen++;
        expect(heldOut.has(`${b.user[r]}:${it}`)).toBe(false);
      }
    }
    // 40 users x 9 training targets, most windows full.
    expect(b.n).toBe(40 * 9);
    expect(seen).toBeGreaterThan(3 * b.n);
    model.dispose();
  });

  it('tiles each history with windows that together hold every training target once', () => {
    const tl = timelineOf(split(cyclic(), 5));
    const all = trainingTargets(tl);
    const tiled = tiledTargets(tl, 4);
    // 9 training targets per user: windows end at the 9th, 5th and 1st.
    expect(tiled.at.length).toBe(40 * 3);
    const covered = new Set<number>();
    for (let e = 0; e < tiled.at.length; e++)
      for (let j = tiled.at[e]; j > tiled.at[e] - 4 && j > tl.indptr[tiled.user[e]]; j--) {
        expect(covered.has(j)).toBe(false);
        covered.add(j);
      }
    expect([...covered].sort((a, b) => a - b)).toEqual(Array.from(all.at));
  });

  it('falls back to file order where the data has no time, and says so', () => {
    const r = sequentialFamily.prepare(generateRandomHealth(42), config('pop', 10));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.timeline).not.toBeNull();
    expect(r.value.notes.join(' ')).toMatch(/file order/);
    expect(r.value.test.user.length).toBe(1000);
  });
});

describe('baselines', () => {
  it('popularity counts training interactions only', async () => {
    const data = split();
    const pop = new PopModel(timelineOf(data), 3, 5, 3);
    expect(Array.from(pop.counts)).toEqual([2, 3, 2, 0, 0]);
    const s = await pop.scoreWindows(new Int32Array(6).fill(P), 2);
    expect(Array.from(s.subarray(5))).toEqual([2, 3, 2, 0, 0]);
  });

  it('the Markov chain counts what followed the last item and backs off to popularity', async () => {
    const m = new MarkovModel(timelineOf(split()), 3, 5, 3);
    // Training transitions: 0→1 (u0, u2), 1→2 (u0), 2→1 (u1).
    expect(Array.from(m.chain.indptr)).toEqual([0, 1, 2, 3, 3, 3]);
    expect(Array.from(m.chain.next)).toEqual([1, 2, 1]);
    expect(Array.from(m.chain.count)).toEqual([2, 1, 1]);
    const s = await m.scoreWindows(Int32Array.from([P, 2, 0, P, P, P, 1, 3, 4]), 3);
    const order = (r: number) =>
      [0, 1, 2, 3, 4].sort((a, b) => s[r * 5 + b] - s[r * 5 + a] || a - b).slice(0, 3);
    expect(order(0)).toEqual([1, 0, 2]); // after 0: item 1 (2 counts), then by popularity
    expect(order(1)).toEqual([1, 0, 2]); // empty window: popularity alone
    expect(order(2)).toEqual([1, 0, 2]); // 4 was never followed: popularity alone
    expect(s[0 * 5 + 1]).toBeGreaterThan(2);
    expect(s[0 * 5 + 1]).toBeLessThan(3);
  });
});

describe('next-item ranking', () => {
  it('computes accuracy, HR, NDCG and MRR from the rank of each held-out item', async () => {
    const data = split();
    const tl = timelineOf(data);
    // Test items 4, 3, 2 ranked 1st, 4th and last among the 5 items.
    const rank = [
      [4, 0, 1, 2, 3],
      [0, 1, 2, 3, 4],
      [0, 1, 3, 4, 2],
    ];
    const fake = {
      nItems: 5,
      window: 3,
      async scoreWindows(_s: Int32Array, n: number) {
        const out = new Float32Array(n * 5);
        for (let r = 0; r < n; r++) rank[r].forEach((item, pos) => (out[r * 5 + item] = 10 - pos));
        return out;
      },
    } as unknown as SeqScorer;
    const r = await rankHeldOut(fake, tl, SIDE.test, { k: 4 });
    expect(r.targets).toBe(3);
    expect(r.accuracy).toBeCloseTo(1 / 3, 6);
    expect(r.hr).toBeCloseTo(2 / 3, 6);
    expect(r.ndcg).toBeCloseTo((1 + 1 / Math.log2(5)) / 3, 6);
    expect(r.mrr).toBeCloseTo((1 + 1 / 4 + 1 / 5) / 3, 6);
  });
});
