/**
 * WASM's BatchMatMul takes a slow path when asked to transpose an operand: 10 to 20 times an explicit
 * Transpose followed by a plain matMul (256x256 by 256x128: 20 ms against 1.8 ms on two cores). tfjs's
 * own gradients of matMul and fused matMul pass those flags, so every backward pass on the autodiff path
 * would take it. This wraps the kernel so that a flagged call transposes explicitly first; results are
 * the same to float rounding. The NCF engine's hand-written backward avoids the flags itself (flat.ts).
 */
import * as tf from '@tensorflow/tfjs-core';

const BACKEND = 'wasm';
let wrapped: tf.KernelFunc | null = null;

/** Installs the wrapper once the WASM backend's kernels are registered; idempotent. */
export function fixWasmTransposedMatMul(): void {
  const mm = tf.getKernel('BatchMatMul', BACKEND);
  const tr = tf.getKernel('Transpose', BACKEND);
  if (!mm || !tr || mm.kernelFunc === wrapped) return;
  const plain = mm.kernelFunc;
  const kernelFunc: tf.KernelFunc = (args) => {
    const { inputs, attrs, backend } = args;
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return plain(args);
    const swap = (x: tf.TensorInfo): tf.TensorInfo => {
      const r = x.shape.length;
      const perm = [...Array(r - 2).keys(), r - 1, r - 2];
      return tr.kernelFunc({ inputs: { x }, attrs: { perm }, backend }) as tf.TensorInfo;
    };
    const at = transposeA ? swap(a) : a;
    const bt = transposeB ? swap(b) : b;
    const out = plain({
      inputs: { a: at, b: bt },
      attrs: { ...attrs, transposeA: false, transposeB: false },
      backend,
    });
    const owner = backend as { disposeData(id: tf.DataId): void };
    if (at !== a) owner.disposeData(at.dataId);
    if (bt !== b) owner.disposeData(bt.dataId);
    return out;
  };
  tf.unregisterKernel('BatchMatMul', BACKEND);
  tf.registerKernel({ ...mm, kernelFunc });
  wrapped = kernelFunc;
}

/** Whether WASM's BatchMatMul is the wrapper (tests check that initBackend installs it). */
export function wasmMatMulFixed(): boolean {
  return wrapped !== null && tf.getKernel('BatchMatMul', BACKEND)?.kernelFunc === wrapped;
}
