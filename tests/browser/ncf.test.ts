/**
 * The NCF stage in headless Chromium with WebGPU (SwiftShader), as a user drives it: MovieLens-100k, the NCF
 * paper's preset cut to one epoch of large batches through the form, live curves while it trains, the
 * metrics, recommendations that leave out what the user already rated, and stopping a run early.
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
  // WebGPU on purpose: the automatic choice would pass SwiftShader over for WASM.
  lab = await openLab(browser, `${served.url}?backend=webgpu`);
});

afterAll(async () => {
  await lab?.close();
  await browser?.close();
  await served?.close();
});

/** The NCF panel: every training stage has the same widgets, so lookups stay inside the panel. */
const ncf = (page: Page) => page.locator('#ncf');

/** A figure from the NCF panel alone: every training stage has the same widgets, with the same test ids. */
const inNcf = async (page: Page, testId: string): Promise<string> =>
  (await ncf(page).getByTestId(testId).textContent())?.trim() ?? '';

const points = async (page: Page, testId: string): Promise<number> =>
  Number((await ncf(page).getByTestId(testId).getAttribute('data-points')) ?? 0);

/** A number as the metric cards print it: never NaN, never the dash of a missing value. */
const FIGURE = /^\d+\.\d{4}$/;

/** The NCF panel alone, cut from a full-page capture taken from the top (so the sticky header stays put). */
async function panelShot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  const clip = await page.locator('#ncf').boundingBox();
  if (!clip) throw new Error('the NCF panel is not on the page');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, clip });
}

/**
 * User 1's items in u.data and the one leave-one-out holds out: the latest, the earliest row in file order
 * on a tie (as src/data/split.ts documents).
 */
async function user1Items(): Promise<{ rated: Set<string>; heldOut: string }> {
  const raw = await readFile(path.join(ROOT, 'public/data/ml-100k/u.data'), 'latin1');
  const rated = new Set<string>();
  let heldOut = '';
  let latest = -Infinity;
  for (const line of raw.split('\n')) {
    const [user, item, , ts] = line.split('\t');
    if (user !== '1') continue;
    rated.add(item);
    if (Number(ts) > latest) {
      latest = Number(ts);
      heldOut = item;
    }
  }
  return { rated, heldOut };
}

describe('NCF stage on WebGPU', () => {
  it('trains NeuMF on MovieLens-100k with live curves and shows its metrics', async () => {
    const { page } = lab;
    await waitForLab(page);
    expect(await text(page, 'dataset-name')).toMatch(/MovieLens 100K/i);

    await ncf(page).getByTestId('preset-select').selectOption('ncf-paper');
    expect(await ncf(page).getByTestId('model-neumf').getAttribute('aria-checked')).toBe('true');
    expect(await inNcf(page, 'preset-card')).toContain('Sampled HR@10 flatters every model');
    // The preset sets the Data stage's preparation: leave-one-out over every rating.
    await expect.poll(() => page.getByTestId('prep-split').inputValue()).toBe('loo');
    expect(page.url()).toContain('preset=ncf-paper');

    // SwiftShader runs WebGPU on the CPU, about a hundred times slower than WASM: one epoch of large batches
    // on the quick look's 100 users keeps the run near a minute. All three are ordinary controls.
    await ncf(page).getByTestId('ncf-train.epochs').fill('1');
    await ncf(page).getByTestId('ncf-train.batchSize').fill('2048');
    await ncf(page).getByTestId('ncf-quick').check();
    await ncf(page).getByTestId('ncf-quick-users').fill('100');
    await expect.poll(() => page.url()).toContain('users=100');
    expect(page.url()).toContain('batchSize');

    await ncf(page).getByTestId('train-button').click();
    const progress = ncf(page).getByTestId('train-progress');
    await progress.waitFor({ timeout: 60_000 });
    // The batch-loss chart gains points while the run goes on, not only at its end.
    await expect.poll(() => points(page, 'chart-batch-loss'), { timeout: 120_000 }).toBeGreaterThan(0);
    const early = await points(page, 'chart-batch-loss');
    expect(await progress.count()).toBe(1);
    await expect.poll(() => points(page, 'chart-batch-loss'), { timeout: 120_000 }).toBeGreaterThan(early);
    const during = await inNcf(page, 'train-progress-text');
    if ((await progress.count()) > 0) await panelShot(page, 'ncf-training');
    console.log(`NCF progress while training: ${during}`);

    await ncf(page).getByTestId('run-results').waitFor({ timeout: 240_000 });
    await progress.waitFor({ state: 'detached', timeout: 60_000 });
    const hr = await inNcf(page, 'metric-hr-sampled');
    const ndcg = await inNcf(page, 'metric-ndcg-sampled');
    const hrFull = await inNcf(page, 'metric-hr-full');
    const ndcgFull = await inNcf(page, 'metric-ndcg-full');
    for (const v of [hr, ndcg, hrFull, ndcgFull]) expect(v).toMatch(FIGURE);
    // One epoch of NeuMF already ranks well above chance (10 of 101 candidates: 0.099).
    expect(Number(hr)).toBeGreaterThan(0.15);
    expect(Number(hrFull)).toBeLessThan(Number(hr));
    const backend = await inNcf(page, 'run-backend');
    expect(backend).toBe('webgpu');
    // Headless Chromium's WebGPU is SwiftShader: the panel says it is software and slower than WASM.
    expect(await inNcf(page, 'software-adapter')).toMatch(/swiftshader/i);
    const rate = await inNcf(page, 'run-samples-per-second');
    expect(rate).toMatch(/^[\d,]+ samples\/s$/);
    console.log(
      `NCF NeuMF, 1 epoch, batch 2048, ML-100k users 1-100, leave-one-out on ${backend}: HR@10 ${hr} (sampled), NDCG@10 ${ndcg} (sampled), HR@10 ${hrFull} (full), NDCG@10 ${ndcgFull} (full), ${rate}, ${await inNcf(page, 'run-train-seconds')} training`,
    );

    expect(await points(page, 'chart-epoch-loss')).toBe(1);
    expect(await points(page, 'chart-epoch-metric')).toBe(1);
    const curves = page.locator('[data-testid="chart-batch-loss"] path.series');
    expect(await curves.count()).toBe(2);
    // Both the raw and the smoothed curve are drawn, not empty paths.
    for (const d of await curves.evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? '')))
      expect(d).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(await ncf(page).getByTestId('model-summary').textContent()).toContain('Embedding');
    expect(await ncf(page).getByTestId('reported-table').textContent()).toContain('0.6660');
    expect(await page.locator('#ncf').textContent()).not.toContain('NaN');
    expect(await page.locator('[data-testid="runs-table"] [data-testid="run-row"]').count()).toBe(1);
    await panelShot(page, 'ncf-results');
    expect(lab.errors).toEqual([]);
  });

  it("recommends for user 1 only movies outside the user's training items", async () => {
    const { page } = lab;
    await ncf(page).getByTestId('recs-user').fill('1');
    await ncf(page).getByTestId('recs-k').fill('10');
    await ncf(page).getByTestId('recs-button').click();
    const rows = page.locator('[data-testid="recs-list"] [data-testid="rec-row"]');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(10);
    await expect.poll(() => inNcf(page, 'recs')).toContain('Top 10 for user 1');
    const recIds = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id') ?? ''));
    const historyIds = await page
      .locator('[data-testid="recs-history"] [data-testid="history-row"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id') ?? ''));

    const { rated, heldOut } = await user1Items();
    expect(rated.size).toBe(272);
    const training = new Set([...rated].filter((i) => i !== heldOut));
    expect(recIds.filter((id) => training.has(id))).toEqual([]);
    expect(new Set(recIds).size).toBe(10);
    // Beside them, the user's own top-rated training items, from the same split.
    expect(historyIds.length).toBe(10);
    for (const id of historyIds) expect(training.has(id)).toBe(true);
    expect(await inNcf(page, 'recs')).toContain('(10 of 271)');
    console.log(`recommendations for user 1: items ${recIds.join(', ')} (held-out item ${heldOut})`);
    await ncf(page).getByTestId('recs').scrollIntoViewIfNeeded();
    await panelShot(page, 'ncf-recommendations');
    expect(lab.errors).toEqual([]);
  });

  it('stops a run early and still evaluates what it learnt', async () => {
    const { page } = lab;
    await ncf(page).getByTestId('model-gmf').click();
    await ncf(page).getByTestId('ncf-train.epochs').fill('50');
    await ncf(page).getByTestId('train-button').click();
    await expect.poll(() => points(page, 'chart-batch-loss'), { timeout: 120_000 }).toBeGreaterThan(2);
    await ncf(page).getByTestId('train-pause').click();
    await ncf(page).getByTestId('train-resume').waitFor();
    await ncf(page).getByTestId('train-resume').click();
    await ncf(page).getByTestId('train-stop').click();
    await ncf(page).getByTestId('train-progress').waitFor({ state: 'detached', timeout: 120_000 });
    const rows = page.locator('[data-testid="runs-table"] [data-testid="run-row"]');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await inNcf(page, 'run-results')).toContain('Run #2: GMF');
    expect(await inNcf(page, 'run-results')).toContain('stopped by you');
    expect(await inNcf(page, 'metric-hr-sampled')).toMatch(FIGURE);
    expect(await inNcf(page, 'metric-hr-full')).toMatch(FIGURE);
    expect(await points(page, 'chart-runs-overlay')).toBeGreaterThan(0);
    await screenshot(page, 'ncf-page');
    expect(lab.errors).toEqual([]);
  });

  it('trains every other model from the panel, and each reports its figures', async () => {
    const { page } = lab;
    const kinds = ['itempop', 'mf', 'bpr', 'warp', 'gmf', 'mlp'];
    for (const [k, kind] of kinds.entries()) {
      await ncf(page).getByTestId(`model-${kind}`).click();
      expect(await ncf(page).getByTestId(`model-${kind}`).getAttribute('aria-checked')).toBe('true');
      const epochs = ncf(page).getByTestId('ncf-train.epochs');
      if ((await epochs.count()) > 0) await epochs.fill('1');
      await ncf(page).getByTestId('train-button').click();
      const rows = page.locator('[data-testid="runs-table"] [data-testid="run-row"]');
      await expect.poll(() => rows.count(), { timeout: 240_000 }).toBe(3 + k);
      await ncf(page).getByTestId('train-progress').waitFor({ state: 'detached', timeout: 60_000 });
      const figures = await Promise.all(
        ['metric-hr-sampled', 'metric-ndcg-sampled', 'metric-hr-full', 'metric-ndcg-full'].map((id) =>
          text(page, id),
        ),
      );
      for (const v of figures) expect(v).toMatch(FIGURE);
      // Every model, popularity included, ranks the held-out item above chance (10 of 101 candidates).
      expect(Number(figures[0])).toBeGreaterThan(0.099);
      const rate = kind === 'itempop' ? '-' : await inNcf(page, 'run-samples-per-second');
      if (kind !== 'itempop') expect(rate).toMatch(/^[\d,]+ samples\/s$/);
      console.log(
        `NCF ${kind}, 1 epoch, ML-100k users 1-100, leave-one-out on ${await inNcf(page, 'run-backend')}: HR@10 ${figures[0]} / NDCG@10 ${figures[1]} (sampled), ${figures[2]} / ${figures[3]} (full), ${rate}, ${await inNcf(page, 'run-train-seconds')} training`,
      );
    }
    expect(lab.errors).toEqual([]);
  });

  it("offers to load a preset's own dataset and sets its preparation", async () => {
    const { page } = lab;
    await ncf(page).getByTestId('preset-select').selectOption('000');
    expect(await ncf(page).getByTestId('model-mlp').getAttribute('aria-checked')).toBe('true');
    const notice = ncf(page).getByTestId('preset-dataset-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Random health content');
    await expect.poll(() => page.getByTestId('prep-split').inputValue()).toBe('random');
    await notice.getByRole('button', { name: 'Load Random health content' }).click();
    await expect.poll(() => text(page, 'dataset-name'), { timeout: 60_000 }).toMatch(/random/i);
    await notice.waitFor({ state: 'detached' });
    // The runs of the session stay, whatever is loaded now.
    expect(await page.locator('[data-testid="runs-table"] [data-testid="run-row"]').count()).toBe(8);
    expect(lab.errors).toEqual([]);
  });
});
