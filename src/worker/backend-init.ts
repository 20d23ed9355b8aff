/**
 * Starts TensorFlow.js inside the worker. The WASM binaries are bundled by Vite and served by the app
 * itself (no CDN), so the lab works offline and under cross-origin isolation.
 */
import { env, version_core } from '@tensorflow/tfjs-core';
// Chained tensor methods (t.flatten(), t.square()...) exist only once registered: the union package does it in
// Node, a bundle of tfjs-core alone does not, and the backend self-check uses them.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { initBackend, type BackendChoice } from '../train/backend';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { WorkerInfo } from './protocol';

export async function startBackend(choice: BackendChoice): Promise<WorkerInfo> {
  const t0 = performance.now();
  // Same module instance as the one initBackend imports lazily, so the paths are in place before it
  // initialises WASM. Hashed asset names are why a file map is needed rather than a folder prefix.
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  // The threaded build starts its helper workers from the factory's source text (Function.toString), which
  // minification breaks: on a cross-origin-isolated page WASM would then hang at start. One thread it is.
  env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const backend = await initBackend({ choice });
  return {
    backend,
    cores: navigator.hardwareConcurrency,
    tfjsVersion: version_core,
    startMillis: performance.now() - t0,
  };
}
