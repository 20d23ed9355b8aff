/**
 * Every trainable number of a model lives in ONE flat Float32 vector. Per-dispatch overhead, not
 * arithmetic, bounds these small models in TensorFlow.js, so one variable means one fused optimizer
 * update (about 15 kernels) instead of about 10 kernels per variable, and one gradient concat.
 * Blocks are views by offset; initial values are drawn on the JS side from the seeded RNG so that a
 * seed gives the same start on every backend.
 */
import type { Rng } from '../../../data/rng';

export type Init =
  | { kind: 'zeros' }
  | { kind: 'ones' }
  | { kind: 'normal'; std: number }
  /**
   * Glorot/Xavier uniform (Keras' default for Dense): limit sqrt(6 / (fanIn + fanOut)). fanIn overrides
   * the block's row count where frozen zero rows pad it.
   */
  | { kind: 'glorot'; fanIn?: number; fanOut?: number }
  /** LeCun uniform: limit sqrt(3 / fanIn), seed 001's output layer. */
  | { kind: 'lecun'; fanIn?: number; fanOut?: number };

export interface ParamBlock {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

/** Per-element overrides inside a block: frozen entries (kept at their initial value), L2 strength. */
export interface ColumnRule {
  /** Columns of a 2-D block this rule covers. */
  cols: [number, number];
  /** Rows covered; all rows when omitted. */
  rows?: [number, number];
  init?: Init;
  frozen?: boolean;
  l2?: number;
}

interface BlockSpec extends ParamBlock {
  init: Init;
  l2: number;
  rules: ColumnRule[];
}

export class ParamLayout {
  private readonly specs: BlockSpec[] = [];
  private readonly finishers: ((values: Float32Array) => void)[] = [];
  size = 0;

  /** Run after the initialiser, e.g. to tie two halves of a block. */
  onInit(f: (values: Float32Array) => void): void {
    this.finishers.push(f);
  }

  add(name: string, shape: number[], init: Init, l2 = 0, rules: ColumnRule[] = []): ParamBlock {
    const size = shape.reduce((a, b) => a * b, 1);
    const spec: BlockSpec = { name, shape, offset: this.size, size, init, l2, rules };
    this.specs.push(spec);
    this.size += size;
    return { name, shape, offset: spec.offset, size };
  }

  get blocks(): ParamBlock[] {
    return this.specs.map(({ name, shape, offset, size }) => ({ name, shape, offset, size }));
  }

  block(name: string): ParamBlock {
    const b = this.specs.find((s) => s.name === name);
    if (!b) throw new Error(`no parameter block '${name}'`);
    return { name: b.name, shape: b.shape, offset: b.offset, size: b.size };
  }

  has(name: string): boolean {
    return this.specs.some((s) => s.name === name);
  }

  /** Initial values, deterministic for the RNG's seed. */
  init(rng: Rng): Float32Array {
    const theta = new Float32Array(this.size);
    for (const s of this.specs) {
      fill(theta, s.offset, s.size, s.shape, s.init, rng);
      for (const r of s.rules) {
        if (!r.init) continue;
        forCells(s, r, (k) => {
          theta[k] = sample(r.init as Init, s.shape, rng);
        });
      }
    }
    for (const f of this.finishers) f(theta);
    return theta;
  }

  /** 1 for trainable entries, 0 for frozen ones; null when everything trains. */
  trainMask(): Float32Array | null {
    if (!this.specs.some((s) => s.rules.some((r) => r.frozen))) return null;
    const m = new Float32Array(this.size).fill(1);
    for (const s of this.specs) for (const r of s.rules) if (r.frozen) forCells(s, r, (k) => (m[k] = 0));
    return m;
  }

  /**
   * Gradient of the L2 penalty per entry, Keras semantics: `l2(λ)` adds λ·Σw² to the loss, so its
   * gradient is 2λw. Null when no block is regularised.
   */
  decayVector(): Float32Array | null {
    if (!this.specs.some((s) => s.l2 > 0 || s.rules.some((r) => (r.l2 ?? 0) > 0))) return null;
    const d = new Float32Array(this.size);
    for (const s of this.specs) {
      d.fill(2 * s.l2, s.offset, s.offset + s.size);
      for (const r of s.rules) if (r.l2 !== undefined) forCells(s, r, (k) => (d[k] = 2 * (r.l2 as number)));
      for (const r of s.rules) if (r.frozen) forCells(s, r, (k) => (d[k] = 0));
    }
    return d;
  }

  /** Number of trainable entries (frozen constants excluded), as Keras would count them. */
  trainableCount(name?: string): number {
    let n = 0;
    for (const s of this.specs) {
      if (name && s.name !== name) continue;
      let frozen = 0;
      for (const r of s.rules) if (r.frozen) forCells(s, r, () => frozen++);
      n += s.size - frozen;
    }
    return n;
  }
}

function forCells(s: BlockSpec, r: ColumnRule, f: (k: number) => void): void {
  const rows = s.shape.length === 2 ? s.shape[0] : 1;
  const cols = s.shape.length === 2 ? s.shape[1] : s.size;
  const [r0, r1] = r.rows ?? [0, rows];
  for (let i = r0; i < r1; i++)
    for (let j = r.cols[0]; j < Math.min(r.cols[1], cols); j++) f(s.offset + i * cols + j);
}

function sample(init: Init, shape: number[], rng: Rng): number {
  const fanIn = ('fanIn' in init && init.fanIn) || (shape.length === 2 ? shape[0] : 1);
  const fanOut = ('fanOut' in init && init.fanOut) || (shape.length === 2 ? shape[1] : shape[0]);
  switch (init.kind) {
    case 'zeros':
      return 0;
    case 'ones':
      return 1;
    case 'normal':
      return init.std * rng.normal();
    case 'glorot': {
      const lim = Math.sqrt(6 / (fanIn + fanOut));
      return (2 * rng.next() - 1) * lim;
    }
    case 'lecun': {
      const lim = Math.sqrt(3 / fanIn);
      return (2 * rng.next() - 1) * lim;
    }
  }
}

function fill(
  theta: Float32Array,
  offset: number,
  size: number,
  shape: number[],
  init: Init,
  rng: Rng,
): void {
  if (init.kind === 'zeros') return;
  for (let k = 0; k < size; k++) theta[offset + k] = sample(init, shape, rng);
}
