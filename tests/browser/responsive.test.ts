/**
 * The page stays responsive while a model trains: long tasks on the main thread are measured with a
 * PerformanceObserver during one ML-100k epoch of NeuMF on WASM, and screenshots taken mid-training show the
 * batch curve moving.
 *
 * Allowance. While the first epoch streams progress, a task may pass the 50 ms budget by at most
 * STREAM_SLACK_MS, and all such overruns together may take at most 5% of the time: CI runs Chromium's main
 * thread, its GPU process, the training worker and Node on two cores, and a publish that takes 20 ms alone
 * can be preempted past 50. A few one-off renders may pass it, at most ALLOWED, none over WORST_MS: the
 * run's start (the charts and progress mounting, the form disabling), the end of an epoch (its report
 * draws the per-epoch charts once), and the end of the run (metric cards, model summary, runs table and
 * recommendations appearing at once). None of these repeats per progress message.
 */
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  openLab,
  serveBuiltApp,
  SCREENSHOTS,
  waitForLab,
  type LabPage,
  type Served,
} from './helpers';
import path from 'node:path';

const STREAM_SLACK_MS = 50;
const ALLOWED = 6;
const WORST_MS = 400;

let served: Served;
let browser: Browser;
let lab: LabPage;

beforeAll(async () => {
  served = await serveBuiltApp();
  browser = await launchChromium({ webgpu: false });
  lab = await openLab(browser, `${served.url}?backend=wasm`, async (context) => {
    await context.addInitScript(() => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
  });
});

afterAll(async () => {
  await lab?.close();
  await browser?.close();
  await served?.close();
});

describe('the page while a model trains', () => {
  it('has no long task from progress during an ML-100k epoch on WASM, and its curve moves', async () => {
    const { page } = lab;
    await waitForLab(page);
    const ncf = page.locator('#ncf');
    await ncf.getByTestId('model-neumf').click();
    await ncf.getByTestId('ncf-train.epochs').fill('2');
    const t0 = await page.evaluate(() => performance.now());
    await ncf.getByTestId('train-button').click();
    const chart = ncf.getByTestId('chart-batch-loss');
    await chart.locator('svg').waitFor({ timeout: 60_000 });
    // Epoch 1 is measured untouched: it streams from the curve's first points until its report draws the
    // per-epoch charts, a moment the page notes itself. Epoch 2 is for the screenshots, which make the page
    // paint on demand.
    const streamStart = await page.evaluate(() => {
      const w = window as unknown as { epochDrawnAt: number | null };
      w.epochDrawnAt = null;
      const el = document.querySelector('#ncf [data-testid="chart-epoch-loss"]');
      if (el)
        new MutationObserver(() => (w.epochDrawnAt ??= performance.now())).observe(el, {
          attributes: true,
          attributeFilter: ['data-points'],
        });
      return performance.now();
    });
    await ncf.locator('[data-testid="chart-epoch-loss"][data-points="1"]').waitFor({ timeout: 240_000 });
    const drawnAt = await page.evaluate(() => (window as unknown as { epochDrawnAt: number }).epochDrawnAt);
    const first = Number(await chart.getAttribute('data-points'));
    const shotA = path.join(SCREENSHOTS, 'training-mid-a.png');
    await chart.screenshot({ path: shotA });
    await page.waitForTimeout(1200);
    const shotB = path.join(SCREENSHOTS, 'training-mid-b.png');
    await chart.screenshot({ path: shotB });
    const second = Number(await chart.getAttribute('data-points'));
    const shotsEnd = await page.evaluate(() => performance.now());
    await ncf.getByTestId('run-results').waitFor({ timeout: 240_000 });
    const t1 = await page.evaluate(() => performance.now());

    // The curve moved between the two screenshots: more points, and a different picture.
    expect(second).toBeGreaterThan(first);
    expect(Buffer.compare(await readFile(shotA), await readFile(shotB))).not.toBe(0);

    const long = await page.evaluate(
      ([from, to]) =>
        (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter(
          (t) => t.start >= from && t.start <= to,
        ),
      [t0, t1],
    );
    const total = long.reduce((a, t) => a + t.duration, 0);
    console.log(
      long.map((t) => `${Math.round(t.start - t0)} ms: ${Math.round(t.duration)} ms`).join('; '),
      `epoch 1 streamed ${Math.round(streamStart - t0)}-${Math.round(drawnAt - t0)} ms`,
    );
    console.log(
      `long tasks during the run (${((t1 - t0) / 1000).toFixed(1)} s): ${long.length}, ${Math.round(total)} ms in all, longest ${Math.round(Math.max(0, ...long.map((t) => t.duration)))} ms`,
    );
    // The task that drew the epoch's charts is the one running when the chart took its point.
    const streaming = long.filter((t) => t.start >= streamStart && t.start + t.duration < drawnAt);
    const overrun = streaming.reduce((a, t) => a + t.duration - 50, 0);
    for (const t of streaming)
      expect(t.duration, 'a task while progress streamed').toBeLessThan(50 + STREAM_SLACK_MS);
    expect(overrun, 'time over budget while progress streamed').toBeLessThan(0.05 * (drawnAt - streamStart));
    // The one-off renders: the run's start, the task that drew epoch 1's charts, and the run's end (after
    // the screenshots, which take paints of their own).
    const oneOff = long.filter(
      (t) =>
        t.start + t.duration < streamStart ||
        (t.start <= drawnAt && drawnAt <= t.start + t.duration) ||
        t.start > shotsEnd,
    );
    expect(oneOff.length).toBeLessThanOrEqual(ALLOWED);
    for (const t of oneOff) expect(t.duration).toBeLessThan(WORST_MS);
    expect(lab.errors).toEqual([]);
  });
});
