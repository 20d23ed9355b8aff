/**
 * The lab in a Chromium without WebGPU: it must fall back, say why, and still work, including without a
 * prepared MovieLens copy (a classroom offline), where ml-100k.zip dropped on the page still loads.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  launchChromium,
  openLab,
  screenshot,
  serveBuiltApp,
  text,
  waitForLab,
  type LabPage,
  type Served,
} from './helpers';

let served: Served;
let browser: Browser;
let lab: LabPage;

beforeAll(async () => {
  served = await serveBuiltApp();
  browser = await launchChromium({ webgpu: false });
  lab = await openLab(browser, served.url);
});

afterAll(async () => {
  await lab?.close();
  await browser?.close();
  await served?.close();
});

describe('RecLab without WebGPU', () => {
  it('falls back to another backend and says why', async () => {
    const { page } = lab;
    await waitForLab(page);
    const badge = page.getByTestId('backend-badge');
    const backend = await badge.getAttribute('data-backend');
    expect(['wasm', 'webgl', 'cpu']).toContain(backend);
    expect(await badge.textContent()).toMatch(/WebGPU unavailable: .+; using (wasm|webgl|cpu)/);
    await badge.click();
    expect(await text(page, 'self-check')).toMatch(/^passed/);
    await screenshot(page, 'fallback-no-webgpu');
    await page.keyboard.press('Escape');
    expect(lab.errors).toEqual([]);
  });

  it('loads both built-in synthetic sets', async () => {
    const { page } = lab;
    await page.getByTestId('pick-synthetic-random').click();
    await expect.poll(() => text(page, 'stat-ratings'), { timeout: 60_000 }).toBe('50,000');
    expect(await text(page, 'stat-users')).toBe('1,000');
    expect(await text(page, 'stat-items')).toBe('500');
    // Implicit data: the rating histogram gives way to interactions per item, drawn from the transferred counts.
    await expect
      .poll(() => page.locator('[data-testid="chart-ratings"] .recharts-bar-rectangle').count())
      .toBeGreaterThan(3);
    await screenshot(page, 'synthetic-random');

    await page.getByTestId('pick-synthetic-structured').click();
    await expect.poll(() => text(page, 'dataset-name'), { timeout: 60_000 }).toMatch(/structured/i);
    await waitForLab(page);
    expect(await page.locator('[data-testid="chart-popularity"] .recharts-area-area').count()).toBe(1);
    expect(await text(page, 'stat-timespan')).not.toBe('none');
    await page.getByTestId('prep-split').selectOption('loo');
    await expect
      .poll(async () => (await page.getByTestId('prep-summary').textContent()) ?? '', { timeout: 60_000 })
      .toContain('no test pair in training');
    await screenshot(page, 'synthetic-structured');
    expect(lab.errors).toEqual([]);
  });

  it('says on the MovieLens card when the installed copy differs from the official files', async () => {
    const notice =
      'u.item differs from the official file (SHA-256 0123456789ab..., expected 2dbd0b1e1f1e...)';
    const altered = await openLab(browser, served.url, async (context) => {
      await context.route('**/data/manifest.json', async (route) => {
        const real = (await (await route.fetch()).json()) as Record<string, Record<string, unknown>>;
        await route.fulfill({ json: { 'ml-100k': { ...real['ml-100k'], notice } } });
      });
    });
    try {
      const { page } = altered;
      await waitForLab(page);
      const card = page.getByTestId('pick-ml-100k');
      expect(await card.isDisabled()).toBe(false);
      expect(await card.getByTestId('movielens-notice').textContent()).toBe(`Note: ${notice}`);
      expect(altered.errors).toEqual([]);
    } finally {
      await altered.close();
    }
  });

  it('opens on the structured set when MovieLens is missing, and loads a dropped ml-100k.zip', async () => {
    // A second page whose data manifest says MovieLens was never downloaded.
    const offline = await openLab(browser, served.url, async (context) => {
      await context.route('**/data/manifest.json', (route) =>
        route.fulfill({
          json: { 'ml-100k': { available: false, files: [], reason: 'no network and no local copy' } },
        }),
      );
    });
    try {
      const { page } = offline;
      await waitForLab(page);
      expect(await text(page, 'dataset-name')).toMatch(/structured/i);
      const ml = page.getByTestId('pick-ml-100k');
      expect(await ml.isDisabled()).toBe(true);
      expect(await ml.textContent()).toContain('MOVIELENS_SOURCE');

      // Zip the prepared copy the way GroupLens ships it, then drop it on the page.
      const folder = path.join(ROOT, 'public', 'data', 'ml-100k');
      const entries: Record<string, Uint8Array> = {};
      for (const name of await readdir(folder))
        entries[`ml-100k/${name}`] = await readFile(path.join(folder, name));
      const dir = path.join(ROOT, 'test-results', 'tmp');
      await mkdir(dir, { recursive: true });
      const zipPath = path.join(dir, 'ml-100k.zip');
      await writeFile(zipPath, zipSync(entries, { level: 6 }));
      await page.evaluate(`(() => {
        const input = document.createElement('input');
        input.type = 'file';
        input.id = 'drop-source';
        input.hidden = true;
        document.body.append(input);
      })()`);
      await page.locator('#drop-source').setInputFiles(zipPath);
      await page.evaluate(`(() => {
        const dt = new DataTransfer();
        dt.items.add(document.getElementById('drop-source').files[0]);
        for (const type of ['dragenter', 'dragover', 'drop']) {
          document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        }
      })()`);
      await expect.poll(() => text(page, 'dataset-name'), { timeout: 60_000 }).toMatch(/MovieLens 100K/i);
      await waitForLab(page);
      await rm(zipPath);
      expect(await text(page, 'stat-users')).toBe('943');
      expect(await text(page, 'stat-items')).toBe('1,682');
      expect(await text(page, 'stat-ratings')).toBe('100,000');
      // The official splits came with the zip.
      expect(await page.getByTestId('prep-split').locator('option[value="official:u1"]').count()).toBe(1);
      await screenshot(page, 'offline-dropped-zip');
      expect(offline.errors).toEqual([]);
    } finally {
      await offline.close();
    }
  });
});
