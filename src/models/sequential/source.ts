/**
 * Training windows for the two ways a window trains (see `Targets`): every training target with the L
 * items before it (src/train/sources/windows.ts), or, when every position predicts its next item, windows
 * that tile each user's training history from the latest item back, so each item is read once an epoch.
 */
import { permutation, type Rng } from '../../data/rng';
import type { Timeline } from '../../data/types';
import type { BatchSource } from '../../train/trainable';
import {
  createWindowSource,
  trainingTargets,
  windowBatch,
  type WindowBatch,
  type WindowSet,
  type WindowSourceOptions,
} from '../../train/sources/windows';
import type { Targets } from './config';

/** Training targets `length` apart, from each user's latest one back: their windows cover every target once. */
export function tiledTargets(tl: Timeline, length: number): WindowSet {
  const all = trainingTargets(tl);
  const keep: number[] = [];
  for (let e = all.at.length - 1; e >= 0;) {
    const u = all.user[e];
    let k = 0;
    for (; e >= 0 && all.user[e] === u; e--, k++) if (k % length === 0) keep.push(e);
  }
  keep.reverse();
  return { at: Int32Array.from(keep, (e) => all.at[e]), user: Int32Array.from(keep, (e) => all.user[e]) };
}

/** A tiled window batch, counting as samples the positions that predict something (those holding an item). */
function tiledBatch(
  tl: Timeline,
  set: WindowSet,
  order: Int32Array | null,
  from: number,
  to: number,
  opt: WindowSourceOptions,
): WindowBatch {
  const b = windowBatch(tl, set, order, from, to, opt.length, opt.pad);
  let samples = 0;
  for (const it of b.seqs) if (it !== opt.pad) samples++;
  return { ...b, samples };
}

export function createSequenceSource(
  tl: Timeline,
  opt: WindowSourceOptions,
  targets: Targets,
  rng: Rng,
): BatchSource<WindowBatch> {
  if (targets === 'last') return createWindowSource(tl, opt, rng);
  const all = tiledTargets(tl, opt.length);
  const p = permutation(all.at.length, rng);
  const nVal = Math.round(all.at.length * Math.max(0, Math.min(0.5, opt.validationFraction)));
  const pick = (idx: Int32Array): WindowSet => ({
    at: Int32Array.from(idx, (i) => all.at[i]),
    user: Int32Array.from(idx, (i) => all.user[i]),
  });
  const train = pick(p.subarray(nVal).slice().sort());
  const val = pick(p.subarray(0, nVal).slice().sort());
  let order: Int32Array = new Int32Array(0);
  const validation: WindowBatch[] = [];
  for (let f = 0; f < nVal; f += 1024)
    validation.push(tiledBatch(tl, val, null, f, Math.min(nVal, f + 1024), opt));
  return {
    startEpoch(r) {
      order = permutation(train.at.length, r);
      return order.length;
    },
    batch: (from, to) => tiledBatch(tl, train, order, from, to, opt),
    validation: nVal > 0 ? validation : null,
    validationExamples: nVal,
    samplesPerExample: opt.length,
  };
}
