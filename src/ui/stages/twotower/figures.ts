/** What the panel reads of a two-tower run's evaluation, and the reference figures it sets them against. */
import type { TowerExperiment } from '../../../models/twotower/config';
import type { TowerReport } from '../../../models/twotower/evaluate';
import type { ExperimentConfig } from '../../../train/spec';
import type { RunRecord } from '../../training/store';

/** Well-tuned SVD's test RMSE on ML-100k, the reference (not trained here). */
export const SVD_RMSE = 0.93;
/** TFRS's basic retrieval tutorial: factorized top-100 accuracy on its 20% test split of ML-100k. */
export const TFRS_TOP100 = 0.23;

/** The stage's store holds the generic config; every run and setting of this stage is a two-tower one. */
export const towerConfig = (c: ExperimentConfig): TowerExperiment => c as unknown as TowerExperiment;

/**
 * Whether the published references (SVD's RMSE, TFRS's top-100 accuracy) apply: a warm split of the whole
 * of ML-100k, as theirs were.
 */
export const referencesApply = (run: RunRecord): boolean =>
  run.result.dataset.id === 'ml-100k' &&
  run.result.maxUsers === null &&
  !(run.result.detail as TowerReport).coldStart;

export const reportOf = (run: RunRecord): TowerReport => run.result.detail as TowerReport;

/** "#3 Features" for a table heading. */
export const runName = (run: RunRecord, short: Record<string, string>): string =>
  `#${run.no} ${short[run.result.config.model.kind] ?? run.result.config.model.kind}`;

/** The Ks recall was measured at, in order. */
export const recallKs = (r: TowerReport): number[] =>
  Object.keys(r.retrieval.model.recall)
    .map(Number)
    .sort((a, b) => a - b);

/** A run's split, quick look and data in one key: runs compare only when theirs agree. */
export function splitKey(run: RunRecord): string {
  const c = run.result.config;
  return JSON.stringify([run.result.dataset.id, run.result.maxUsers, c.prep]);
}

/** "0.929 vs biases 0.945: 0.016 stars better". */
export function versus(model: number, name: string, base: number): string {
  const d = base - model;
  const how =
    Math.abs(d) < 0.0005 ? 'level with it' : `${Math.abs(d).toFixed(3)} stars ${d > 0 ? 'better' : 'worse'}`;
  return `${model.toFixed(3)} vs ${name} ${base.toFixed(3)}: ${how}`;
}
