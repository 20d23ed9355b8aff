import { useContext, useSyncExternalStore } from 'react';
import type { NcfState, NcfStore } from './ncfStore';
import { LabContext } from './useLab';

/** The NCF stage's state and actions: the lab store's `ncf` part, through the same context as `useLab`. */
export function useNcf(): { ncf: NcfState; store: NcfStore } {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useNcf must be used inside <LabContext value={store}>');
  const ncf = useSyncExternalStore(lab.ncf.subscribe, lab.ncf.getSnapshot);
  return { ncf, store: lab.ncf };
}
