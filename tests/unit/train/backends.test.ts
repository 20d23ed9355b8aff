import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/train/backend';
import { gradientChecks, maxRelDiff, type GradResults } from './gradcheck';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../..');
const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let cpu: GradResults;

function expectSame(got: GradResults, want: GradResults, tol = 1e-4) {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const key of Object.keys(want)) {
    const d = maxRelDiff(got[key], want[key]);
    expect(d, key).toBeLessThan(tol);
  }
}

function webgpuMissing(): string | null {
  try {
    createRequire(import.meta.url).resolve('webgpu');
  } catch {
    return 'the webgpu package (Dawn for Node) is not installed';
  }
  if (!existsSync(ICD)) return `no SwiftShader Vulkan driver at ${ICD} (install chromium)`;
  return null;
}

describe('sparse embedding gradient and scorer kernels on every backend', () => {
  it('CPU: the customGrad + scatterND gradient equals the dense one-hot gradient', async () => {
    await initBackend({ choice: 'cpu' });
    cpu = await gradientChecks();
    expect(maxRelDiff(cpu.sparseGrad, cpu.denseGrad)).toBeLessThan(1e-5);
    // Repeated indices must sum: row 0 appears several times, rows >= 7 never.
    expect(cpu.sparseGrad.slice(7 * 6).every((v) => v === 0)).toBe(true);
  });

  it('WASM gives the same gradients and scores as CPU', async () => {
    const r = await initBackend({
      choice: 'wasm',
      wasmPath: `${join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`,
    });
    expect(r.name).toBe('wasm');
    const wasm = await gradientChecks();
    expectSame(wasm, cpu);
    await tf.setBackend('cpu');
  });

  it('WebGPU (Dawn on SwiftShader, in a child process) gives the same gradients as CPU', async (ctx) => {
    // CI installs Chromium (its SwiftShader ICD) and Dawn, so there a missing package, driver or adapter is
    // a failure; elsewhere the check skips and says why.
    const cannotRun = (why: string) => {
      if (process.env.CI) throw new Error(`WebGPU gradient check cannot run: ${why}`);
      console.warn(`WebGPU gradient check skipped: ${why}`);
      ctx.skip();
    };
    const missing = webgpuMissing();
    if (missing) cannotRun(missing);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', join(here, 'webgpu-child.ts')],
        {
          cwd: root,
          timeout: 120_000,
          env: {
            ...process.env,
            VK_ICD_FILENAMES: ICD,
            LD_LIBRARY_PATH: `/usr/lib/chromium:${process.env.LD_LIBRARY_PATH ?? ''}`,
          },
        },
        (error, out, errText) => (error ? reject(new Error(`${error.message}\n${errText}`)) : resolve(out)),
      );
    });
    const line = stdout.trim().split('\n').pop() as string;
    const parsed = JSON.parse(line) as { skipped?: string; backend?: string; results?: GradResults };
    if (parsed.skipped) cannotRun(`Dawn gave no WebGPU backend: ${parsed.skipped}`);
    expect(parsed.backend).toBe('webgpu');
    expectSame(parsed.results as GradResults, cpu, 1e-3);
  }, 150_000);
});
