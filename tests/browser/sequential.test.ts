/**
 * The Sequential stage in headless Chromium, as a user drives it: MovieLens-100k, seed 000's CNN and then
 * its LSTM for one epoch on the quick look's 100 users, live curves while each trains, the held-out
 * figures, user 1's latest movies and both models' top 5 next movies side by side with titles, a sequence
 * built by title search, and the comparison of the two runs against popularity.
 *
 * On the automatic backend, which is WASM here: SwiftShader's software WebGPU trains these models at about
 * 20 samples/s (nine minutes for the CNN's one epoch on 100 users), the NCF test covers the WebGPU path.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  SCREENSHOTS,
  launchChromium,
  openLab,
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

const seq = (page: Page) => page.locator('#sequential');

const points = async (page: Page, testId: string): Promise<number> =>
  Number((await seq(page).getByTestId(testId).getAttribute('data-points')) ?? 0);

/** A figure as the metric cards print it: never NaN, never the dash of a missing value. */
const FIGURE = /^\d+\.\d{4}$/;

/** HR@10 of guessing among ML-100k's 1682 items. */
const CHANCE = 10 / 1682;

async function panelShot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  const clip = await seq(page).boundingBox();
  if (!clip) throw new Error('the Sequential panel is not on the page');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, clip });
}

/**
 * User 1 in u.data, as the stage orders a history: by time, ties in file order. The last item is the test,
 * and a model reads the items before it.
 */
async function user1(): Promise<{ titles: string[]; ids: string[]; heldOut: string }> {
  const dir = path.join(ROOT, 'public/data/ml-100k');
  const titles = new Map<string, string>();
  for (const line of (await readFile(path.join(dir, 'u.item'), 'latin1')).split('\n')) {
    const [id, title] = line.split('|');
    if (id) titles.set(id, title);
  }
  const rows: { item: string; ts: number }[] = [];
  for (const line of (await readFile(path.join(dir, 'u.data'), 'latin1')).split('\n')) {
    const [user, item, , ts] = line.split('\t');
    if (user === '1') rows.push({ item, ts: Number(ts) });
  }
  rows.sort((a, b) => a.ts - b.ts);
  const ids = rows.map((r) => r.item);
  const heldOut = ids.pop() as string;
  return { ids, titles: ids.map((i) => titles.get(i) ?? ''), heldOut: titles.get(heldOut) ?? '' };
}

async function train(page: Page, kind: string, label: string, no: number): Promise<string[]> {
  await seq(page).getByTestId(`model-${kind}`).click();
  expect(await seq(page).getByTestId(`model-${kind}`).getAttribute('aria-checked')).toBe('true');
  await seq(page).getByTestId('sequential-train.epochs').fill('1');
  await seq(page).getByTestId('train-button').click();
  const progress = seq(page).getByTestId('train-progress');
  await progress.waitFor({ timeout: 60_000 });
  // The batch-loss curve gains points while the epoch runs, not only at its end.
  await expect.poll(() => points(page, 'chart-batch-loss'), { timeout: 60_000 }).toBeGreaterThan(0);
  if (kind === 'lstm') await panelShot(page, 'sequential-training');
  await expect
    .poll(() => text(page, 'run-results'), { timeout: 240_000 })
    .toContain(`Run #${no}: ${label} on MovieLens 100K`);
  await progress.waitFor({ state: 'detached', timeout: 60_000 });
  const ids = ['seq-metric-hr', 'seq-metric-ndcg', 'seq-metric-mrr', 'seq-metric-accuracy'];
  const figures = await Promise.all(ids.map((id) => text(page, id)));
  for (const v of figures) expect(v).toMatch(FIGURE);
  expect(Number(figures[0])).toBeGreaterThan(CHANCE);
  expect(Number(figures[1])).toBeGreaterThan(0);
  expect(await points(page, 'chart-epoch-loss')).toBe(1);
  expect(await points(page, 'chart-epoch-metric')).toBe(1);
  const curves = page.locator('#sequential [data-testid="chart-batch-loss"] path.series');
  for (const d of await curves.evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? '')))
    expect(d).toMatch(/^M[\d.]+,[\d.]+L/);
  console.log(
    `Sequential ${kind}, 1 epoch, ML-100k users 1-100, last item held out, on ${await text(page, 'run-backend')}: HR@10 ${figures[0]}, NDCG@10 ${figures[1]}, MRR ${figures[2]}, top-1 ${figures[3]} (all among 1,682 items), ${await text(page, 'run-samples-per-second')}, ${await text(page, 'run-train-seconds')} training. ${await text(page, 'seq-floor')}`,
  );
  return figures;
}

describe('Sequential stage', () => {
  it('trains the CNN and then the LSTM for one epoch with live curves, and shows their figures', async () => {
    const { page } = lab;
    await waitForLab(page);
    expect(await text(page, 'dataset-name')).toMatch(/MovieLens 100K/i);
    expect(await text(page, 'seq-empty')).toContain('No run yet');
    await seq(page).getByTestId('sequential-quick').check();
    await seq(page).getByTestId('sequential-quick-users').fill('100');
    await expect.poll(() => page.url()).toContain('sequential.users=100');

    await train(page, 'cnn', '1D CNN (seed 000)', 1);
    await train(page, 'lstm', 'LSTM (seed 000)', 2);
    expect(await text(page, 'model-summary')).toContain('lstm_2');
    expect(await seq(page).textContent()).not.toContain('NaN');
    await panelShot(page, 'sequential-results');
    expect(lab.errors).toEqual([]);
  });

  it("shows user 1's latest movies and both models' top 5 next movies with titles", async () => {
    const { page } = lab;
    const predict = seq(page).getByTestId('seq-predict');
    expect(await predict.getByTestId('seq-user').inputValue()).toBe('1');
    const cols = predict.getByTestId('seq-col');
    const grid = predict.getByTestId('seq-predict-grid');
    await expect.poll(() => grid.getAttribute('data-loading'), { timeout: 60_000 }).toBe('false');
    expect(await cols.count()).toBe(2);
    const u = await user1();
    // The last five of the window the models read, oldest first, and the held-out movie after them.
    const history = await predict.getByTestId('seq-history-item').allTextContents();
    expect(history).toEqual(u.titles.slice(-5));
    expect(await text(page, 'seq-held-out')).toContain(u.heldOut);
    const seen = new Set(u.ids);
    for (const [j, name] of ['#1 CNN', '#2 LSTM'].entries()) {
      const col = cols.nth(j);
      expect(await col.locator('h4').textContent()).toContain(name);
      const items = col.getByTestId('seq-next-item');
      await expect.poll(() => items.count(), { timeout: 60_000 }).toBe(5);
      const titles = await items.locator('.seq-next-title').allTextContents();
      for (const t of titles) expect(t).toMatch(/\(\d{4}\)/);
      // Movies already watched are left out by default.
      const ids = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id') ?? ''));
      expect(ids.filter((id) => seen.has(id))).toEqual([]);
      console.log(`${name}'s top 5 after user 1's latest: ${titles.join('; ')}`);
    }
    await predict.scrollIntoViewIfNeeded();
    await panelShot(page, 'sequential-predict');

    // A sequence built by title search goes to both models.
    await predict.getByTestId('seq-mode-sequence').click();
    await predict.getByTestId('seq-search').fill('star wras');
    const result = predict.getByTestId('seq-result').first();
    await result.waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain('Star Wars (1977)');
    await result.click();
    expect(await predict.getByTestId('seq-chip').allTextContents()).toEqual(['1. Star Wars (1977)×']);
    // The user's columns stay, dimmed, until both models have answered for the sequence.
    await expect.poll(() => grid.getAttribute('data-loading'), { timeout: 60_000 }).toBe('false');
    expect(await predict.getByTestId('seq-history').count()).toBe(0);
    expect(await predict.getByTestId('seq-next-item').count()).toBe(10);
    const after = await predict.getByTestId('seq-next-item').locator('.seq-next-title').allTextContents();
    expect(after).not.toContain('Star Wars (1977)');
    console.log(`after Star Wars alone: ${after.join('; ')}`);
    expect(lab.errors).toEqual([]);
  });

  it('compares both runs in the table and the chart, popularity marked', async () => {
    const { page } = lab;
    const rows = page.locator('#sequential [data-testid="runs-table"] [data-testid="run-row"]');
    expect(await rows.count()).toBe(2);
    expect(await rows.allTextContents()).toEqual([
      expect.stringMatching(/^1CNN/),
      expect.stringMatching(/^2LSTM/),
    ]);
    expect(await points(page, 'seq-bars')).toBe(2);
    const bars = await seq(page)
      .getByTestId('seq-bar')
      .evaluateAll((els) => els.map((e) => e.textContent));
    expect(bars).toEqual([
      expect.stringMatching(/^#1 CNN0\.\d{3}$/),
      expect.stringMatching(/^#2 LSTM0\.\d{3}$/),
    ]);
    expect(await text(page, 'seq-pop-line')).toMatch(/^popularity 0\.\d{3}$/);
    expect(await seq(page).textContent()).not.toContain('NaN');
    await seq(page).getByTestId('seq-compare').scrollIntoViewIfNeeded();
    await panelShot(page, 'sequential-compare');
    console.log(`comparison: ${bars.join(', ')}, ${await text(page, 'seq-pop-line')}`);
    expect(lab.errors).toEqual([]);
  });
});
