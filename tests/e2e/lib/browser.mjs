/**
 * Helpers that open pages, collect console errors and page errors, and fail on them; and the
 * Chromium flags that make tfjs's WebGL backend start on the SwiftShader software renderer
 * (./chrome.mjs; playwright.config.mjs passes them to every test's browser, and the benchmarks'
 * launcher in tests/bench/lib/browser.mjs to theirs).
 */
import { expect, test } from '@playwright/test';

export { CHROME_ARGS } from './chrome.mjs';

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
 * The absolute URL of a route of the book under test: the config's `baseURL` (the site's root,
 * base path included) plus `path`. For URLs handed to the page itself (history.pushState), where
 * Playwright's baseURL does not apply. Call it inside a test or hook.
 *
 * @param {string} [path] relative to the site's base, e.g. `chapters/preprocessing?x=1`.
 * @returns {string}
 * @throws {Error} outside Playwright Test, or when the config sets no baseURL.
 */
export function bookUrl(path = '') {
  const base = test.info().project.use.baseURL;
  if (!base) throw new Error('no baseURL: run the browser tests with `npm run test:e2e`.');
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`).href;
}

/**
 * Opens a new tab, starts collecting its errors, and navigates to `url`.
 *
 * @param {import('playwright-core').BrowserContext} context in the tests, the `context` fixture
 *   (or a context from the `browser` fixture), whose `baseURL` is the site's root.
 * @param {string} url a route relative to the site's base, no leading slash (e.g.
 *   `chapters/preprocessing?backend=wasm`; `''` is the home page), or an absolute URL.
 * @param {{ ignore?: RegExp[]; waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' }}
 *   [options] waitUntil defaults to 'load'.
 * @returns {Promise<{ page: import('playwright-core').Page; log: ErrorLog }>}
 * @throws {Error} when the page answers with an HTTP error status.
 */
export async function openPage(context, url, options = {}) {
  const page = await context.newPage();
  const log = watchErrors(page, { ignore: options.ignore });
  const response = await page.goto(url || './', { waitUntil: options.waitUntil ?? 'load' });
  if (response && !response.ok()) {
    throw new Error(`GET ${url} answered HTTP ${response.status()}`);
  }
  return { page, log };
}

/**
 * Waits until `probe` returns a truthy value and returns that value: `expect.poll` for probes
 * whose result the test goes on to use. An error thrown by `probe` (e.g. an assertion that the
 * widget has not failed) ends the wait at once.
 *
 * @template T
 * @param {() => Promise<T> | T} probe
 * @param {{ timeoutMs?: number; intervalMs?: number;
 *   message?: string | (() => string | Promise<string>) }} [options] timeoutMs defaults to
 *   60 s, intervalMs to 250 ms; message (evaluated on timeout) says what was awaited and what
 *   was seen.
 * @returns {Promise<T>} the first truthy value.
 * @throws {Error} on timeout, with `message`.
 */
export async function until(probe, { timeoutMs = 60_000, intervalMs = 250, message } = {}) {
  /** @type {T | undefined} */
  let value;
  try {
    await expect
      .poll(
        async () => {
          value = await probe();
          return Boolean(value);
        },
        { timeout: timeoutMs, intervals: [intervalMs] },
      )
      .toBe(true);
  } catch (error) {
    // A timeout (the matcher failed): say what was awaited. Errors thrown by `probe` pass as is.
    if (error instanceof Error && /Timeout \d+ms exceeded/.test(error.message)) {
      const text = typeof message === 'function' ? await message() : message;
      throw new Error(`Timed out after ${timeoutMs} ms: ${text ?? 'condition not met'}`);
    }
    throw error;
  }
  return /** @type {T} */ (value);
}
