/**
 * The "before" NeuMF for the op count: four embedding variables, separate dense variables, tfjs
 * autodiff and tf.train.adam, as one would first write it. Embeddings use the customGrad lookup
 * (tfjs's own gather gradient needs UnsortedSegmentSum, which WASM does not register at all).
 */
import * as tf from '@tensorflow/tfjs-core';
import { embeddingLookup } from '../src/tensor/sparse';

export interface PlainNeuMF {
  step(users: Int32Array, items: Int32Array, labels: Float32Array): void;
  dispose(): void;
}

export function plainNeuMF(
  nUsers: number,
  nItems: number,
  gmf = 8,
  mlp = 32,
  layers = [32, 16, 8],
): PlainNeuMF {
  const v = (shape: [number, number], std = 0.01) =>
    tf.variable(tf.randomNormal(shape, 0, std)) as tf.Variable<tf.Rank.R2>;
  const eGU = v([nUsers, gmf]);
  const eGI = v([nItems, gmf]);
  const eMU = v([nUsers, mlp]);
  const eMI = v([nItems, mlp]);
  const dense: tf.Variable<tf.Rank.R2>[] = [];
  let width = 2 * mlp;
  for (const units of layers) {
    dense.push(
      v([width, units], Math.sqrt(2 / (width + units))),
      tf.variable(tf.zeros([1, units])) as tf.Variable<tf.Rank.R2>,
    );
    width = units;
  }
  const wOut = v([gmf + width, 1], 0.1);
  const bOut = tf.variable(tf.zeros([1]));
  const opt = tf.train.adam(0.001);
  return {
    step(users, items, labels) {
      tf.tidy(() => {
        const u = tf.tensor2d(users, [users.length, 1], 'int32');
        const i = tf.tensor2d(items, [items.length, 1], 'int32');
        const y = tf.tensor2d(labels, [labels.length, 1]);
        opt.minimize(() => {
          const g = tf.mul(embeddingLookup(eGU, u), embeddingLookup(eGI, i));
          let x: tf.Tensor = tf.concat([embeddingLookup(eMU, u), embeddingLookup(eMI, i)], 1);
          for (let l = 0; l < dense.length; l += 2) x = tf.relu(tf.add(tf.matMul(x, dense[l]), dense[l + 1]));
          const z = tf.add(tf.matMul(tf.concat([g, x], 1), wOut), bOut);
          return tf.losses.sigmoidCrossEntropy(y, z) as tf.Scalar;
        });
      });
    },
    dispose() {
      tf.dispose([eGU, eGI, eMU, eMI, ...dense, wOut, bOut]);
      opt.dispose();
    },
  };
}
