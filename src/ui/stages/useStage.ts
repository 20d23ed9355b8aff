import { useSyncExternalStore } from 'react';
import { useLab } from '../hooks/useLab';
import type { StageDef, StageStore } from './types';

/** A stage's own store, as its registry entry built it. */
export function useStageStore<S extends StageStore>(def: StageDef<S>): S {
  const { lab } = useLab();
  const store = lab.stageStore(def.id);
  if (!store) throw new Error(`stage '${def.id}' has no store`);
  // The lab store built it with this very definition's createStore, so it is an S.
  return store as S;
}

/**
 * A store's state, or the part `select` picks: a component that reads only the finished runs does not
 * re-render while a run streams progress.
 */
export function useStoreState<T, U = T>(
  store: { subscribe(l: () => void): () => void; getSnapshot(): T },
  select: (state: T) => U = (s) => s as unknown as U,
): U {
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}
