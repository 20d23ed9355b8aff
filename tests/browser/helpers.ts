/**
 * Shared set-up for the browser tests: serve the built app with `vite preview` on a free port, drive Debian's
 * Chromium through playwright-core, collect console errors, and save screenshots.
 */
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** From DEVELOPERS.md: WebGPU on SwiftShader, so the GPU path is tested without a GPU. */
const WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--use-webgpu-adapter=swiftshader',
];
const COMMON_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** For the fallback run: WebGPU switched off outright, whatever this Chromium build enables by default. */
const NO_WEBGPU_FLAGS = [
  '--disable-features=WebGPU,Vulkan',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `dist/` (built by `npm run test:browser` before vitest starts). */
export async function serveBuiltApp(): Promise<Served> {
  const port = await freePort();
  const server: PreviewServer = await preview({
    root: ROOT,
    logLevel: 'warn',
    preview: { port, strictPort: true, host: '127.0.0.1', open: false },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => server.close(),
  };
}

export function launchChromium(opts: { webgpu: boolean }): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...(opts.webgpu ? WEBGPU_FLAGS : NO_WEBGPU_FLAGS), ...COMMON_FLAGS],
  });
}

export interface LabPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/** Opens the lab in a fresh context; `setup` can route requests (for example the data manifest) first. */
export async function openLab(
  browser: Browser,
  url: string,
  setup?: (context: BrowserContext) => Promise<void>,
): Promise<LabPage> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  await setup?.(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  // Workers log to the same page console in Chromium; their uncaught errors surface here too.
  page.on('worker', (w) =>
    w.on('console', (m) => m.type() === 'error' && errors.push(`worker: ${m.text()}`)),
  );
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/** Waits until the worker has picked a backend and a dataset is on screen. */
export async function waitForLab(page: Page, timeout = 120_000): Promise<void> {
  await page
    .locator('[data-testid="backend-badge"][data-backend]:not([data-backend=""])')
    .waitFor({ timeout });
  await page.getByTestId('dataset-overview').waitFor({ timeout });
  await page.getByTestId('load-progress').waitFor({ state: 'detached', timeout });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // From the top: a full-page capture of a scrolled page paints the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export const text = async (page: Page, testId: string): Promise<string> =>
  (await page.getByTestId(testId).textContent())?.trim() ?? '';
