/**
 * The Sequential stage's benchmark: ms per step, kernels per step and samples/s of every network with
 * seed 000's shapes (windows of 10) on ML-100k's time-ordered leave-last-out split, and one full epoch of
 * seed 000's LSTM (the target: under 60 s in Node on WASM), trained as the seed does and at every position.
 */
import type { Dataset } from '../src/data/types';
import { initBackend, type BackendName } from '../src/train/backend';
import { trainModel } from '../src/train/loop';
import { SEQ_SPEC } from '../src/models/sequential/spec';
import { sequentialFamily } from '../src/models/sequential/family';
import { isNeural, targetsOf, type SeqExperiment, type SeqKind } from '../src/models/sequential/config';
import { formatRows, timeTraining, type BenchRow } from './core';

export interface SeqBenchOptions {
  kinds?: SeqKind[];
  batches?: number[];
  seconds?: number;
  /** Batch sizes to time one whole epoch of seed 000's LSTM at (none by default on the CPU backend). */
  epochBatches?: number[];
  wasmPath?: string;
  log?: (line: string) => void;
}

const NEURAL: SeqKind[] = ['lstm', 'gru', 'cnn', 'sasrec'];

function experiment(kind: SeqKind, batch: number): SeqExperiment {
  const c = SEQ_SPEC.base(kind, '000');
  return { ...c, train: { ...c.train, batchSize: batch, epochs: 1, validationFraction: 0 } };
}

export async function runSequentialBench(
  backend: BackendName,
  ds: Dataset,
  opts: SeqBenchOptions = {},
): Promise<BenchRow[]> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const report = await initBackend({ choice: backend, wasmPath: opts.wasmPath, exclude: ['webgl'] });
  if (report.name !== backend) return [];
  const prepared = sequentialFamily.prepare(ds, experiment('lstm', 64));
  if (!prepared.ok) throw new Error(prepared.reason);
  const data = prepared.value;
  const rows: BenchRow[] = [];
  for (const kind of opts.kinds ?? NEURAL) {
    for (const batch of opts.batches ?? [64, 256]) {
      const cfg = experiment(kind, batch);
      const built = await sequentialFamily.build(data, cfg, {} as never);
      if (!built.training) continue;
      const label = `seq ${kind}${isNeural(cfg.model) && targetsOf(cfg.model) === 'every' ? ' (every position)' : ''}`;
      const row = await timeTraining(backend, label, built.training, batch, opts.seconds ?? 2.5);
      built.model.dispose();
      rows.push(row);
      log(
        `  ${backend} ${label} @${batch}: ${row.msPerStep.toFixed(1)} ms/step, ${row.kernels} kernels/step`,
      );
    }
  }
  log(`\n${formatRows(rows)}\n`);
  // The seed's own procedure (a window per target), then the same network trained at every position.
  for (const targets of ['last', 'every'] as const)
    for (const batch of opts.epochBatches ?? []) {
      const base = experiment('lstm', batch);
      const cfg = { ...base, model: { ...base.model, targets } } as SeqExperiment;
      const built = await sequentialFamily.build(data, cfg, {} as never);
      const t = built.training;
      if (!t) continue;
      const r = await trainModel(t.trainable, t.makeSource, cfg.train);
      t.trainable.dispose();
      built.model.dispose();
      const what = targets === 'last' ? 'a window of 10 per target' : 'windows of 10, every position';
      log(
        `${backend}: one ML-100k epoch of seed 000's LSTM (${r.samples.toLocaleString('en-US')} targets, ${what}) at batch ${batch}: ${r.trainSeconds.toFixed(1)} s, ${Math.round(r.samplesPerSecond).toLocaleString('en-US')} targets/s`,
      );
    }
  return rows;
}
