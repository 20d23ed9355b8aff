/**
 * Chooses and initialises the TensorFlow.js backend, and says why. Shared by the worker (browser)
 * and the CLI and tests (Node), so it only touches `globalThis`, never the DOM.
 *
 * Order: WebGPU on a hardware adapter, then WASM (faster than WebGL for these small, dispatch-bound
 * models, and than WebGPU on a software adapter; see `npm run bench`), then WebGL, then the plain JS CPU
 * backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fixWasmTransposedMatMul } from '../tensor/wasm-matmul';
import '#tf-gradients';
import '@tensorflow/tfjs-backend-cpu';

export const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export type BackendChoice = BackendName | 'auto';

/** A backend named on a command line or in a link, checked against those this host can offer. */
export function parseBackendChoice(
  text: string,
  offered: readonly BackendChoice[],
): { ok: true; value: BackendChoice } | { ok: false; reason: string } {
  const name = text.trim().toLowerCase();
  return (offered as readonly string[]).includes(name)
    ? { ok: true, value: name as BackendChoice }
    : { ok: false, reason: `no backend '${text}': choose ${offered.join(', ')}` };
}

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  reason: string;
}

export interface SelfCheck {
  ok: boolean;
  /** What was computed and what came back, in words. */
  detail: string;
  millis: number;
}

export interface BackendReport {
  name: BackendName;
  /** One line for the header badge, e.g. "WebGPU unavailable: navigator.gpu missing; using wasm". */
  reason: string;
  attempts: BackendAttempt[];
  selfCheck: SelfCheck | null;
  /** The WebGPU adapter in words ("nvidia ampere", "google swiftshader"), when WebGPU was tried. */
  adapter: string | null;
  /**
   * A software WebGPU adapter (SwiftShader, or one the browser marks as fallback): it computes right
   * but on the CPU, far slower than WASM for training, so the UI says so.
   */
  softwareAdapter: boolean;
}

export interface BackendOptions {
  choice?: BackendChoice;
  /** Folder (URL in the browser, path in Node) holding the tfjs-backend-wasm .wasm files, ending in '/'. */
  wasmPath?: string;
  /** Backends to skip under 'auto' (Node has no WebGL). */
  exclude?: BackendName[];
}

interface AdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

interface GpuNavigator {
  gpu?: { requestAdapter(): Promise<AdapterLike | null> };
}

/** What the last WebGPU attempt saw of its adapter. */
let adapterSeen: { name: string; software: boolean } | null = null;

// A function, not a direct read, so that TypeScript does not narrow the module variable across awaits.
const seenAdapter = () => adapterSeen;

function describeAdapter(a: AdapterLike): { name: string; software: boolean } {
  const info = a.info ?? {};
  const name = [info.vendor, info.architecture].filter(Boolean).join(' ') || info.description || 'unknown';
  const software =
    Boolean(info.isFallbackAdapter ?? a.isFallbackAdapter) || /swiftshader|llvmpipe|software/i.test(name);
  return { name, software };
}

function navigatorGpu(): GpuNavigator['gpu'] {
  const nav = (globalThis as { navigator?: GpuNavigator }).navigator;
  return nav?.gpu;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function register(name: BackendName, opts: BackendOptions, auto: boolean): Promise<string | null> {
  switch (name) {
    case 'webgpu': {
      const gpu = navigatorGpu();
      if (!gpu) return 'navigator.gpu missing';
      const adapter = await gpu.requestAdapter().catch(() => null);
      if (!adapter) return 'no WebGPU adapter';
      adapterSeen = describeAdapter(adapter);
      // A software adapter computes right but on the CPU, about 100x slower than WASM for these models:
      // the automatic choice passes it by (forcing WebGPU in settings still uses it).
      if (auto && adapterSeen.software)
        return `software adapter (${adapterSeen.name}), which trains far slower than WASM`;
      // The package registers itself only when navigator.gpu exists at import time.
      await import('@tensorflow/tfjs-backend-webgpu');
      return tf.findBackendFactory('webgpu') ? null : 'backend did not register';
    }
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (opts.wasmPath) wasm.setWasmPaths(opts.wasmPath);
      fixWasmTransposedMatMul();
      return null;
    }
    case 'webgl': {
      const g = globalThis as { OffscreenCanvas?: unknown; document?: unknown };
      if (!g.OffscreenCanvas && !g.document) return 'no canvas in this context';
      await import('@tensorflow/tfjs-backend-webgl');
      return null;
    }
    case 'cpu':
      return null;
  }
}

/** A small computation with a known answer, so a backend that initialises but computes wrong is caught. */
export async function selfCheck(): Promise<SelfCheck> {
  const t0 = performance.now();
  const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
  const b = tf.tensor2d([1, 0, -1, 2, 0.5, 1], [3, 2]);
  const ids = tf.tensor1d([2, 0], 'int32');
  const out = tf.tidy(() =>
    tf.concat([tf.reshape(tf.matMul(a, b), [-1]), tf.gather(tf.sigmoid(tf.reshape(a, [-1])), ids)]),
  );
  const got = Array.from(await out.data());
  tf.dispose([a, b, ids, out]);
  const sig = (x: number) => 1 / (1 + Math.exp(-x));
  const want = [1 - 2 + 1.5, 0 + 4 + 3, 4 - 5 + 3, 0 + 10 + 6, sig(3), sig(1)];
  const okay = got.length === want.length && got.every((v, i) => Math.abs(v - want[i]) < 1e-4);
  const fmt = (xs: number[]) => xs.map((v) => v.toFixed(3)).join(', ');
  return {
    ok: okay,
    detail: okay
      ? `matMul 2x3·3x2, sigmoid and gather match the expected [${fmt(want)}]`
      : `expected [${fmt(want)}] but got [${fmt(got)}]`,
    millis: performance.now() - t0,
  };
}

/** Initialise the requested backend, or the best available one under 'auto'. */
export async function initBackend(opts: BackendOptions = {}): Promise<BackendReport> {
  const choice = opts.choice ?? 'auto';
  const auto = BACKENDS.filter((b) => !opts.exclude?.includes(b));
  // A forced backend that cannot start gives way as 'auto' would (WebGPU to WASM, not straight to the CPU).
  const order: BackendName[] = choice === 'auto' ? auto : [choice, ...auto.filter((b) => b !== choice)];
  const attempts: BackendAttempt[] = [];
  adapterSeen = null;
  for (const name of order) {
    if (attempts.some((a) => a.name === name)) continue;
    let problem: string | null;
    try {
      problem = await register(name, opts, choice === 'auto');
      if (!problem && !(await tf.setBackend(name))) problem = 'initialisation failed';
    } catch (e) {
      problem = errorText(e);
    }
    if (problem) {
      attempts.push({ name, ok: false, reason: problem });
      continue;
    }
    await tf.ready();
    const check = await selfCheck().catch((e: unknown): SelfCheck => ({
      ok: false,
      detail: errorText(e),
      millis: 0,
    }));
    if (!check.ok && name !== 'cpu') {
      attempts.push({ name, ok: false, reason: `self-check failed: ${check.detail}` });
      continue;
    }
    attempts.push({ name, ok: true, reason: choice === name ? 'forced in settings' : 'available' });
    const failed = attempts.filter((a) => !a.ok);
    const why =
      choice !== 'auto' && choice === name
        ? `${name} forced in settings`
        : failed.length === 0
          ? `${name}: best available`
          : `${failed.map((a) => `${label(a.name)} ${a.reason.startsWith('software') ? 'passed over' : 'unavailable'}: ${a.reason}`).join('; ')}; using ${name}`;
    const seen = seenAdapter();
    const software = name === 'webgpu' && (seen?.software ?? false);
    return {
      name,
      reason: software ? `${why} (software adapter ${seen?.name}: slower than WASM for training)` : why,
      attempts,
      selfCheck: check,
      adapter: seen?.name ?? null,
      softwareAdapter: software,
    };
  }
  throw new Error('no TensorFlow.js backend could start'); // cpu always registers, so unreachable
}

export function label(name: BackendName): string {
  switch (name) {
    case 'webgpu':
      return 'WebGPU';
    case 'wasm':
      return 'WASM';
    case 'webgl':
      return 'WebGL';
    case 'cpu':
      return 'CPU';
  }
}
