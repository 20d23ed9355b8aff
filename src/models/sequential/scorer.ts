/** What every sequential model offers beyond a TrainedModel: the next item's scores after any window. */
import { SIDE, type Timeline } from '../../data/types';
import type { TrainedModel } from '../../train/family';
import { windowBefore } from '../../train/sources/windows';

export interface SeqScorer extends TrainedModel {
  /** Window length L the model reads. */
  readonly window: number;
  /** Whether scores are logits of a softmax over every item (so softmax gives next-item probabilities). */
  readonly softmax: boolean;
  /** Scores of every item after each window, [n x nItems]; windows are [n x L] ids, padding = nItems. */
  scoreWindows(seqs: Int32Array, n: number): Promise<Float32Array>;
}

/**
 * Each user's latest window of items on `sides`: by default the training and validation items, the window
 * that precedes the test item.
 */
export function latestWindows(
  tl: Timeline,
  users: Int32Array,
  length: number,
  pad: number,
  sides: readonly number[] = [SIDE.train, SIDE.validation],
): Int32Array {
  const out = new Int32Array(users.length * length);
  users.forEach((u, k) => windowBefore(tl, u, tl.indptr[u + 1], length, pad, out, k * length, sides));
  return out;
}

/** The last item of each window that is not padding, or -1 for an empty window. */
export function lastItem(seqs: Int32Array, row: number, length: number, pad: number): number {
  for (let t = length - 1; t >= 0; t--) {
    const it = seqs[row * length + t];
    if (it !== pad) return it;
  }
  return -1;
}
