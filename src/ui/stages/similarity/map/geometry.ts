/**
 * The map's arithmetic, free of the DOM so it can be tested: the view (data to screen), zooming about a
 * point, and a grid index that finds the point under the pointer by looking at a few cells, not at every
 * one of 10,000 points on every pointer move.
 */

export interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Screen x = x * scale + tx; screen y = ty − y * scale (up is up). CSS pixels. */
export interface View {
  scale: number;
  tx: number;
  ty: number;
}

/** The extent of row-major [n x 2] coordinates; a single point or a line still gets some room. */
export function bounds(coords: Float32Array): Bounds {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < coords.length; i += 2) {
    const x = coords[i];
    const y = coords[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (minX > maxX) return { minX: -1, maxX: 1, minY: -1, maxY: 1 };
  const pad = (lo: number, hi: number): [number, number] => (hi - lo < 1e-9 ? [lo - 1, hi + 1] : [lo, hi]);
  [minX, maxX] = pad(minX, maxX);
  [minY, maxY] = pad(minY, maxY);
  return { minX, maxX, minY, maxY };
}

/** The view that shows all of `b` in a width x height box with `margin` pixels around. */
export function fitView(b: Bounds, width: number, height: number, margin = 16): View {
  const w = Math.max(1, width - 2 * margin);
  const h = Math.max(1, height - 2 * margin);
  const scale = Math.min(w / (b.maxX - b.minX), h / (b.maxY - b.minY));
  const cx = (b.minX + b.maxX) / 2;
  const cy = (b.minY + b.maxY) / 2;
  return { scale, tx: width / 2 - cx * scale, ty: height / 2 + cy * scale };
}

export const toScreen = (v: View, x: number, y: number): [number, number] => [
  x * v.scale + v.tx,
  v.ty - y * v.scale,
];

export const toWorld = (v: View, sx: number, sy: number): [number, number] => [
  (sx - v.tx) / v.scale,
  (v.ty - sy) / v.scale,
];

/** Zoom by `factor` keeping the point under (sx, sy) where it is; the scale stays within [min, max]. */
export function zoomAt(v: View, factor: number, sx: number, sy: number, min: number, max: number): View {
  const scale = Math.min(max, Math.max(min, v.scale * factor));
  const [x, y] = toWorld(v, sx, sy);
  return { scale, tx: sx - x * scale, ty: sy + y * scale };
}

export const pan = (v: View, dx: number, dy: number): View => ({ ...v, tx: v.tx + dx, ty: v.ty + dy });

/** Points bucketed into a square grid of cells over their bounds (CSR: cell → point indices). */
export interface GridIndex {
  b: Bounds;
  cols: number;
  rows: number;
  cellW: number;
  cellH: number;
  start: Int32Array;
  points: Int32Array;
  coords: Float32Array;
}

/** About `perCell` points to a cell on average. */
export function buildGrid(coords: Float32Array, perCell = 4): GridIndex {
  const n = coords.length >> 1;
  const b = bounds(coords);
  const side = Math.max(1, Math.ceil(Math.sqrt(n / perCell)));
  const cols = side;
  const rows = side;
  const cellW = (b.maxX - b.minX) / cols;
  const cellH = (b.maxY - b.minY) / rows;
  const cellOf = new Int32Array(n);
  const counts = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const x = coords[2 * i];
    const y = coords[2 * i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      cellOf[i] = -1;
      continue;
    }
    const cx = Math.min(cols - 1, Math.floor((x - b.minX) / cellW));
    const cy = Math.min(rows - 1, Math.floor((y - b.minY) / cellH));
    cellOf[i] = cy * cols + cx;
    counts[cellOf[i] + 1]++;
  }
  for (let c = 1; c < counts.length; c++) counts[c] += counts[c - 1];
  const start = counts.slice();
  const fill = counts.slice();
  const points = new Int32Array(fill[cols * rows]);
  for (let i = 0; i < n; i++) if (cellOf[i] >= 0) points[fill[cellOf[i]]++] = i;
  return { b, cols, rows, cellW, cellH, start, points, coords };
}

/** The point nearest (x, y) within `radius` (data units), or -1; it looks only at the cells the circle touches. */
export function nearestPoint(g: GridIndex, x: number, y: number, radius: number): number {
  const clampCol = (v: number) => Math.min(g.cols - 1, Math.max(0, v));
  const clampRow = (v: number) => Math.min(g.rows - 1, Math.max(0, v));
  if (x + radius < g.b.minX || x - radius > g.b.maxX || y + radius < g.b.minY || y - radius > g.b.maxY)
    return -1;
  const c0 = clampCol(Math.floor((x - radius - g.b.minX) / g.cellW));
  const c1 = clampCol(Math.floor((x + radius - g.b.minX) / g.cellW));
  const r0 = clampRow(Math.floor((y - radius - g.b.minY) / g.cellH));
  const r1 = clampRow(Math.floor((y + radius - g.b.minY) / g.cellH));
  let best = -1;
  let bestD = radius * radius;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cell = r * g.cols + c;
      for (let p = g.start[cell]; p < g.start[cell + 1]; p++) {
        const i = g.points[p];
        const dx = g.coords[2 * i] - x;
        const dy = g.coords[2 * i + 1] - y;
        const d = dx * dx + dy * dy;
        if (d <= bestD) {
          bestD = d;
          best = i;
        }
      }
    }
  }
  return best;
}
