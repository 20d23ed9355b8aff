/**
 * Painting the map on a 2D canvas. All points go into one layer, painted once per view (one path per
 * genre, so 10,000 points cost about twenty fills); the hover and the picked movie with its neighbours are
 * painted over a copy of that layer, so moving the pointer never repaints the points.
 */
import type { Projection } from '../../../../worker/protocol';
import { toScreen, type View } from './geometry';
import { genreColour } from './palette';

export const BACKGROUND = '#ffffff';
/** Side of a point's square, CSS pixels. */
export const POINT = 3;

export interface Scene {
  coords: Float32Array;
  /** Point indices per colour, items without a genre first so they sit underneath. */
  groups: { colour: string; points: Int32Array }[];
}

export function makeScene(p: Projection): Scene {
  const n = p.primaryGenre.length;
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = p.primaryGenre[i];
    let list = buckets.get(g);
    if (!list) buckets.set(g, (list = []));
    list.push(i);
  }
  const groups = [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([g, points]) => ({ colour: genreColour(g), points: Int32Array.from(points) }));
  return { coords: p.coords, groups };
}

export interface Surface {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  dpr: number;
}

export function drawPoints(s: Surface, scene: Scene, view: View): void {
  const { ctx, width, height, dpr } = s;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  ctx.globalAlpha = 0.8;
  const half = POINT / 2;
  for (const { colour, points } of scene.groups) {
    ctx.fillStyle = colour;
    ctx.beginPath();
    for (const i of points) {
      const [x, y] = toScreen(view, scene.coords[2 * i], scene.coords[2 * i + 1]);
      if (x < -POINT || y < -POINT || x > width + POINT || y > height + POINT) continue;
      ctx.rect(x - half, y - half, POINT, POINT);
    }
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

export interface Marks {
  hover: number;
  picked: number;
  neighbours: readonly number[];
}

function ring(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  r: number,
  fill: string,
  stroke: string,
): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = stroke;
  ctx.stroke();
}

/** The picked movie, lines to its neighbours, and the hovered point, over the points layer. */
export function drawMarks(s: Surface, scene: Scene, view: View, m: Marks): void {
  const { ctx, width, height, dpr } = s;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const at = (i: number) => toScreen(view, scene.coords[2 * i], scene.coords[2 * i + 1]);
  if (m.picked >= 0) {
    // Fade the rest so the neighbourhood stands out.
    ctx.fillStyle = 'rgb(255 255 255 / 0.6)';
    ctx.fillRect(0, 0, width, height);
    const [px, py] = at(m.picked);
    ctx.lineWidth = 1;
    ctx.strokeStyle = 'rgb(79 70 229 / 0.55)';
    ctx.beginPath();
    for (const j of m.neighbours) {
      const [x, y] = at(j);
      ctx.moveTo(px, py);
      ctx.lineTo(x, y);
    }
    ctx.stroke();
    for (const j of m.neighbours) {
      const [x, y] = at(j);
      ring(ctx, x, y, 4, '#c7d2fe', '#4f46e5');
    }
    ring(ctx, px, py, 6, '#4f46e5', '#0f172a');
  }
  if (m.hover >= 0 && m.hover !== m.picked) {
    const [x, y] = at(m.hover);
    ring(ctx, x, y, 5, 'rgb(255 255 255 / 0)', '#0f172a');
  }
}
