/**
 * The map's canvas, driven imperatively: React hands it a projection and the picked movie, and it owns
 * the view, the pointer and the painting. Drag pans, the wheel zooms about the pointer, keys do both;
 * every change asks for one animation frame, in which the points layer is repainted only if the view
 * moved and the marks are painted over it.
 */
import type { Projection } from '../../../../worker/protocol';
import { drawMarks, drawPoints, makeScene, POINT, type Scene, type Surface } from './draw';
import {
  bounds,
  buildGrid,
  fitView,
  nearestPoint,
  pan,
  toScreen,
  toWorld,
  zoomAt,
  type GridIndex,
  type View,
} from './geometry';

export interface Hover {
  index: number;
  /** Where the point is, in CSS pixels from the canvas's top left. */
  x: number;
  y: number;
}

export interface MapCallbacks {
  onHover(h: Hover | null): void;
  onPick(index: number): void;
}

/** How far (CSS pixels) from a point the pointer still hits it. */
const HIT = 6;
/** A press that moves less than this is a click, not a drag. */
const CLICK_SLOP = 4;
const KEY_PAN = 40;
const KEY_ZOOM = 1.25;

export class MapController {
  private readonly layer = document.createElement('canvas');
  private readonly observer: ResizeObserver;
  private scene: Scene | null = null;
  private grid: GridIndex | null = null;
  private view: View | null = null;
  private fit: View | null = null;
  private size = { width: 0, height: 0, dpr: 1 };
  private frame = 0;
  private layerDirty = true;
  private hover = -1;
  private picked = -1;
  private neighbours: readonly number[] = [];
  private drag: { id: number; x: number; y: number; moved: boolean } | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly cb: MapCallbacks,
  ) {
    canvas.addEventListener('pointerdown', this.down);
    canvas.addEventListener('pointermove', this.move);
    canvas.addEventListener('pointerup', this.up);
    canvas.addEventListener('pointercancel', this.cancel);
    canvas.addEventListener('pointerleave', this.leave);
    // Not passive: the wheel zooms the map instead of scrolling the page.
    canvas.addEventListener('wheel', this.wheel, { passive: false });
    canvas.addEventListener('keydown', this.key);
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(canvas);
  }

  dispose(): void {
    const c = this.canvas;
    c.removeEventListener('pointerdown', this.down);
    c.removeEventListener('pointermove', this.move);
    c.removeEventListener('pointerup', this.up);
    c.removeEventListener('pointercancel', this.cancel);
    c.removeEventListener('pointerleave', this.leave);
    c.removeEventListener('wheel', this.wheel);
    c.removeEventListener('keydown', this.key);
    this.observer.disconnect();
    cancelAnimationFrame(this.frame);
  }

  setProjection(p: Projection): void {
    this.scene = makeScene(p);
    this.grid = buildGrid(p.coords);
    this.fit = null;
    this.view = null;
    this.setHover(-1);
    this.resize();
  }

  setMarks(picked: number, neighbours: readonly number[]): void {
    this.picked = picked;
    this.neighbours = neighbours;
    this.schedule(false);
  }

  zoomBy(factor: number): void {
    const { width, height } = this.size;
    this.zoom(factor, width / 2, height / 2);
  }

  reset(): void {
    this.view = this.fit;
    this.schedule(true);
  }

  private resize(): void {
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(rect.width));
    const height = Math.max(1, Math.round(rect.height));
    const wasFit = this.view === this.fit;
    this.size = { width, height, dpr };
    for (const c of [this.canvas, this.layer]) {
      c.width = Math.round(width * dpr);
      c.height = Math.round(height * dpr);
    }
    if (this.scene) this.fit = fitView(bounds(this.scene.coords), width, height);
    if (wasFit || !this.view) this.view = this.fit;
    this.layerDirty = true;
    // Resizing clears the canvas: paint now, not a frame later, so it never flashes blank.
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.paint();
  }

  private schedule(layer: boolean): void {
    if (layer) this.layerDirty = true;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.paint());
  }

  private paint(): void {
    this.frame = 0;
    const ctx = this.canvas.getContext('2d');
    if (!ctx || !this.scene || !this.view) return;
    const { width, height, dpr } = this.size;
    if (this.layerDirty) {
      const lctx = this.layer.getContext('2d');
      if (!lctx) return;
      drawPoints({ ctx: lctx, width, height, dpr }, this.scene, this.view);
      this.layerDirty = false;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.layer, 0, 0);
    const surface: Surface = { ctx, width, height, dpr };
    drawMarks(surface, this.scene, this.view, {
      hover: this.hover,
      picked: this.picked,
      neighbours: this.neighbours,
    });
  }

  private zoom(factor: number, x: number, y: number): void {
    if (!this.view || !this.fit) return;
    this.view = zoomAt(this.view, factor, x, y, this.fit.scale / 4, this.fit.scale * 500);
    this.setHover(-1);
    this.schedule(true);
  }

  private local(e: PointerEvent | WheelEvent): [number, number] {
    const rect = this.canvas.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  }

  /** The point under (x, y), CSS pixels, or -1. */
  private hit(x: number, y: number): number {
    if (!this.grid || !this.view) return -1;
    const [wx, wy] = toWorld(this.view, x, y);
    return nearestPoint(this.grid, wx, wy, Math.max(HIT, POINT) / this.view.scale);
  }

  private setHover(index: number): void {
    if (index === this.hover) return;
    this.hover = index;
    this.schedule(false);
    if (index < 0 || !this.scene || !this.view) {
      this.cb.onHover(null);
      return;
    }
    const [x, y] = toScreen(this.view, this.scene.coords[2 * index], this.scene.coords[2 * index + 1]);
    this.cb.onHover({ index, x, y });
  }

  private readonly down = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    const [x, y] = this.local(e);
    this.drag = { id: e.pointerId, x, y, moved: false };
    this.canvas.setPointerCapture(e.pointerId);
  };

  private readonly move = (e: PointerEvent): void => {
    const [x, y] = this.local(e);
    const d = this.drag;
    if (d && d.id === e.pointerId && this.view) {
      if (!d.moved && Math.hypot(x - d.x, y - d.y) < CLICK_SLOP) return;
      d.moved = true;
      this.view = pan(this.view, x - d.x, y - d.y);
      d.x = x;
      d.y = y;
      this.setHover(-1);
      this.schedule(true);
      return;
    }
    this.setHover(this.hit(x, y));
  };

  private readonly up = (e: PointerEvent): void => {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    this.drag = null;
    if (d.moved) return;
    const [x, y] = this.local(e);
    const index = this.hit(x, y);
    if (index >= 0) this.cb.onPick(index);
  };

  private readonly cancel = (): void => {
    this.drag = null;
  };

  private readonly leave = (): void => {
    if (!this.drag) this.setHover(-1);
  };

  private readonly wheel = (e: WheelEvent): void => {
    e.preventDefault();
    const [x, y] = this.local(e);
    // Lines (Firefox) and pages scroll in bigger steps than pixels.
    const dy = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1);
    this.zoom(Math.exp(-dy * 0.0015), x, y);
  };

  private readonly key = (e: KeyboardEvent): void => {
    if (!this.view) return;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [KEY_PAN, 0],
      ArrowRight: [-KEY_PAN, 0],
      ArrowUp: [0, KEY_PAN],
      ArrowDown: [0, -KEY_PAN],
    };
    if (e.key in moves) {
      this.view = pan(this.view, ...moves[e.key]);
      this.schedule(true);
    } else if (e.key === '+' || e.key === '=') this.zoomBy(KEY_ZOOM);
    else if (e.key === '-' || e.key === '_') this.zoomBy(1 / KEY_ZOOM);
    else if (e.key === '0') this.reset();
    else return;
    e.preventDefault();
  };
}
