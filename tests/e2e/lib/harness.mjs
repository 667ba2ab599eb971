/**
 * Harness pages (tests/e2e/<widget>/harness.html: a widget mounted alone, outside the book's
 * routes) served by a Vite dev server on a free port, for the browser tests and the benchmarks'
 * `--harness-dev` mode.
 */
import { ROOT } from './server.mjs';

/**
 * Starts a Vite dev server at the repository root on 127.0.0.1 (no HMR).
 *
 * @returns {Promise<{ url: string; close: () => Promise<void> }>} `url` is the root, ending in `/`.
 */
export async function startDevServer() {
  const { createServer } = await import('vite');
  const server = await createServer({
    root: ROOT,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 5173;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
