/**
 * Fused optimizers over a packed variable: Adam is 12 element-wise kernels per step for the whole
 * dense vector (or table), where tfjs's optimizers spend about 10 per variable. Frozen entries and the L2
 * penalty are folded in as two constant per-entry vectors. Updates are dense, as PyTorch's Adam is
 * on a non-sparse embedding, so rows absent from a batch still decay their moments.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ownedVariable } from '../tensor/variables';

import type { OptimizerKind } from './config';

export type { OptimizerKind };

export interface OptimizerConfig {
  kind: OptimizerKind;
  lr: number;
  /** Adam's betas and epsilon; defaults as Keras (0.9, 0.999, 1e-7). */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Adagrad's starting accumulator (Keras 0.1). */
  initialAccumulator?: number;
}

/**
 * One optimizer over one flat or packed tensor: a factor model has two (its table and its dense vector);
 * the autodiff path packs every variable's gradient into one vector and updates them all at once.
 */
export class FlatOptimizer {
  private readonly slots: tf.Variable[] = [];
  private readonly consts: tf.Tensor[] = [];
  private readonly mask: tf.Tensor | null;
  private readonly decay: tf.Tensor | null;
  private t = 0;
  private lr: number;

  /**
   * `target` is the variable `apply` updates, or the shape of the tensors `next` maps; `mask` and `decay`
   * are per entry, in row-major order (see ParamLayout).
   */
  constructor(
    target: tf.Variable | number[],
    readonly cfg: OptimizerConfig,
    mask: Float32Array | null = null,
    decay: Float32Array | null = null,
  ) {
    this.theta = Array.isArray(target) ? null : target;
    this.lr = cfg.lr;
    const shape = Array.isArray(target) ? target : target.shape;
    this.mask = mask ? this.keep(tf.tensor(mask, shape)) : null;
    this.decay = decay ? this.keep(tf.tensor(decay, shape)) : null;
    if (cfg.kind === 'adam') {
      this.slots.push(ownedVariable(tf.zeros(shape), false), ownedVariable(tf.zeros(shape), false));
    } else if (cfg.kind === 'adagrad') {
      this.slots.push(ownedVariable(tf.fill(shape, cfg.initialAccumulator ?? 0.1), false));
    }
  }

  private readonly theta: tf.Variable | null;

  private keep<T extends tf.Tensor>(t: T): T {
    // tf.keep: the optimizer may be built or first used inside a caller's tf.tidy.
    this.consts.push(tf.keep(t));
    return t;
  }

  /** Scalars are created once: a fresh scalar per op per step is an upload each on WebGPU. */
  private scalars: Record<string, tf.Scalar> = {};
  private s(name: string, v: number): tf.Scalar {
    let x = this.scalars[name];
    if (!x) {
      x = this.keep(tf.scalar(v));
      this.scalars[name] = x;
    }
    return x;
  }

  /** Apply one update to the variable from the gradient of the mean loss. Call inside tf.tidy. */
  apply(grad: tf.Tensor): void {
    if (!this.theta) throw new Error('this optimizer has no variable; use next()');
    this.theta.assign(this.next(this.theta, grad));
  }

  /** The updated value of `theta` after one step (its slots advance). Call inside tf.tidy. */
  next(theta: tf.Tensor, grad: tf.Tensor): tf.Tensor {
    let g = grad;
    if (this.mask) g = tf.mul(g, this.mask);
    if (this.decay) g = tf.add(g, tf.mul(theta, this.decay));
    const { cfg } = this;
    this.t++;
    switch (cfg.kind) {
      case 'sgd':
        return tf.sub(theta, tf.mul(g, this.s('lr', this.lr)));
      case 'adagrad': {
        const [acc] = this.slots;
        const a = tf.add(acc, tf.square(g));
        acc.assign(a);
        const step = tf.div(
          tf.mul(g, this.s('lr', this.lr)),
          tf.sqrt(tf.add(a, this.s('eps', cfg.epsilon ?? 1e-7))),
        );
        return tf.sub(theta, step);
      }
      case 'adam': {
        const b1 = cfg.beta1 ?? 0.9;
        const b2 = cfg.beta2 ?? 0.999;
        const [m, v] = this.slots;
        const m1 = tf.add(tf.mul(m, this.s('b1', b1)), tf.mul(g, this.s('1-b1', 1 - b1)));
        const v1 = tf.add(tf.mul(v, this.s('b2', b2)), tf.mul(tf.square(g), this.s('1-b2', 1 - b2)));
        m.assign(m1);
        v.assign(v1);
        // Bias correction folded into the step size, as tfjs and Keras do; one scalar upload per step.
        const lrT = (this.lr * Math.sqrt(1 - b2 ** this.t)) / (1 - b1 ** this.t);
        const step = tf.mul(
          tf.div(m1, tf.add(tf.sqrt(v1), this.s('eps', cfg.epsilon ?? 1e-7))),
          tf.scalar(lrT),
        );
        return tf.sub(theta, step);
      }
    }
  }

  /** Change the learning rate (a per-epoch schedule); takes effect at the next step. */
  setLearningRate(lr: number): void {
    if (lr === this.lr) return;
    this.lr = lr;
    const old = this.scalars.lr;
    if (old) {
      this.consts.splice(this.consts.indexOf(old), 1);
      old.dispose();
      delete this.scalars.lr;
    }
  }

  /** Steps taken so far (Adam's t). */
  get steps(): number {
    return this.t;
  }

  dispose(): void {
    tf.dispose(this.slots);
    tf.dispose(this.consts);
    this.scalars = {};
  }
}

/**
 * The lazy (row-wise) form of `FlatOptimizer` for an embedding table kept in host memory, as TensorFlow's
 * LazyAdam and PyTorch's SparseAdam: a step reads and writes only the rows in the batch, their values,
 * moments, frozen mask and L2 decay, so its cost follows the batch, not the catalogue. Rows absent from a
 * batch keep their moments (dense Adam would decay them) and take no L2 step. Where every row is in the
 * batch, and always for SGD and Adagrad without L2, it equals the dense update; Adam's bias correction
 * counts every step, as LazyAdam's does.
 */
export class RowOptimizer {
  private readonly m: Float32Array | null;
  private readonly v: Float32Array | null;
  private t = 0;
  private lr: number;

  /** `size` entries in rows of `width`; `mask` and `decay` per entry, as FlatOptimizer takes them. */
  constructor(
    size: number,
    readonly width: number,
    readonly cfg: OptimizerConfig,
    private readonly mask: Float32Array | null = null,
    private readonly decay: Float32Array | null = null,
  ) {
    this.lr = cfg.lr;
    if (cfg.kind === 'adam') {
      this.m = new Float32Array(size);
      this.v = new Float32Array(size);
    } else if (cfg.kind === 'adagrad') {
      this.m = null;
      this.v = new Float32Array(size).fill(cfg.initialAccumulator ?? 0.1);
    } else {
      this.m = null;
      this.v = null;
    }
  }

  /**
   * One step: `rows` are distinct row numbers, `grad` their summed gradients ([rows.length, width]),
   * `theta` the whole table, updated in place.
   */
  apply(theta: Float32Array, rows: Int32Array, grad: Float32Array): void {
    const { width, mask, decay, cfg, m, v } = this;
    this.t++;
    const b1 = cfg.beta1 ?? 0.9;
    const b2 = cfg.beta2 ?? 0.999;
    const eps = cfg.epsilon ?? 1e-7;
    const lrT = cfg.kind === 'adam' ? (this.lr * Math.sqrt(1 - b2 ** this.t)) / (1 - b1 ** this.t) : this.lr;
    for (let r = 0; r < rows.length; r++) {
      const base = rows[r] * width;
      for (let c = 0; c < width; c++) {
        const k = base + c;
        let g = grad[r * width + c];
        if (mask) g *= mask[k];
        if (decay) g += theta[k] * decay[k];
        if (cfg.kind === 'sgd') {
          theta[k] -= lrT * g;
        } else if (cfg.kind === 'adagrad') {
          const a = (v as Float32Array)[k] + g * g;
          (v as Float32Array)[k] = a;
          theta[k] -= (lrT * g) / Math.sqrt(a + eps);
        } else {
          const mk = (m as Float32Array)[k] * b1 + g * (1 - b1);
          const vk = (v as Float32Array)[k] * b2 + g * g * (1 - b2);
          (m as Float32Array)[k] = mk;
          (v as Float32Array)[k] = vk;
          theta[k] -= (lrT * mk) / (Math.sqrt(vk) + eps);
        }
      }
    }
  }

  setLearningRate(lr: number): void {
    this.lr = lr;
  }

  get steps(): number {
    return this.t;
  }
}
