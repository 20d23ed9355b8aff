/**
 * The Similarity stage's speed: all-pairs nearest neighbours (one matMul and one topk per chunk) for
 * ML-100k's 1682 items and for about 10k items (ML-latest-small's size), random vectors of the MF's 32
 * dimensions, under each distance; PCA and UMAP for 1682; the quick MF that keeps the stage from being
 * empty, trained and evaluated on ML-100k. Targets: all pairs under 1 s in Node, under 200 ms for 1682
 * items on a real GPU's WebGPU in the browser, the quick MF under 30 s.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../src/data/rng';
import type { Dataset } from '../src/data/types';
import { family } from '../src/models/registry';
import { NCF_SPEC } from '../src/models/ncf/spec';
import { DISTANCE_METRICS, quickMf, UMAP_DEFAULTS } from '../src/similarity/config';
import { nearestNeighbours, type VectorSet } from '../src/similarity/distance';
import { pca } from '../src/similarity/pca';
import { umap } from '../src/similarity/umap';
import { initBackend, type BackendName } from '../src/train/backend';
import { runExperiment } from '../src/train/experiment';

export interface SimilarityRow {
  backend: string;
  task: string;
  items: number;
  ms: number;
  /** Process CPU time of the best run (Node only): a figure a busy machine does not inflate. */
  cpuMs: number | null;
}

export interface SimilarityBenchOptions {
  sizes?: number[];
  dim?: number;
  /** Also time a UMAP layout (default settings) of the first size. */
  umap?: boolean;
  /** Also time the quick MF, prepared, trained and evaluated on this dataset (ML-100k). */
  quickMf?: Dataset;
  wasmPath?: string;
  log?: (line: string) => void;
}

function randomVectors(n: number, dim: number): VectorSet {
  const rng = createRng(11);
  return { n, dim, vectors: Float32Array.from({ length: n * dim }, () => rng.normal()) };
}

const cpuClock = (globalThis as { process?: { cpuUsage(): { user: number; system: number } } }).process;
const cpuNow = () => (cpuClock ? (cpuClock.cpuUsage().user + cpuClock.cpuUsage().system) / 1000 : NaN);

/** Best of a few timed runs after a warm-up (the first compiles kernels on WebGPU): wall and CPU ms. */
async function best(run: () => Promise<unknown>, repeats = 3): Promise<[number, number]> {
  await run();
  let min: [number, number] = [Infinity, Infinity];
  for (let r = 0; r < repeats; r++) {
    const c0 = cpuNow();
    const t0 = performance.now();
    await run();
    const t = performance.now() - t0;
    if (t < min[0]) min = [t, cpuNow() - c0];
  }
  return min;
}

export async function runSimilarityBench(
  backend: BackendName,
  opts: SimilarityBenchOptions = {},
): Promise<SimilarityRow[]> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const report = await initBackend({ choice: backend, wasmPath: opts.wasmPath, exclude: ['webgl'] });
  if (report.name !== backend) {
    log(`${backend}: unavailable (${report.reason}), skipped`);
    return [];
  }
  const dim = opts.dim ?? 32;
  const rows: SimilarityRow[] = [];
  const add = (task: string, items: number, [ms, cpu]: [number, number]) => {
    const cpuMs = Number.isFinite(cpu) ? cpu : null;
    rows.push({ backend, task, items, ms, cpuMs });
    log(`  ${backend} ${task} x ${items.toLocaleString('en-US')} items: ${ms.toFixed(0)} ms`);
  };
  const before = tf.memory().numTensors;
  for (const n of opts.sizes ?? [1682, 10_000]) {
    const set = randomVectors(n, dim);
    for (const metric of DISTANCE_METRICS)
      add(`all pairs, top 10, ${metric}`, n, await best(() => nearestNeighbours(set, 10, metric)));
    add('PCA', n, await best(() => pca(set)));
  }
  if (opts.umap) {
    const n = (opts.sizes ?? [1682])[0];
    const set = randomVectors(n, dim);
    const c0 = cpuNow();
    const t0 = performance.now();
    await umap(set, UMAP_DEFAULTS);
    add(`UMAP (${UMAP_DEFAULTS.epochs} epochs)`, n, [performance.now() - t0, cpuNow() - c0]);
  }
  if (opts.quickMf) {
    const fam = family('ncf');
    if (!fam) throw new Error('no NCF family');
    const cfg = quickMf(NCF_SPEC);
    const c0 = cpuNow();
    const t0 = performance.now();
    const data = fam.prepare(opts.quickMf, cfg);
    if (!data.ok) throw new Error(data.reason);
    const res = await runExperiment(fam, data.value, cfg, { validation: false });
    res.model.dispose();
    add('quick MF: prepare, train, evaluate', opts.quickMf.nItems, [performance.now() - t0, cpuNow() - c0]);
    log(
      `  quick MF HR@10 ${res.evaluation.metrics['hr@10'].toFixed(3)}, training ${res.train?.trainSeconds.toFixed(1)} s`,
    );
  }
  if (tf.memory().numTensors !== before) log(`  warning: ${tf.memory().numTensors - before} tensors leaked`);
  return rows;
}

export function formatSimilarityRows(rows: SimilarityRow[]): string {
  const head = ['backend', 'task', 'items', 'ms', 'CPU ms'];
  const body = rows.map((r) => [
    r.backend,
    r.task,
    r.items.toLocaleString('en-US'),
    r.ms.toFixed(0),
    r.cpuMs === null ? '–' : r.cpuMs.toFixed(0),
  ]);
  const w = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells: string[]) =>
    cells.map((x, c) => (c < 2 ? x.padEnd(w[c]) : x.padStart(w[c]))).join('  ');
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...body.map(line)].join('\n');
}
