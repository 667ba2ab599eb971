/**
 * Serving the test harness pages (tests/e2e/<widget>/harness.html: widgets of a chapter without a
 * route, mounted alone) for the benchmarks: a production build of the pages (`vite build` with the
 * harness pages as inputs, then `vite preview`), or with `dev` a Vite dev server (development
 * React: its jsxDEV bookkeeping makes every render several times slower, so it is no measure of
 * what a reader gets).
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../e2e/lib/harness.mjs';
import { ROOT, freePort } from './site.mjs';

/** Where the production build of the harness pages goes. */
export const HARNESS_DIST = join(tmpdir(), 'nlpbook-bench-harness-dist');

/**
 * @param {string[]} pages harness pages, relative to the repository root.
 * @param {{ dev?: boolean }} [options]
 * @returns {Promise<{ url: string; close: () => Promise<void> }>} `url` ends in `/`.
 */
export async function startHarnessServer(pages, { dev = false } = {}) {
  const vite = await import('vite');
  if (dev) return startDevServer();
  const built = pages.every((p) => existsSync(join(HARNESS_DIST, p)));
  if (process.env.E2E_SKIP_BUILD === '1' && built) {
    console.log(`Reusing ${HARNESS_DIST} (E2E_SKIP_BUILD=1).`);
  } else {
    console.log(`Building ${pages.join(', ')} into ${HARNESS_DIST}…`);
    await vite.build({
      root: ROOT,
      logLevel: 'warn',
      build: {
        outDir: HARNESS_DIST,
        emptyOutDir: true,
        rollupOptions: { input: pages.map((p) => join(ROOT, p)) },
      },
    });
  }
  const server = await vite.preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: HARNESS_DIST },
    preview: { host: '127.0.0.1', port: await freePort(), strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview started but reported no local URL.');
  return { url: url.endsWith('/') ? url : `${url}/`, close: () => server.close() };
}
