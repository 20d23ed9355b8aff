/** Recommendations from a kept run's model, as the stage stores ask for them. */
import type { LabWorker } from '../../worker/client';
import type { Recommendations } from '../../worker/protocol';
import type { RunRecord } from './store';

export interface RecsState {
  runNo: number;
  userId: string;
  k: number;
  loading: boolean;
  result: Recommendations | null;
  error: string | null;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Asks the worker for a user's top K from `run`'s model, reporting loading, then the answer or the error. */
export async function recommendFor(
  api: LabWorker['api'] | null,
  run: RunRecord,
  userId: string,
  k: number,
  set: (recs: RecsState) => void,
): Promise<void> {
  const base: RecsState = { runNo: run.no, userId, k, loading: true, result: null, error: null };
  set(base);
  if (!run.modelKept || !api) {
    set({ ...base, loading: false, error: 'That model is no longer kept; train it again.' });
    return;
  }
  const r = await api
    .recommend(run.result.runHandle, userId, k)
    .catch((e: unknown) => ({ ok: false as const, reason: errorText(e) }));
  set(r.ok ? { ...base, loading: false, result: r.value } : { ...base, loading: false, error: r.reason });
}
