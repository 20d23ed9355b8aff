/**
 * `npm run bench:browser-scale [-- --rows 25000000] [--file ratings.csv] [--steps 300]`: seed 002's scale in
 * the built app. Generates an ML-32M-shaped ratings.csv (`npm run gen:large`) unless --file is given, drops it
 * on the page in headless Chromium on WASM, then trains seed 002's NeuMF on it until --steps batches have
 * run, and reports load time, the page's processes' peak memory, and training speed. It needs `npm run build`
 * first and a few GB of memory; it is a measurement, not part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import {
  launchChromium,
  openLab,
  ROOT,
  screenshot,
  serveBuiltApp,
  waitForLab,
} from '../tests/browser/helpers';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '25000000' },
    file: { type: 'string' },
    steps: { type: 'string', default: '300' },
  },
});

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Resident memory of every Chromium process (browser, renderer, GPU, utility), from /proc. */
function chromiumRss(): number {
  const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => Number(l.trim()) * 1024)
    .filter((n) => Number.isFinite(n))
    .reduce((a, b) => a + b, 0);
}

function ensureFile(): string {
  if (values.file) return path.resolve(values.file);
  const out = path.join(tmpdir(), `reclab-large-${values.rows}.csv`);
  if (!existsSync(out)) {
    console.log(`generating ${values.rows} rows into ${out}...`);
    execFileSync('npx', ['tsx', 'scripts/gen-large.ts', '--rows', String(values.rows), '--out', out], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  return out;
}

async function text(page: Page, scope: string, id: string): Promise<string> {
  const loc = page.locator(scope).getByTestId(id);
  return (await loc.count()) > 0 ? ((await loc.first().textContent()) ?? '').trim() : '';
}

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'index.html'))) throw new Error('run `npm run build` first');
  const file = ensureFile();
  const bytes = statSync(file).size;
  const served = await serveBuiltApp();
  const browser = await launchChromium({ webgpu: false });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 500);
  try {
    const lab = await openLab(browser, `${served.url}?backend=wasm`);
    const { page } = lab;
    await waitForLab(page);
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('load-progress').waitFor({ timeout: 60_000 });
    await page.getByTestId('load-progress').waitFor({ state: 'detached', timeout: 3_600_000 });
    const loadSeconds = (Date.now() - t0) / 1000;
    const ratings = await text(page, 'body', 'stat-ratings');
    console.log(
      `loaded ${mb(bytes)} in ${loadSeconds.toFixed(1)} s (${(bytes / 1e6 / loadSeconds).toFixed(1)} MB/s); ` +
        `ratings tile: ${ratings}; chromium peak RSS so far ${mb(peak)}`,
    );
    await screenshot(page, 'scale-loaded');
    const ncf = page.locator('#ncf');
    await ncf.getByTestId('preset-select').selectOption('002');
    const usePrep = ncf.getByRole('button', { name: 'Use the preset’s' });
    if ((await usePrep.count()) > 0) await usePrep.click();
    const tTrain = Date.now();
    await ncf.getByTestId('train-button').click();
    const steps = Number(values.steps);
    let last = '';
    for (;;) {
      last = await text(page, '#ncf', 'train-progress-text');
      const m = /batch ([\d,]+) of/.exec(last);
      if (m && Number(m[1].replace(/,/g, '')) >= steps) break;
      if (Date.now() - tTrain > 3_600_000) throw new Error(`no ${steps} steps within an hour: ${last}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
    console.log(`after ${((Date.now() - tTrain) / 1000).toFixed(0)} s (prepare + ${steps} steps): ${last}`);
    await screenshot(page, 'scale-training');
    await ncf.getByTestId('train-cancel').click();
    console.log(`chromium peak RSS ${mb(peak)}; page errors: ${lab.errors.length ? lab.errors : 'none'}`);
    await lab.close();
  } finally {
    clearInterval(sampler);
    await browser.close();
    await served.close();
  }
}

await main();
