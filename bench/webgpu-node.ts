/**
 * The benchmark on WebGPU in Node through Dawn (`webgpu` package): SwiftShader here, a real GPU on a
 * machine with Vulkan drivers. Run with VK_ICD_FILENAMES (and LD_LIBRARY_PATH=/usr/lib/chromium for
 * SwiftShader) set: `npx tsx bench/webgpu-node.ts`.
 */
import { create, globals } from 'webgpu';
import { loadSplit, WASM_PATH } from './run';
import { runBench } from './core';

Object.assign(globalThis, globals);
Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });

const split = await loadSplit();
await runBench('webgpu', split, {
  wasmPath: WASM_PATH,
  seconds: Number(process.argv[2] ?? 3),
  epochBatches: [1024],
});
process.exit(0);
