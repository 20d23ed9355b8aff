/**
 * The benchmark core: samples/s and kernels per training step for every model at batch 256, 1024
 * and 4096 on one backend, ML-100k leave-one-out with 4 negatives (about 495k samples an epoch).
 * Importable, so it runs wherever a backend exists: `npm run bench` (CPU, WASM, and WebGPU when
 * navigator.gpu exists), bench/webgpu-node.ts (Dawn), or a page that provides navigator.gpu.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PreparedSplit } from '../src/data/types';
import { createRng } from '../src/data/rng';
import { DEFAULT_PREP } from '../src/data/builtins';
import { EVAL_DEFAULTS } from '../src/metrics/config';
import {
  defaultModelConfig,
  lossFor,
  NCF_SEED_PRESETS,
  NCF_TRAIN_DEFAULTS,
  type NcfExperiment,
  type NcfKind as ModelKind,
  type NcfModelConfig as ModelConfig,
} from '../src/models/ncf/config';
import type { FactorModel } from '../src/models/ncf/engine/factor';
import { buildModel, factorTraining } from '../src/models/ncf/family';
import { initBackend, type BackendName } from '../src/train/backend';
import type { Training } from '../src/train/family';
import { trainModel } from '../src/train/loop';
import { countKernels, METADATA_KERNELS } from '../src/tensor/opcount';
import { plainNeuMF } from './plain';

export interface BenchRow {
  backend: string;
  model: string;
  batch: number;
  samplesPerSecond: number;
  msPerStep: number;
  /** Kernels one step dispatches through the engine, and those that move data (not reshapes). */
  kernels: number;
  realKernels: number;
}

export interface BenchOptions {
  models?: ModelKind[];
  batches?: number[];
  /** Seconds of timed steps per (model, batch). */
  seconds?: number;
  /** Also time one full NeuMF epoch at these batch sizes (the 12 s target is at any of them). */
  epochBatches?: number[];
  wasmPath?: string;
  log?: (line: string) => void;
}

const MODELS: ModelKind[] = ['neumf', 'gmf', 'mlp', 'mf', 'bpr', 'warp'];

function configFor(kind: ModelKind): ModelConfig {
  return kind === 'neumf' ? NCF_SEED_PRESETS['ncf-paper'] : defaultModelConfig(kind);
}

function experiment(kind: ModelKind, batch: number, epochs = 1): NcfExperiment {
  return {
    prep: { ...DEFAULT_PREP, negativesPerPositive: 4 },
    model: configFor(kind),
    train: { ...NCF_TRAIN_DEFAULTS, loss: lossFor(kind, 'bce'), lr: 0.001, batchSize: batch, epochs },
    eval: { ...EVAL_DEFAULTS },
  };
}

/**
 * Samples/s and kernels per step of any `Training` (the families' builders make them), stepping through
 * its batches for `seconds`. Every family's models go through here, so their kernel counts sit side by side.
 */
export async function timeTraining(
  backend: string,
  label: string,
  training: Training,
  batch: number,
  seconds: number,
): Promise<BenchRow> {
  const rng = createRng(5);
  const source = training.makeSource(rng);
  const runner = training.trainable;
  const n = source.startEpoch(rng);
  let from = 0;
  const next = () => {
    if (from + batch > n) from = 0;
    const b = source.batch(from, Math.min(n, from + batch), rng);
    from += batch;
    return b;
  };
  let acc: tf.Scalar = tf.scalar(0);
  const step = (b = next()) => {
    const a = runner.step(b, acc, rng);
    acc.dispose();
    acc = a;
    return b.samples;
  };
  for (let k = 0; k < 3; k++) step();
  await acc.data();
  const counted = await countKernels(() => void step());
  await acc.data();
  const t0 = performance.now();
  let steps = 0;
  let samples = 0;
  while (performance.now() - t0 < seconds * 1000 || steps < 5) {
    samples += step();
    steps++;
    // Reading now and then keeps an asynchronous backend honest (and its queue short), as the loop does.
    if (steps % 10 === 0) await acc.data();
  }
  await acc.data();
  const ms = performance.now() - t0;
  acc.dispose();
  runner.dispose();
  const real = counted.byKernel.filter(([k]) => !METADATA_KERNELS.has(k)).reduce((a, [, c]) => a + c, 0);
  return {
    backend,
    model: label,
    batch,
    samplesPerSecond: (samples / ms) * 1000,
    msPerStep: ms / steps,
    kernels: counted.total,
    realKernels: real,
  };
}

async function timeModel(
  split: PreparedSplit,
  backend: string,
  kind: ModelKind,
  batch: number,
  seconds: number,
): Promise<BenchRow> {
  const cfg = experiment(kind, batch);
  const model = buildModel(cfg.model, split, 1) as FactorModel;
  const row = await timeTraining(backend, kind, factorTraining(model, split, cfg), batch, seconds);
  model.dispose();
  return row;
}

async function plainRow(
  split: PreparedSplit,
  backend: string,
  batch: number,
  seconds: number,
): Promise<BenchRow> {
  const p = plainNeuMF(split.nUsers, split.nItems);
  const rng = createRng(3);
  const mk = () => {
    const u = Int32Array.from({ length: batch }, () => rng.int(split.nUsers));
    const i = Int32Array.from({ length: batch }, () => rng.int(split.nItems));
    const y = Float32Array.from({ length: batch }, () => (rng.next() < 0.2 ? 1 : 0));
    return [u, i, y] as const;
  };
  p.step(...mk());
  const counted = await countKernels(() => p.step(...mk()));
  const t0 = performance.now();
  let steps = 0;
  while (performance.now() - t0 < seconds * 1000 || steps < 3) {
    p.step(...mk());
    steps++;
  }
  await tf.zeros([1]).data();
  const ms = performance.now() - t0;
  p.dispose();
  const real = counted.byKernel.filter(([k]) => !METADATA_KERNELS.has(k)).reduce((a, [, c]) => a + c, 0);
  return {
    backend,
    model: 'neumf (plain autodiff)',
    batch,
    samplesPerSecond: ((steps * batch) / ms) * 1000,
    msPerStep: ms / steps,
    kernels: counted.total,
    realKernels: real,
  };
}

export function formatRows(rows: BenchRow[]): string {
  const head = ['backend', 'model', 'batch', 'samples/s', 'ms/step', 'kernels/step', 'excl. reshapes'];
  const body = rows.map((r) => [
    r.backend,
    r.model,
    String(r.batch),
    Math.round(r.samplesPerSecond).toLocaleString('en-US'),
    r.msPerStep.toFixed(2),
    String(r.kernels),
    String(r.realKernels),
  ]);
  const w = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells: string[]) =>
    cells.map((x, c) => (c < 2 ? x.padEnd(w[c]) : x.padStart(w[c]))).join('  ');
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...body.map(line)].join('\n');
}

/** Runs the benchmark on one backend and prints a table; resolves to the rows (empty if unavailable). */
export async function runBench(
  backend: BackendName,
  split: PreparedSplit,
  opts: BenchOptions = {},
): Promise<BenchRow[]> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const report = await initBackend({ choice: backend, wasmPath: opts.wasmPath, exclude: ['webgl'] });
  if (report.name !== backend) {
    log(`${backend}: unavailable (${report.reason}), skipped`);
    return [];
  }
  const seconds = opts.seconds ?? 2.5;
  const rows: BenchRow[] = [];
  for (const kind of opts.models ?? MODELS) {
    for (const batch of opts.batches ?? [256, 1024, 4096]) {
      const row = await timeModel(split, backend, kind, batch, seconds);
      rows.push(row);
      log(
        `  ${backend} ${kind} @${batch}: ${Math.round(row.samplesPerSecond)} samples/s, ${row.kernels} kernels/step`,
      );
    }
  }
  rows.push(await plainRow(split, backend, 1024, seconds));
  log(`\n${formatRows(rows)}\n`);
  for (const batch of opts.epochBatches ?? []) {
    const cfg = experiment('neumf', batch);
    const model = buildModel(cfg.model, split, 1) as FactorModel;
    const t = factorTraining(model, split, cfg);
    const r = await trainModel(t.trainable, t.makeSource, cfg.train);
    t.trainable.dispose();
    model.dispose();
    log(
      `${backend}: one NeuMF epoch (${r.samples.toLocaleString('en-US')} samples) at batch ${batch}: ${r.trainSeconds.toFixed(2)} s, ${Math.round(r.samplesPerSecond).toLocaleString('en-US')} samples/s`,
    );
  }
  return rows;
}
