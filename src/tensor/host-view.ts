/**
 * Writable views of a float32 variable's storage on the backends that keep it in host memory (the CPU
 * backend's typed arrays, the WASM heap). A sparse update writes the batch's rows in place: O(batch),
 * where any tfjs op that changes a few rows of a variable (scatter, tensorScatterUpdate, assign) builds a
 * whole new table. WebGPU keeps the table on the GPU, so there is no view and the caller stays dense.
 */
import * as tf from '@tensorflow/tfjs-core';

interface CpuLike {
  data: { get(id: object): { values?: unknown } | undefined };
  refCount(id: object): number;
}

interface WasmLike {
  dataIdMap: { get(id: object): { memoryOffset: number } | undefined };
  wasm: { HEAPU8: Uint8Array };
  refCount(id: object): number;
}

/** Whether the active backend keeps tensors in host memory that `hostView` can write. */
export function hasHostViews(): boolean {
  const name = tf.getBackend();
  return name === 'cpu' || name === 'wasm';
}

function storage(v: tf.Tensor): Float32Array | null {
  const backend = tf.backend() as unknown;
  const size = v.size;
  if (tf.getBackend() === 'cpu') {
    const values = (backend as CpuLike).data.get(v.dataId)?.values;
    return values instanceof Float32Array && values.length === size ? values : null;
  }
  if (tf.getBackend() === 'wasm') {
    const w = backend as WasmLike;
    const d = w.dataIdMap.get(v.dataId);
    // A fresh view each time: the heap's buffer is replaced whenever it grows.
    return d ? new Float32Array(w.wasm.HEAPU8.buffer, d.memoryOffset, size) : null;
  }
  return null;
}

/**
 * The variable's values, writable in place, or null where the backend has no host storage. Storage
 * shared with another tensor (tf.clone shares it: the loop's copy of the best weights does) is first
 * replaced by a private copy, so a write never reaches the other tensor. The CPU backend hands its own
 * array to every `data()` call, so there the storage is replaced by a copy on every call (one memcpy of
 * the table, still far cheaper than a dense update's kernels), lest a write change an array read earlier.
 * WASM reads copy out of its heap, so there the view is free.
 */
export function hostView(v: tf.Variable): Float32Array | null {
  if (!hasHostViews() || v.dtype !== 'float32') return null;
  const backend = tf.backend() as unknown as CpuLike;
  const cpu = tf.getBackend() === 'cpu';
  if (backend.refCount(v.dataId) > 1 || cpu) {
    const current = storage(v);
    if (!current) return null;
    const copy = current.slice();
    const entry = cpu ? backend.data.get(v.dataId) : undefined;
    if (entry && backend.refCount(v.dataId) === 1) {
      entry.values = copy;
    } else {
      const own = tf.tensor(copy, v.shape, 'float32');
      v.assign(own);
      own.dispose();
    }
  }
  return storage(v);
}
