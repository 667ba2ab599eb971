/**
 * WIDGET TESTS (chapter 3): the neural language model trains on Moby Dick. The model trains in a
 * Web Worker (src/widgets/neural-lm/neural-lm.worker.ts): its tensors are read through the
 * widget's test hook `__nlpbookWorkers['neural-lm'].memory()`, not the page's tf.
 *
 * Written against the widget DOM contract (section[data-widget="neural-lm"] with data-status /
 * data-step / data-backend; Play/Pause, Step, Reset buttons; output[data-metric]; controls named
 * after the hyperparameters with the `nlm.` prefix in the URL; [role="alert"] messages; the
 * generated sample in [data-sample-step]). The softmax over ~7-9 K words is slow on the
 * SwiftShader software renderer, so the test uses a small hidden layer there and polls generously.
 */
import { expect, test } from '@playwright/test';
import { navigateInApp, waitForHeading } from './lib/book.mjs';
import { until } from './lib/browser.mjs';

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
  widgetWorkerMemory,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'language-models');
const chapter1 = findChapter(CHAPTERS, 'preprocessing');
const WIDGET = 'neural-lm';

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
const openNeuralLm = (query) => openChapterWidget(context, chapter, WIDGET, query);

/** @param {import('playwright-core').Page} page */
const workerMemory = (page) => widgetWorkerMemory(page, 'neural-lm');

/**
 * The page's own tensor count, or null when the page never loaded tfjs (the model is in the worker).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<number | null>}
 */
const pageTensors = (page) =>
  page.evaluate(() => /** @type {any} */ (window).__nlpbook?.tf?.memory().numTensors ?? null);

/** @param {import('playwright-core').Page} page */
const lmWorkers = (page) => page.workers().filter((w) => /neural-lm\.worker/.test(w.url()));

test.describe('neural LM', () => {
  test.describe('trains on webgl: held-out perplexity falls, text is generated', () => {
    test.describe.configure({ mode: 'serial', timeout: 600_000 });
    /** @type {Awaited<ReturnType<typeof openNeuralLm>>} */
    let ctx;
    test.beforeAll(async () => {
      // Small hidden and embedding layers keep SwiftShader's steps short; 25 steps per evaluation
      // are not settable, so the test waits for the widget's own evaluations (every 50 steps).
      ctx = await openNeuralLm('?backend=webgl&nlm.hidden=16&nlm.dim=8&nlm.batch=64&nlm.lr=0.02');
    });
    test.afterAll(async () => {
      await ctx?.page.close();
    });

    test('Play trains on WebGL; perplexity goes down between evaluations and beats a uniform guess', async () => {
      const { root } = ctx;
      await test.step('neural-lm-webgl-train', async () => {
        await waitForReady(root);
        // The corpus facts come from the n-gram service (its worker tokenizes the book).
        const note = root.locator('[data-baseline-note]');
        await until(async () => (await note.count()) > 0, {
          timeoutMs: 120_000,
          message: 'the baseline note appears',
        });
        expect((await note.textContent()) ?? '').toMatch(/2,000 of the [\d,]+ held-out targets/);
        await trainerButtons(root).play.click();
        /** @type {number[]} */
        const perplexities = [];
        await until(
          async () => {
            const { status } = await trainerState(root);
            expect(status, `training failed: ${await alertText(root)}`).not.toBe('error');
            const p = await readMetric(root, 'val_perplexity');
            if (p != null && p !== perplexities.at(-1)) perplexities.push(p);
            return perplexities.length >= 2;
          },
          {
            timeoutMs: 480_000,
            intervalMs: 500,
            message: async () =>
              `two evaluations (step ${(await trainerState(root)).step}, perplexities ${JSON.stringify(perplexities)})`,
          },
        );
        const vocab = 7000; // fewer words than the vocabulary (about 7-9 K): better than uniform
        expect(perplexities.every((p) => Number.isFinite(p) && p > 1)).toBeTruthy();
        expect(
          perplexities[0] < vocab,
          `first perplexity ${perplexities[0]} < ${vocab}`,
        ).toBeTruthy();
        expect(
          perplexities[1] < perplexities[0],
          `held-out perplexity goes down: ${JSON.stringify(perplexities)}`,
        ).toBeTruthy();
        const state = await trainerState(root);
        expect(state.backend, 'data-backend is webgl').toBe('webgl');
        expect(
          ((await readMetric(root, 'tokens_per_second')) ?? 0) > 0,
          'words/s shown',
        ).toBeTruthy();
        expect(
          ((await readMetric(root, 'params')) ?? 0) > 100_000,
          'parameter count shown',
        ).toBeTruthy();
      });
    });

    test('generated text appears and the n-gram baselines are shown', async () => {
      const { page, root } = ctx;
      await test.step('neural-lm-webgl-sample', async () => {
        const sample = root.locator('[data-sample-step]');
        await until(async () => (await sample.count()) > 0, {
          timeoutMs: 60_000,
          message: 'a generated sample appears while training',
        });
        const text = (await sample.textContent()) ?? '';
        expect(/[a-z]+ [a-z]+/.test(text), `the sample has words: "${text}"`).toBeTruthy();
        await until(async () => ((await readMetric(root, 'kn_perplexity')) ?? 0) > 1, {
          timeoutMs: 120_000,
          message: 'the 3-gram Kneser-Ney baseline is shown',
        });
        const kn = /** @type {number} */ (await readMetric(root, 'kn_perplexity'));
        expect(kn > 20 && kn < 2000, `KN perplexity ${kn} is plausible`).toBeTruthy();
        const chart = await root.locator('svg').first().textContent();
        expect(chart ?? '', 'the KN line is labelled on the chart').toMatch(/Kneser-Ney/);
        if ((await trainerButtons(root).pause.count()) > 0)
          await trainerButtons(root).pause.click();
        // The worker's WebGL backend keeps its tensor count per step, as the wasm test checks.
        await expectTensorsStablePerStep(root, async () => (await workerMemory(page)).numTensors, {
          timeoutMs: 120_000,
        });
        // Reset keeps the baselines (same order and targets) and clears the curve.
        await trainerButtons(root).reset.click();
        await until(async () => (await trainerState(root)).status === 'idle', {
          timeoutMs: 30_000,
          message: 'Reset returns to idle',
        });
        expect((await trainerState(root)).step).toBe(0);
        expect(await readMetric(root, 'kn_perplexity'), 'the baseline stays').toBe(kn);
        ctx.log.assertNone('training the neural LM on webgl');
      });
    });
  });

  test.describe('trains on wasm in its worker', () => {
    test.describe.configure({ timeout: 600_000 });
    test('perplexity falls; no tensor leak per step; Reset frees the run; unmount ends the worker', async () => {
      const { page, root, log } = await openNeuralLm(
        '?backend=wasm&nlm.hidden=16&nlm.dim=8&nlm.batch=64&nlm.lr=0.02',
      );
      try {
        await test.step('neural-lm-wasm-train', async () => {
          await waitForReady(root);
          await trainerButtons(root).play.click();
          /** @type {number[]} */
          const perplexities = [];
          await until(
            async () => {
              const { status } = await trainerState(root);
              expect(status, `training failed: ${await alertText(root)}`).not.toBe('error');
              const p = await readMetric(root, 'val_perplexity');
              if (p != null && p !== perplexities.at(-1)) perplexities.push(p);
              return perplexities.length >= 2;
            },
            { timeoutMs: 300_000, intervalMs: 500, message: 'two evaluations on wasm' },
          );
          expect(perplexities[1] < perplexities[0], JSON.stringify(perplexities)).toBeTruthy();
          expect((await trainerState(root)).backend).toBe('wasm');
          await trainerButtons(root).pause.click();
          // Let the evaluation or sample in flight finish first.
          await page.waitForTimeout(3000);
          await stepAndWait(root, 60_000);
          await page.waitForTimeout(1500);
          const a = (await workerMemory(page)).numTensors;
          const pageA = await pageTensors(page);
          expect(a > 0, `the worker holds the model (${a} tensors)`).toBeTruthy();
          await stepAndWait(root, 60_000);
          await stepAndWait(root, 60_000);
          await page.waitForTimeout(1500);
          const b = (await workerMemory(page)).numTensors;
          expect(b, `the worker's numTensors unchanged across steps (${a} -> ${b})`).toBe(a);
          const pageB = await pageTensors(page);
          expect(pageB, `no tensor on the page's backend (${pageA} -> ${pageB})`).toBe(pageA);
          await trainerButtons(root).reset.click();
          await until(async () => (await workerMemory(page)).numTensors === 0, {
            timeoutMs: 30_000,
            message: 'Reset frees every tensor in the worker',
          });
          expect(lmWorkers(page).length, 'the worker stays for the next run').toBe(1);
          await navigateInApp(page, 'chapters/preprocessing');
          await waitForHeading(page, chapter1.title);
          await until(async () => lmWorkers(page).length === 0, {
            timeoutMs: 20_000,
            message: 'the neural-lm worker is terminated on unmount',
          });
          const hook = await page.evaluate(
            () => /** @type {any} */ (window).__nlpbookWorkers?.['neural-lm'] ?? null,
          );
          expect(hook, 'the test hook is removed with the widget').toBe(null);
          log.assertNone('training the neural LM on wasm');
        });
      } finally {
        await page.close();
      }
    });
  });

  test.describe('bad settings from the URL', () => {
    test.describe.configure({ timeout: 120_000 });
    test('an out-of-range context size is clamped with a message; a huge lr diverges with advice', async () => {
      const { page, root } = await openNeuralLm('?backend=wasm&nlm.ctx=9&nlm.lr=10&nlm.hidden=8');
      try {
        await test.step('neural-lm-bad-url', async () => {
          await waitForReady(root);
          expect(await root.textContent()).toMatch(/Context size[^.]*4/i);
          await trainerButtons(root).play.click();
          await until(async () => (await trainerState(root)).status === 'error', {
            timeoutMs: 90_000,
            message: async () =>
              `divergence is caught (status ${(await trainerState(root)).status})`,
          });
          expect(await alertText(root)).toMatch(/learning rate/i);
        });
      } finally {
        await page.close();
      }
    });
  });
});
