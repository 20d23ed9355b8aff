/**
 * Runs gradientChecks on WebGPU through Dawn (the `webgpu` package) and prints the results as JSON.
 * A child process, because the Vulkan loader must see LD_LIBRARY_PATH / VK_ICD_FILENAMES at start,
 * and a GPU driver crash must not take the test runner down.
 */
import { create, globals } from 'webgpu';
import * as tf from '@tensorflow/tfjs-core';
import { gradientChecks } from './gradcheck';
import { initBackend } from '../../../src/train/backend';

// The WebGPU backend registers only if navigator.gpu exists when it is imported.
Object.assign(globalThis, globals);
Object.defineProperty(globalThis, 'navigator', { value: { gpu: create([]) }, configurable: true });

const report = await initBackend({ choice: 'webgpu' });
if (report.name !== 'webgpu') {
  process.stdout.write(`${JSON.stringify({ skipped: report.reason })}\n`);
} else {
  const results = await gradientChecks();
  process.stdout.write(`${JSON.stringify({ backend: tf.getBackend(), results })}\n`);
}
// Dawn keeps the event loop alive; the results are out.
process.exit(0);
