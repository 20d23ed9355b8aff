/**
 * The lab in headless Chromium with WebGPU (SwiftShader): start-up, MovieLens-100k, uploads good and bad,
 * cancelling a parse, and forcing another backend. The tests share one page and run in order, because the
 * later ones check that an earlier dataset survives a failed load.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
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
  browser = await launchChromium({ webgpu: true });
  lab = await openLab(browser, served.url);
});

afterAll(async () => {
  await lab?.close();
  await browser?.close();
  await served?.close();
});

/** A small ratings table with a column order the sniffer cannot guess, a quoted comma and one bad rating. */
function courseRatings(): { csv: string; users: number; items: number; ratings: number; badRow: number } {
  const lines = ['learner,course,stars,day,comment'];
  const users = new Set<string>();
  const items = new Set<string>();
  let ratings = 0;
  let badRow = 0;
  for (let k = 0; k < 48; k++) {
    const learner = `learner-${(k * 7) % 11}`;
    const course = `course-${(k * 5) % 13}`;
    const day = `2024-02-${String(1 + (k % 28)).padStart(2, '0')}`;
    if (k === 17) {
      lines.push(`${learner},${course},abc,${day},"typo, sorry"`);
      badRow = lines.length;
      continue;
    }
    lines.push(`${learner},${course},${1 + (k % 5)},${day},"fine, thanks"`);
    users.add(learner);
    items.add(course);
    ratings++;
  }
  return { csv: `${lines.join('\n')}\n`, users: users.size, items: items.size, ratings, badRow };
}

describe('RecLab on WebGPU', () => {
  it('loads with no console errors, and the badge says webgpu', async () => {
    const { page } = lab;
    await waitForLab(page);
    const badge = page.getByTestId('backend-badge');
    expect(await badge.getAttribute('data-backend')).toBe('webgpu');
    expect(await badge.textContent()).toContain('webgpu');
    await badge.click();
    expect(await text(page, 'self-check')).toMatch(/^passed/);
    await screenshot(page, 'backend-details-webgpu');
    await page.keyboard.press('Escape');
    for (const heading of ['Data', 'NCF', 'Sequential', 'Two-tower', 'Similarity']) {
      await expect(page.getByRole('heading', { level: 2, name: heading }).count()).resolves.toBe(1);
    }
    // With MovieLens prepared (npm run test:browser does it), the lab opens on it rather than a built-in set.
    expect(await text(page, 'dataset-name')).toMatch(/MovieLens 100K/i);
    await screenshot(page, 'home-webgpu');
    expect(lab.errors).toEqual([]);
  });

  it('loads MovieLens-100k: 943 users, 1682 items, 100,000 ratings', async () => {
    const { page } = lab;
    // MovieLens is the default when prepare-data found it; picking it again must also work.
    await page.getByTestId('pick-ml-100k').click();
    await waitForLab(page);
    expect(await text(page, 'dataset-name')).toMatch(/MovieLens 100K/i);
    expect(await text(page, 'stat-users')).toBe('943');
    expect(await text(page, 'stat-items')).toBe('1,682');
    expect(await text(page, 'stat-ratings')).toBe('100,000');
    console.log(
      `ML-100k in the browser, parse + index + stats (download excluded): ${await text(page, 'load-millis')}`,
    );

    // The charts draw the data, not an empty frame.
    expect(await page.locator('[data-testid="chart-ratings"] .recharts-bar-rectangle').count()).toBe(5);
    expect(await page.locator('[data-testid="chart-popularity"] .recharts-area-area').count()).toBe(1);
    expect(
      await page.locator('[data-testid="chart-per-user"] .recharts-bar-rectangle').count(),
    ).toBeGreaterThan(2);
    expect(
      await page.locator('[data-testid="chart-genres"] .recharts-bar-rectangle').count(),
    ).toBeGreaterThan(5);
    // Titles come from u.item, decoded as Latin-1.
    const preview = page.getByTestId('preview-table');
    expect(await preview.textContent()).toContain('Kolya (1996)');

    await page.getByTestId('prep-split').selectOption('official:ua');
    await expect
      .poll(async () => (await page.getByTestId('prep-summary').textContent()) ?? '', { timeout: 60_000 })
      .toContain('no test pair in training');
    expect(page.url()).toContain('split=official%3Aua');
    await screenshot(page, 'movielens-100k');
    expect(lab.errors).toEqual([]);
  });

  it('parses a CSV uploaded through the file input, after the column mapping', async () => {
    const { page } = lab;
    const data = courseRatings();
    await page.getByTestId('file-input').setInputFiles({
      name: 'course-ratings.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(data.csv),
    });
    const mapping = page.getByTestId('column-mapping');
    await mapping.waitFor();
    expect(await mapping.textContent()).toContain('learner');
    await page.getByTestId('mapping-user').selectOption('0');
    await page.getByTestId('mapping-item').selectOption('1');
    await page.getByTestId('mapping-rating').selectOption('2');
    await page.getByTestId('mapping-timestamp').selectOption('3');
    await screenshot(page, 'upload-column-mapping');
    await page.getByTestId('mapping-confirm').click();

    await expect.poll(() => text(page, 'dataset-name'), { timeout: 60_000 }).toBe('course-ratings.csv');
    expect(await text(page, 'stat-users')).toBe(String(data.users));
    expect(await text(page, 'stat-items')).toBe(String(data.items));
    expect(await text(page, 'stat-ratings')).toBe(String(data.ratings));
    expect(await text(page, 'skipped-notice')).toContain(
      `1 row skipped; first: row ${data.badRow}: rating 'abc'`,
    );
    expect(await page.locator('[data-testid="chart-ratings"] .recharts-bar-rectangle').count()).toBe(5);
    await screenshot(page, 'upload-csv');
    expect(lab.errors).toEqual([]);
  });

  it('shows the error of a malformed upload and keeps the previous dataset', async () => {
    const { page } = lab;
    const rows = Array.from({ length: 12 }, (_, k) => `u${k},i${k},n/a`);
    await page.getByTestId('file-input').setInputFiles({
      name: 'broken.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['user,item,rating', ...rows].join('\n')),
    });
    await page.getByTestId('column-mapping').waitFor();
    await page.getByTestId('mapping-confirm').click();
    const error = page.getByTestId('load-error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toMatch(/broken\.csv.*row 2: rating 'n\/a' is not a number/);
    expect(await text(page, 'dataset-name')).toBe('course-ratings.csv');
    expect(await error.textContent()).toContain('Still showing course-ratings.csv');
    await screenshot(page, 'upload-malformed');

    // A binary file fails before the mapping step, with its own message.
    await page.getByTestId('file-input').setInputFiles({
      name: 'photo.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3,
      ]),
    });
    await expect.poll(() => text(page, 'load-error')).toMatch(/Could not load photo\.csv: .*binary/i);
    expect(await text(page, 'dataset-name')).toBe('course-ratings.csv');
    await screenshot(page, 'upload-binary');
    expect(lab.errors).toEqual([]);
  });

  it('shows parse progress in bytes and rows, and cancels', async () => {
    const { page } = lab;
    const dir = path.join(ROOT, 'test-results', 'tmp');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'big-ratings.csv');
    const lines = ['user,item,rating,timestamp'];
    for (let k = 0; k < 1_500_000; k++)
      lines.push(`${k % 50_000},${(k * 7919) % 20_000},${1 + (k % 5)},${1_600_000_000 + k}`);
    await writeFile(file, `${lines.join('\n')}\n`);
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('column-mapping').waitFor();
    await page.getByTestId('mapping-confirm').click();
    const progress = page.getByTestId('load-progress');
    await expect
      .poll(async () => (await progress.textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/MB of [\d.]+ MB · [\d,]*[1-9][\d,]* rows/);
    await screenshot(page, 'parse-progress');
    const t0 = Date.now();
    await page.getByTestId('cancel-job').click();
    await progress.waitFor({ state: 'detached', timeout: 10_000 });
    console.log(`cancel to progress gone: ${Date.now() - t0} ms (including Playwright round-trips)`);
    // Only now: the page's File reads the bytes from disk as it goes.
    await rm(file);
    expect(await page.getByTestId('load-error').count()).toBe(0);
    expect(await text(page, 'dataset-name')).toBe('course-ratings.csv');
    expect(lab.errors).toEqual([]);
  });

  it('forces another backend from the badge, and remembers it in the URL', async () => {
    const { page } = lab;
    await page.getByTestId('pick-synthetic-random').click();
    await waitForLab(page);
    await page.getByTestId('backend-badge').click();
    await page.getByTestId('backend-choice').selectOption('cpu');
    await page.locator('[data-testid="backend-badge"][data-backend="cpu"]').waitFor({ timeout: 60_000 });
    await waitForLab(page);
    expect(page.url()).toContain('backend=cpu');
    expect(await text(page, 'backend-reason')).toContain('cpu forced in settings');
    // The dataset on screen is loaded again in the restarted worker.
    expect(await text(page, 'stat-ratings')).toBe('50,000');
    await screenshot(page, 'forced-cpu');
    expect(lab.errors).toEqual([]);
  });
});
