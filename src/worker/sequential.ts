/**
 * The worker side of the Sequential stage's calls: next items after a user's real latest window or a
 * sequence built by hand, from any kept sequential run, and the title search that builds sequences.
 */
import { searchTitles } from '../data/search';
import { SIDE, type PreparedSplit, type Result } from '../data/types';
import { topItems } from '../metrics/ranking';
import { latestWindows, type SeqScorer } from '../models/sequential/scorer';
import type { NextItems, SequenceInput, SequentialApi, TitleMatch } from './protocol';
import { itemOf, type KeptRun, type RunStore } from './training';

const GONE = 'That model is no longer kept in the worker; train it again.';

function sequentialRun(runs: RunStore, handle: string): Result<{ run: KeptRun; model: SeqScorer }> {
  const run = runs.get(handle);
  if (!run) return { ok: false, reason: GONE };
  if (run.family.spec.id !== 'sequential' || !('scoreWindows' in run.model))
    return { ok: false, reason: 'That run is not a sequential model.' };
  return { ok: true, value: { run, model: run.model as SeqScorer } };
}

/** Softmax of one row, for models whose scores are logits over every item. */
function softmax(scores: Float32Array): Float32Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  const e = scores.map((s) => Math.exp(s - max));
  let sum = 0;
  for (const v of e) sum += v;
  return e.map((v) => v / sum);
}

export function createSequentialApi(runs: RunStore) {
  return {
    async predictNext(runHandle: string, input: SequenceInput, k: number, excludeSeen: boolean) {
      const found = sequentialRun(runs, runHandle);
      if (!found.ok) return found;
      const { run, model } = found.value;
      const { ds } = run;
      const L = model.window;
      const pad = model.nItems;
      let window: Int32Array;
      let seen: Set<number>;
      let userId: string | null = null;
      let dropped = 0;
      const heldOut = [];
      if ('userId' in input) {
        const u = runs.userIndex(run, input.userId);
        if (u === null) return { ok: false as const, reason: `No user '${input.userId}' in ${ds.name}.` };
        const tl = (run.data as PreparedSplit).timeline;
        if (!tl) return { ok: false as const, reason: 'The run kept no timeline.' };
        userId = ds.userIds[u];
        window = latestWindows(tl, Int32Array.of(u), L, pad);
        seen = new Set();
        for (let j = tl.indptr[u]; j < tl.indptr[u + 1]; j++) {
          if (tl.side[j] === SIDE.test) heldOut.push(itemOf(ds, tl.item[j]));
          else seen.add(tl.item[j]);
        }
      } else {
        const valid = input.items.filter((i) => Number.isInteger(i) && i >= 0 && i < pad);
        dropped = input.items.length - valid.length;
        const last = valid.slice(-L);
        window = new Int32Array(L).fill(pad);
        window.set(last, L - last.length);
        seen = new Set(valid);
      }
      const scores = await model.scoreWindows(window, 1);
      const probs = model.softmax ? softmax(scores) : null;
      const top = topItems(
        scores,
        0,
        pad,
        Math.max(1, Math.min(100, Math.round(k))),
        (i) => excludeSeen && seen.has(i),
      );
      const value: NextItems = {
        userId,
        window: Array.from(window)
          .filter((i) => i !== pad)
          .map((i) => itemOf(ds, i)),
        items: top.map((i) => ({
          ...itemOf(ds, i),
          score: scores[i],
          probability: probs ? probs[i] : null,
          seen: seen.has(i),
        })),
        heldOut,
        dropped,
        scoreKind: model.scoreKind,
      };
      return { ok: true as const, value };
    },

    async searchSequenceItems(runHandle: string, query: string, limit: number) {
      const run = runs.get(runHandle);
      if (!run) return { ok: false as const, reason: GONE };
      const titles = run.ds.items?.title ?? run.ds.itemIds;
      const hits = searchTitles(titles, query, Math.max(1, Math.min(100, Math.round(limit))));
      const value: TitleMatch[] = hits.map((h) => ({ ...itemOf(run.ds, h.item), score: h.score }));
      return { ok: true as const, value };
    },
  } satisfies SequentialApi;
}
