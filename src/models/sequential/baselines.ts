/**
 * The two baselines a sequence model must beat, counted on the training side of the timeline: the most
 * popular items, and a first-order Markov chain (how often each item followed the window's last item),
 * backed off to popularity where the last item was never followed by anything.
 */
import { SIDE, type Timeline } from '../../data/types';
import type { ItemEmbeddings, ModelSummary } from '../../train/family';
import { lastItem, latestWindows, type SeqScorer } from './scorer';

/** Training interactions per item. */
export function popularity(tl: Timeline, nItems: number): Float32Array {
  const counts = new Float32Array(nItems);
  for (let j = 0; j < tl.item.length; j++) if (tl.side[j] === SIDE.train) counts[tl.item[j]]++;
  return counts;
}

/** Counts of b right after a in the training timelines, as CSR rows per a (targets sorted ascending). */
export interface Transitions {
  indptr: Int32Array;
  next: Int32Array;
  count: Float32Array;
}

export function transitions(tl: Timeline, nItems: number): Transitions {
  const keys: number[] = [];
  const nUsers = tl.indptr.length - 1;
  for (let u = 0; u < nUsers; u++) {
    let prev = -1;
    for (let j = tl.indptr[u]; j < tl.indptr[u + 1]; j++) {
      if (tl.side[j] !== SIDE.train) continue;
      if (prev >= 0) keys.push(prev * nItems + tl.item[j]);
      prev = tl.item[j];
    }
  }
  const sorted = Float64Array.from(keys).sort();
  const indptr = new Int32Array(nItems + 1);
  const next: number[] = [];
  const count: number[] = [];
  for (let k = 0; k < sorted.length; k++) {
    if (k > 0 && sorted[k] === sorted[k - 1]) {
      count[count.length - 1]++;
      continue;
    }
    const a = Math.floor(sorted[k] / nItems);
    indptr[a + 1]++;
    next.push(sorted[k] - a * nItems);
    count.push(1);
  }
  for (let a = 0; a < nItems; a++) indptr[a + 1] += indptr[a];
  return { indptr, next: Int32Array.from(next), count: Float32Array.from(count) };
}

abstract class CountModel implements SeqScorer {
  abstract readonly kind: 'pop' | 'markov';
  readonly scoreKind = 'count' as const;
  readonly softmax = false;
  readonly counts: Float32Array;

  constructor(
    protected readonly tl: Timeline,
    readonly nUsers: number,
    readonly nItems: number,
    readonly window: number,
  ) {
    this.counts = popularity(tl, nItems);
  }

  abstract scoreWindows(seqs: Int32Array, n: number): Promise<Float32Array>;

  scoreUsers(users: Int32Array): Promise<Float32Array> {
    return this.scoreWindows(latestWindows(this.tl, users, this.window, this.nItems), users.length);
  }

  abstract summary(): ModelSummary;

  async itemEmbeddings(): Promise<ItemEmbeddings[]> {
    return [];
  }

  dispose(): void {}
}

export class PopModel extends CountModel {
  readonly kind = 'pop' as const;

  async scoreWindows(_seqs: Int32Array, n: number): Promise<Float32Array> {
    const out = new Float32Array(n * this.nItems);
    for (let r = 0; r < n; r++) out.set(this.counts, r * this.nItems);
    return out;
  }

  summary(): ModelSummary {
    return {
      title: 'Most popular',
      rows: [{ name: 'popularity', type: 'Count', outputShape: `(${this.nItems},)`, params: 0, inputs: [] }],
      totalParams: 0,
      trainableParams: 0,
      storage: `${this.nItems} training counts; the window is ignored`,
    };
  }
}

export class MarkovModel extends CountModel {
  readonly kind = 'markov' as const;
  readonly chain: Transitions;
  private readonly backoff: Float32Array;

  constructor(tl: Timeline, nUsers: number, nItems: number, window: number) {
    super(tl, nUsers, nItems, window);
    this.chain = transitions(tl, nItems);
    // Popularity scaled below 1 only breaks ties between equal counts: a transition always ranks first.
    let total = 0;
    for (const c of this.counts) total += c;
    this.backoff = this.counts.map((c) => c / (total + 1));
  }

  async scoreWindows(seqs: Int32Array, n: number): Promise<Float32Array> {
    const { indptr, next, count } = this.chain;
    const out = new Float32Array(n * this.nItems);
    for (let r = 0; r < n; r++) {
      const o = r * this.nItems;
      out.set(this.backoff, o);
      const a = lastItem(seqs, r, this.window, this.nItems);
      if (a < 0) continue;
      for (let k = indptr[a]; k < indptr[a + 1]; k++) out[o + next[k]] += count[k];
    }
    return out;
  }

  summary(): ModelSummary {
    const pairs = this.chain.next.length;
    return {
      title: 'First-order Markov chain',
      rows: [
        {
          name: 'transitions',
          type: 'Count (last item → next)',
          outputShape: `(${this.nItems},)`,
          params: 0,
          inputs: ['window'],
        },
        {
          name: 'popularity',
          type: 'Count (back-off)',
          outputShape: `(${this.nItems},)`,
          params: 0,
          inputs: [],
        },
      ],
      totalParams: 0,
      trainableParams: 0,
      storage: `${pairs.toLocaleString('en-US')} distinct (item, next item) counts and ${this.nItems} popularity counts`,
    };
  }
}
