/** Number and date formatting shared by the panels, so every figure reads the same way. */
const int = new Intl.NumberFormat('en-US');

export const fmtInt = (n: number): string => int.format(Math.round(n));

export function fmtPercent(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '–';
  const pct = x * 100;
  // Sparse matrices have densities like 0.063%: keep two significant digits instead of rounding to 0.
  if (pct !== 0 && Math.abs(pct) < 1) return `${pct.toPrecision(2)}%`;
  return `${pct.toFixed(digits)}%`;
}

const trimZero = (s: string): string => s.replace(/\.0$/, '');

export function fmtCompact(n: number): string {
  if (n >= 1e6) return `${trimZero((n / 1e6).toFixed(n >= 1e7 ? 0 : 1))}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (n >= 1e3) return `${trimZero((n / 1e3).toFixed(1))}k`;
  return String(n);
}

export function fmtMillis(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const dateFmt = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** Timestamps are seconds since the epoch (the MovieLens convention). */
export const fmtDate = (seconds: number): string => dateFmt.format(new Date(seconds * 1000));

export function fmtDuration(seconds: number): string {
  const days = seconds / 86_400;
  if (days >= 365 * 1.5) return `${(days / 365.25).toFixed(1)} years`;
  if (days >= 60) return `${Math.round(days / 30.44)} months`;
  if (days >= 2) return `${Math.round(days)} days`;
  return `${Math.round(seconds / 3600)} hours`;
}

export { formatBytes } from './hooks/files';
