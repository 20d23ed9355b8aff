// A WASM backend that cannot load its .wasm files: the automatic choice records why and moves on to the
// CPU. In a file of its own because tfjs cannot retry a failed WASM start in the same process.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/train/backend';

describe('initBackend in Node, WASM files missing', () => {
  it('auto falls back past a WASM backend that fails to start to the CPU', async () => {
    const r = await initBackend({ choice: 'auto', wasmPath: '/nonexistent/wasm/', exclude: ['webgl'] });
    expect(r.attempts).toEqual([
      { name: 'webgpu', ok: false, reason: 'navigator.gpu missing' },
      { name: 'wasm', ok: false, reason: 'initialisation failed' },
      { name: 'cpu', ok: true, reason: 'available' },
    ]);
    expect(r.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(r.reason).toBe(
      'WebGPU unavailable: navigator.gpu missing; WASM unavailable: initialisation failed; using cpu',
    );
    expect(r.selfCheck?.ok).toBe(true);
  });
});
