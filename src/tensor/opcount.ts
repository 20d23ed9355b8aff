/**
 * Counts the kernels a piece of code dispatches through the tfjs engine, by wrapping every kernel
 * registered for the active backend for the duration of the call. Unlike tf.profile it adds no
 * synchronous reads (tf.profile times kernels with dataSync where a backend has no timer, which
 * WebGPU forbids), so it works on every backend. Kernels that call other kernels' implementations
 * directly inside a backend are counted once, as the engine sees them.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface KernelCount {
  total: number;
  /** Kernel name -> invocations, most frequent first. */
  byKernel: [string, number][];
}

/** Kernels that only relabel a tensor's shape or dtype, with no dispatch on any backend. */
export const METADATA_KERNELS = new Set(['Reshape', 'ExpandDims', 'Squeeze', 'Identity']);

export async function countKernels(f: () => void | Promise<void>): Promise<KernelCount> {
  const backend = tf.getBackend();
  const configs = tf.getKernelsForBackend(backend);
  const counts = new Map<string, number>();
  for (const c of configs) {
    tf.unregisterKernel(c.kernelName, backend);
    tf.registerKernel({
      ...c,
      kernelFunc: (args) => {
        counts.set(c.kernelName, (counts.get(c.kernelName) ?? 0) + 1);
        return c.kernelFunc(args);
      },
    });
  }
  try {
    await f();
  } finally {
    for (const c of configs) {
      tf.unregisterKernel(c.kernelName, backend);
      tf.registerKernel(c);
    }
  }
  const byKernel = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return { total: byKernel.reduce((a, [, n]) => a + n, 0), byKernel };
}
