/**
 * (user, item) pair batches with sampled negatives: what an epoch of an implicit-feedback model iterates
 * over, redrawn and reshuffled every epoch. Three layouts: pointwise pairs with 0/1 labels, (positive,
 * negative) triplets, and a positive followed by K candidate negatives (WARP).
 */
import type { PairSet, PointwiseSamples, PreparedSplit } from '../../data/types';
import {
  NegativeSampler,
  allUnobservedSamples,
  pairwiseSamples,
  pointwiseSamples,
} from '../../data/negatives';
import { buildCsr } from '../../data/split';
import { permutation, type Rng } from '../../data/rng';
import type { Batch, BatchSource } from '../trainable';

/** How pointwise training gets its zeros. */
export type Sampling = 'negatives' | 'all-unobserved' | 'labelled';

/** Pointwise pairs, (positive, negative) triplets, or a positive and K candidates. */
export type PairLayout = 'pointwise' | 'triplet' | 'candidates';

export interface PairBatch extends Batch {
  /** [n · width] users and items, an example's pairs side by side. */
  user: Int32Array;
  item: Int32Array;
  /** [n · width] 0/1 labels, when the loss needs them. */
  labels: Float32Array | null;
  /** Pairs per example: 1 (pointwise), 2 (triplet), 1 + K (candidates). */
  width: number;
}

interface Ctx {
  sampler: NegativeSampler;
}

function pairBatch(n: number, width: number, labels: boolean): PairBatch {
  return {
    user: new Int32Array(n * width),
    item: new Int32Array(n * width),
    labels: labels ? new Float32Array(n * width) : null,
    width,
    n,
    samples: n * width,
  };
}

function pointwiseBatch(s: PointwiseSamples, order: Int32Array | null, from: number, to: number): PairBatch {
  const b = pairBatch(to - from, 1, true);
  const labels = b.labels as Float32Array;
  for (let j = 0; j < b.n; j++) {
    const k = order ? order[from + j] : from + j;
    b.user[j] = s.user[k];
    b.item[j] = s.item[k];
    labels[j] = s.label[k];
  }
  return b;
}

function tripletBatch(
  u: Int32Array,
  p: Int32Array,
  q: Int32Array,
  order: Int32Array | null,
  from: number,
  to: number,
  labels: boolean,
): PairBatch {
  const b = pairBatch(to - from, 2, labels);
  for (let j = 0; j < b.n; j++) {
    const k = order ? order[from + j] : from + j;
    b.user[2 * j] = u[k];
    b.item[2 * j] = p[k];
    b.user[2 * j + 1] = u[k];
    b.item[2 * j + 1] = q[k];
    if (b.labels) b.labels[2 * j] = 1;
  }
  return b;
}

function candidateBatch(
  ctx: Ctx,
  pos: Pick<PairSet, 'user' | 'item'>,
  order: Int32Array | null,
  from: number,
  to: number,
  K: number,
  rng: Rng,
): PairBatch {
  const w = 1 + K;
  const b = pairBatch(to - from, w, false);
  for (let j = 0; j < b.n; j++) {
    const k = order ? order[from + j] : from + j;
    const u = pos.user[k];
    let o = j * w;
    b.user.fill(u, o, o + w);
    b.item[o++] = pos.item[k];
    for (let c = 0; c < K; c++) {
      const neg = ctx.sampler.draw(u, rng);
      // A user who has seen every item has no negative; the positive itself is a harmless stand-in.
      b.item[o++] = neg < 0 ? pos.item[k] : neg;
    }
  }
  return b;
}

export interface PairSourceOptions {
  layout: PairLayout;
  /** Pointwise only: where the zeros come from. */
  sampling: Sampling;
  /** Pointwise only: sampled negatives per positive. */
  negatives: number;
  /** Triplets only: whether batches carry 0/1 labels (positive, negative). */
  tripletLabels: boolean;
  /** Candidates only: K. */
  candidates: number;
  /** Share of the training examples held out, once, for the validation loss (0 for none). */
  validationFraction: number;
}

export interface PairSource extends BatchSource<PairBatch> {
  /** Training positives actually used (after the validation hold-out). */
  trainPositives: number;
}

function takeRows<T extends { user: Int32Array }>(s: T, keys: (keyof T)[], rows: Int32Array): T {
  const out = { ...s };
  for (const k of keys) {
    const src = s[k] as unknown as Int32Array | Float32Array;
    const dst = new (src.constructor as Int32ArrayConstructor | Float32ArrayConstructor)(rows.length);
    rows.forEach((r, j) => (dst[j] = src[r]));
    (out as Record<keyof T, unknown>)[k] = dst;
  }
  return out;
}

/** Split row indices 0..n-1 into (train, validation) by a seeded permutation. */
function holdOut(n: number, fraction: number, rng: Rng): [Int32Array, Int32Array] {
  const p = permutation(n, rng);
  const nVal = Math.round(n * Math.max(0, Math.min(0.5, fraction)));
  return [p.subarray(nVal).slice().sort(), p.subarray(0, nVal).slice().sort()];
}

function chunks(total: number, size: number, make: (from: number, to: number) => PairBatch): PairBatch[] {
  const out: PairBatch[] = [];
  for (let from = 0; from < total; from += size) out.push(make(from, Math.min(total, from + size)));
  return out;
}

export function createPairSource(split: PreparedSplit, opt: PairSourceOptions, rng: Rng): PairSource {
  const ctx: Ctx = { sampler: new NegativeSampler(split.trainSeen, split.nItems) };
  const VAL_CHUNK = 8192;
  if (opt.layout === 'pointwise' && opt.sampling !== 'negatives') {
    const all: PointwiseSamples =
      opt.sampling === 'labelled'
        ? split.trainLabelled
        : allUnobservedSamples(
            buildCsr(split.train.user, split.train.item, split.nUsers),
            split.nUsers,
            split.nItems,
          );
    const [tr, va] = holdOut(all.user.length, opt.validationFraction, rng);
    const train = takeRows(all, ['user', 'item', 'label'], tr);
    const val = takeRows(all, ['user', 'item', 'label'], va);
    let order: Int32Array = new Int32Array(0);
    return {
      startEpoch: (r) => {
        order = permutation(train.user.length, r);
        return order.length;
      },
      batch: (from, to) => pointwiseBatch(train, order, from, to),
      validation: va.length ? chunks(va.length, VAL_CHUNK, (f, t) => pointwiseBatch(val, null, f, t)) : null,
      validationExamples: va.length,
      samplesPerExample: 1,
      trainPositives: train.label.reduce((a, b) => a + b, 0),
    };
  }

  const [tr, va] = holdOut(split.train.user.length, opt.validationFraction, rng);
  const pos = takeRows(split.train, ['user', 'item'], tr);
  const valPos = takeRows(split.train, ['user', 'item'], va);
  const valRng = rng.fork();
  let order: Int32Array = new Int32Array(0);
  const source = (
    train: Pick<PairSource, 'startEpoch' | 'batch'>,
    validation: PairBatch[],
    samplesPerExample: number,
  ): PairSource => ({
    ...train,
    validation: va.length ? validation : null,
    validationExamples: va.length,
    samplesPerExample,
    trainPositives: pos.user.length,
  });

  switch (opt.layout) {
    case 'pointwise': {
      let buf: (PointwiseSamples & { length: number }) | undefined;
      const vs = pointwiseSamples(valPos, ctx.sampler, opt.negatives, valRng);
      return source(
        {
          startEpoch: (r) => {
            buf = pointwiseSamples(pos, ctx.sampler, opt.negatives, r, buf);
            order = permutation(buf.length, r);
            return buf.length;
          },
          batch: (from, to) => pointwiseBatch(buf as PointwiseSamples, order, from, to),
        },
        chunks(vs.length, VAL_CHUNK, (f, t) => pointwiseBatch(vs, null, f, t)),
        1,
      );
    }
    case 'triplet': {
      const labels = opt.tripletLabels;
      let t = pairwiseSamples(pos, ctx.sampler, rng);
      const vt = pairwiseSamples(valPos, ctx.sampler, valRng);
      return source(
        {
          startEpoch: (r) => {
            t = pairwiseSamples(pos, ctx.sampler, r, t);
            order = permutation(t.length, r);
            return t.length;
          },
          batch: (from, to) => tripletBatch(t.user, t.pos, t.neg, order, from, to, labels),
        },
        chunks(vt.length, VAL_CHUNK / 2, (f, to) =>
          tripletBatch(vt.user, vt.pos, vt.neg, null, f, to, labels),
        ),
        2,
      );
    }
    case 'candidates': {
      const K = opt.candidates;
      return source(
        {
          startEpoch: (r) => {
            order = permutation(pos.user.length, r);
            return order.length;
          },
          batch: (from, to, r) => candidateBatch(ctx, pos, order, from, to, K, r),
        },
        chunks(valPos.user.length, Math.max(1, Math.floor(VAL_CHUNK / (1 + K))), (f, t) =>
          candidateBatch(ctx, valPos, null, f, t, K, valRng),
        ),
        1 + K,
      );
    }
  }
}
