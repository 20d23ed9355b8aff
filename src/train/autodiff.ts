/**
 * The autodiff path: any model written as a loss over tfjs variables trains here, with gradients from
 * `tf.variableGrads`. For recurrent layers, attention and feature towers a hand-written backward pass is
 * not worth it. Dispatches still dominate small models, so the update is packed: every gradient is
 * concatenated into one vector and one fused optimizer step updates them all, then the result is cut
 * back into the variables (about V + 14 kernels for V variables, where one optimizer per variable costs
 * about 12 V).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../data/rng';
import { FlatOptimizer, type OptimizerConfig } from './optimizers';
import type { Batch, Trainable } from './trainable';

export interface AutodiffModel<B extends Batch> {
  /** The weights the loss depends on. */
  readonly variables: readonly tf.Variable[];
  /**
   * The mean loss of a batch. In training `rng` is given and draws the dropout masks on the JS side, so
   * every backend sees the same ones; it is null in inference (no dropout). Called inside tf.tidy.
   */
  loss(batch: B, rng: Rng | null): tf.Scalar;
}

export interface AutodiffOptions {
  /** L2 strength per variable (Keras kernel_regularizer semantics: λ·Σw² added to the loss). */
  l2?: (v: tf.Variable) => number;
}

export class AutodiffTrainable<B extends Batch> implements Trainable<B> {
  private readonly opt: FlatOptimizer;
  private readonly sizes: number[];
  /** WASM only: each variable's entries of the packed vector, for `unpack`. */
  private parts: tf.Tensor2D[] | null = null;

  constructor(
    private readonly model: AutodiffModel<B>,
    opt: OptimizerConfig,
    options: AutodiffOptions = {},
  ) {
    this.sizes = model.variables.map((v) => v.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    let decay: Float32Array | null = null;
    if (options.l2) {
      const d = new Float32Array(total);
      let o = 0;
      model.variables.forEach((v, k) => {
        d.fill(2 * (options.l2?.(v) ?? 0), o, o + this.sizes[k]);
        o += this.sizes[k];
      });
      if (d.some((x) => x !== 0)) decay = d;
    }
    this.opt = new FlatOptimizer([total], opt, null, decay);
  }

  get variables(): readonly tf.Variable[] {
    return this.model.variables;
  }

  step(batch: B, acc: tf.Scalar, rng: Rng): tf.Scalar {
    const vars = this.model.variables;
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => this.model.loss(batch, rng), vars as tf.Variable[]);
      const flat = (ts: readonly tf.Tensor[]) =>
        ts.length === 1 ? tf.reshape(ts[0], [-1]) : tf.concat(ts.map((t) => tf.reshape(t, [-1])));
      const theta = this.opt.next(flat(vars), flat(vars.map((v) => grads[v.name])));
      const parts = vars.length === 1 ? [theta] : this.unpack(theta);
      vars.forEach((v, k) => v.assign(tf.reshape(parts[k], v.shape)));
      return tf.add(acc, tf.mul(value, batch.n)) as tf.Scalar;
    });
  }

  /**
   * The packed vector cut back into one piece per variable. On WASM a split slices, and every slice first
   * copies the whole input out of the heap: V copies of every weight a step (a sixth of an LSTM step at
   * batch 64). Gathering each piece's entries copies only the piece.
   */
  private unpack(theta: tf.Tensor): tf.Tensor[] {
    if (tf.getBackend() !== 'wasm') return tf.split(theta, this.sizes);
    if (!this.parts) {
      let offset = 0;
      this.parts = this.sizes.map((n) => {
        const idx = tf.keep(
          tf.tensor2d(
            Int32Array.from({ length: n }, (_, k) => offset + k),
            [n, 1],
            'int32',
          ),
        );
        offset += n;
        return idx;
      });
    }
    // Gathered from the flat vector, each piece's data is stored flat: a bias must be, because WASM's fused
    // matMul checks the rank its data was created with, not the variable's.
    return this.parts.map((idx) => tf.gatherND(theta, idx));
  }

  lossSum(batch: B): tf.Scalar {
    return tf.tidy(() => tf.mul(this.model.loss(batch, null), batch.n) as tf.Scalar);
  }

  setLearningRate(lr: number): void {
    this.opt.setLearningRate(lr);
  }

  dispose(): void {
    this.opt.dispose();
    if (this.parts) tf.dispose(this.parts);
    this.parts = null;
  }
}
