/**
 * WIDGET TESTS (chapter 9): the character-level language model trains in the page.
 *
 * Written against the widget DOM contract (section[data-widget="char-rnn"] with data-status /
 * data-step / data-backend; Play/Pause, Step, Reset; output[data-metric]; controls named after the
 * hyperparameters with the `char.` prefix in the URL; [role="alert"] messages; the generated text
 * in [data-sample-text]; the heatmap in [data-gate-heatmap]; the gradient chart in
 * [data-grad-norms]). SwiftShader's WebGL is slow: a small model and a few steps there.
 *
 * The model trains in a Web Worker (src/widgets/char-rnn/charRnn.worker.ts): its tensors are read
 * through the widget's test hook `__nlpbookWorkers['char-rnn'].memory()`, not the page's tf.
 */
import { expect, test } from '@playwright/test';
import { navigateInApp, waitForHeading } from './lib/book.mjs';
import { openPage, until } from './lib/browser.mjs';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  expectTensorsStablePerStep,
  openChapterWidget,
  readMetric,
  stepAndWait,
  trainerButtons,
  trainerState,
  waitForReady,
  waitForStepAbove,
  widget,
  widgetWorkerMemory,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'recurrent-networks');
const chapter1 = findChapter(CHAPTERS, 'preprocessing');
const WIDGET = 'char-rnn';

/** @param {import('playwright-core').Page} page */
const workerMemory = (page) => widgetWorkerMemory(page, WIDGET);

/**
 * The page's own tensor count, or null when the page never loaded tfjs (the model is in the
 * worker, so `window.__nlpbook.tf` is not set).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<number | null>}
 */
const pageTensors = (page) =>
  page.evaluate(() => /** @type {any} */ (window).__nlpbook?.tf?.memory().numTensors ?? null);

/**
 * The worker's numTensors once the probes a stop at `step` starts (sample, gates, then the
 * gradient norms, one after another; slow on SwiftShader) are done: the gradient chart names it.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} root
 * @param {number} step
 */
async function tensorsAfterProbes(page, root, step) {
  const grad = root.locator('[data-grad-norms]');
  await until(async () => ((await grad.textContent()) ?? '').includes(`(step ${step})`), {
    timeoutMs: 120_000,
    message: async () =>
      `the gradient norms of step ${step} are drawn (chart: "${((await grad.textContent()) ?? '').slice(0, 200)}")`,
  });
  await page.waitForTimeout(500);
  return (await workerMemory(page)).numTensors;
}

/**
 * Waits until the probes the last stop (a pause) started are done: the gradient chart names the
 * current step. The probe queue drops a gradient request while one is still running, so a stop
 * that came while an earlier gradient probe ran never gets its own: then "Measure" asks again.
 * After this no gradient probe is pending, and the next step's stop gets its own.
 * @param {import('playwright-core').Locator} root
 */
async function settleProbes(root) {
  // Read the step at every poll: Pause shows "paused" at once and records the step in flight
  // when it ends, so the count can still move by one after the status reads "paused".
  let { step } = await trainerState(root);
  const grad = root.locator('[data-grad-norms]');
  const measure = root.locator('[data-action="measure-gradients"]');
  const start = Date.now();
  let nudged = 0;
  await until(
    async () => {
      step = (await trainerState(root)).step;
      if (((await grad.textContent()) ?? '').includes(`(step ${step})`)) return true;
      // The stop's own probe first; then "Measure" every 10 s (dropped while one runs).
      if (Date.now() - start > 20_000 + nudged * 10_000 && (await measure.isEnabled())) {
        await measure.click();
        nudged++;
      }
      return false;
    },
    {
      timeoutMs: 180_000,
      intervalMs: 500,
      message: async () =>
        `the gradient norms of the paused step ${step} are drawn (Measure pressed ${nudged} times; chart: "${((await grad.textContent()) ?? '').slice(0, 200)}")`,
    },
  );
  if (nudged > 0) {
    test.info().annotations.push({
      type: 'probes',
      description: `the gradient chart of the paused step ${step} needed "Measure" (${nudged}x)`,
    });
  }
}

/** @param {import('playwright-core').Page} page */
const charWorkers = (page) => page.workers().filter((w) => /charRnn\.worker/.test(w.url()));

/**
 * One browser context for the whole file, as under the old harness: a page opened in a describe
 * block's beforeAll lives across its tests, and localStorage persists from test to test. It comes
 * from Playwright Test's `browser` fixture, so it has the config's baseURL, viewport, and a trace
 * and screenshot on failure.
 *
 * @type {import('@playwright/test').BrowserContext}
 */
let context;
test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
});
test.afterAll(async () => {
  await context?.close();
});

/**
 * Opens the chapter with a query string: the page, its error log and the widget, in view.
 * @param {string} query
 */
const openCharRnn = (query) => openChapterWidget(context, chapter, WIDGET, query);

/**
 * Trains until `steps` steps are done and the training loss has been read at least twice;
 * returns the first and the last loss seen.
 * @param {import('playwright-core').Locator} root
 * @param {number} steps
 * @param {number} timeoutMs
 */
async function trainFor(root, steps, timeoutMs) {
  /** @type {number[]} */
  const losses = [];
  await trainerButtons(root).play.click();
  await until(
    async () => {
      const { status, step } = await trainerState(root);
      expect(status, `training failed: ${await alertText(root)}`).not.toBe('error');
      const loss = await readMetric(root, 'loss');
      if (loss != null && loss !== losses.at(-1)) losses.push(loss);
      return step >= steps && losses.length >= 2;
    },
    {
      timeoutMs,
      intervalMs: 250,
      message: async () =>
        `${steps} steps (at ${(await trainerState(root)).step}, losses ${JSON.stringify(losses)})`,
    },
  );
  await trainerButtons(root).pause.click();
  await until(async () => (await trainerState(root)).status === 'paused', {
    timeoutMs: 60_000,
    message: 'Pause stops training',
  });
  return { first: losses[0], last: /** @type {number} */ (losses.at(-1)) };
}

/** The generated text once it exists (the widget samples when training pauses). */
async function sampleText(root) {
  const text = root.locator('[data-sample-text]');
  await until(async () => (await text.count()) > 0 && ((await text.textContent()) ?? '') !== '', {
    timeoutMs: 120_000,
    message: 'a generated sample appears',
  });
  return (await text.textContent()) ?? '';
}

test.describe('character LM', () => {
  test.describe('trains on wasm', () => {
    test.describe.configure({ mode: 'serial', timeout: 600_000 });
    /** @type {Awaited<ReturnType<typeof openCharRnn>>} */
    let ctx;
    test.beforeAll(async () => {
      ctx = await openCharRnn('?backend=wasm&char.hidden=32&char.seq=32&char.lr=0.01');
    });
    test.afterAll(async () => {
      await ctx?.page.close();
    });

    test('the loss goes down, text is sampled from the vocabulary, the probes draw', async () => {
      const { page, root } = ctx;
      await test.step('char-rnn-wasm-train', async () => {
        await waitForReady(root);
        const info = (await root.locator('[data-data-info]').textContent()) ?? '';
        const V = Number(/(\d+) distinct characters/.exec(info)?.[1]);
        expect(V > 40 && V < 256, `vocabulary size ${V} from "${info}"`).toBeTruthy();
        // The loss of step 1 (read before playing: a fast run moves on before a poll sees it).
        await stepAndWait(root, 120_000);
        const first = /** @type {number} */ (await readMetric(root, 'loss'));
        expect(charWorkers(page).length, 'the model runs in one worker').toBe(1);
        const { last } = await trainFor(root, 40, 300_000);
        expect(
          Math.abs(first - Math.log(V)) < 0.5,
          `first loss ${first} is about ln V = ${Math.log(V).toFixed(2)}`,
        ).toBeTruthy();
        expect(last < first - 0.3, `the loss goes down: ${first} -> ${last}`).toBeTruthy();
        expect((await trainerState(root)).backend).toBe('wasm');
        expect(
          ((await readMetric(root, 'chars_per_second')) ?? 0) > 0,
          'chars/s shown',
        ).toBeTruthy();
        expect(
          ((await readMetric(root, 'grad_norm')) ?? 0) > 0,
          'gradient norm shown',
        ).toBeTruthy();
        const bpc = /** @type {number} */ (await readMetric(root, 'bpc'));
        const loss = /** @type {number} */ (await readMetric(root, 'loss'));
        expect(
          Math.abs(bpc - loss / Math.LN2) < 0.01,
          `bpc ${bpc} = loss ${loss} / ln 2`,
        ).toBeTruthy();

        // Sampling: non-empty, only characters of the training text's vocabulary.
        const text = await sampleText(root);
        expect(text.length > 0, 'the sample is not empty').toBeTruthy();
        expect(!text.includes('\uFFFD'), 'the replacement symbol is never drawn').toBeTruthy();
        // The heatmap and the gradient chart draw once training pauses. The gate heatmap is
        // large (16 units x the passage), so Heatmap draws its cells on one canvas.
        const canvas = root.locator('[data-gate-heatmap] canvas.ui-heatmap-canvas');
        await until(async () => Number((await canvas.getAttribute('data-cells')) ?? 0) >= 16 * 50, {
          timeoutMs: 120_000,
          message: 'the gate heatmap draws (16 units x the passage)',
        });
        const labels = await root.locator('[data-gate-heatmap] text.ui-tick').allTextContents();
        expect(labels.includes('␣'), 'spaces are shown as ␣ in the column labels').toBeTruthy();
        /** The canvas's pixels (RGBA), and a tag left on the element to see if it is replaced. */
        const pixels = (/** @type {boolean} */ tag) =>
          canvas.evaluate((el, t) => {
            const c = /** @type {HTMLCanvasElement} */ (el);
            const same = /** @type {any} */ (c).__cellTag === true;
            if (t) /** @type {any} */ (c).__cellTag = true;
            const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
            const distinct = new Set();
            const sampled = [];
            for (let i = 0; i < data.length; i += 4 * 97) {
              const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
              distinct.add(rgb);
              sampled.push(rgb);
            }
            return { same, distinct: distinct.size, sampled };
          }, tag);
        const before0 = await pixels(true);
        expect(
          before0.distinct > 8,
          `the cells have many colours (${before0.distinct} distinct in a sample)`,
        ).toBeTruthy();
        // A refresh after another step redraws the same canvas with new values.
        const caption = root.locator('[data-gate-heatmap] figcaption');
        const before = await caption.textContent();
        await stepAndWait(root, 120_000);
        await until(async () => (await caption.textContent()) !== before, {
          timeoutMs: 120_000,
          message: 'the heatmap refreshes after a step',
        });
        const after = await pixels(false);
        expect(after.same, 'the same canvas element after the refresh').toBeTruthy();
        const changed = after.sampled.filter((v, i) => v !== before0.sampled[i]).length;
        expect(
          changed > 0,
          `the refresh shows new values (${changed} pixels changed)`,
        ).toBeTruthy();
        // Hovering a cell reads it out (the pointer area sits over the canvas).
        const plot = root.locator('[data-gate-heatmap] .ui-heatmap-plot');
        await canvas.scrollIntoViewIfNeeded();
        const box = /** @type {{x: number, y: number, width: number, height: number}} */ (
          await canvas.boundingBox()
        );
        await root.page().mouse.move(box.x + 5, box.y + 5);
        await root.page().mouse.move(box.x + 30, box.y + 30);
        await until(async () => ((await plot.locator('.ui-tooltip').textContent()) ?? '') !== '', {
          timeoutMs: 10_000,
          message: 'hovering a canvas cell shows its tooltip',
        });
        expect(await plot.locator('.ui-tooltip').textContent()).toMatch(
          /^unit #\d+, character .+: /,
        );
        const decay = root.locator('[data-decay] li');
        await until(async () => (await decay.count()) === 3, {
          timeoutMs: 180_000,
          message: 'the gradient chart lists this model, a fresh RNN and a fresh LSTM',
        });
        const lines = await decay.allTextContents();
        expect(lines.join('\n')).toMatch(/fresh RNN/);
        expect(lines.join('\n')).toMatch(/fresh LSTM/);
        const paths = await root.locator('[data-grad-norms] svg path').count();
        expect(paths >= 3, `three lines drawn (${paths} paths)`).toBeTruthy();
        ctx.log.assertNone('training the char model on wasm');
      });
    });

    test('no tensor leak per step; Reset frees the run', async () => {
      const { page, root } = ctx;
      await test.step('char-rnn-wasm-leak', async () => {
        // Read once the probes the pause started have finished (the count holds still).
        const pageA = await pageTensors(page);
        await expectTensorsStablePerStep(root, async () => (await workerMemory(page)).numTensors);
        const pageB = await pageTensors(page);
        expect(pageB, `no tensor on the page's backend (${pageA} -> ${pageB})`).toBe(pageA);
        await trainerButtons(root).reset.click();
        await until(async () => (await trainerState(root)).status === 'idle', {
          timeoutMs: 30_000,
          message: 'Reset returns to idle',
        });
        await until(async () => (await workerMemory(page)).numTensors === 0, {
          timeoutMs: 30_000,
          message: async () =>
            `Reset frees every tensor in the worker (${(await workerMemory(page)).numTensors})`,
        });
        expect(charWorkers(page).length, 'the worker stays for the next run').toBe(1);
      });
    });
  });

  test.describe('the worker', () => {
    test.describe.configure({ timeout: 300_000 });
    test('is terminated when the widget unmounts', async () => {
      const { page, root, log } = await openCharRnn('?backend=wasm&char.hidden=16&char.seq=8');
      try {
        await test.step('char-rnn-unmount', async () => {
          await waitForReady(root);
          await stepAndWait(root, 120_000);
          expect(charWorkers(page).length, 'one worker while the widget is shown').toBe(1);
          expect((await workerMemory(page)).numTensors > 0).toBeTruthy();
          // An in-app link (client-side route change: the page and its JS heap stay).
          await navigateInApp(page, 'chapters/preprocessing');
          await waitForHeading(page, /** @type {any} */ (chapter1).title);
          await until(async () => charWorkers(page).length === 0, {
            timeoutMs: 20_000,
            message: 'the char-rnn worker is terminated on unmount',
          });
          const hook = await page.evaluate(
            () => /** @type {any} */ (window).__nlpbookWorkers?.['char-rnn'] ?? null,
          );
          expect(hook, 'the test hook is removed with the widget').toBe(null);
          log.assertNone('unmounting the char model');
        });
      } finally {
        await page.close();
      }
    });
  });

  test.describe('trains on webgl (a few steps)', () => {
    test.describe.configure({ timeout: 600_000 });
    test('the loss goes down on WebGL and text is sampled', async () => {
      const { page, root, log } = await openCharRnn(
        '?backend=webgl&char.hidden=16&char.seq=8&char.lr=0.02',
      );
      try {
        await test.step('char-rnn-webgl', async () => {
          await waitForReady(root);
          const { first, last } = await trainFor(root, 12, 480_000);
          expect(last < first, `the loss goes down on webgl: ${first} -> ${last}`).toBeTruthy();
          expect((await trainerState(root)).backend).toBe('webgl');
          const text = await sampleText(root);
          expect(text.length > 0 && !text.includes('\uFFFD'), `sample "${text}"`).toBeTruthy();
          // The worker's WebGL backend keeps its tensor count per step, as the wasm test checks.
          // Each step starts probes (sample, gates, gradients) that hold tensors while they
          // run, slowly on SwiftShader: count once they are done. The pause's probes first.
          await settleProbes(root);
          await page.waitForTimeout(3000);
          const w = await tensorsAfterProbes(page, root, await stepAndWait(root, 120_000));
          const a = await tensorsAfterProbes(page, root, await stepAndWait(root, 120_000));
          await tensorsAfterProbes(page, root, await stepAndWait(root, 120_000));
          const b = await tensorsAfterProbes(page, root, await stepAndWait(root, 120_000));
          expect(
            b,
            `the worker's numTensors on webgl unchanged across steps (${w} -> ${a} -> ${b})`,
          ).toBe(a);
          log.assertNone('training the char model on webgl');
        });
      } finally {
        await page.close();
      }
    });
  });

  test.describe('bad settings and data', () => {
    test.describe.configure({ timeout: 300_000 });
    test('out-of-range URL values are clamped with a message; no clipping diverges with advice', async () => {
      const { page, root } = await openCharRnn(
        '?backend=wasm&char.hidden=100000&char.layers=7&char.cell=rnn&char.opt=sgd&char.lr=10&char.init=10&char.clip=0&char.seq=16',
      );
      try {
        await test.step('char-rnn-bad-url', async () => {
          await waitForReady(root);
          const text = (await root.textContent()) ?? '';
          expect(text).toMatch(/Hidden size[^.]*512/i);
          expect(text).toMatch(/Layers[^.]*2/i);
          await trainerButtons(root).play.click();
          await until(async () => (await trainerState(root)).status === 'error', {
            timeoutMs: 240_000,
            message: async () =>
              `divergence is caught (${JSON.stringify(await trainerState(root))})`,
          });
          expect(await alertText(root), 'the message names the clipping knob').toMatch(/clip/i);
        });
      } finally {
        await page.close();
      }
    });

    test('a missing corpus file gives the HTTP status and "Try again" recovers', async () => {
      const { page, log } = await openPage(context, 'about:blank', {
        ignore: [/404/],
      });
      try {
        let fail = true;
        await page.route('**/data/sonnets.json', (route) =>
          fail ? route.fulfill({ status: 404, body: 'not found' }) : route.continue(),
        );
        await page.goto(`chapters/${chapter?.slug}?backend=wasm&char.corpus=sonnets`);
        await waitForHeading(page, /** @type {any} */ (chapter).title);
        const root = widget(page, WIDGET);
        await root.waitFor({ timeout: 60_000 });
        await root.scrollIntoViewIfNeeded();
        await test.step('char-rnn-404', async () => {
          await until(async () => /404/.test(await alertText(root)), {
            timeoutMs: 60_000,
            message: async () => `the 404 is reported (alerts "${await alertText(root)}")`,
          });
          fail = false;
          await root.getByRole('button', { name: 'Try again' }).click();
          await waitForReady(root);
          const info = (await root.locator('[data-data-info]').textContent()) ?? '';
          expect(info).toMatch(/sonnets/i);
          await stepAndWait(root, 60_000);
          await waitForStepAbove(root, 0);
          void log;
        });
      } finally {
        await page.close();
      }
    });
  });
});
