/**
 * One tower: a row of standardised features (kept on the device as a constant table and gathered by
 * index, so a batch ships two index columns rather than feature rows) beside an optional learned ID
 * vector, through dense layers to the embedding, L2-normalised when asked.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng';
import { embeddingLookup } from '../../tensor/sparse';
import { ownedVariable, uniqueName } from '../../tensor/variables';
import type { TowerActivation } from './config';

export interface TowerSpec {
  name: 'user' | 'item';
  /** Rows the tower can look up (users or items). */
  n: number;
  /** Standardised features, row-major [n x width], or null for an ID-only tower. */
  features: { width: number; values: Float32Array } | null;
  /** Size of the learned vector per row (0: none). */
  idDim: number;
  /** Rows that never train keep a zero ID vector (a cold-start user), rather than a random one. */
  idKept?: (row: number) => boolean;
  layers: number[];
  out: number;
  activation: TowerActivation;
  normalise: boolean;
}

interface Dense {
  w: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
}

/** Keras' default Dense initialiser: uniform in ±sqrt(6 / (fan_in + fan_out)), from the run's seed. */
function glorot(rows: number, cols: number, rng: Rng): tf.Tensor2D {
  const limit = Math.sqrt(6 / (rows + cols));
  return tf.tensor2d(
    Float32Array.from({ length: rows * cols }, () => (2 * rng.next() - 1) * limit),
    [rows, cols],
  );
}

const EPS = 1e-12;

export class Tower {
  readonly dense: Dense[] = [];
  readonly ids: tf.Variable<tf.Rank.R2> | null = null;
  /** The standardised features on the device; a constant, not a weight. */
  private readonly table: tf.Tensor2D | null = null;
  private readonly eps: tf.Scalar;
  readonly inputWidth: number;

  constructor(
    readonly spec: TowerSpec,
    rng: Rng,
  ) {
    const f = spec.features;
    if (f && f.width > 0) this.table = tf.tensor2d(f.values, [spec.n, f.width]);
    if (spec.idDim > 0) {
      const init = new Float32Array(spec.n * spec.idDim);
      // Keras' Embedding starts uniform in ±0.05; a normal of the same spread, from the seeded stream.
      for (let r = 0; r < spec.n; r++) {
        if (spec.idKept && !spec.idKept(r)) continue;
        for (let c = 0; c < spec.idDim; c++) init[r * spec.idDim + c] = 0.03 * rng.normal();
      }
      this.ids = ownedVariable(tf.tensor2d(init, [spec.n, spec.idDim]), true, uniqueName(`${spec.name}_ids`));
    }
    this.inputWidth = (this.table?.shape[1] ?? 0) + spec.idDim;
    let width = this.inputWidth;
    for (const units of [...spec.layers, spec.out]) {
      this.dense.push({
        w: ownedVariable(glorot(width, units, rng), true, uniqueName(`${spec.name}_w`)),
        b: ownedVariable(tf.zeros([units]), true, uniqueName(`${spec.name}_b`)) as tf.Variable<tf.Rank.R1>,
      });
      width = units;
    }
    this.eps = tf.scalar(EPS);
  }

  get variables(): tf.Variable[] {
    return [...(this.ids ? [this.ids] : []), ...this.dense.flatMap((d) => [d.w, d.b])];
  }

  /** Whether the tower reads features (a cold-start profile needs them). */
  get readsFeatures(): boolean {
    return this.table !== null;
  }

  /** Embeddings of rows given as [B, 1] int32 indices: features gathered on the device, IDs looked up. */
  forward(idx: tf.Tensor2D): tf.Tensor2D {
    const b = idx.shape[0];
    const parts: tf.Tensor2D[] = [];
    if (this.table) parts.push(tf.reshape(tf.gather(this.table, idx), [b, this.table.shape[1]]));
    if (this.ids) parts.push(embeddingLookup(this.ids, idx));
    return this.head(parts.length === 1 ? parts[0] : tf.concat(parts, 1));
  }

  /** Embeddings of feature rows that are not in the table (a new user), with a zero ID vector. */
  forwardFeatures(x: tf.Tensor2D): tf.Tensor2D {
    const pad = this.spec.idDim > 0 ? tf.zeros<tf.Rank.R2>([x.shape[0], this.spec.idDim]) : null;
    return this.head(pad ? tf.concat([x, pad], 1) : x);
  }

  private head(x: tf.Tensor2D): tf.Tensor2D {
    let h = x;
    const last = this.dense.length - 1;
    this.dense.forEach(({ w, b }, k) => {
      const act = k === last ? 'linear' : this.spec.activation;
      // Fused matMul + bias (+ relu) is one kernel with a gradient; tanh and sigmoid follow it.
      const fused = act === 'relu' || act === 'linear' ? act : 'linear';
      h = tf.fused.matMul({ a: h, b: w, bias: b, activation: fused }) as tf.Tensor2D;
      if (act === 'tanh') h = tf.tanh(h);
      else if (act === 'sigmoid') h = tf.sigmoid(h);
    });
    if (!this.spec.normalise) return h;
    return tf.mul(h, tf.rsqrt(tf.add(tf.sum(tf.square(h), 1, true), this.eps))) as tf.Tensor2D;
  }

  /** The tower's output for every row, [n x out], in chunks so a large catalogue never builds one huge batch. */
  async all(chunk = 8192): Promise<Float32Array> {
    const out = new Float32Array(this.spec.n * this.spec.out);
    for (let from = 0; from < this.spec.n; from += chunk) {
      const to = Math.min(this.spec.n, from + chunk);
      const t = tf.tidy(() => this.forward(tf.reshape(tf.range(from, to, 1, 'int32'), [to - from, 1])));
      out.set(await t.data(), from * this.spec.out);
      t.dispose();
    }
    return out;
  }

  dispose(): void {
    tf.dispose([...this.variables, this.eps]);
    this.table?.dispose();
  }
}
