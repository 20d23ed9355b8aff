/**
 * The Sequential stage's UI logic without React or a worker: which runs the comparison chart draws and
 * where popularity's line goes, and seed 000's preset reaching both of the seed's models from the chips.
 */
import { describe, expect, it } from 'vitest';
import type { SeqDetail } from '../../../src/models/sequential/family';
import { SEQ_SPEC } from '../../../src/models/sequential/spec';
import type { SeqExperiment, SeqKind } from '../../../src/models/sequential/config';
import { compareRuns, heldOutKey } from '../../../src/ui/stages/sequential/compare';
import { switchKind } from '../../../src/ui/training/settings';
import type { RunRecord } from '../../../src/ui/training/store';

interface Fake {
  kind: SeqKind;
  hr: number;
  dataset?: string;
  maxUsers?: number | null;
  window?: number;
  testItems?: number;
  popularity?: number;
}

let no = 0;

/** A finished run as the store keeps it, with only what the comparison reads. */
function run(f: Fake): RunRecord {
  const base = SEQ_SPEC.base(f.kind, null);
  const config: SeqExperiment = {
    ...base,
    prep: {
      ...base.prep,
      window: f.window ?? 10,
      split: { kind: 'leave-last-out', testItems: f.testItems ?? 1 },
    },
  };
  const detail: Partial<SeqDetail> =
    f.popularity === undefined ? {} : { popularity: { hr: f.popularity, ndcg: 0 } };
  return {
    no: ++no,
    preset: null,
    batches: [],
    epochs: [],
    modelKept: true,
    result: {
      config,
      dataset: { id: f.dataset ?? 'ml-100k', name: f.dataset ?? 'MovieLens 100K' },
      maxUsers: f.maxUsers ?? null,
      metrics: { 'hr@10_full': f.hr },
      detail,
    },
  } as unknown as RunRecord;
}

describe('the comparison chart', () => {
  it('draws every run on the latest run’s held-out items, baselines marked, popularity from the latest', () => {
    no = 0;
    const runs = [
      run({ kind: 'pop', hr: 0.05, popularity: 0.05 }),
      run({ kind: 'lstm', hr: 0.072, window: 50, popularity: 0.05 }),
      run({ kind: 'markov', hr: 0.11, popularity: 0.05 }),
      run({ kind: 'gru', hr: 0.125, popularity: 0.0498 }),
    ];
    const c = compareRuns(runs, SEQ_SPEC.untrained);
    // The window length reads other items before the same held-out ones: still comparable.
    expect(c.bars).toEqual([
      { no: 1, kind: 'pop', value: 0.05, untrained: true },
      { no: 2, kind: 'lstm', value: 0.072, untrained: false },
      { no: 3, kind: 'markov', value: 0.11, untrained: true },
      { no: 4, kind: 'gru', value: 0.125, untrained: false },
    ]);
    expect(c.popularity).toBe(0.0498);
    expect(c.elsewhere).toBe(0);
    expect(c.dataset).toBe('MovieLens 100K');
  });

  it('counts runs on other data, users or held-out items apart, and never draws a missing figure', () => {
    no = 0;
    const runs = [
      run({ kind: 'cnn', hr: 0.08, dataset: 'synthetic-random' }),
      run({ kind: 'cnn', hr: 0.03, maxUsers: 100 }),
      run({ kind: 'cnn', hr: 0.06, testItems: 2 }),
      run({ kind: 'sasrec', hr: Number.NaN }),
      run({ kind: 'lstm', hr: 0.07, popularity: Number.NaN }),
    ];
    expect(new Set(runs.map(heldOutKey)).size).toBe(4);
    const c = compareRuns(runs, SEQ_SPEC.untrained);
    expect(c.bars.map((b) => b.no)).toEqual([5]);
    expect(c.elsewhere).toBe(3);
    expect(c.popularity).toBeNull();
  });

  it('has nothing to draw before the first run', () => {
    expect(compareRuns([], SEQ_SPEC.untrained)).toEqual({
      bars: [],
      popularity: null,
      elsewhere: 0,
      dataset: null,
    });
  });
});

describe("seed 000's preset from the model chips", () => {
  it('gives the LSTM and the CNN the seed’s layers and its fit: batch 64, 3 epochs, 10% validation', () => {
    const lstm = SEQ_SPEC.base('lstm', '000');
    const cnn = switchKind(SEQ_SPEC, lstm, 'cnn', '000');
    expect(lstm.model).toMatchObject({ kind: 'lstm', units: [128, 64], dropout: 0.3, denseUnits: 128 });
    expect(cnn.model).toMatchObject({ kind: 'cnn', filters: [64, 128], kernelSize: 3, denseUnits: 128 });
    for (const c of [lstm, cnn]) {
      expect(c.train).toMatchObject({ batchSize: 64, epochs: 3, validationFraction: 0.1 });
      expect(c.prep.window).toBe(10);
    }
  });
});
