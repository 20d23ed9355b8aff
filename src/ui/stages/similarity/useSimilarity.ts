import { useStoreState } from '../useStage';
import type { SimilarityState, SimilarityStore } from './store';

/** The stage's state, or the part `select` picks (a stable reference, so it re-renders only when that changes). */
export function useSimilarity<U>(store: SimilarityStore, select: (s: SimilarityState) => U): U {
  return useStoreState(store, select);
}
