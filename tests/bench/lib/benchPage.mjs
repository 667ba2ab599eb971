/**
 * A headless Chromium page on a Vite dev server for the benchmarks that run the project's
 * TypeScript modules in the browser: the page imports `/src/...` inside `page.evaluate` (Vite
 * transforms them as for the site) and fetches the corpora from `public/` (`/data/sotu.json`),
 * as the book does.
 *
 * The page is a blank HTML document served by the dev server (`/__bench.html`), not the book's
 * index page: the React app does not start, so nothing but the benchmark runs in the page.
 *
 * Usage:
 *   const bench = await openBenchPage();
 *   try { await bench.page.evaluate(async () => { const m = await import('/src/nlp/index.ts'); ... }); }
 *   finally { await bench.close(); }
 */
import { launchBrowser } from './browser.mjs';
import { BLANK_PATH, startDevServer } from './devServer.mjs';

/**
 * Starts the dev server and headless Chromium (tests/bench/lib/browser.mjs) and opens the blank
 * page. Console errors and uncaught page errors are printed with the prefix `[page]`.
 *
 * @param {{ include?: string[] }} [options] passed to {@link startDevServer}.
 * @returns {Promise<{ page: import('playwright-core').Page; base: string;
 *   close: () => Promise<void> }>} close: closes the browser, then the server.
 */
export async function openBenchPage(options = {}) {
  const server = await startDevServer(options);
  let browser;
  try {
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') console.error(`[page] ${m.text()}`);
    });
    await page.goto(new URL(BLANK_PATH.slice(1), server.base).href, { waitUntil: 'load' });
    return {
      page,
      base: server.base,
      async close() {
        await browser.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}
