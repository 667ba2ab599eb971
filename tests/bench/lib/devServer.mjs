/**
 * A Vite dev server for the benchmarks that run the project's TypeScript in headless Chromium:
 * a page on `base` can `await import('/src/...')` (or '/tests/bench/...') inside
 * `page.evaluate`, so a benchmark measures the code the book ships, per tfjs backend.
 */
import { createServer } from 'vite';
import { ROOT } from './site.mjs';

/** Pre-bundled up front: discovering them on the first page would make Vite re-optimize and fail
 * that page's dynamic imports. */
const PREBUNDLED = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-wasm',
  'seedrandom',
];

/**
 * Starts a Vite dev server on 127.0.0.1 and a free port, rooted at the project, without HMR.
 *
 * @param {{ include?: string[] }} [options] `include`: more dependencies to pre-bundle.
 * @returns {Promise<{ base: string; close: () => Promise<void> }>} `base` is the server's URL
 *   with a trailing slash.
 */
export async function startDevServer(options = {}) {
  const server = await createServer({
    root: ROOT,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { include: [...PREBUNDLED, ...(options.include ?? [])] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 5173;
  return { base: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
