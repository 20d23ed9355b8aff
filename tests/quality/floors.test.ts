/**
 * Quality floors on the real ML-100k, with the defaults a user gets: leave-one-out (each user's latest
 * rating held out for the test, the one before it for validation), the held-out item ranked among 100
 * sampled items the user never rated (HR@10, NDCG@10) and among all of them (full ranking). Every model
 * trains as `lab train --model <kind>` does: up to 20 epochs, early stopping on the validation item's
 * HR@10, the best epoch's weights kept. The test item is read once, after training. One prepared split
 * and one fixed candidate set are shared by every model, on the WASM backend (the fastest CPU-side one).
 * Why each floor is what it is: see settings.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/train/backend';
import { prepare } from '../../src/data/prepare';
import { DEFAULT_PREP } from '../../src/data/builtins';
import type { PreparedSplit } from '../../src/data/types';
import { NCF_SPEC } from '../../src/models/ncf/spec';
import type { FactorModel } from '../../src/models/ncf/engine/factor';
import { ItemPop } from '../../src/models/ncf/itempop';
import { factorModel, fit } from '../helpers/ncf';
import {
  evaluate,
  EVAL_DEFAULTS,
  sampleCandidates,
  type SampledCandidates,
} from '../../src/metrics/evaluate';
import { REPO_ROOT } from '../../src/cli/sources';
import { haveMl100k, loadMl100k } from './ml100k';
import {
  ITEMPOP_REF,
  ITEMPOP_TOLERANCE,
  OVER_ITEMPOP_FULL,
  OVER_ITEMPOP_SAMPLED,
  QUALITY_RUNS,
  type QualityRun,
} from './settings';

interface Row {
  model: string;
  hr: number;
  ndcg: number;
  hrFull: number;
  ndcgFull: number;
  /** Epochs run, and the one whose weights were kept (chosen on validation). */
  epochs: number;
  bestEpoch: number | null;
  valHr: number | null;
  trainSeconds: number;
  samplesPerSecond: number;
}

const rows: Row[] = [];
let split: PreparedSplit;
let candidates: SampledCandidates;

async function measure(name: string, model: ItemPop | FactorModel, extra: Partial<Row> = {}): Promise<Row> {
  const r = await evaluate(model, split, 'leave-one-out', EVAL_DEFAULTS, { candidates });
  const row: Row = {
    model: name,
    hr: r.sampled?.hr ?? 0,
    ndcg: r.sampled?.ndcg ?? 0,
    hrFull: r.full?.hr ?? 0,
    ndcgFull: r.full?.ndcg ?? 0,
    epochs: 0,
    bestEpoch: null,
    valHr: null,
    trainSeconds: 0,
    samplesPerSecond: 0,
    ...extra,
  };
  rows.push(row);
  return row;
}

/** Trains a kind with the family's defaults, as the CLI and the UI do. */
async function train({ kind }: QualityRun): Promise<Row> {
  const base = NCF_SPEC.base(kind, null);
  const tc = base.train;
  const m = factorModel(split, base.model, tc.seed);
  const tensors: number[] = [];
  const res = await fit(
    m,
    split,
    tc,
    { onEpoch: () => tensors.push(tf.memory().numTensors) },
    base.prep.negativesPerPositive,
  );
  // Every tensor inside tf.tidy or disposed: the count is the same after every epoch.
  expect(new Set(tensors).size).toBe(1);
  // Validation picked the epoch: every epoch measured the validation item, and the kept weights are the
  // best epoch's on it.
  expect(res.history.every((e) => e.metric?.name === 'val hr@10 (sampled)')).toBe(true);
  const val = res.history.map((e) => e.metric?.value ?? 0);
  expect(res.bestEpoch).not.toBeNull();
  const best = res.bestEpoch as number;
  expect(val[best - 1]).toBe(Math.max(...val));
  if (best < res.history.length) expect(res.notes.join(' ')).toContain(`restored from epoch ${best}`);
  const row = await measure(kind, m, {
    epochs: res.history.length,
    bestEpoch: best,
    valHr: val[best - 1],
    trainSeconds: res.trainSeconds,
    samplesPerSecond: res.samplesPerSecond,
  });
  m.dispose();
  return row;
}

describe.skipIf(!haveMl100k())(
  'quality floors on ML-100k (leave-one-out, validation-chosen epochs, HR@10 among 100 sampled items)',
  () => {
    let pop: Row;

    beforeAll(async () => {
      await initBackend({
        choice: 'wasm',
        wasmPath: `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
      });
      const r = prepare(await loadMl100k(), DEFAULT_PREP);
      if (!r.ok) throw new Error(r.reason);
      split = r.value;
      candidates = sampleCandidates(split, EVAL_DEFAULTS.sampledNegatives, EVAL_DEFAULTS.seed);
    });

    afterAll(() => {
      const f = (x: number) => x.toFixed(3);
      const lines = rows.map(
        (r) =>
          `${r.model.padEnd(7)} HR@10 ${f(r.hr)}  NDCG@10 ${f(r.ndcg)}  | full: HR@10 ${f(r.hrFull)}  NDCG@10 ${f(r.ndcgFull)}  | ${r.epochs ? `${r.epochs} epochs, best ${r.bestEpoch} (val HR@10 ${f(r.valHr ?? 0)}), ${r.trainSeconds.toFixed(1)} s, ${Math.round(r.samplesPerSecond)} samples/s` : 'no training'}`,
      );
      console.log(
        `ML-100k leave-one-out (sampled: among 100 sampled unrated items; full: among all unrated items), WASM\n${lines.join('\n')}`,
      );
    });

    it(`ItemPop scores within ${ITEMPOP_TOLERANCE} of the reference's ${ITEMPOP_REF}`, async () => {
      pop = await measure('itempop', new ItemPop(split.nUsers, split.nItems, split.train));
      expect(Math.abs(pop.hr - ITEMPOP_REF)).toBeLessThanOrEqual(ITEMPOP_TOLERANCE);
      // Full ranking is far harder, but popularity still beats chance (10 of about 1,600 items).
      expect(pop.hrFull).toBeGreaterThan(10 / split.nItems);
    });

    it.each(QUALITY_RUNS)(
      '$kind reaches HR@10 >= $floor ($reference) and beats ItemPop, sampled and full',
      async (run: QualityRun) => {
        const row = await train(run);
        expect(row.hr).toBeGreaterThanOrEqual(run.floor);
        expect(row.hr).toBeGreaterThan(pop.hr + OVER_ITEMPOP_SAMPLED);
        expect(row.hrFull).toBeGreaterThan(pop.hrFull + OVER_ITEMPOP_FULL);
      },
      // Up to 20 epochs: a minute for NeuMF on two idle cores, more on a busy machine.
      300_000,
    );
  },
);
