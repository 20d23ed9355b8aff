import { describe, expect, it } from 'vitest';
import { auc, classify, sanityWarnings } from '../../../src/metrics/classification';
import {
  expectedHitNdcg,
  fullHitNdcg,
  sampledHitNdcg,
  topItems,
  topKMetrics,
} from '../../../src/metrics/ranking';
import { buildCsr } from '../../../src/data/split';
import { createRng } from '../../../src/data/rng';

const f32 = (xs: number[]) => Float32Array.from(xs);

describe('ranking metrics', () => {
  it('HR and NDCG from the target rank, ties broken at random in expectation', () => {
    expect(expectedHitNdcg(0, 0, 10)).toEqual([1, 1]);
    const [h, g] = expectedHitNdcg(2, 0, 10);
    expect(h).toBe(1);
    expect(g).toBeCloseTo(1 / Math.log2(4));
    expect(expectedHitNdcg(10, 0, 10)).toEqual([0, 0]);
    // Rank 9 or 10 with equal chance: half a hit.
    expect(expectedHitNdcg(9, 1, 10)[0]).toBeCloseTo(0.5);
  });

  it('sampled protocol: the first candidate of each row is the held-out item', () => {
    // User 0: target best; user 1: 3 candidates above the target; user 2: all tie.
    const scores = f32([5, 1, 2, 3, 0, 2, 9, 8, 7, 1, 4, 4, 4, 4, 4]);
    const r = sampledHitNdcg(scores, 5, 3);
    expect(r.users).toBe(3);
    // hits: 1 + 0 + 3/5; ndcg: 1 + 0 + (1 + 1/log2(3) + 1/2) / 5
    expect(r.hr).toBeCloseTo((1 + 0 + 3 / 5) / 3);
    expect(r.ndcg).toBeCloseTo((1 + (1 + 1 / Math.log2(3) + 0.5) / 5) / 3);
  });

  it("full ranking skips the user's training items", () => {
    const nItems = 6;
    const scores = f32([9, 8, 1, 2, 3, 4]); // user 0: items 0 and 1 score high but are training items
    const exclude = buildCsr(Int32Array.from([0, 0]), Int32Array.from([0, 1]), 1);
    const r = fullHitNdcg(scores, nItems, Int32Array.of(0), Int32Array.of(5), exclude, 1);
    expect(r.hr).toBe(1);
    const none = buildCsr(new Int32Array(0), new Int32Array(0), 1);
    expect(fullHitNdcg(scores, nItems, Int32Array.of(0), Int32Array.of(5), none, 1).hr).toBe(0);
  });

  it('precision, recall and MAP at k, by hand', () => {
    const nItems = 6;
    const scores = f32([0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);
    const exclude = buildCsr(Int32Array.of(0), Int32Array.of(0), 1); // item 0 is a training item
    const truth = buildCsr(Int32Array.from([0, 0, 0]), Int32Array.from([2, 4, 5]), 1);
    // Top 3 without item 0: [1, 2, 3]; relevant: 2 at position 2.
    expect(topItems(scores, 0, nItems, 3, (i) => i === 0)).toEqual([1, 2, 3]);
    const r = topKMetrics(scores, nItems, Int32Array.of(0), truth, exclude, 3);
    expect(r.precision).toBeCloseTo(1 / 3);
    expect(r.recall).toBeCloseTo(1 / 3);
    expect(r.map).toBeCloseTo(1 / 2 / 3);
    expect(r.ndcg).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3) + 0.5));
  });
});

describe('classification metrics', () => {
  it('confusion counts, majority class and AUC', () => {
    const p = f32([0.9, 0.2, 0.6, 0.4, 0.1]);
    const y = f32([1, 1, 0, 0, 0]);
    const c = classify(p, y);
    expect([c.tp, c.fp, c.tn, c.fn]).toEqual([1, 1, 2, 1]);
    expect(c.accuracy).toBeCloseTo(3 / 5);
    expect(c.majorityAccuracy).toBeCloseTo(3 / 5);
    expect(c.precision).toBeCloseTo(0.5);
    expect(c.recall).toBeCloseTo(0.5);
    // Positive-negative pairs ordered right: (0.9 > all three), (0.2 > 0.1) = 4 of 6.
    expect(c.auc).toBeCloseTo(4 / 6);
    expect(c.mse).toBeCloseTo((0.01 + 0.64 + 0.36 + 0.16 + 0.01) / 5);
  });

  it('AUC matches a brute-force count with ties', () => {
    const rng = createRng(3);
    const s = f32(Array.from({ length: 300 }, () => Math.round(rng.next() * 20) / 20));
    const y = f32(Array.from({ length: 300 }, () => (rng.next() < 0.3 ? 1 : 0)));
    let good = 0;
    let pairs = 0;
    for (let a = 0; a < 300; a++)
      for (let b = 0; b < 300; b++) {
        if (y[a] !== 1 || y[b] !== 0) continue;
        pairs++;
        good += s[a] > s[b] ? 1 : s[a] === s[b] ? 0.5 : 0;
      }
    expect(auc(s, y)).toBeCloseTo(good / pairs, 10);
  });

  it('warns about flat and one-class predictions, as seeds 000 and 001 teach', () => {
    const p = f32(Array.from({ length: 100 }, (_, j) => 0.2 + (j % 3) * 0.001));
    const y = f32(Array.from({ length: 100 }, (_, j) => (j % 5 === 0 ? 1 : 0)));
    const c = classify(p, y);
    expect(c.accuracy).toBeCloseTo(c.majorityAccuracy);
    const w = sanityWarnings(c).join(' ');
    expect(w).toContain('std');
    expect(w).toContain('only the negative class');
    expect(sanityWarnings(classify(f32([0.9, 0.1, 0.8, 0.3]), f32([1, 0, 1, 0])))).toEqual([]);
  });
});
