import { describe, expect, it } from 'vitest';
import { prepare } from '../../../src/data/prepare';
import { buildCsr, csrHas, csrRow } from '../../../src/data/split';
import type { Dataset, PrepConfig, PreparedSplit } from '../../../src/data/types';
import { loadMl100k, ml100kTitle, SKIP_ML100K } from '../../quality/ml100k';

function tiny(rows: [number, number, number, number][], nUsers: number, nItems: number): Dataset {
  return {
    id: 'tiny',
    name: 'tiny',
    kind: 'synthetic',
    nUsers,
    nItems,
    userIds: Array.from({ length: nUsers }, (_, i) => `u${i}`),
    itemIds: Array.from({ length: nItems }, (_, i) => `i${i}`),
    interactions: {
      user: Int32Array.from(rows.map((r) => r[0])),
      item: Int32Array.from(rows.map((r) => r[1])),
      rating: Float32Array.from(rows.map((r) => r[2])),
      timestamp: Float64Array.from(rows.map((r) => r[3])),
    },
    ratingScale: { min: 1, max: 5 },
    items: null,
    users: null,
    officialSplits: [{ name: 'ua', testRows: Int32Array.from([0, 3]) }],
    skipped: { count: 0, examples: [] },
    notices: [],
  };
}

const base: PrepConfig = {
  implicitThreshold: null,
  strictThreshold: false,
  split: { kind: 'leave-one-out' },
  negativesPerPositive: 4,
  seed: 7,
};

const pairKeys = (s: { user: Int32Array; item: Int32Array }, nItems: number) =>
  new Set(Array.from(s.user, (u, j) => u * nItems + s.item[j]));

function expectLeakFree(p: PreparedSplit) {
  const train = pairKeys(p.trainLabelled, p.nItems);
  for (let j = 0; j < p.test.user.length; j++)
    expect(train.has(p.test.user[j] * p.nItems + p.test.item[j])).toBe(false);
  for (let j = 0; j < p.testLabelled.user.length; j++) {
    expect(train.has(p.testLabelled.user[j] * p.nItems + p.testLabelled.item[j])).toBe(false);
  }
}

describe('leave-one-out', () => {
  it('holds out the latest positive, breaking timestamp ties by file order', () => {
    const ds = tiny(
      [
        [0, 0, 5, 100],
        [0, 1, 5, 300],
        [0, 2, 5, 300], // tie with the row above: the earlier row wins
        [0, 3, 1, 900], // latest, but below the threshold
        [1, 4, 5, 50], // user 1 has a single positive: train-only
        [2, 1, 4, 10],
        [2, 0, 4, 20],
      ],
      3,
      5,
    );
    const r = prepare(ds, { ...base, implicitThreshold: 4 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.value;
    expect(Array.from(p.test.user)).toEqual([0, 2]);
    expect(Array.from(p.test.item)).toEqual([1, 0]);
    expect(p.notes.join(' ')).toContain('1 users with a single positive');
    expectLeakFree(p);
    // The below-threshold rating stays in training history, but not among the positives.
    expect(csrHas(p.trainSeen, 0, 3)).toBe(true);
    expect(pairKeys(p.train, 5).has(0 * 5 + 3)).toBe(false);
  });

  it.skipIf(SKIP_ML100K)(
    ml100kTitle('on ML-100k: one test item per user, the latest, and no leakage'),
    async () => {
      const ds = await loadMl100k();
      const r = prepare(ds, base);
      if (!r.ok) throw new Error(r.reason);
      const p = r.value;
      expect(p.test.user.length).toBe(943);
      expect(new Set(p.test.user).size).toBe(943);
      expect(p.train.user.length).toBe(100_000 - 943);
      const x = ds.interactions;
      const ts = x.timestamp as Float64Array;
      const latest = new Float64Array(943);
      for (let i = 0; i < x.user.length; i++) latest[x.user[i]] = Math.max(latest[x.user[i]], ts[i]);
      const tsOf = new Map<number, number>();
      for (let i = 0; i < x.user.length; i++) tsOf.set(x.user[i] * 1682 + x.item[i], ts[i]);
      for (let j = 0; j < 943; j++)
        expect(tsOf.get(p.test.user[j] * 1682 + p.test.item[j])).toBe(latest[p.test.user[j]]);
      expectLeakFree(p);
      // Implicit leave-one-out: 1 positive + 4 sampled negatives per user for classification.
      expect(p.testLabelled.user.length).toBe(943 * 5);
      for (let j = 0; j < p.testLabelled.user.length; j++) {
        if (p.testLabelled.label[j] === 0)
          expect(csrHas(p.allSeen, p.testLabelled.user[j], p.testLabelled.item[j])).toBe(false);
      }
    },
  );
});

describe('random and official splits', () => {
  it('random 80/20 is exact, seeded and leak-free even with duplicate pairs', () => {
    const rows: [number, number, number, number][] = [];
    for (let u = 0; u < 20; u++)
      for (let i = 0; i < 10; i++) rows.push([u, i, 1 + ((u + i) % 5), u * 10 + i]);
    rows.push([3, 4, 5, 999], [3, 4, 1, 1000]); // duplicates of a pair
    const ds = tiny(rows, 20, 10);
    const cfg: PrepConfig = {
      ...base,
      implicitThreshold: 3,
      strictThreshold: true,
      split: { kind: 'random', testFraction: 0.2 },
    };
    const a = prepare(ds, cfg);
    const b = prepare(ds, cfg);
    if (!a.ok || !b.ok) throw new Error('prepare failed');
    expect(Array.from(a.value.test.item)).toEqual(Array.from(b.value.test.item));
    expectLeakFree(a.value);
    // Explicit data: held-out rows carry their own 0/1 labels (rating > 3), no sampled negatives.
    const labels = Array.from(a.value.testLabelled.label);
    expect(labels.some((v) => v === 0) && labels.some((v) => v === 1)).toBe(true);
    expect(a.value.testLabelled.user.length).toBeLessThanOrEqual(Math.round(202 * 0.2));
    const c = prepare(ds, { ...cfg, seed: 8 });
    if (!c.ok) throw new Error(c.reason);
    expect(Array.from(c.value.test.item)).not.toEqual(Array.from(a.value.test.item));
  });

  it('official split uses the shipped test rows and names missing splits', () => {
    const ds = tiny(
      [
        [0, 0, 5, 1],
        [0, 1, 5, 2],
        [1, 0, 5, 3],
        [1, 2, 5, 4],
      ],
      2,
      3,
    );
    const r = prepare(ds, { ...base, split: { kind: 'official', name: 'ua' } });
    if (!r.ok) throw new Error(r.reason);
    expect(Array.from(r.value.test.item)).toEqual([0, 2]);
    const bad = prepare(ds, { ...base, split: { kind: 'official', name: 'u9' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toContain("'u9'");
  });

  it.skipIf(SKIP_ML100K)(
    ml100kTitle('on ML-100k the ua split with ratings >= 3 matches the files'),
    async () => {
      const r = prepare(await loadMl100k(), {
        ...base,
        implicitThreshold: 3,
        split: { kind: 'official', name: 'ua' },
      });
      if (!r.ok) throw new Error(r.reason);
      expect(r.value.trainLabelled.user.length).toBe(90_570);
      expect(r.value.testLabelled.user.length).toBe(9_430);
      expectLeakFree(r.value);
    },
  );
});

describe('csr', () => {
  it('sorts and deduplicates rows', () => {
    const csr = buildCsr(Int32Array.from([1, 0, 1, 1]), Int32Array.from([5, 2, 3, 5]), 3);
    expect(Array.from(csrRow(csr, 1))).toEqual([3, 5]);
    expect(Array.from(csrRow(csr, 2))).toEqual([]);
    expect(csrHas(csr, 0, 2)).toBe(true);
    expect(csrHas(csr, 0, 3)).toBe(false);
  });
});
