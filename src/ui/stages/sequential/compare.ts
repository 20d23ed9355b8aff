/**
 * What the comparison chart draws: every run on the same data and split as the latest one, its HR@10 over
 * all items, and popularity's figure on those same held-out items. Runs on other data are counted, not
 * drawn, since their figures rank other items.
 */
import type { SeqDetail } from '../../../models/sequential/family';
import type { SeqPrep } from '../../../models/sequential/config';
import type { RunRecord } from '../../training/store';

export interface Bar {
  no: number;
  kind: string;
  value: number;
  /** A baseline that needs no training (popularity, the Markov chain). */
  untrained: boolean;
}

export interface Comparison {
  bars: Bar[];
  /** Popularity's HR@10 on the latest run's held-out items, when known. */
  popularity: number | null;
  /** Runs left out because they ranked other held-out items (other data, split or users). */
  elsewhere: number;
  /** The latest run's dataset name. */
  dataset: string | null;
}

/** Runs with the same key ranked the same held-out items: the window length does not change them. */
export function heldOutKey(run: RunRecord): string {
  const r = run.result;
  const prep: Omit<SeqPrep, 'window'> & { window: null } = { ...(r.config.prep as SeqPrep), window: null };
  return JSON.stringify([r.dataset.id, r.maxUsers, prep]);
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

export function compareRuns(
  runs: RunRecord[],
  untrained: readonly string[],
  metric = 'hr@10_full',
): Comparison {
  const latest = runs.at(-1);
  if (!latest) return { bars: [], popularity: null, elsewhere: 0, dataset: null };
  const key = heldOutKey(latest);
  const same = runs.filter((r) => heldOutKey(r) === key);
  const bars = same.flatMap((r): Bar[] => {
    const value = r.result.metrics[metric];
    if (!finite(value)) return [];
    const kind = r.result.config.model.kind;
    return [{ no: r.no, kind, value, untrained: untrained.includes(kind) }];
  });
  const pop = (latest.result.detail as Partial<SeqDetail> | null)?.popularity?.hr;
  return {
    bars,
    popularity: finite(pop) ? pop : null,
    elsewhere: runs.length - same.length,
    dataset: latest.result.dataset.name,
  };
}
