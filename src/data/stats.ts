import type { Dataset, DatasetStats } from './types';

const POPULARITY_POINTS = 200;
/** Above this many distinct rating values the histogram is binned (continuous scores). */
const MAX_EXACT_VALUES = 50;
const VALUE_BINS = 20;

function counts(index: Int32Array, n: number): Int32Array {
  const c = new Int32Array(n);
  for (let k = 0; k < index.length; k++) c[index[k]]++;
  return c;
}

function ratingHistogram(rating: Float32Array): { value: number; count: number }[] {
  const exact = new Map<number, number>();
  for (let k = 0; k < rating.length && exact.size <= MAX_EXACT_VALUES; k++) {
    exact.set(rating[k], (exact.get(rating[k]) ?? 0) + 1);
  }
  if (exact.size <= MAX_EXACT_VALUES) {
    return [...exact].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value);
  }
  let min = Infinity;
  let max = -Infinity;
  for (const r of rating) {
    min = Math.min(min, r);
    max = Math.max(max, r);
  }
  const width = (max - min) / VALUE_BINS;
  const bins = new Array<number>(VALUE_BINS).fill(0);
  for (const r of rating) bins[Math.min(VALUE_BINS - 1, Math.floor((r - min) / width))]++;
  return bins.map((count, b) => ({ value: min + (b + 0.5) * width, count }));
}

/** Popularity sorted descending, sampled at evenly spaced ranks (first and last included). */
function longTail(itemCounts: Int32Array): { rank: number; count: number }[] {
  const sorted = itemCounts
    .filter((c) => c > 0)
    .sort()
    .reverse();
  const n = sorted.length;
  if (n === 0) return [];
  const points = Math.min(n, POPULARITY_POINTS);
  const out: { rank: number; count: number }[] = [];
  for (let p = 0; p < points; p++) {
    const k = points === 1 ? 0 : Math.round((p * (n - 1)) / (points - 1));
    out.push({ rank: k + 1, count: sorted[k] });
  }
  return out;
}

/** Users per bin of ratings-per-user, bins [1,2), [2,4), [4,8)...: `from` <= count < `to`. */
function perUserBins(userCounts: Int32Array): { from: number; to: number; users: number }[] {
  const bins: { from: number; to: number; users: number }[] = [];
  for (const c of userCounts) {
    if (c === 0) continue;
    const b = Math.floor(Math.log2(c));
    while (bins.length <= b) bins.push({ from: 2 ** bins.length, to: 2 ** (bins.length + 1), users: 0 });
    bins[b].users++;
  }
  const first = bins.findIndex((b) => b.users > 0);
  return first === -1 ? [] : bins.slice(first);
}

function span(t: Float64Array | null): { first: number; last: number } | null {
  if (t === null || t.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (let k = 0; k < t.length; k++) {
    if (t[k] < first) first = t[k];
    if (t[k] > last) last = t[k];
  }
  return { first, last };
}

function genreCounts(ds: Dataset, itemCounts: Int32Array): { name: string; items: number }[] | null {
  const meta = ds.items;
  if (meta === null || meta.genreNames.length === 0) return null;
  return meta.genreNames.map((name, g) => {
    let items = 0;
    for (let i = 0; i < meta.genreMask.length; i++)
      if (itemCounts[i] > 0 && (meta.genreMask[i] >>> g) & 1) items++;
    return { name, items };
  });
}

export function computeStats(ds: Dataset): DatasetStats {
  const { user, item, rating, timestamp } = ds.interactions;
  const userCounts = counts(user, ds.nUsers);
  const itemCounts = counts(item, ds.nItems);
  const users = userCounts.reduce((s, c) => s + (c > 0 ? 1 : 0), 0);
  const items = itemCounts.reduce((s, c) => s + (c > 0 ? 1 : 0), 0);
  const ratings = user.length;
  let mean: number | null = null;
  if (rating !== null && rating.length > 0) {
    let sum = 0;
    for (let k = 0; k < rating.length; k++) sum += rating[k];
    mean = sum / rating.length;
  }
  return {
    users,
    items,
    ratings,
    density: users * items === 0 ? 0 : ratings / (users * items),
    skippedRows: ds.skipped.count,
    ratingHistogram: rating === null ? [] : ratingHistogram(rating),
    ratingMean: mean,
    itemPopularity: longTail(itemCounts),
    ratingsPerUser: perUserBins(userCounts),
    timeSpan: span(timestamp),
    genres: genreCounts(ds, itemCounts),
  };
}

export interface PreviewRow {
  /** Row index into the interactions. */
  index: number;
  user: string;
  item: string;
  title?: string;
  genres?: string[];
  rating?: number;
  /** ISO 8601 (UTC). */
  time?: string;
}

function genresOf(ds: Dataset, i: number): string[] | undefined {
  const meta = ds.items;
  if (meta === null || meta.genreNames.length === 0) return undefined;
  return meta.genreNames.filter((_, g) => (meta.genreMask[i] >>> g) & 1);
}

/** Rows for the preview table, with titles and genres where the dataset has item metadata. */
export function previewRows(ds: Dataset, n: number, offset = 0): PreviewRow[] {
  const { user, item, rating, timestamp } = ds.interactions;
  const end = Math.min(user.length, Math.max(0, offset) + Math.max(0, n));
  const rows: PreviewRow[] = [];
  for (let r = Math.max(0, offset); r < end; r++) {
    const i = item[r];
    const row: PreviewRow = { index: r, user: ds.userIds[user[r]], item: ds.itemIds[i] };
    const title = ds.items?.title[i];
    if (title) row.title = title;
    const genres = genresOf(ds, i);
    if (genres) row.genres = genres;
    if (rating) row.rating = rating[r];
    if (timestamp) row.time = new Date(timestamp[r] * 1000).toISOString().replace('.000Z', 'Z');
    rows.push(row);
  }
  return rows;
}
