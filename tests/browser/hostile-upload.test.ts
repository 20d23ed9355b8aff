/**
 * Hostile uploads through the real page, as a user drops them: a CRLF file with a block of LF lines,
 * a '#' preamble over ten bad first rows, and UTF-16 text. Each loads with the right counts and says
 * what it skipped or decided.
 */
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
  browser = await launchChromium({ webgpu: false });
  lab = await openLab(browser, served.url);
});

afterAll(async () => {
  await lab?.close();
  await browser?.close();
  await served?.close();
});

const HOSTILE = path.join(ROOT, 'tests', 'fixtures', 'hostile');

/** Uploads a fixture through the file input, accepts the suggested mapping and waits for the load. */
async function upload(name: string): Promise<void> {
  const { page } = lab;
  await page.getByTestId('file-input').setInputFiles(path.join(HOSTILE, name));
  await page.getByTestId('column-mapping').waitFor({ timeout: 30_000 });
  await page.getByTestId('mapping-confirm').click();
  await expect.poll(() => text(page, 'dataset-name'), { timeout: 30_000 }).toBe(name);
}

describe('hostile uploads through the page', () => {
  it('loads them with the right counts and says what it skipped or decided', async () => {
    const { page } = lab;
    await waitForLab(page);

    await upload('mixed-endings.csv');
    expect(await text(page, 'stat-ratings')).toBe('100');
    expect(await text(page, 'stat-users')).toBe('10');
    expect(await page.getByTestId('skipped-notice').count()).toBe(0);

    await upload('utf16le.csv');
    expect(await text(page, 'stat-ratings')).toBe('40');
    expect(await text(page, 'stat-items')).toBe('8');
    expect(await text(page, 'load-notices')).toContain('decoded as UTF-16 LE');

    await upload('preamble-bad-first-rows.csv');
    expect(await text(page, 'stat-ratings')).toBe('200');
    expect(await text(page, 'stat-users')).toBe('20');
    expect(await text(page, 'skipped-notice')).toContain(
      "10 rows skipped; first: row 4: rating 'n/a' is not a number",
    );
    expect(await text(page, 'load-notices')).toContain(
      "skipped 2 comment lines starting with '#' before row 3",
    );
    await screenshot(page, 'hostile-upload-preamble');
    expect(lab.errors).toEqual([]);
  });
});
