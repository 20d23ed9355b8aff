import { describe, expect, it } from 'vitest';
import { DEFAULT_PREP } from '../../../src/data/builtins';
import { prepare } from '../../../src/data/prepare';
import { EVAL_DEFAULTS, evaluate, rankedSample, type ScoreSource } from '../../../src/metrics/evaluate';
import { clustered } from '../train/fixtures';

/** Scores by item index, and remembers how many users it was asked to rank. */
function countingModel(nItems: number): ScoreSource & { ranked: number } {
  return {
    nItems,
    scoreKind: 'logit',
    ranked: 0,
    scorePairs: async (_u, items) => Float32Array.from(items, (i) => i / nItems),
    async scoreUsers(users) {
      this.ranked += users.length;
      const out = new Float32Array(users.length * nItems);
      for (let k = 0; k < out.length; k++) out[k] = (k % nItems) / nItems;
      return out;
    },
  };
}

describe('full ranking on a large catalogue', () => {
  it('keeps every row under the budget and a seeded, sorted, distinct sample over it', () => {
    expect(rankedSample(100, 1000, 1, 1e6).keep).toBeNull();
    const { keep, note } = rankedSample(100_000, 80_000, 7, 3e8);
    expect(keep?.length).toBe(3750);
    const k = keep as Int32Array;
    for (let j = 1; j < k.length; j++) expect(k[j]).toBeGreaterThan(k[j - 1]);
    expect(rankedSample(100_000, 80_000, 7, 3e8).keep).toEqual(keep);
    expect(note).toContain('seeded sample of 3750 of 100000 users');
    expect(note).toContain('8.0 billion scores');
  });

  it('ranks only the sample, for leave-one-out and for a random split, and says so in the label', async () => {
    const ds = clustered(60, 40, 8, 3);
    const budget = 40 * 12;
    const loo = prepare(ds, { ...DEFAULT_PREP, split: { kind: 'leave-one-out' } });
    if (!loo.ok) throw new Error(loo.reason);
    const m1 = countingModel(ds.nItems);
    const r1 = await evaluate(m1, loo.value, 'leave-one-out', EVAL_DEFAULTS, { maxRankedScores: budget });
    expect(m1.ranked).toBe(12);
    expect(r1.full?.users).toBe(12);
    expect(r1.full?.label).toContain('seeded sample of 12 of 60 users');

    const rnd = prepare(ds, { ...DEFAULT_PREP, split: { kind: 'random', testFraction: 0.3 } });
    if (!rnd.ok) throw new Error(rnd.reason);
    const m2 = countingModel(ds.nItems);
    const r2 = await evaluate(m2, rnd.value, 'random', EVAL_DEFAULTS, { maxRankedScores: budget });
    expect(m2.ranked).toBe(12);
    expect(r2.topK?.label).toContain('seeded sample of 12 of');

    const m3 = countingModel(ds.nItems);
    const whole = await evaluate(m3, loo.value, 'leave-one-out', EVAL_DEFAULTS);
    expect(m3.ranked).toBe(60);
    expect(whole.full?.label).not.toContain('sample');
  });
});
