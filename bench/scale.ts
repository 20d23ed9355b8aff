/**
 * Seed 002's scale, for `npm run bench -- --sections scale [--scale-rows 2000000]`: a generated
 * ML-32M-shaped ratings.csv (src/data/synthetic-large.ts) written to a temp folder and parsed through
 * the real loader (MB/s, peak memory against the typed-array footprint); samples/s of MF and of seed
 * 002's NeuMF, dense and sparse table updates, on ML-100k and on a 150k-user x 30k-item catalogue at the
 * same batch; and one epoch of seed 002's preset on the generated file with its test accuracy.
 */
import { closeSync, mkdtempSync, openAsBlob, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadFiles } from '../src/data';
import { prepare } from '../src/data/prepare';
import { forEachLargeUser, largeCsvChunks, largeShape, type LargeOptions } from '../src/data/synthetic-large';
import type { Dataset, PreparedSplit } from '../src/data/types';
import { defaultModelConfig, type NcfExperiment, type NcfModelConfig } from '../src/models/ncf/config';
import { PRESETS } from '../src/models/ncf/presets';
import type { FactorModel } from '../src/models/ncf/engine/factor';
import { createLossHead } from '../src/models/ncf/engine/losses';
import { FactorTrainable, type SparseUpdates } from '../src/models/ncf/engine/step';
import { buildModel, factorTraining } from '../src/models/ncf/family';
import { initBackend, type BackendName } from '../src/train/backend';
import { trainModel } from '../src/train/loop';
import { formatRows, timeTraining, type BenchRow } from './core';

const MiB = 2 ** 20;
const mib = (b: number) => `${(b / MiB).toFixed(0)} MiB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export interface ScaleOptions {
  rows?: number;
  batch?: number;
  seconds?: number;
  backend?: BackendName;
  wasmPath?: string;
  ml100k: Dataset;
  log?: (line: string) => void;
}

/** Seed 002's experiment at a batch size: its prep, its NeuMF (or MF with 16-d factors), Adam at 0.001. */
function experiment(model: 'neumf' | 'mf', batch: number): NcfExperiment {
  const p = PRESETS['002'];
  const mf: NcfModelConfig = { ...defaultModelConfig('mf'), dim: 16 } as NcfModelConfig;
  return {
    prep: p.prep,
    model: model === 'mf' ? mf : p.model,
    train: { ...p.train, batchSize: batch },
    eval: p.eval,
  };
}

function prep002(ds: Dataset): PreparedSplit {
  const s = prepare(ds, PRESETS['002'].prep);
  if (!s.ok) throw new Error(s.reason);
  return s.value;
}

/** The generated ratings as a Dataset without the text round trip (the catalogue, not the parser). */
export function largeDataset(o: LargeOptions): Dataset {
  const { rows } = largeShape(o);
  const user = new Int32Array(rows);
  const item = new Int32Array(rows);
  const rating = new Float32Array(rows);
  const timestamp = new Float64Array(rows);
  const dense = new Map<number, number>();
  const itemIds: string[] = [];
  let k = 0;
  let nUsers = 0;
  forEachLargeUser(o, (u) => {
    for (let j = 0; j < u.count; j++, k++) {
      let i = dense.get(u.movieIds[j]);
      if (i === undefined) {
        i = itemIds.length;
        dense.set(u.movieIds[j], i);
        itemIds.push(String(u.movieIds[j]));
      }
      user[k] = u.userId - 1;
      item[k] = i;
      rating[k] = u.halves[j] / 2;
      timestamp[k] = u.times[j];
    }
    nUsers = u.userId;
  });
  return {
    id: 'synthetic-large',
    name: 'ML-32M-shaped (generated)',
    kind: 'synthetic',
    nUsers,
    nItems: itemIds.length,
    userIds: Array.from({ length: nUsers }, (_, u) => String(u + 1)),
    itemIds,
    interactions: { user, item, rating, timestamp },
    ratingScale: { min: 0.5, max: 5 },
    items: null,
    users: null,
    officialSplits: [],
    skipped: { count: 0, examples: [] },
    notices: [],
  };
}

async function timeMode(
  label: string,
  split: PreparedSplit,
  kind: 'neumf' | 'mf',
  mode: SparseUpdates,
  batch: number,
  seconds: number,
): Promise<BenchRow> {
  const cfg = experiment(kind, batch);
  const model = buildModel(cfg.model, split, 1) as FactorModel;
  const training = factorTraining(model, split, cfg);
  training.trainable.dispose();
  const trainable = new FactorTrainable(model, createLossHead('bce'), { kind: 'adam', lr: 0.001 }, mode);
  const name = `${kind} ${trainable.sparse ? 'sparse' : 'dense'} (${label})`;
  const row = await timeTraining(tf.getBackend(), name, { ...training, trainable }, batch, seconds);
  model.dispose();
  return row;
}

/** Writes the generated file; resolves to its path and size. */
function writeLarge(dir: string, rows: number): { path: string; bytes: number; ms: number } {
  const path = join(dir, 'ratings.csv');
  const t0 = performance.now();
  const fd = openSync(path, 'w');
  try {
    largeCsvChunks({ rows, seed: 1 }, (c) => writeSync(fd, c));
  } finally {
    closeSync(fd);
  }
  return { path, bytes: statSync(path).size, ms: performance.now() - t0 };
}

async function accuracy(model: FactorModel, split: PreparedSplit): Promise<number> {
  const { user, item, label } = split.testLabelled;
  const z = await model.scorePairs(user, item);
  let right = 0;
  for (let k = 0; k < z.length; k++) if (z[k] > 0 === label[k] > 0.5) right++;
  return right / Math.max(1, z.length);
}

export async function runScaleBench(o: ScaleOptions): Promise<void> {
  const log = o.log ?? ((l: string) => console.log(l));
  const rows = o.rows ?? 2_000_000;
  const batch = o.batch ?? 1024;
  const seconds = o.seconds ?? 2.5;
  const backend = o.backend ?? 'wasm';
  const report = await initBackend({ choice: backend, wasmPath: o.wasmPath, exclude: ['webgl'] });
  if (report.name !== backend) return log(`scale: ${backend} unavailable (${report.reason}), skipped`);

  const dir = mkdtempSync(join(tmpdir(), 'reclab-scale-'));
  try {
    const file = writeLarge(dir, rows);
    log(`scale: generated ${fmt(rows)} rows, ${mib(file.bytes)}, in ${(file.ms / 1000).toFixed(1)} s`);
    global.gc?.();
    const before = process.memoryUsage();
    let peak = before.rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const loaded = await loadFiles([{ name: 'ratings.csv', blob: await openAsBlob(file.path) }]);
    const parseMs = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (!loaded.ok) throw new Error(loaded.reason);
    const ds = loaded.value;
    const x = ds.interactions;
    const typed =
      x.user.byteLength + x.item.byteLength + (x.rating?.byteLength ?? 0) + (x.timestamp?.byteLength ?? 0);
    const after = process.memoryUsage();
    log(
      `scale: parsed ${fmt(x.user.length)} rows (${fmt(ds.nUsers)} users x ${fmt(ds.nItems)} items) in ` +
        `${(parseMs / 1000).toFixed(1)} s, ${(file.bytes / MiB / (parseMs / 1000)).toFixed(1)} MB/s; ` +
        `RSS ${mib(before.rss)} before, peak ${mib(peak)} (+${mib(peak - before.rss)}), heap ` +
        `${mib(before.heapUsed)} -> ${mib(after.heapUsed)}; typed arrays ${mib(typed)} ` +
        `(peak growth ${((peak - before.rss) / typed).toFixed(1)}x)`,
    );

    const small = prep002(o.ml100k);
    const big = prep002(largeDataset({ rows: 4_000_000, users: 150_000, items: 30_000, seed: 2 }));
    log(
      `scale: large catalogue ${fmt(big.nUsers)} users x ${fmt(big.nItems)} items (table rows ${fmt(big.nUsers + big.nItems)})`,
    );
    const out: BenchRow[] = [];
    for (const kind of ['mf', 'neumf'] as const) {
      for (const [label, split] of [
        ['ML-100k', small],
        ['150k x 30k', big],
      ] as const) {
        for (const mode of ['off', 'on'] as const) {
          const r = await timeMode(label, split, kind, mode, batch, seconds);
          log(`  ${r.model} @${batch}: ${fmt(r.samplesPerSecond)} samples/s, ${r.kernels} kernels/step`);
          out.push(r);
        }
      }
    }
    log(`\n${formatRows(out)}\n`);
    for (const kind of ['mf', 'neumf']) {
      const sps = (re: RegExp) =>
        out.find((r) => r.model.startsWith(kind) && re.test(r.model))?.samplesPerSecond ?? 0;
      const base = sps(/dense \(ML-100k/);
      const share = (x: number) => `${(x / Math.max(1, base)).toFixed(2)}x`;
      log(
        `scale: ${kind} on 150k x 30k runs at ${share(sps(/sparse \(150k/))} ML-100k's dense speed with ` +
          `sparse updates (target: at least 0.5x), ${share(sps(/dense \(150k/))} with dense ones`,
      );
    }

    // One epoch of seed 002's preset (batch 256, as the seed) on the generated file, updates on 'auto'.
    const cfg = experiment('neumf', PRESETS['002'].train.batchSize);
    const tp = performance.now();
    const split = prep002(ds);
    const prepMs = performance.now() - tp;
    const model = buildModel(cfg.model, split, 1) as FactorModel;
    const t = factorTraining(model, split, cfg);
    const sparse = (t.trainable as FactorTrainable).sparse;
    const r = await trainModel(t.trainable, t.makeSource, { ...cfg.train, epochs: 1 });
    const acc = await accuracy(model, split);
    t.trainable.dispose();
    model.dispose();
    log(
      `scale: seed 002 (NeuMF 16/16, MLP 64-32-16, batch ${cfg.train.batchSize}, ${sparse ? 'sparse' : 'dense'} table ` +
        `updates) on the generated ${fmt(x.user.length)} rows: prepare ${(prepMs / 1000).toFixed(1)} s, one epoch ` +
        `of ${fmt(r.samples)} samples ${r.trainSeconds.toFixed(1)} s (${fmt(r.samplesPerSecond)} samples/s), ` +
        `test accuracy ${acc.toFixed(3)} (seed 002 reports 0.774 on the real ML-32M)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
