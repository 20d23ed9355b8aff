/**
 * Training and validation examples on the JS side: what an epoch iterates over, redrawn and
 * reshuffled every epoch, and the host arrays each batch uploads (interleaved table rows, labels).
 */
import type { PairSet, PointwiseSamples, PreparedSplit } from '../data/types';
import { NegativeSampler, allUnobservedSamples, pairwiseSamples, pointwiseSamples } from '../data/negatives';
import { buildCsr } from '../data/split';
import { permutation, type Rng } from '../data/rng';
import type { LossKind } from './losses';

/** How pointwise (BCE) training gets its zeros. */
export type Sampling = 'negatives' | 'all-unobserved' | 'labelled';

export interface HostBatch {
  /** [2 · n · width] interleaved user row, item row (nUsers + item). */
  idx: Int32Array;
  /** [n · width] 0/1 labels, when the loss needs them. */
  labels: Float32Array | null;
  /** Examples in the batch (a pairwise example is two pairs, a WARP one 1 + K). */
  n: number;
}

export interface ExampleSource {
  /** Draw this epoch's examples (negatives resampled, order reshuffled); returns how many. */
  startEpoch(rng: Rng): number;
  batch(from: number, to: number, rng: Rng): HostBatch;
}

interface Ctx {
  nUsers: number;
  sampler: NegativeSampler;
}

function pointwiseBatch(
  ctx: Ctx,
  s: PointwiseSamples,
  order: Int32Array | null,
  from: number,
  to: number,
): HostBatch {
  const n = to - from;
  const idx = new Int32Array(2 * n);
  const labels = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    const k = order ? order[from + j] : from + j;
    idx[2 * j] = s.user[k];
    idx[2 * j + 1] = ctx.nUsers + s.item[k];
    labels[j] = s.label[k];
  }
  return { idx, labels, n };
}

function tripletBatch(
  ctx: Ctx,
  u: Int32Array,
  p: Int32Array,
  q: Int32Array,
  order: Int32Array | null,
  from: number,
  to: number,
  labels: boolean,
): HostBatch {
  const n = to - from;
  const idx = new Int32Array(4 * n);
  const lab = labels ? new Float32Array(2 * n) : null;
  for (let j = 0; j < n; j++) {
    const k = order ? order[from + j] : from + j;
    idx[4 * j] = u[k];
    idx[4 * j + 1] = ctx.nUsers + p[k];
    idx[4 * j + 2] = u[k];
    idx[4 * j + 3] = ctx.nUsers + q[k];
    if (lab) lab[2 * j] = 1;
  }
  return { idx, labels: lab, n };
}

function warpBatch(
  ctx: Ctx,
  pos: Pick<PairSet, 'user' | 'item'>,
  order: Int32Array | null,
  from: number,
  to: number,
  K: number,
  rng: Rng,
): HostBatch {
  const n = to - from;
  const w = 1 + K;
  const idx = new Int32Array(2 * n * w);
  for (let j = 0; j < n; j++) {
    const k = order ? order[from + j] : from + j;
    const u = pos.user[k];
    let o = 2 * j * w;
    idx[o++] = u;
    idx[o++] = ctx.nUsers + pos.item[k];
    for (let c = 0; c < K; c++) {
      const neg = ctx.sampler.draw(u, rng);
      idx[o++] = u;
      // A user who has seen every item has no negative; the positive itself is a harmless stand-in.
      idx[o++] = ctx.nUsers + (neg < 0 ? pos.item[k] : neg);
    }
  }
  return { idx, labels: null, n };
}

export interface SourceOptions {
  loss: LossKind;
  sampling: Sampling;
  negatives: number;
  warpSamples: number;
  /** Share of the training examples held out, once, for the validation loss (0 for none). */
  validationFraction: number;
}

export interface Sources {
  train: ExampleSource;
  /** Fixed validation batches, or null without a validation split. */
  validation: HostBatch[] | null;
  validationExamples: number;
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

function chunks(total: number, size: number, make: (from: number, to: number) => HostBatch): HostBatch[] {
  const out: HostBatch[] = [];
  for (let from = 0; from < total; from += size) out.push(make(from, Math.min(total, from + size)));
  return out;
}

export function createSources(split: PreparedSplit, opt: SourceOptions, rng: Rng): Sources {
  const ctx: Ctx = { nUsers: split.nUsers, sampler: new NegativeSampler(split.trainSeen, split.nItems) };
  const VAL_CHUNK = 8192;
  if (opt.loss === 'bce' && opt.sampling !== 'negatives') {
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
      train: {
        startEpoch: (r) => {
          order = permutation(train.user.length, r);
          return order.length;
        },
        batch: (from, to) => pointwiseBatch(ctx, train, order, from, to),
      },
      validation: va.length
        ? chunks(va.length, VAL_CHUNK, (f, t) => pointwiseBatch(ctx, val, null, f, t))
        : null,
      validationExamples: va.length,
      trainPositives: train.label.reduce((a, b) => a + b, 0),
    };
  }

  const [tr, va] = holdOut(split.train.user.length, opt.validationFraction, rng);
  const pos = takeRows(split.train, ['user', 'item'], tr);
  const valPos = takeRows(split.train, ['user', 'item'], va);
  const valRng = rng.fork();
  let order: Int32Array = new Int32Array(0);
  const sources = (train: ExampleSource, validation: HostBatch[] | null): Sources => ({
    train,
    validation: va.length ? validation : null,
    validationExamples: va.length,
    trainPositives: pos.user.length,
  });

  switch (opt.loss) {
    case 'bce': {
      let buf: (PointwiseSamples & { length: number }) | undefined;
      const vs = pointwiseSamples(valPos, ctx.sampler, opt.negatives, valRng);
      return sources(
        {
          startEpoch: (r) => {
            buf = pointwiseSamples(pos, ctx.sampler, opt.negatives, r, buf);
            order = permutation(buf.length, r);
            return buf.length;
          },
          batch: (from, to) => pointwiseBatch(ctx, buf as PointwiseSamples, order, from, to),
        },
        chunks(vs.length, VAL_CHUNK, (f, t) => pointwiseBatch(ctx, vs, null, f, t)),
      );
    }
    case 'pairwise':
    case 'bpr': {
      const labels = opt.loss === 'pairwise';
      let t = pairwiseSamples(pos, ctx.sampler, rng);
      const vt = pairwiseSamples(valPos, ctx.sampler, valRng);
      return sources(
        {
          startEpoch: (r) => {
            t = pairwiseSamples(pos, ctx.sampler, r, t);
            order = permutation(t.length, r);
            return t.length;
          },
          batch: (from, to) => tripletBatch(ctx, t.user, t.pos, t.neg, order, from, to, labels),
        },
        chunks(vt.length, VAL_CHUNK / 2, (f, to) =>
          tripletBatch(ctx, vt.user, vt.pos, vt.neg, null, f, to, labels),
        ),
      );
    }
    case 'warp': {
      const K = opt.warpSamples;
      return sources(
        {
          startEpoch: (r) => {
            order = permutation(pos.user.length, r);
            return order.length;
          },
          batch: (from, to, r) => warpBatch(ctx, pos, order, from, to, K, r),
        },
        chunks(valPos.user.length, Math.max(1, Math.floor(VAL_CHUNK / (1 + K))), (f, t) =>
          warpBatch(ctx, valPos, null, f, t, K, valRng),
        ),
      );
    }
  }
}
