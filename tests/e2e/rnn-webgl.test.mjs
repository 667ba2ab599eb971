/**
 * The webgl programs of the `fused` recurrent layers (src/models/rnn/webgl, issue 6) in headless
 * Chromium (SwiftShader WebGL2 here; a real GPU elsewhere), against `backward: 'autograd'` (plain
 * tfjs ops differentiated by the tape) on the same backend: outputs, final states, gates and every
 * gradient to 1e-4 (relative where values exceed 1), one and several layers, T = 1 and T = 64, the
 * hidden-state probe, and numTensors unchanged per training step of the char LM.
 *
 * Serves src/ through a Vite dev server (like tests/bench/char-lstm.mjs) and imports
 * tests/e2e/rnn-webgl/check.ts in the page; needs no build (BOOK_URL is not used).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServer } from 'vite';
import { launchBrowser } from './lib/browser.mjs';
import { ROOT } from './lib/server.mjs';

const TOL = 1e-4;
/** @type {import('vite').ViteDevServer} */
let server;
/** @type {Awaited<ReturnType<typeof launchBrowser>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;

before(async () => {
  server = await createServer({
    root: ROOT,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgl', 'seedrandom'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 5173;
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(`http://127.0.0.1:${port}/?backend=webgl`, { waitUntil: 'load' });
  const active = await page.evaluate(async () => {
    const check = await import('/tests/e2e/rnn-webgl/check.ts');
    /** @type {any} */ (window).__check = check;
    return check.useBackend('webgl');
  });
  assert.equal(active, 'webgl', 'the webgl backend starts (SwiftShader in CI)');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** @param {Record<string, number>} errors */
function assertClose(errors, what) {
  const bad = Object.entries(errors).filter(([, e]) => !(e <= TOL));
  assert.ok(Object.keys(errors).length > 0, `${what}: something was compared`);
  assert.deepEqual(bad, [], `${what}: relative errors over ${TOL}: ${JSON.stringify(bad)}`);
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

describe('fused LSTM on webgl = autograd', { timeout: 900_000 }, () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const res = await compare({ cell: 'lstm', ...c });
      assert.ok(res.ours >= 2 * c.time * c.layers, `our programs ran (${res.ours} dispatches)`);
      assertClose(res.errors, c.name);
      assert.equal(res.leaked, 0, 'no tensors left behind');
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
    assert.ok(
      Object.keys(res.errors).some((k) => k.startsWith('gate.')),
      'gates compared',
    );
    assertClose(res.errors, 'recordGates');
  });

  test('hidden-state gradient norms (probe) match', async () => {
    const res = await page.evaluate(() =>
      /** @type {any} */ (window).__check.compareProbe('lstm', 4, 12, 8),
    );
    assert.ok(res.worst <= TOL, `probe norms differ by ${res.worst}: ${JSON.stringify(res)}`);
    assert.ok(
      res.fused.some((v) => v > 0),
      'the norms are not all zero',
    );
  });

  test('numTensors unchanged per char LM training step after warm-up', async () => {
    const res = await page.evaluate(() =>
      /** @type {any} */ (window).__check.charLmTensorCounts(5),
    );
    assert.ok(res.ours > 0, 'the training step ran our programs');
    assert.ok(res.losses.every(Number.isFinite), `finite losses: ${res.losses}`);
    const warm = res.counts.slice(1);
    assert.ok(
      warm.every((n) => n === warm[0]),
      `numTensors per step: ${res.counts}`,
    );
  });
});
