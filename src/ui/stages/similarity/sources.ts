/**
 * Where the Similarity stage's vectors come from: the runs the training stages keep. The stage watches
 * those stages' stores for finished (or cleared) runs and names each source after the run that made it.
 */
import { familySpec } from '../../../models/catalog';
import type { BlockRef, SimilaritySource } from '../../../worker/protocol';
import type { StageStore } from '../types';

/** The training stages whose runs can have item vectors, with the name each run goes by. */
export const TRAINING_STAGES = [
  { id: 'ncf', title: 'NCF' },
  { id: 'sequential', title: 'Sequential' },
  { id: 'two-tower', title: 'Two-tower' },
] as const;

/** What the stage reads of a training stage's store: its finished runs and their worker handles. */
export interface RunsStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): { runs: readonly { no: number; result: { runHandle: string } }[] };
}

/** A stage store that lists runs, or null (a stage not built yet, or one with no runs of its own). */
export function asRunsStore(store: StageStore | undefined): RunsStore | null {
  if (!store || !('getSnapshot' in store) || typeof store.getSnapshot !== 'function') return null;
  const snap: unknown = store.getSnapshot();
  const runs = (snap as { runs?: unknown } | null)?.runs;
  return Array.isArray(runs) ? (store as RunsStore) : null;
}

export const sameRef = (a: BlockRef | null, b: BlockRef | null): boolean =>
  a !== null && b !== null && a.runHandle === b.runHandle && a.block === b.block;

export function hasBlock(sources: readonly SimilaritySource[], ref: BlockRef | null): boolean {
  return (
    ref !== null &&
    sources.some((s) => s.runHandle === ref.runHandle && s.blocks.some((b) => b.name === ref.block))
  );
}

/** "NCF run #2 · MF (dot product + biases)", or the handle's own name for a run no store lists. */
export function sourceTitle(s: SimilaritySource, runLabels: Record<string, string>): string {
  return `${runLabels[s.runHandle] ?? s.runHandle} · ${s.label}`;
}

/** "NCF run #2 · MF · factors (32-d)": the run, its model's short name and the block, for one option. */
export function optionTitle(
  s: SimilaritySource,
  b: SimilaritySource['blocks'][number],
  runLabels: Record<string, string>,
): string {
  const short = (familySpec(s.family)?.short as Record<string, string> | undefined)?.[s.kind] ?? s.kind;
  return `${runLabels[s.runHandle] ?? s.runHandle} · ${short} · ${blockTitle(b)}`;
}

export function blockTitle(b: SimilaritySource['blocks'][number]): string {
  return `${b.name} (${b.dim}-d${b.normalised ? ', normalised' : ''})`;
}
