/**
 * The Similarity stage in headless Chromium on the automatic backend (WASM: SwiftShader's WebGPU is passed
 * over), as a user drives it: with no model trained, train the quick MF from the panel, search "Toy Story"
 * by keyboard and read its neighbours, check the 2D map paints every movie and answers hover, wheel and
 * click, switch distance, and download the exports.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
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

const sim = (page: Page) => page.locator('#similarity');

async function panelShot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  const clip = await sim(page).boundingBox();
  if (!clip) throw new Error('the Similarity panel is not on the page');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, clip });
}

/** What the map's canvas holds: points painted (pixels that are not the white background) and a digest. */
async function canvasPixels(
  canvas: Locator,
): Promise<{ painted: number; digest: number; spots: number[][] }> {
  return canvas.evaluate((el: HTMLCanvasElement) => {
    const ctx = el.getContext('2d');
    if (!ctx) return { painted: 0, digest: 0, spots: [] };
    const { data, width, height } = ctx.getImageData(0, 0, el.width, el.height);
    let painted = 0;
    let digest = 0;
    const spots: number[][] = [];
    for (let p = 0; p < width * height; p++) {
      const [r, g, b] = [data[4 * p], data[4 * p + 1], data[4 * p + 2]];
      digest = (digest * 31 + r + 7 * g + 13 * b) % 1_000_000_007;
      if (r > 245 && g > 245 && b > 245) continue;
      painted++;
      // Spots away from the edges (the zoom buttons sit in the top right), every so often.
      const x = p % width;
      const y = Math.floor(p / width);
      if (painted % 97 === 0 && x > 20 && y > 50 && x < width - 20 && y < height - 20) spots.push([x, y]);
    }
    const ratio = el.width / el.getBoundingClientRect().width;
    return { painted, digest, spots: spots.map(([x, y]) => [x / ratio, y / ratio]) };
  });
}

const allPairsMillis = async (page: Page): Promise<string> =>
  (await sim(page).getByTestId('similarity-all-pairs').textContent())?.match(/in ([\d.,]+ m?s)/)?.[1] ?? '';

describe('Similarity stage', () => {
  it('trains the quick MF from the empty panel and lists every movie with its nearest', async () => {
    const { page } = lab;
    await waitForLab(page);
    expect(await page.getByTestId('backend-badge').getAttribute('data-backend')).toBe('wasm');
    await sim(page).getByTestId('similarity-no-sources').waitFor();
    expect(await sim(page).getByTestId('similarity-no-sources').textContent()).toContain('NCF stage');

    const started = performance.now();
    await sim(page).getByTestId('similarity-train-quick').click();
    await sim(page).getByTestId('similarity-quick-progress').waitFor({ timeout: 30_000 });
    await sim(page).getByTestId('similarity-table-row').first().waitFor({ timeout: 240_000 });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const done = (await sim(page).getByTestId('similarity-quick-done').textContent()) ?? '';
    expect(done).toMatch(/HR@10 over all items 0\.\d{3}/);
    expect(await sim(page).getByTestId('similarity-source').locator('option:checked').textContent()).toBe(
      'Quick MF #1 · MF · factors (32-d)',
    );

    // Seed 003's table, paged over all 1,682 movies: each with genres, its nearest, and the distance.
    const rows = sim(page).getByTestId('similarity-table-row');
    expect(await rows.count()).toBe(20);
    expect(await sim(page).getByTestId('similarity-page').textContent()).toBe('Movies 1–20 of 1,682');
    const first = await rows.first().locator('td').allTextContents();
    expect(first[1]).toMatch(/\(\d{4}\)/);
    expect(first[2]).toMatch(/\(\d{4}\)/);
    expect(Number(first[3])).toBeGreaterThanOrEqual(0);
    await sim(page).getByTestId('similarity-next').click();
    await expect
      .poll(() => sim(page).getByTestId('similarity-page').textContent())
      .toBe('Movies 21–40 of 1,682');
    const cosine = await allPairsMillis(page);
    console.log(
      `quick MF from the panel, trained and tabled in ${seconds} s (${done}); all pairs by cosine: ${cosine}`,
    );

    // Agreement per source, against random pairs.
    const agreement = await sim(page).getByTestId('similarity-agreement-row').first().textContent();
    const [model, random] = (agreement?.match(/(\d\.\d\d) vs random (\d\.\d\d)/) ?? []).slice(1).map(Number);
    expect(model).toBeGreaterThan(random + 0.1);
    console.log(`agreement: ${agreement}`);
    expect(lab.errors).toEqual([]);
  });

  it('finds Toy Story despite a typo and lists its neighbours with titles', async () => {
    const { page } = lab;
    const search = sim(page).getByTestId('similarity-search');
    await search.fill('toy stroy');
    const option = sim(page).getByTestId('similarity-search-option').first();
    await option.waitFor();
    expect(await option.textContent()).toContain('Toy Story (1995)');
    expect(await search.getAttribute('aria-expanded')).toBe('true');
    await search.press('ArrowDown');
    await search.press('ArrowUp');
    await search.press('Enter');
    await expect
      .poll(() => sim(page).getByTestId('similarity-picked-title').textContent())
      .toBe('Toy Story (1995)');
    const neighbours = sim(page).getByTestId('similarity-neighbour');
    await expect.poll(() => neighbours.count()).toBe(10);
    const listed = await neighbours.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
    );
    for (const [rank, title, year, value] of listed) {
      expect(title).toMatch(/\(\d{4}\)/);
      expect(title).not.toContain('Toy Story (1995)');
      expect(year).toMatch(/^\d{4}$/);
      expect(Number(value)).toBeGreaterThanOrEqual(0);
      expect(Number(rank)).toBeGreaterThan(0);
    }
    expect(await sim(page).getByTestId('similarity-overlap').textContent()).toMatch(/squared Euclidean/);
    console.log(
      `Toy Story's nearest by cosine: ${listed.map((r) => r[1].replace(/\)[^)]*$/, ')')).join('; ')}`,
    );
    expect(lab.errors).toEqual([]);
  });

  it('maps every movie on a canvas that hovers, zooms and picks', async () => {
    const { page } = lab;
    const caption = sim(page).getByTestId('similarity-map-caption');
    await caption.waitFor({ timeout: 120_000 });
    expect(await caption.textContent()).toMatch(/PCA: the first axis explains [\d.]+% of the variance/);
    const canvas = sim(page).getByTestId('similarity-map-canvas');
    expect(await canvas.getAttribute('data-points')).toBe('1682');
    await panelShot(page, 'similarity');
    // The mouse works in the viewport: bring the map into it (the capture scrolled to the top).
    await canvas.scrollIntoViewIfNeeded();
    const toyStory = await canvas.getAttribute('data-picked');
    expect(toyStory).not.toBe('');
    const before = await canvasPixels(canvas);
    expect(before.painted).toBeGreaterThan(2000);
    expect(await sim(page).getByTestId('similarity-legend').textContent()).toContain('Drama');

    // Hover a painted spot until a title shows, then click it: the selection moves to that movie.
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas box');
    let picked = toyStory;
    for (const [x, y] of before.spots) {
      await page.mouse.move(box.x + x, box.y + y);
      const tip = sim(page).getByTestId('similarity-map-tip');
      if ((await tip.count()) === 0) continue;
      const title = (await tip.locator('b').textContent()) ?? '';
      if (title === 'Toy Story (1995)') continue;
      await page.mouse.click(box.x + x, box.y + y);
      await expect.poll(() => sim(page).getByTestId('similarity-picked-title').textContent()).toBe(title);
      picked = await canvas.getAttribute('data-picked');
      console.log(`picked on the map: ${title}`);
      break;
    }
    expect(picked).not.toBe(toyStory);
    await expect.poll(() => sim(page).getByTestId('similarity-neighbour').count()).toBe(10);

    // The wheel zooms (the picture changes) and Reset brings the fitted view back. The pointer leaves the
    // canvas before each reading, so no hover ring is in the picture.
    const away = () => page.mouse.move(box.x - 10, box.y - 10);
    await away();
    await expect.poll(() => sim(page).getByTestId('similarity-map-tip').count()).toBe(0);
    const fitted = await canvasPixels(canvas);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await expect.poll(async () => (await canvasPixels(canvas)).digest).not.toBe(fitted.digest);
    await away();
    await sim(page).getByRole('button', { name: 'Reset' }).click();
    await expect.poll(async () => (await canvasPixels(canvas)).digest).toBe(fitted.digest);
    await panelShot(page, 'similarity-picked');
    expect(lab.errors).toEqual([]);
  });

  it('switches distance and downloads the Projector files and the neighbours', async () => {
    const { page } = lab;
    await sim(page).getByTestId('similarity-distance-dot').check();
    await expect
      .poll(() => sim(page).getByTestId('similarity-all-pairs').textContent())
      .toContain('dot product');
    await expect.poll(() => page.url()).toContain('similarity.distance=dot');
    console.log(`all pairs by dot product: ${await allPairsMillis(page)}`);

    const files = new Map<string, string>();
    const saveNext = async (click: () => Promise<void>, count: number) => {
      const downloads = new Promise<void>((resolve) => {
        let seen = 0;
        page.on('download', async function onDownload(d) {
          files.set(d.suggestedFilename(), await readFile(await d.path(), 'utf8'));
          if (++seen === count) {
            page.off('download', onDownload);
            resolve();
          }
        });
      });
      await click();
      await downloads;
    };
    await saveNext(() => sim(page).getByRole('button', { name: 'vectors.tsv + metadata.tsv' }).click(), 2);
    await saveNext(
      () =>
        sim(page)
          .getByRole('button', { name: /Neighbours CSV/ })
          .click(),
      1,
    );
    const vectors = files.get('vectors.tsv')?.trim().split('\n') ?? [];
    expect(vectors).toHaveLength(1682);
    expect(vectors[0].split('\t')).toHaveLength(32);
    const metadata = files.get('metadata.tsv')?.trim().split('\n') ?? [];
    expect(metadata).toHaveLength(1683);
    expect(metadata[1]).toContain('Toy Story (1995)');
    const csv = [...files.entries()].find(([name]) => name.startsWith('neighbours-'))?.[1] ?? '';
    expect(csv.trim().split('\r\n')).toHaveLength(1 + 1682 * 10);
    expect(csv.split('\r\n')[0]).toContain('dot product');
    expect(lab.errors).toEqual([]);
  });
});
