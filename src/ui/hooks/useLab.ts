import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LabState, LabStore } from './labStore';

export const LabContext = createContext<LabStore | null>(null);

/** The one way components reach the lab worker: current state plus the store's actions. */
export function useLab(): { state: LabState; lab: LabStore } {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useLab must be used inside <LabContext value={store}>');
  const state = useSyncExternalStore(lab.subscribe, lab.getSnapshot);
  return { state, lab };
}
