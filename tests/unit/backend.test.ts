// initBackend's fallback as Node meets it: no navigator.gpu, no canvas, WASM from node_modules, CPU last.
// A WASM start that fails cannot be retried in the same process (tfjs keeps the broken module), so that
// case lives in backend-wasm-fails.test.ts.
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/train/backend';
import { REPO_ROOT } from '../../src/cli/sources';

const wasmPath = `${join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`;
const NO_GPU = { name: 'webgpu', ok: false, reason: 'navigator.gpu missing' };
const NO_CANVAS = { name: 'webgl', ok: false, reason: 'no canvas in this context' };

/** A stand-in navigator.gpu whose adapter is `adapter`. */
const fakeGpu = (adapter: object | null) => ({ gpu: { requestAdapter: () => Promise.resolve(adapter) } });

beforeAll(() => {
  const g = globalThis as { navigator?: { gpu?: unknown }; OffscreenCanvas?: unknown; document?: unknown };
  expect(g.navigator?.gpu).toBeUndefined();
  expect(g.OffscreenCanvas ?? g.document).toBeUndefined();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('initBackend in Node', () => {
  it('a forced backend that cannot start gives way as auto would: WebGPU to WASM', async () => {
    const r = await initBackend({ choice: 'webgpu', wasmPath, exclude: ['webgl'] });
    expect(r.attempts).toEqual([NO_GPU, { name: 'wasm', ok: true, reason: 'available' }]);
    expect(r.name).toBe('wasm');
    expect(r.reason).toBe('WebGPU unavailable: navigator.gpu missing; using wasm');
  });

  it('a forced backend that cannot start, with nothing else but the CPU, lands there and passes the self-check', async () => {
    const r = await initBackend({ choice: 'webgpu', wasmPath, exclude: ['wasm', 'webgl'] });
    expect(r.attempts).toEqual([NO_GPU, { name: 'cpu', ok: true, reason: 'available' }]);
    expect(r.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(r.reason).toBe('WebGPU unavailable: navigator.gpu missing; using cpu');
    expect(r.selfCheck?.ok).toBe(true);
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.sigmoid(a)))(tf.ones([2]));
    expect((await g.data())[0]).toBeCloseTo(0.19661, 4);
    g.dispose();
  });

  it('auto without WASM passes WebGPU and WebGL by, with their reasons, and lands on the CPU', async () => {
    const r = await initBackend({ choice: 'auto', exclude: ['wasm'] });
    expect(r.attempts).toEqual([NO_GPU, NO_CANVAS, { name: 'cpu', ok: true, reason: 'available' }]);
    expect(r.name).toBe('cpu');
    expect(r.reason).toBe(
      'WebGPU unavailable: navigator.gpu missing; WebGL unavailable: no canvas in this context; using cpu',
    );
  });

  it('auto names a missing adapter, and passes a software adapter by', async () => {
    vi.stubGlobal('navigator', fakeGpu(null));
    const none = await initBackend({ choice: 'auto', exclude: ['wasm', 'webgl'] });
    expect(none.attempts[0]).toEqual({ name: 'webgpu', ok: false, reason: 'no WebGPU adapter' });
    expect(none.name).toBe('cpu');

    vi.stubGlobal('navigator', fakeGpu({ info: { vendor: 'google', architecture: 'swiftshader' } }));
    const soft = await initBackend({ choice: 'auto', exclude: ['wasm', 'webgl'] });
    const why = 'software adapter (google swiftshader), which trains far slower than WASM';
    expect(soft.attempts[0]).toEqual({ name: 'webgpu', ok: false, reason: why });
    expect(soft.reason).toBe(`WebGPU passed over: ${why}; using cpu`);
    expect(soft.adapter).toBe('google swiftshader');
    expect(soft.name).toBe('cpu');
  });

  it('auto falls back from WebGPU to WASM, which passes the self-check', async () => {
    const r = await initBackend({ choice: 'auto', wasmPath });
    expect(r.attempts).toEqual([NO_GPU, { name: 'wasm', ok: true, reason: 'available' }]);
    expect(r.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(r.reason).toBe('WebGPU unavailable: navigator.gpu missing; using wasm');
    expect(r.selfCheck?.ok).toBe(true);
    expect(r.adapter).toBeNull();
    expect(r.softwareAdapter).toBe(false);
  });
});
