/**
 * Fused optimizers over a packed variable: Adam is 12 element-wise kernels per step for the whole
 * dense vector (or table), where tfjs's optimizers spend about 10 per variable. Frozen entries and the L2
 * penalty are folded in as two constant per-entry vectors. Updates are dense, as PyTorch's Adam is
 * on a non-sparse embedding, so rows absent from a batch still decay their moments.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * A variable from a fresh tensor, disposing the tensor: tf.variable shares its data but leaves the
 * initial tensor alive, which would count as a leak in tf.memory().
 */
export function ownedVariable<R extends tf.Rank>(
  init: tf.Tensor<R>,
  trainable = true,
  name?: string,
): tf.Variable<R> {
  const v = tf.variable(init, trainable, name);
  init.dispose();
  return v;
}

export type OptimizerKind = 'adam' | 'adagrad' | 'sgd';

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

/** One optimizer per variable; a model has at most two (the table and the dense vector). */
export class FlatOptimizer {
  private readonly slots: tf.Variable[] = [];
  private readonly consts: tf.Tensor[] = [];
  private readonly mask: tf.Tensor | null;
  private readonly decay: tf.Tensor | null;
  private t = 0;
  private lr: number;

  /** `mask` and `decay` are per entry, in the variable's row-major order (see ParamLayout). */
  constructor(
    readonly theta: tf.Variable,
    readonly cfg: OptimizerConfig,
    mask: Float32Array | null,
    decay: Float32Array | null,
  ) {
    this.lr = cfg.lr;
    const shape = theta.shape;
    this.mask = mask ? this.keep(tf.tensor(mask, shape)) : null;
    this.decay = decay ? this.keep(tf.tensor(decay, shape)) : null;
    if (cfg.kind === 'adam') {
      this.slots.push(ownedVariable(tf.zeros(shape), false), ownedVariable(tf.zeros(shape), false));
    } else if (cfg.kind === 'adagrad') {
      this.slots.push(ownedVariable(tf.fill(shape, cfg.initialAccumulator ?? 0.1), false));
    }
  }

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

  /** Apply one update from the gradient of the mean loss. Call inside tf.tidy. */
  apply(grad: tf.Tensor): void {
    let g = grad;
    if (this.mask) g = tf.mul(g, this.mask);
    if (this.decay) g = tf.add(g, tf.mul(this.theta, this.decay));
    const { cfg, theta } = this;
    this.t++;
    switch (cfg.kind) {
      case 'sgd':
        theta.assign(tf.sub(theta, tf.mul(g, this.s('lr', this.lr))));
        return;
      case 'adagrad': {
        const [acc] = this.slots;
        const a = tf.add(acc, tf.square(g));
        acc.assign(a);
        const step = tf.div(
          tf.mul(g, this.s('lr', this.lr)),
          tf.sqrt(tf.add(a, this.s('eps', cfg.epsilon ?? 1e-7))),
        );
        theta.assign(tf.sub(theta, step));
        return;
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
        theta.assign(tf.sub(theta, step));
        return;
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
