/**
 * The lab in headless Chromium with WebGPU (SwiftShader): start-up, MovieLens-100k, uploads good and bad,
 * cancelling a parse, and forcing another backend. The tests share one page and run in order, because the
 * later ones check that an earlier dataset survives a failed load.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
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

const TICKS = '.recharts-cartesian-axis-tick-value';

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (b === null) throw new Error(`${locator.toString()} is not on screen`);
  return b;
}

/** A chart's bars, x tick labels (with where they sit and whether they are turned) and axis titles. */
async function chartAxes(page: Page, testId: string) {
  const chart = page.getByTestId(testId);
  const ticks = await chart.locator(`.recharts-xAxis-tick-labels ${TICKS}`).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      const turned = /rotate\(-?[1-9]/.test(e.getAttribute('transform') ?? '');
      return { text: e.textContent ?? '', left: r.left, right: r.right, turned };
    }),
  );
  return {
    bars: await chart.locator('.recharts-bar-rectangle').count(),
    ticks,
    titles: await chart.locator('.recharts-label').allTextContents(),
  };
}

/** Every bar has its own label, and no two labels collide (turned ones stand 10 px apart across). */
function expectEveryBucketLabelled(axes: Awaited<ReturnType<typeof chartAxes>>): void {
  expect(axes.bars).toBeGreaterThan(2);
  expect(axes.ticks.map((t) => t.text.length > 0)).toEqual(Array(axes.bars).fill(true));
  for (let k = 1; k < axes.ticks.length; k++) {
    const [a, b] = [axes.ticks[k - 1], axes.ticks[k]];
    if (a.turned) expect((b.right - a.right) * Math.sin((40 * Math.PI) / 180)).toBeGreaterThanOrEqual(10);
    else expect(a.right).toBeLessThanOrEqual(b.left);
  }
}

describe('RecLab on WebGPU', () => {
  it('loads with no console errors, and the badge says why it passed SwiftShader over for WASM', async () => {
    const { page } = lab;
    await waitForLab(page);
    const badge = page.getByTestId('backend-badge');
    // The adapter here is SwiftShader, a CPU emulation: the automatic choice takes WASM and says why.
    expect(await badge.getAttribute('data-backend')).toBe('wasm');
    expect(await badge.textContent()).toMatch(/software adapter/i);
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
    // ML-100k has 19 genres (with "unknown"): all of them, rather than the first 12 unannounced.
    expect(await page.locator('[data-testid="chart-genres"] .recharts-bar-rectangle').count()).toBe(19);
    expect(await page.getByTestId('chart-genres').locator('figcaption').textContent()).toContain(
      'All 19 genres',
    );
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

  it('titles both axes of every chart, labels every histogram bucket, and cuts no sidebar line', async () => {
    const { page } = lab;
    await page.setViewportSize({ width: 1440, height: 1000 });
    const expected: Record<string, string[]> = {
      'chart-ratings': ['rating', 'ratings'],
      'chart-popularity': ['item rank, most popular first', 'ratings per item'],
      'chart-per-user': ['ratings per user', 'users'],
      'chart-genres': ['items', 'genre'],
    };
    for (const [id, titles] of Object.entries(expected)) {
      await expect.poll(async () => (await chartAxes(page, id)).titles).toEqual(titles);
    }
    // The sidebar's lines and the badge's reason use the room they have (two lines) instead of an ellipsis.
    const clipped = await page
      .locator('.toc-blurb, .badge-reason')
      .evaluateAll((els) =>
        els
          .filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
          .map((e) => e.textContent),
      );
    expect(clipped).toEqual([]);
    const ratings = await chartAxes(page, 'chart-ratings');
    expect(ratings.ticks.map((t) => t.text)).toEqual(['1', '2', '3', '4', '5']);
    expectEveryBucketLabelled(ratings);
    expectEveryBucketLabelled(await chartAxes(page, 'chart-per-user'));
    const genres = page.getByTestId('chart-genres').locator(`.recharts-yAxis-tick-labels ${TICKS}`);
    expect(await genres.count()).toBe(19);

    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => (await chartAxes(page, 'chart-per-user')).ticks.length).toBeGreaterThan(2);
    expectEveryBucketLabelled(await chartAxes(page, 'chart-ratings'));
    expectEveryBucketLabelled(await chartAxes(page, 'chart-per-user'));
  });

  it('at 390 px: a sticky stage bar, full-width intros, and the badge clear of the edge', async () => {
    const { page } = lab;
    await page.setViewportSize({ width: 390, height: 844 });
    const nav = page.getByTestId('stage-nav');
    expect(await nav.isVisible()).toBe(true);
    expect(await nav.locator('a').count()).toBe(5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const badge = await box(page.getByTestId('backend-badge'));
    expect(badge.x + badge.width).toBeLessThanOrEqual(390 - 8);
    // A stage not built yet: its intro takes the card's width, not a 140 px column beside the title.
    const panel = await box(page.locator('#two-tower'));
    const intro = await box(page.locator('#two-tower .panel-intro'));
    expect(intro.width).toBeGreaterThan(panel.width * 0.8);
    // The bar stays in view down the page and takes the reader to a stage.
    await nav.locator('a[href="#similarity"]').click();
    await expect
      .poll(async () => (await box(page.locator('#similarity'))).y, { timeout: 10_000 })
      .toBeLessThan(300);
    const bar = await box(nav);
    expect(bar.y).toBeGreaterThanOrEqual(0);
    expect(bar.y).toBeLessThan(20);
    expect(await nav.locator('a[href="#similarity"]').isVisible()).toBe(true);
    await screenshot(page, 'narrow-390');
    await page.setViewportSize({ width: 1360, height: 900 });
    expect(lab.errors).toEqual([]);
  });

  it('resets a histogram tooltip when the dataset changes under the pointer', async () => {
    const { page } = lab;
    // At this width the chart stays under the pointer across the change, so nothing but a reset hides it.
    await page.setViewportSize({ width: 1440, height: 1000 });
    const chart = page.getByTestId('chart-per-user');
    await chart.locator('.recharts-bar-rectangle').last().hover();
    const tooltip = chart.locator('.recharts-tooltip-wrapper');
    await expect.poll(() => tooltip.textContent()).toContain('512–1k ratings');
    // Another dataset arrives while the pointer rests on the chart (a click elsewhere would move it).
    await page.evaluate(() =>
      document.querySelector<HTMLElement>('[data-testid="pick-synthetic-structured"]')?.click(),
    );
    await expect.poll(() => text(page, 'dataset-name'), { timeout: 60_000 }).not.toMatch(/MovieLens/i);
    await waitForLab(page);
    expect(await tooltip.evaluate((e) => getComputedStyle(e).visibility)).toBe('hidden');
    await page.setViewportSize({ width: 1360, height: 900 });
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
    // Quoted ratings keep the file on the general (papaparse) reader, about 10 MB/s, so that 60 MB gives
    // several seconds to see progress and cancel; plain numeric lines now parse too fast for that.
    const lines = ['user,item,rating,timestamp'];
    for (let k = 0; k < 2_000_000; k++)
      lines.push(`${k % 50_000},${(k * 7919) % 20_000},"${1 + (k % 5)}",${1_600_000_000 + k}`);
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

  it('marks unmapped columns unused, and fits long ids and times in the preview at 1440 px', async () => {
    const { page } = lab;
    await page.setViewportSize({ width: 1440, height: 1000 });
    const lines = ['userId,movieId,rating,timestamp,,,,'];
    for (let k = 0; k < 40; k++) {
      const id = `${k.toString(16).padStart(8, '0')}-d8f1-4adf-91b7-584a2265b1f5`;
      lines.push(`${id},item-${id},${1 + (k % 5)},${1_600_000_000_000 + k * 123_456_789},,,,`);
    }
    await page.getByTestId('file-input').setInputFiles({
      name: 'long-ids.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${lines.join('\n')}\n`),
    });
    await page.getByTestId('column-mapping').waitFor();
    for (const j of [4, 5, 6, 7]) expect(await text(page, `mapping-col-${j}`)).toMatch(/^unused/);
    expect(await text(page, 'mapping-col-0')).toMatch(/^user/);
    expect(await text(page, 'mapping-unused')).toContain('4 columns are unused');
    await page.getByTestId('mapping-confirm').click();
    await expect.poll(() => text(page, 'dataset-name'), { timeout: 60_000 }).toBe('long-ids.csv');
    const wrap = page.getByTestId('preview').locator('.table-wrap');
    const fit = await wrap.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    const first = page.getByTestId('preview-table').locator('tbody tr').first();
    expect(await first.locator('td.id span').first().getAttribute('title')).toBe(
      '00000000-d8f1-4adf-91b7-584a2265b1f5',
    );
    expect(await first.locator('td').last().textContent()).toBe('2020-09-13 12:26');
    await screenshot(page, 'upload-long-ids');
    await page.setViewportSize({ width: 1360, height: 900 });
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
