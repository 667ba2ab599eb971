/**
 * Launches the system Chromium through playwright-core with the flags that make tfjs's WebGL
 * backend start on the SwiftShader software renderer (see ../../../../shared/TFJS_NOTES.md), and
 * helpers that open pages, collect console errors and page errors, and fail on them.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChrome } from './chrome.mjs';

/**
 * Chromium flags. WebGL2 works headless on SwiftShader with `--use-gl=angle
 * --use-angle=swiftshader --enable-unsafe-swiftshader`. Never add `--disable-gpu` or
 * `--disable-software-rasterizer` (they kill WebGL); `--use-gl=swiftshader` / `--use-gl=egl` make
 * tfjs refuse WebGL.
 */
export const CHROME_ARGS = [
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Folder for screenshots taken when a test fails (gitignored). */
export const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

/**
 * @typedef {object} Browser
 * @property {import('playwright-core').BrowserContext} context a persistent context on a fresh,
 *   empty profile (so localStorage starts empty and persists across reloads within a test file).
 * @property {() => Promise<void>} close closes Chromium and deletes the profile.
 */

/**
 * Starts headless Chromium on a fresh temporary profile.
 *
 * @param {{ executablePath?: string; viewport?: { width: number; height: number };
 *   colorScheme?: 'light' | 'dark' }} [options] executablePath defaults to CHROME_PATH or
 *   {@link findChrome}; viewport defaults to 1280x800; colorScheme (the emulated
 *   prefers-color-scheme) to 'light'.
 * @returns {Promise<Browser>}
 */
export async function launchBrowser(options = {}) {
  const executablePath = options.executablePath ?? process.env.CHROME_PATH ?? findChrome();
  const profile = await mkdtemp(join(tmpdir(), 'nlpbook-chrome-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROME_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * @typedef {object} ErrorLog
 * @property {string[]} errors console errors, page errors and failed requests, in order.
 * @property {() => void} clear forgets what was collected so far.
 * @property {(what?: string) => void} assertNone throws listing every error collected.
 */

/**
 * Collects console errors (`console.error`, failed resource loads), uncaught page errors and
 * failed requests of a page. Requests aborted by a navigation (net::ERR_ABORTED) are not errors.
 *
 * @param {import('playwright-core').Page} page
 * @param {{ ignore?: RegExp[] }} [options] messages matching one of these are not collected;
 *   use sparingly and say why at the call site.
 * @returns {ErrorLog}
 */
export function watchErrors(page, { ignore = [] } = {}) {
  /** @type {string[]} */
  const errors = [];
  /** @param {string} message */
  const add = (message) => {
    if (!ignore.some((re) => re.test(message))) errors.push(message);
  };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      add(`console.error: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (error) => add(`page error: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    if (!/ERR_ABORTED/.test(failure)) add(`request failed: ${request.url()} (${failure})`);
  });
  return {
    errors,
    clear() {
      errors.length = 0;
    },
    assertNone(what = page.url()) {
      if (errors.length > 0) {
        throw new Error(`${errors.length} error(s) on ${what}:\n  ${errors.join('\n  ')}`);
      }
    },
  };
}

/**
 * Opens a new tab, starts collecting its errors, and navigates to `url`.
 *
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url absolute URL, e.g. from {@link bookUrl}.
 * @param {{ ignore?: RegExp[]; waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' }}
 *   [options] waitUntil defaults to 'load'.
 * @returns {Promise<{ page: import('playwright-core').Page; log: ErrorLog }>}
 * @throws {Error} when the page answers with an HTTP error status.
 */
export async function openPage(context, url, options = {}) {
  const page = await context.newPage();
  const log = watchErrors(page, { ignore: options.ignore });
  const response = await page.goto(url, { waitUntil: options.waitUntil ?? 'load' });
  if (response && !response.ok()) {
    throw new Error(`GET ${url} answered HTTP ${response.status()}`);
  }
  return { page, log };
}

/**
 * The absolute URL of a route of the book being tested.
 *
 * @param {string} [path] route relative to the site's base, no leading slash (e.g.
 *   `chapters/preprocessing?backend=wasm`); default the home page.
 * @returns {string}
 * @throws {Error} when BOOK_URL is not set (run the tests through tests/e2e/run.mjs).
 */
export function bookUrl(path = '') {
  const base = process.env.BOOK_URL;
  if (!base) {
    throw new Error('BOOK_URL is not set: run the e2e tests with `npm run test:e2e`.');
  }
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`).href;
}

/**
 * Runs `fn`; when it throws, saves a full-page screenshot of `page` to
 * tests/e2e/screenshots/<name>.png (and of `element`, when given, to <name>-widget.png), then
 * rethrows.
 *
 * @template T
 * @param {import('playwright-core').Page} page
 * @param {string} name file name without extension, e.g. `classifier-webgl`.
 * @param {() => Promise<T>} fn
 * @param {import('playwright-core').Locator} [element] the widget to capture on its own.
 * @returns {Promise<T>}
 */
export async function screenshotOnFailure(page, name, fn, element) {
  try {
    return await fn();
  } catch (error) {
    const safe = name.replace(/[^a-z0-9._-]+/gi, '_');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page
      .screenshot({ path: join(SCREENSHOT_DIR, `${safe}.png`), fullPage: true })
      .catch(() => {});
    if (element) {
      await element
        .screenshot({ path: join(SCREENSHOT_DIR, `${safe}-widget.png`) })
        .catch(() => {});
    }
    throw error;
  }
}

/**
 * Polls `probe` until it returns a truthy value or `timeoutMs` passes.
 *
 * @template T
 * @param {() => Promise<T> | T} probe
 * @param {{ timeoutMs?: number; intervalMs?: number; message?: string | (() => string | Promise<string>) }}
 *   [options] timeoutMs defaults to 60 s, intervalMs to 250 ms; message explains the timeout.
 * @returns {Promise<T>} the first truthy value.
 * @throws {Error} on timeout, with `message`.
 */
export async function poll(probe, { timeoutMs = 60_000, intervalMs = 250, message } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      const text = typeof message === 'function' ? await message() : message;
      throw new Error(`Timed out after ${timeoutMs} ms: ${text ?? 'condition not met'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
