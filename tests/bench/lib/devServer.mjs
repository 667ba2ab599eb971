/**
 * A Vite dev server for the benchmarks that run the project's TypeScript in headless Chromium:
 * a page on `base` can `await import('/src/...')` (or '/tests/bench/...') inside
 * `page.evaluate`, so a benchmark measures the code the book ships, per tfjs backend. Besides the
 * site's pages it serves a blank page ({@link BLANK_PATH}) on which the React app does not start.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'vite';
import { ROOT } from './site.mjs';

/** The packages that Vite pre-bundles before the page starts (tfjs and its browser backends). */
export const TFJS_DEPS = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-wasm',
  'seedrandom',
];

/** Path of the blank page on the dev server. */
export const BLANK_PATH = '/__bench.html';

/** A Vite plugin that answers {@link BLANK_PATH} with an empty HTML document. */
function blankPage() {
  return {
    name: 'nlp-book-bench-blank-page',
    configureServer(server) {
      server.middlewares.use(BLANK_PATH, (_req, res) => {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(
          '<!doctype html><html lang="en"><head><title>bench</title><link rel="icon" href="data:,"></head><body></body></html>',
        );
      });
    },
  };
}

/**
 * Vite's pre-bundling cache for the benchmarks: not node_modules/.vite, which other dev servers
 * and vitest on this machine write to at the same time (a dependency re-optimised by another
 * process mid-run answers the page's import with "504 Outdated Optimize Dep").
 */
export const BENCH_CACHE_DIR = join(tmpdir(), 'nlpbook-bench-vite');

/**
 * Starts a Vite dev server on 127.0.0.1 with the project's configuration (free port, no HMR,
 * cache in {@link BENCH_CACHE_DIR}).
 *
 * @param {{ include?: string[] }} [options] include: packages to pre-bundle besides
 *   {@link TFJS_DEPS}: every bare import the page's modules reach should be listed, else Vite
 *   discovers it during the run, re-optimises and fails the imports already under way.
 * @returns {Promise<{ base: string; close: () => Promise<void> }>} base: the server's URL, ending
 *   in `/`.
 */
export async function startDevServer(options = {}) {
  const server = await createServer({
    root: ROOT,
    logLevel: 'error',
    cacheDir: BENCH_CACHE_DIR,
    plugins: [blankPage()],
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { include: [...TFJS_DEPS, ...(options.include ?? [])] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (typeof address !== 'object' || !address) throw new Error('The Vite server has no port');
  return { base: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
