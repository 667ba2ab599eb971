/**
 * The webgl programs of the `fused` recurrent layers (src/models/rnn/webgl) in headless
 * Chromium (SwiftShader WebGL2 here; a real GPU elsewhere), against `backward: 'autograd'` (plain
 * tfjs ops differentiated by the tape) on the same backend: outputs, final states, gates and every
 * gradient to 1e-4 (relative where values exceed 1), one and several layers, T = 1 and T = 64, the
 * hidden-state probe, and numTensors unchanged per training step of the char LM.
 *
 * Serves src/ through a Vite dev server (like tests/bench/char-lstm.mjs) and imports
 * tests/e2e/rnn-webgl/check.ts in the page; needs no build (the config's
 * web server and baseURL are not used).
 */
import { expect, test } from '@playwright/test';
import { createServer } from 'vite';
import { ROOT } from './lib/server.mjs';

const TOL = 1e-4;
/** @type {import('vite').ViteDevServer} */
let server;
/** @type {import('@playwright/test').BrowserContext} */
let context;
/** @type {import('playwright-core').Page} */
let page;

// One page and one dev server for the whole file; the first start of the dev server
// pre-bundles tfjs, which takes minutes on a 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 900_000 });

test.beforeAll(async ({ browser }) => {
  server = await createServer({
    root: ROOT,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgl', 'seedrandom'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 5173;
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/?backend=webgl`, { waitUntil: 'load' });
  const active = await page.evaluate(async () => {
    const check = await import('/tests/e2e/rnn-webgl/check.ts');
    /** @type {any} */ (window).__check = check;
    return check.useBackend('webgl');
  });
  expect(active, 'the webgl backend starts (SwiftShader in CI)').toBe('webgl');
});

test.afterAll(async () => {
  await context?.close();
  await server?.close();
});

/** @param {Record<string, number>} errors */
function assertClose(errors, what) {
  const bad = Object.entries(errors).filter(([, e]) => !(e <= TOL));
  expect(Object.keys(errors).length > 0, `${what}: something was compared`).toBeTruthy();
  expect(bad, `${what}: relative errors over ${TOL}: ${JSON.stringify(bad)}`).toStrictEqual([]);
}

/** @param {object} config */
const compare = (config) =>
  page.evaluate((c) => /** @type {any} */ (window).__check.compareFusedAutograd(c), config);

const CASES = [
  {
    name: 'T = 64, B = 32, H = 128 (the benchmark sizes)',
    batch: 32,
    time: 64,
    input: 20,
    hidden: 128,
    layers: 1,
  },
  { name: 'T = 1', batch: 4, time: 1, input: 3, hidden: 6, layers: 1 },
  { name: 'stacked, odd batch', batch: 5, time: 7, input: 3, hidden: 10, layers: 2 },
];

test.describe('fused LSTM on webgl = autograd', () => {
  test.describe.configure({ timeout: 900_000 });
  for (const c of CASES) {
    test(c.name, async () => {
      const res = await compare({ cell: 'lstm', ...c });
      expect(
        res.ours >= 2 * c.time * c.layers,
        `our programs ran (${res.ours} dispatches)`,
      ).toBeTruthy();
      assertClose(res.errors, c.name);
      expect(res.leaked, 'no tensors left behind').toBe(0);
    });
  }

  test('recorded gates (the op-loop fallback) match too', async () => {
    const res = await compare({
      cell: 'lstm',
      batch: 3,
      time: 5,
      input: 4,
      hidden: 8,
      layers: 2,
      recordGates: true,
    });
    expect(
      Object.keys(res.errors).some((k) => k.startsWith('gate.')),
      'gates compared',
    ).toBeTruthy();
    assertClose(res.errors, 'recordGates');
  });

  test('hidden-state gradient norms (probe) match', async () => {
    const res = await page.evaluate(() =>
      /** @type {any} */ (window).__check.compareProbe('lstm', 4, 12, 8),
    );
    expect(
      res.worst <= TOL,
      `probe norms differ by ${res.worst}: ${JSON.stringify(res)}`,
    ).toBeTruthy();
    expect(
      res.fused.some((v) => v > 0),
      'the norms are not all zero',
    ).toBeTruthy();
  });

  test('numTensors unchanged per char LM training step after warm-up', async () => {
    const res = await page.evaluate(() =>
      /** @type {any} */ (window).__check.charLmTensorCounts(5),
    );
    expect(res.ours > 0, 'the training step ran our programs').toBeTruthy();
    expect(res.losses.every(Number.isFinite), `finite losses: ${res.losses}`).toBeTruthy();
    const warm = res.counts.slice(1);
    expect(
      warm.every((n) => n === warm[0]),
      `numTensors per step: ${res.counts}`,
    ).toBeTruthy();
  });
});
