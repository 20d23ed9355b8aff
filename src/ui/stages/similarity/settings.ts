/**
 * The Similarity stage's settings in the URL, under `similarity.`: the distance, how many neighbours a
 * picked movie lists, the table's order and the map's method. Runs live only as long as the page, so the
 * source and the picked movie are not part of a link. A hand-edited value falls back to the default.
 */
import {
  DISTANCE_METRICS,
  MAX_K,
  UMAP_DEFAULTS,
  UMAP_LIMITS,
  type DistanceMetric,
} from '../../../similarity/config';
import type { NeighbourSort } from '../../../worker/protocol';
import { readParam, writeParams } from '../../hooks/urlState';

export type MapMethod = 'pca' | 'umap';

/** What the panel lets the user set about UMAP; its metric and seed stay the core's defaults. */
export interface UmapChoice {
  neighbours: number;
  minDist: number;
  epochs: number;
}

export interface SimSettings {
  metric: DistanceMetric;
  k: number;
  sort: NeighbourSort;
  map: MapMethod;
  umap: UmapChoice;
}

export const SORTS: readonly NeighbourSort[] = ['nearest', 'farthest', 'title', 'index'];

export const DEFAULT_SETTINGS: SimSettings = {
  metric: 'cosine',
  k: 10,
  sort: 'nearest',
  map: 'pca',
  umap: {
    neighbours: UMAP_DEFAULTS.neighbours,
    minDist: UMAP_DEFAULTS.minDist,
    epochs: UMAP_DEFAULTS.epochs,
  },
};

const KEY = {
  metric: 'similarity.distance',
  k: 'similarity.k',
  sort: 'similarity.sort',
  map: 'similarity.map',
  umap: 'similarity.umap',
} as const;

function inRange(
  raw: string | undefined,
  lim: { min: number; max: number },
  integer: boolean,
): number | null {
  if (raw === undefined || raw.trim() === '') return null;
  const v = Number(raw);
  return Number.isFinite(v) && v >= lim.min && v <= lim.max && (!integer || Number.isInteger(v)) ? v : null;
}

/** "neighbours,minDist,epochs", each checked against UMAP_LIMITS. */
export function parseUmap(raw: string | null): UmapChoice {
  const d = DEFAULT_SETTINGS.umap;
  const [n, m, e] = (raw ?? '').split(',');
  return {
    neighbours: inRange(n, UMAP_LIMITS.neighbours, true) ?? d.neighbours,
    minDist: inRange(m, UMAP_LIMITS.minDist, false) ?? d.minDist,
    epochs: inRange(e, UMAP_LIMITS.epochs, true) ?? d.epochs,
  };
}

export function readSettings(): SimSettings {
  const d = DEFAULT_SETTINGS;
  const metric = DISTANCE_METRICS.find((m) => m === readParam(KEY.metric)) ?? d.metric;
  const sort = SORTS.find((s) => s === readParam(KEY.sort)) ?? d.sort;
  const map = readParam(KEY.map) === 'umap' ? 'umap' : 'pca';
  const k = inRange(readParam(KEY.k) ?? undefined, { min: 1, max: MAX_K }, true) ?? d.k;
  return { metric, k, sort, map, umap: parseUmap(readParam(KEY.umap)) };
}

/** Only what differs from the defaults, so a default link stays clean. */
export function writeSettings(s: SimSettings): void {
  const d = DEFAULT_SETTINGS;
  const u = s.umap;
  const umapSame =
    u.neighbours === d.umap.neighbours && u.minDist === d.umap.minDist && u.epochs === d.umap.epochs;
  writeParams({
    [KEY.metric]: s.metric === d.metric ? null : s.metric,
    [KEY.k]: s.k === d.k ? null : String(s.k),
    [KEY.sort]: s.sort === d.sort ? null : s.sort,
    [KEY.map]: s.map === d.map ? null : s.map,
    [KEY.umap]: umapSame ? null : `${u.neighbours},${u.minDist},${u.epochs}`,
  });
}
