import type { ReactNode } from 'react';
import { RunDetails } from './RunDetails';
import type { RunRecord, TrainingStore } from './store';
import { useTraining } from './useTraining';

/**
 * The latest run's shared details with the family's own figures inside; dimmed while a newer run trains, so
 * figures are never read as the live run's.
 */
export function LastRun({
  store,
  figures,
}: {
  store: TrainingStore;
  figures: (run: RunRecord) => ReactNode;
}) {
  const run = useTraining(store, (s) => s.runs.at(-1) ?? null);
  const runs = useTraining(store, (s) => s.runs);
  const live = useTraining(store, (s) => s.live !== null);
  if (!run) return null;
  return (
    <div className={live ? 'stale' : undefined}>
      <RunDetails run={run} runs={runs} spec={store.spec}>
        {figures(run)}
      </RunDetails>
    </div>
  );
}
