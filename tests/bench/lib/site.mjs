/**
 * Builds the site once and serves dist/ with `vite preview` (Vite's JS API) on a free port, for
 * the benchmarks (the same steps the end-to-end harness takes, kept here so that the benchmarks do
 * not depend on the browser-test harness).
 *
 * The base path follows `BASE_PATH` (read by vite.config.ts at build and preview time alike), so
 * `BASE_PATH=/nlp-book/ npm run bench` measures the site as deployed under a sub-path.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/**
 * The build output served: dist/, or `E2E_DIST` (relative to the repository root or absolute) so
 * that several people can build and measure one checkout at the same time.
 */
export const DIST = process.env.E2E_DIST ? resolve(ROOT, process.env.E2E_DIST) : join(ROOT, 'dist');

/**
 * Runs a Node script from the repository root with inherited stdio.
 *
 * @param {string[]} args arguments to `node`.
 * @returns {Promise<void>}
 * @throws {Error} when it exits with a non-zero status.
 */
function runNode(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`node ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/**
 * Prepares the data (scripts/prepare-data.mjs) and runs `vite build`, unless
 * `E2E_SKIP_BUILD=1` asks to reuse an existing dist/.
 *
 * @param {{ skip?: boolean; log?: (line: string) => void }} [options] skip defaults to
 *   `process.env.E2E_SKIP_BUILD === '1'`.
 * @returns {Promise<void>}
 * @throws {Error} when the build fails, or when skipping and dist/index.html does not exist.
 */
export async function buildSite({
  skip = process.env.E2E_SKIP_BUILD === '1',
  log = console.log,
} = {}) {
  if (skip) {
    if (!existsSync(join(DIST, 'index.html'))) {
      throw new Error(`E2E_SKIP_BUILD=1 but ${DIST}/index.html does not exist: build once first.`);
    }
    log(`Reusing ${DIST} (E2E_SKIP_BUILD=1).`);
    return;
  }
  log('Preparing data (scripts/prepare-data.mjs)...');
  await runNode([join(ROOT, 'scripts', 'prepare-data.mjs')]);
  log('Building the site (vite build)...');
  await runNode([
    join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--outDir',
    DIST,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
}

/**
 * Asks the OS for a free TCP port on 127.0.0.1.
 *
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Serves {@link DIST} with Vite's `preview()` on 127.0.0.1.
 *
 * @param {{ port?: number }} [options] port defaults to a free one.
 * @returns {Promise<{ url: string; close: () => Promise<void> }>} `url` is the site's root
 *   including the base path, ending in `/` (e.g. `http://127.0.0.1:41234/`).
 */
export async function startPreview({ port } = {}) {
  const { preview } = await import('vite');
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: DIST },
    preview: { host: '127.0.0.1', port: port ?? (await freePort()), strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('vite preview started but reported no local URL.');
  }
  return {
    url: url.endsWith('/') ? url : `${url}/`,
    close: () => server.close(),
  };
}
