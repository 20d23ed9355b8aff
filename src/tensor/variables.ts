/** Variables that own their storage, so that tf.memory() counts what a model really holds. */
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

/** Variable names must be unique in the engine; a counter keeps them readable. */
let nextId = 0;

export function uniqueName(prefix: string): string {
  return `${prefix}_${nextId++}`;
}
