/**
 * Launches the system Chromium through playwright-core for the benchmarks, with the flags that
 * make tfjs's WebGL backend start on the SwiftShader software renderer (see
 * ../../../../shared/TFJS_NOTES.md). No Playwright browser download is used.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findChrome } from '../../e2e/lib/chrome.mjs';

/**
 * Chromium flags. WebGL2 works headless on SwiftShader with `--use-gl=angle
 * --use-angle=swiftshader --enable-unsafe-swiftshader`. Never add `--disable-gpu` or
 * `--disable-software-rasterizer` (they kill WebGL); `--use-gl=swiftshader` / `--use-gl=egl` make
 * tfjs refuse WebGL.
 */
export { CHROME_ARGS };

/**
 * @typedef {object} Browser
 * @property {import('playwright-core').BrowserContext} context a persistent context on a fresh,
 *   empty profile.
 * @property {() => Promise<void>} close closes Chromium and deletes the profile.
 */

/**
 * Starts headless Chromium on a fresh temporary profile.
 *
 * @param {{ executablePath?: string; viewport?: { width: number; height: number };
 *   args?: string[] }} [options] executablePath defaults to CHROME_PATH or `findChrome()`
 *   (tests/e2e/lib/chrome.mjs); viewport to 1280x800; args to {@link CHROME_ARGS}.
 * @returns {Promise<Browser>}
 */
export async function launchBrowser(options = {}) {
  const executablePath = options.executablePath ?? process.env.CHROME_PATH ?? findChrome();
  const profile = await mkdtemp(join(tmpdir(), 'nlpbook-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: options.args ?? CHROME_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: 'light',
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
