/**
 * Playwright Test configuration for the browser tests in tests/e2e (`npm run test:e2e`, or
 * `npx playwright test [file-filter ...]`).
 *
 * - Browser: the system Chrome or Chromium (`CHROME_PATH`, else the usual install locations;
 *   on Debian or Ubuntu Debian's chromium is installed with apt-get when none is found, see
 *   tests/e2e/lib/chrome.mjs); Playwright's own browser download is never used. It starts with
 *   the flags that give tfjs WebGL2 on SwiftShader (tests/e2e/lib/chrome.mjs CHROME_ARGS).
 * - Site: `webServer` runs tests/e2e/serve.mjs, which builds the site (prepare-data + vite build;
 *   `E2E_SKIP_BUILD=1` reuses the build, `E2E_DIST=dir` builds into dir, `BASE_PATH=/sub/` builds
 *   for a sub-path) and serves it with `vite preview` on a free port (or `E2E_PORT`).
 *   `use.baseURL` is the site's root including the base path, ending in `/`, so
 *   `page.goto('chapters/<slug>')` works under any BASE_PATH (a leading `/` only when the base is
 *   `/`).
 * - One worker (the tests train models; the build machines have 2 cores), no retries, long
 *   timeouts; on failure a trace and a screenshot are kept under test-results/, and the HTML
 *   report is written to playwright-report/ (never opened automatically).
 *
 * This file is loaded by the runner and again by each worker process: the browser path and the
 * port are chosen once and handed to the workers through the environment.
 */
import { defineConfig } from '@playwright/test';
import { CHROME_ARGS, findChrome } from './tests/e2e/lib/chrome.mjs';
import { freePort } from './tests/e2e/lib/server.mjs';

process.env.CHROME_PATH ||= findChrome({ log: (line) => console.log(`[e2e] ${line}`) });
process.env.E2E_PORT ||= String(await freePort());

const port = Number(process.env.E2E_PORT);
const base = `/${(process.env.BASE_PATH ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const baseURL = `http://127.0.0.1:${port}${base}`;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.test.mjs',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Training tests take minutes on SwiftShader/WASM; each describe block sets its own timeout
  // where it needs more.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    headless: true,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    actionTimeout: 60_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // The book registers a service worker (scripts/pwa.ts). Blocked here so that request
    // interception sees every request; tests/e2e/offline.test.mjs allows it in its own context.
    serviceWorkers: 'block',
    launchOptions: { executablePath: process.env.CHROME_PATH, args: CHROME_ARGS },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: `node tests/e2e/serve.mjs ${port}`,
    url: baseURL,
    // prepare-data + vite build take a few minutes on a 2-core machine.
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
