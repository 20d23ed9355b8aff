/** Formatting for the training stages. A missing or non-finite figure reads "—", never NaN. */
import type { FamilySpec } from '../../train/spec';
import type { PrepConfig, RunResult, SplitConfig, TrainProgress } from '../../worker/protocol';

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const DASH = '—';

export function fmtNum(x: number | null | undefined, digits = 4): string {
  return typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : DASH;
}

export function fmtCount(x: number | null | undefined): string {
  return typeof x === 'number' && Number.isFinite(x) ? int.format(x) : DASH;
}

export function fmtRate(x: number | null | undefined): string {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 ? `${int.format(x)} samples/s` : DASH;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

/** A rate at a glance, for the live progress: "8,189 samples/s", "482K samples/s", "1.2M samples/s". */
export function fmtRateShort(x: number | null | undefined): string {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) return DASH;
  return `${x < 10_000 ? int.format(x) : compact.format(x)} samples/s`;
}

/** Time left, rounded as a guess should be: "48 s", "14 min", "2 h 5 min". */
export function fmtEta(s: number | null | undefined): string {
  if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) return DASH;
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The run in flight in words: where it is, its speed, the time left in the epoch and in the run. */
export function progressParts(p: TrainProgress): string[] {
  const eta =
    p.etaSeconds === null
      ? 'ETA once the speed settles'
      : p.epochs > 1 && p.epochEtaSeconds !== null && p.epoch < p.epochs
        ? `ETA ${fmtEta(p.epochEtaSeconds)} for this epoch, ${fmtEta(p.etaSeconds)} for the run`
        : `ETA ${fmtEta(p.etaSeconds)}`;
  return [
    `epoch ${p.epoch} of ${p.epochs}`,
    `batch ${fmtCount(p.batch)} of ${fmtCount(p.batches)}`,
    fmtRateShort(p.samplesPerSecond),
    eta,
    `${fmtSeconds(p.elapsedSeconds)} training`,
  ];
}

/** Why a run's model holds older weights than its last epoch's, when its training diverged; else null. */
export function divergedText(r: Pick<RunResult, 'stopped' | 'divergence'>): string | null {
  if (r.stopped !== 'diverged') return null;
  const what = r.divergence.length ? r.divergence.join('; ') : 'a training figure became non-finite';
  return `${what.charAt(0).toUpperCase()}${what.slice(1)}.`;
}

export function fmtSeconds(s: number | null | undefined): string {
  if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) return DASH;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 90) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s - m * 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function splitLabel(s: SplitConfig): string {
  switch (s.kind) {
    case 'random':
      return `random ${Math.round(s.testFraction * 100)}% test`;
    case 'leave-one-out':
      return 'leave-one-out';
    case 'official':
      return `official ${s.name}`;
    case 'leave-last-out':
      return s.testItems === 1 ? 'last item held out' : `last ${s.testItems} items held out`;
    case 'user-disjoint':
      return `${Math.round(s.testFraction * 100)}% of users held out (cold start)`;
    case 'item-disjoint':
      return `${Math.round(s.testFraction * 100)}% of items held out (cold start)`;
  }
}

/** A preparation in one line, for the train bar and for comparing with a preset's. */
export function prepLabel(p: PrepConfig): string {
  const positives =
    p.implicitThreshold === null
      ? 'every interaction a positive'
      : `ratings ${p.strictThreshold ? '>' : '≥'} ${p.implicitThreshold}`;
  return `${positives} · ${splitLabel(p.split)} · ${p.negativesPerPositive} negatives per positive · seed ${p.seed}`;
}

export function kindLabel(spec: FamilySpec, kind: string): string {
  return spec.labels[kind] ?? kind;
}

export function kindShort(spec: FamilySpec, kind: string): string {
  return spec.short[kind] ?? kind;
}

/** Distinct colours for runs in the overlay chart, in order. */
export const RUN_COLOURS = [
  '#4f46e5',
  '#0d9488',
  '#f59e0b',
  '#ec4899',
  '#0ea5e9',
  '#84cc16',
  '#a855f7',
  '#ef4444',
];
