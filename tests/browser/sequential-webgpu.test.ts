/**
 * The Sequential stage's models on WebGPU, which headless Chromium runs on SwiftShader (about 20 samples/s
 * here, so a full epoch would take minutes): each trains until its first batches chart, is stopped, and is
 * evaluated by WebGPU kernels. Short, but the recurrent and convolutional steps and the full-ranking
 * evaluation run through the WebGPU backend. `sequential.test.ts` trains whole epochs on WASM.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SCREENSHOTS,
  launchChromium,
  openLab,
  serveBuiltApp,
  waitForLab,
  type LabPage,
  type Served,
} from './helpers';

let served: Served;
let browser: Browser;
let gpu: LabPage;

beforeAll(async () => {
  served = await serveBuiltApp();
  browser = await launchChromium({ webgpu: true });
  gpu = await openLab(browser, `${served.url}?backend=webgpu`);
});

afterAll(async () => {
  await gpu?.close();
  await browser?.close();
  await served?.close();
});

const seq = (page: Page) => page.locator('#sequential');

const points = async (page: Page, testId: string): Promise<number> =>
  Number((await seq(page).getByTestId(testId).getAttribute('data-points')) ?? 0);

/** A figure as the metric cards print it: never NaN, never the dash of a missing value. */
const FIGURE = /^\d+\.\d{4}$/;

describe('Sequential stage on WebGPU', () => {
  it('trains the CNN and the LSTM on WebGPU until their curves move, then stops and evaluates them', async () => {
    const { page } = gpu;
    await waitForLab(page);
    expect(await page.getByTestId('backend-badge').getAttribute('data-backend')).toBe('webgpu');
    await seq(page).getByTestId('sequential-quick').check();
    await seq(page).getByTestId('sequential-quick-users').fill('20');
    for (const [no, kind] of [
      [1, 'cnn'],
      [2, 'lstm'],
    ] as const) {
      await seq(page).getByTestId(`model-${kind}`).click();
      await seq(page).getByTestId('sequential-train.epochs').fill('1');
      await seq(page).getByTestId('train-button').click();
      await expect.poll(() => points(page, 'chart-batch-loss'), { timeout: 180_000 }).toBeGreaterThan(1);
      const curve = await seq(page)
        .locator('[data-testid="chart-batch-loss"] path.series')
        .first()
        .getAttribute('d');
      expect(curve).toMatch(/^M[\d.]+,[\d.]+L/);
      await seq(page).getByTestId('train-stop').click();
      await seq(page).getByTestId('train-progress').waitFor({ state: 'detached', timeout: 180_000 });
      const results = (await seq(page).getByTestId('run-results').textContent()) ?? '';
      expect(results).toContain(`Run #${no}:`);
      expect(results).toContain('stopped by you');
      expect((await seq(page).getByTestId('run-backend').textContent())?.trim()).toBe('webgpu');
      const hr = (await seq(page).getByTestId('seq-metric-hr').textContent())?.trim() ?? '';
      expect(hr).toMatch(FIGURE);
      console.log(
        `Sequential ${kind} on WebGPU (SwiftShader), stopped after its first batches, ML-100k users 1-20: HR@10 ${hr}, ${(await seq(page).getByTestId('run-samples-per-second').textContent())?.trim()}`,
      );
    }
    expect(await seq(page).textContent()).not.toContain('NaN');
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    const clip = await seq(page).boundingBox();
    if (clip)
      await page.screenshot({ path: path.join(SCREENSHOTS, 'sequential-webgpu.png'), fullPage: true, clip });
    expect(gpu.errors).toEqual([]);
  });
});
