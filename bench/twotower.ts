/**
 * The two-tower step on ML-100k's seeded 80/20 split: samples/s, ms per step and kernels per step of the
 * seed's feature towers, the hybrid towers and the retrieval objective, through the same `timeTraining`
 * as every other model. Beside them, the same feature towers fed the other way: feature rows shipped with
 * every batch instead of gathered on the device from tables uploaded once (the design the model uses).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../src/data/types';
import { AutodiffTrainable, type AutodiffModel } from '../src/train/autodiff';
import type { Training } from '../src/train/family';
import { createRowSource, type RowBatch } from '../src/train/sources/rows';
import {
  TOWER_EVAL_DEFAULTS,
  TOWER_PREP_DEFAULTS,
  TOWER_TRAIN_DEFAULTS,
  defaultTowerModel,
  type TowerExperiment,
  type TowerKind,
} from '../src/models/twotower/config';
import { prepareTowers, type TowerData } from '../src/models/twotower/data';
import { ratingRows, towerTraining } from '../src/models/twotower/family';
import { TwoTowerModel } from '../src/models/twotower/model';
import { timeTraining, type BenchRow } from './core';

const VARIANTS: { label: string; kind: TowerKind; objective: 'rating' | 'retrieval' }[] = [
  { label: 'two-tower features (seed 003)', kind: 'features', objective: 'rating' },
  { label: 'two-tower features + IDs', kind: 'hybrid', objective: 'rating' },
  { label: 'two-tower retrieval (features)', kind: 'features', objective: 'retrieval' },
];

function experiment(kind: TowerKind, objective: 'rating' | 'retrieval', batch: number): TowerExperiment {
  return {
    prep: structuredClone(TOWER_PREP_DEFAULTS),
    model: defaultTowerModel(kind),
    train: { ...TOWER_TRAIN_DEFAULTS, objective, batchSize: batch, validationFraction: 0 },
    eval: { ...TOWER_EVAL_DEFAULTS },
  };
}

/** The seed's feature towers trained on feature rows copied into every batch (what Keras' fit does). */
function shippedRows(model: TwoTowerModel, data: TowerData): Training {
  const uw = model.user.inputWidth;
  const iw = model.item.inputWidth;
  const rows = ratingRows(data.train, data.scale);
  const n = rows.target.length;
  const ux = new Float32Array(n * uw);
  const ix = new Float32Array(n * iw);
  for (let j = 0; j < n; j++) {
    const u = data.train.user[j];
    const i = data.train.item[j];
    ux.set(data.user.scaled.subarray(u * uw, (u + 1) * uw), j * uw);
    // The model leaves the item count (the table's last column) out unless asked.
    const w = data.item.width;
    ix.set(data.item.scaled.subarray(i * w, i * w + iw), j * iw);
  }
  const shipped: AutodiffModel<RowBatch<'ux' | 'ix'>> = {
    variables: model.variables,
    loss: (b) => {
      const u = model.user.forwardFeatures(tf.tensor2d(b.cols.ux as Float32Array, [b.n, uw]));
      const v = model.item.forwardFeatures(tf.tensor2d(b.cols.ix as Float32Array, [b.n, iw]));
      return tf.mean(tf.squaredDifference(tf.sum(tf.mul(u, v), 1), tf.tensor1d(b.target))) as tf.Scalar;
    },
  };
  return {
    trainable: new AutodiffTrainable(shipped, { kind: 'adam', lr: 0.01 }) as unknown as Training['trainable'],
    makeSource: () => createRowSource({ cols: { ux, ix }, target: rows.target }, null) as never,
  };
}

export async function runTowerBench(
  backend: string,
  ds: Dataset,
  batches: number[],
  seconds: number,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const prepared = prepareTowers(ds, TOWER_PREP_DEFAULTS);
  if (!prepared.ok) throw new Error(prepared.reason);
  const data = prepared.value;
  const rows: BenchRow[] = [];
  for (const batch of batches) {
    for (const v of VARIANTS) {
      const cfg = experiment(v.kind, v.objective, batch);
      const model = new TwoTowerModel(data, cfg.model, cfg.train, 1);
      rows.push(
        await timeTraining(backend, v.label, towerTraining(model, data, cfg) as Training, batch, seconds),
      );
      model.dispose();
      log(`  ${backend} ${v.label} @${batch}: ${Math.round(rows.at(-1)?.samplesPerSecond ?? 0)} samples/s`);
    }
    const cfg = experiment('features', 'rating', batch);
    const model = new TwoTowerModel(data, cfg.model, cfg.train, 1);
    rows.push(
      await timeTraining(
        backend,
        'two-tower features, rows shipped',
        shippedRows(model, data),
        batch,
        seconds,
      ),
    );
    model.dispose();
  }
  return rows;
}
