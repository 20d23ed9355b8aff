import { describe, expect, it } from 'vitest';
import {
  NegativeSampler,
  allUnobservedSamples,
  pairwiseSamples,
  pointwiseSamples,
} from '../../../src/data/negatives';
import { buildCsr, csrHas } from '../../../src/data/split';
import { createRng } from '../../../src/data/rng';
import { prepare } from '../../../src/data/prepare';
import { loadMl100k, ml100kTitle, SKIP_ML100K } from '../../quality/ml100k';

describe('negative sampling', () => {
  it('never returns a seen item, covers the complement uniformly, and handles dense rows', () => {
    const nItems = 20;
    // User 0 saw half the items, user 1 all but two, user 2 everything.
    const users = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...Array(18).fill(1), ...Array(20).fill(2)];
    const items = [
      0,
      2,
      4,
      6,
      8,
      10,
      12,
      14,
      16,
      18,
      ...Array.from({ length: 18 }, (_, i) => i),
      ...Array.from({ length: 20 }, (_, i) => i),
    ];
    const seen = buildCsr(Int32Array.from(users), Int32Array.from(items), 3);
    const s = new NegativeSampler(seen, nItems);
    const rng = createRng(1);
    const hist = new Int32Array(nItems);
    for (let k = 0; k < 20_000; k++) {
      const i = s.draw(0, rng);
      expect(i % 2).toBe(1);
      hist[i]++;
    }
    for (let i = 1; i < nItems; i += 2) expect(hist[i] / 20_000).toBeCloseTo(0.1, 1);
    for (let k = 0; k < 100; k++) expect([18, 19]).toContain(s.draw(1, rng));
    expect(s.draw(2, rng)).toBe(-1);
    const d = s.drawDistinct(1, 5, rng);
    expect(Array.from(d).sort()).toEqual([18, 19]);
    expect(
      Array.from(s.drawDistinct(0, 4, rng, [1, 3])).every((i) => i % 2 === 1 && i !== 1 && i !== 3),
    ).toBe(true);
  });

  it.skipIf(SKIP_ML100K)(
    ml100kTitle('on ML-100k: exact 1:4 ratio, never a rated item, and redrawn each call'),
    async () => {
      const r = prepare(await loadMl100k(), {
        implicitThreshold: null,
        strictThreshold: false,
        split: { kind: 'leave-one-out' },
        negativesPerPositive: 4,
        seed: 1,
      });
      if (!r.ok) throw new Error(r.reason);
      const p = r.value;
      const sampler = new NegativeSampler(p.trainSeen, p.nItems);
      const rng = createRng(3);
      const a = pointwiseSamples(p.train, sampler, 4, rng);
      expect(a.length).toBe(p.train.user.length * 5);
      let ones = 0;
      let seenNegatives = 0;
      for (let j = 0; j < a.length; j++) {
        if (a.label[j] === 1) ones++;
        else if (csrHas(p.trainSeen, a.user[j], a.item[j])) seenNegatives++;
      }
      expect(seenNegatives).toBe(0);
      expect(ones * 5).toBe(a.length);
      const firstNegs = a.item.slice(1, 200);
      const b = pointwiseSamples(p.train, sampler, 4, rng, a);
      expect(b.user).toBe(a.user); // buffers reused
      expect(Array.from(b.item.slice(1, 200))).not.toEqual(Array.from(firstNegs));
      const t = pairwiseSamples(p.train, sampler, rng);
      expect(t.length).toBe(p.train.user.length);
      let bad = 0;
      for (let j = 0; j < t.length; j++) if (csrHas(p.trainSeen, t.user[j], t.neg[j])) bad++;
      expect(bad).toBe(0);
    },
  );

  it('all-unobserved covers the whole matrix with the positives as ones', () => {
    const pos = buildCsr(Int32Array.from([0, 1, 1]), Int32Array.from([2, 0, 1]), 2);
    const s = allUnobservedSamples(pos, 2, 3);
    expect(Array.from(s.label)).toEqual([0, 0, 1, 1, 1, 0]);
    expect(Array.from(s.user)).toEqual([0, 0, 0, 1, 1, 1]);
  });
});
