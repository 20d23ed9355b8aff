/** Pure shaping of dataset statistics for the Data stage's charts. */

/** Share of all ratings that the most popular `headFraction` of items receive. */
export function headShare(counts: Int32Array, headFraction: number): number | null {
  let total = 0;
  let rated = 0;
  for (const c of counts) {
    total += c;
    if (c > 0) rated++;
  }
  if (total === 0 || rated === 0) return null;
  const sorted = Int32Array.from(counts).sort().reverse();
  const head = Math.max(1, Math.round(rated * headFraction));
  let inHead = 0;
  for (let i = 0; i < head; i++) inHead += sorted[i];
  return inHead / total;
}

/** Items binned by how many interactions they got: the implicit-data stand-in for the rating histogram. */
export function countBins(counts: Int32Array, nBins = 12): { label: string; items: number }[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of counts) {
    if (c === 0) continue;
    lo = Math.min(lo, c);
    hi = Math.max(hi, c);
  }
  if (!Number.isFinite(lo)) return [];
  const width = Math.max(1, Math.ceil((hi - lo + 1) / nBins));
  const bins = Array.from({ length: Math.ceil((hi - lo + 1) / width) }, (_, b) => ({
    label: width === 1 ? String(lo + b * width) : `${lo + b * width}–${lo + (b + 1) * width - 1}`,
    items: 0,
  }));
  for (const c of counts) if (c > 0) bins[Math.floor((c - lo) / width)].items++;
  return bins;
}

/** Round tick values (0, 500, 1000...) for an axis that runs from 0 to max. */
export function niceTicks(max: number, target = 4): number[] {
  if (!(max > 0)) return [0];
  const raw = max / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) ticks.push(t);
  return ticks;
}
