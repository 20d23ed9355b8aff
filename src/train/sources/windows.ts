/**
 * Windows of item sequences with a next-item target, cut from each user's timeline: every training entry
 * after the first is a target, and the (at most) L items before it are its window, padded at the start
 * for short histories. The validation and test targets get the window of everything before them, so no
 * held-out item is ever inside a training window.
 */
import { permutation, type Rng } from '../../data/rng';
import { SIDE, type Timeline } from '../../data/types';
import type { Batch, BatchSource } from '../trainable';

export interface WindowBatch extends Batch {
  /** [n x L] item ids, oldest first; `pad` fills the start of short windows. */
  seqs: Int32Array;
  target: Int32Array;
  user: Int32Array;
  /** Window length. */
  length: number;
}

export interface WindowSet {
  /** Each example's timeline position of its target. */
  at: Int32Array;
  user: Int32Array;
}

/** The window ending just before timeline position `at` of user `u`, items of `sides` only, into `out`. */
export function windowBefore(
  tl: Timeline,
  u: number,
  at: number,
  length: number,
  pad: number,
  out: Int32Array,
  offset: number,
  sides: readonly number[] = [SIDE.train],
): void {
  let w = offset + length - 1;
  for (let j = at - 1; j >= tl.indptr[u] && w >= offset; j--)
    if (sides.includes(tl.side[j])) out[w--] = tl.item[j];
  while (w >= offset) out[w--] = pad;
}

/** Training targets: every training entry with at least one training item before it. */
export function trainingTargets(tl: Timeline): WindowSet {
  const at: number[] = [];
  const user: number[] = [];
  const nUsers = tl.indptr.length - 1;
  for (let u = 0; u < nUsers; u++) {
    let seen = 0;
    for (let j = tl.indptr[u]; j < tl.indptr[u + 1]; j++) {
      if (tl.side[j] !== SIDE.train) continue;
      if (seen++ > 0) {
        at.push(j);
        user.push(u);
      }
    }
  }
  return { at: Int32Array.from(at), user: Int32Array.from(user) };
}

/** The held-out targets of one side (validation or test), one example each. */
export function heldOutTargets(tl: Timeline, side: number): WindowSet {
  const at: number[] = [];
  const user: number[] = [];
  const nUsers = tl.indptr.length - 1;
  for (let u = 0; u < nUsers; u++)
    for (let j = tl.indptr[u]; j < tl.indptr[u + 1]; j++)
      if (tl.side[j] === side) {
        at.push(j);
        user.push(u);
      }
  return { at: Int32Array.from(at), user: Int32Array.from(user) };
}

/**
 * A batch of windows. `sides` are the entries a window may contain: training items only for training,
 * and for a test target also the validation item before it (the user did see it).
 */
export function windowBatch(
  tl: Timeline,
  set: WindowSet,
  order: Int32Array | null,
  from: number,
  to: number,
  length: number,
  pad: number,
  sides: readonly number[] = [SIDE.train],
): WindowBatch {
  const n = to - from;
  const seqs = new Int32Array(n * length);
  const target = new Int32Array(n);
  const user = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const e = order ? order[from + k] : from + k;
    const at = set.at[e];
    user[k] = set.user[e];
    target[k] = tl.item[at];
    windowBefore(tl, user[k], at, length, pad, seqs, k * length, sides);
  }
  return { seqs, target, user, length, n, samples: n };
}

export interface WindowSourceOptions {
  length: number;
  /** The id that fills the start of short windows (the models use nItems). */
  pad: number;
  /** Share of the training windows held out for the validation loss (0 for none). */
  validationFraction: number;
}

/** Training windows reshuffled every epoch, with a seeded share held out for the validation loss. */
export function createWindowSource(
  tl: Timeline,
  opt: WindowSourceOptions,
  rng: Rng,
): BatchSource<WindowBatch> {
  const all = trainingTargets(tl);
  const p = permutation(all.at.length, rng);
  const nVal = Math.round(all.at.length * Math.max(0, Math.min(0.5, opt.validationFraction)));
  const pick = (idx: Int32Array): WindowSet => ({
    at: Int32Array.from(idx, (i) => all.at[i]),
    user: Int32Array.from(idx, (i) => all.user[i]),
  });
  const train = pick(p.subarray(nVal).slice().sort());
  const val = pick(p.subarray(0, nVal).slice().sort());
  let order: Int32Array = new Int32Array(0);
  const chunk = 4096;
  const validation: WindowBatch[] = [];
  for (let f = 0; f < nVal; f += chunk)
    validation.push(windowBatch(tl, val, null, f, Math.min(nVal, f + chunk), opt.length, opt.pad));
  return {
    startEpoch(r) {
      order = permutation(train.at.length, r);
      return order.length;
    },
    batch: (from, to) => windowBatch(tl, train, order, from, to, opt.length, opt.pad),
    validation: nVal > 0 ? validation : null,
    validationExamples: nVal,
    samplesPerExample: 1,
  };
}
