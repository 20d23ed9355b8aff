import type { ExperimentConfig } from '../../train/spec';
import { useStoreState } from '../stages/useStage';
import type { TrainingState, TrainingStore } from './store';

/** A training stage's state, or the part `select` picks (a stable reference, so it re-renders only when that changes). */
export function useTraining<C extends ExperimentConfig, U = TrainingState<C>>(
  store: TrainingStore<C>,
  select?: (s: TrainingState<C>) => U,
): U {
  return useStoreState(store, select);
}
