/**
 * `npm run bench [-- --backend cpu,wasm,webgpu] [--seconds 2.5] [--models neumf,mf] [--batches 256,1024]
 * [--sections ncf,sequential,two-tower,similarity,data,scale] [--scale-rows 2000000] [--umap]`: samples/s, ms and kernels per training
 * step of every family's models on ML-100k (MOVIELENS_SOURCE or ../shared/datasets/ml-100k), the Similarity
 * stage's all-pairs neighbours (--umap adds a UMAP layout), and parse speed and cancel latency
 * (bench/data.ts), and seed 002's scale (bench/scale.ts: a generated ML-32M-shaped file, parsed, and
 * samples/s on a 150k x 30k catalogue; `--scale-rows 10000000` or 32000000 for more). The default runs every section. The sequential and two-tower steps are timed on WASM and
 * WebGPU only (the CPU backend takes seconds to minutes per step). Speed targets live here, never in timed
 * tests.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadFiles } from '../src/data';
import { prepare } from '../src/data/prepare';
import { blobsFromSource, REPO_ROOT } from '../src/cli/sources';
import type { Dataset } from '../src/data/types';
import { initBackend, type BackendName } from '../src/train/backend';
import type { NcfKind as ModelKind } from '../src/models/ncf/config';
import { formatRows, runBench, type BenchRow } from './core';
import { benchData } from './data';
import { runScaleBench } from './scale';
import { runSequentialBench } from './sequential';
import { formatSimilarityRows, runSimilarityBench, type SimilarityRow } from './similarity';
import { runTowerBench } from './twotower';

export async function loadMl100k(
  source = process.env.MOVIELENS_SOURCE ?? join(REPO_ROOT, '../shared/datasets/ml-100k'),
) {
  const path = resolve(source);
  if (!existsSync(path)) throw new Error(`ML-100k not found at ${path}; set MOVIELENS_SOURCE`);
  const ds = await loadFiles(await blobsFromSource(path));
  if (!ds.ok) throw new Error(ds.reason);
  return ds.value;
}

/** ML-100k leave-one-out with 4 negatives, what the NCF models are timed on. */
export function ncfSplit(ds: Dataset) {
  const split = prepare(ds, {
    implicitThreshold: null,
    strictThreshold: false,
    split: { kind: 'leave-one-out' },
    negativesPerPositive: 4,
    seed: 1,
  });
  if (!split.ok) throw new Error(split.reason);
  return split.value;
}

export async function loadSplit(source?: string) {
  return ncfSplit(await loadMl100k(source));
}

export const WASM_PATH = `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`;

async function main() {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string' },
      seconds: { type: 'string', default: '2.5' },
      models: { type: 'string' },
      batches: { type: 'string' },
      sections: { type: 'string', default: 'ncf,sequential,two-tower,similarity,data,scale' },
      'scale-rows': { type: 'string', default: '2000000' },
      umap: { type: 'boolean', default: false },
    },
  });
  const sections = values.sections.split(',');
  const hasGpu = !!(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu;
  const backends = (values.backend ?? (hasGpu ? 'cpu,wasm,webgpu' : 'cpu,wasm')).split(',') as BackendName[];
  const batches = values.batches?.split(',').map(Number);
  const ds = await loadMl100k();
  for (const b of backends) {
    if (sections.includes('sequential') && b !== 'cpu')
      await runSequentialBench(b, ds, {
        seconds: Number(values.seconds),
        epochBatches: [64, 256],
        wasmPath: WASM_PATH,
      });
    if (sections.includes('two-tower') && b !== 'cpu') {
      if ((await initBackend({ choice: b, wasmPath: WASM_PATH })).name === b) {
        const rows: BenchRow[] = await runTowerBench(
          b,
          ds,
          batches ?? [256, 1024],
          Number(values.seconds),
          console.log,
        );
        console.log(`\n${formatRows(rows)}\n`);
      }
    }
    if (sections.includes('ncf')) {
      await runBench(b, ncfSplit(ds), {
        seconds: Number(values.seconds),
        models: values.models?.split(',') as ModelKind[] | undefined,
        batches,
        epochBatches: b === 'cpu' ? [] : [256, 1024],
        wasmPath: WASM_PATH,
      });
    }
  }
  if (sections.includes('similarity')) {
    const rows: SimilarityRow[] = [];
    // The plain JS CPU backend only when asked for: all pairs of 10k items take it a long time.
    for (const b of values.backend ? backends : backends.filter((x) => x !== 'cpu'))
      rows.push(
        ...(await runSimilarityBench(b, {
          wasmPath: WASM_PATH,
          umap: values.umap,
          quickMf: b === 'wasm' ? ds : undefined,
        })),
      );
    console.log(`\nSimilarity (random 32-d vectors):\n${formatSimilarityRows(rows)}\n`);
  }
  if (sections.includes('data')) await benchData();
  if (sections.includes('scale'))
    await runScaleBench({
      rows: Number(values['scale-rows']),
      batch: batches?.[0] ?? 1024,
      seconds: Number(values.seconds),
      backend: values.backend ? backends[0] : 'wasm',
      wasmPath: WASM_PATH,
      ml100k: ds,
    });
}

if (process.argv[1] && /bench[\\/]run\.ts$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
