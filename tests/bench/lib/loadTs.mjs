/**
 * Loads the project's TypeScript modules in Node for the benchmarks, through Vite's SSR module
 * loader (the same transform the site uses), so a benchmark measures the code the book ships.
 *
 * Usage:
 *   const { load, close } = await tsLoader();
 *   const nlp = await load('/src/nlp/index.ts');
 *   ...
 *   await close();
 */
import { createServer } from 'vite';
import { ROOT } from './site.mjs';

/**
 * Starts a Vite server in middleware mode (no port, no HMR) rooted at the project.
 *
 * @returns {Promise<{ load: (path: string) => Promise<Record<string, any>>; close: () => Promise<void> }>}
 *   `load(path)` takes a path from the project root such as '/src/nlp/index.ts'.
 */
export async function tsLoader() {
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    appType: 'custom',
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  return {
    load: (path) => server.ssrLoadModule(path),
    close: () => server.close(),
  };
}
