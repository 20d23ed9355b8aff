/** Formatting for the training stages. A missing or non-finite figure reads "—", never NaN. */
import type { FamilySpec } from '../../train/spec';
import type { PrepConfig, SplitConfig } from '../../worker/protocol';

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
