/**
 * WIDGET TESTS (chapter 3): the neural language model trains on Moby Dick in the page.
 *
 * Written against the widget DOM contract (section[data-widget="neural-lm"] with data-status /
 * data-step / data-backend; Play/Pause, Step, Reset buttons; output[data-metric]; controls named
 * after the hyperparameters with the `nlm.` prefix in the URL; [role="alert"] messages; the
 * generated sample in [data-sample-step]). The softmax over ~7-9 K words is slow on the
 * SwiftShader software renderer, so the test uses a small hidden layer there and polls generously.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { navigateInApp, waitForHeading } from './lib/book.mjs';
import { launchBrowser, poll, screenshotOnFailure } from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  readMetric,
  stepAndWait,
  trainerButtons,
  trainerState,
  openChapterWidget,
  waitForReady,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = CHAPTERS.find((c) => c.slug === 'language-models');
const chapter1 = CHAPTERS.find((c) => c.slug === 'preprocessing');
const WIDGET = 'neural-lm';

/** @type {import('./lib/browser.mjs').Browser} */
let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * Opens the chapter with a query string: the page, its error log and the widget, in view.
 * @param {string} query
 */
const openNeuralLm = (query) => openChapterWidget(browser.context, chapter, WIDGET, query);

/**
 * `tf.memory()` of the model's worker, through the widget's test hook.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ numTensors: number, numBytes: number }>}
 */
async function workerMemory(page) {
  const m = await page.evaluate(
    () => /** @type {any} */ (window).__nlpbookWorkers?.['neural-lm']?.memory() ?? null,
  );
  assert.ok(m, 'the neural-lm worker runs (window.__nlpbookWorkers["neural-lm"])');
  return m;
}

/**
 * The page's own tensor count, or null when the page never loaded tfjs (the model is in the worker).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<number | null>}
 */
const pageTensors = (page) =>
  page.evaluate(() => /** @type {any} */ (window).__nlpbook?.tf?.memory().numTensors ?? null);

/** @param {import('playwright-core').Page} page */
const lmWorkers = (page) => page.workers().filter((w) => /neural-lm\.worker/.test(w.url()));

describe('neural LM', { skip: !chapter && 'chapter 3 is not in the table of contents' }, () => {
  describe(
    'trains on webgl: held-out perplexity falls, text is generated',
    { timeout: 600_000 },
    () => {
      /** @type {Awaited<ReturnType<typeof openNeuralLm>>} */
      let ctx;
      before(async () => {
        // Small hidden and embedding layers keep SwiftShader's steps short; 25 steps per evaluation
        // are not settable, so the test waits for the widget's own evaluations (every 50 steps).
        ctx = await openNeuralLm('?backend=webgl&nlm.hidden=16&nlm.dim=8&nlm.batch=64&nlm.lr=0.02');
      });
      after(async () => {
        await ctx?.page.close();
      });

      test('Play trains on WebGL; perplexity goes down between evaluations and beats a uniform guess', async () => {
        const { page, root } = ctx;
        await screenshotOnFailure(
          page,
          'neural-lm-webgl-train',
          async () => {
            await waitForReady(root);
            // The corpus facts come from the n-gram service (its worker tokenizes the book).
            const note = root.locator('[data-baseline-note]');
            await poll(async () => (await note.count()) > 0, {
              timeoutMs: 120_000,
              message: 'the baseline note appears',
            });
            assert.match((await note.textContent()) ?? '', /2,000 of the [\d,]+ held-out targets/);
            await trainerButtons(root).play.click();
            /** @type {number[]} */
            const perplexities = [];
            await poll(
              async () => {
                const { status } = await trainerState(root);
                assert.notEqual(status, 'error', `training failed: ${await alertText(root)}`);
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
            assert.ok(perplexities.every((p) => Number.isFinite(p) && p > 1));
            assert.ok(perplexities[0] < vocab, `first perplexity ${perplexities[0]} < ${vocab}`);
            assert.ok(
              perplexities[1] < perplexities[0],
              `held-out perplexity goes down: ${JSON.stringify(perplexities)}`,
            );
            const state = await trainerState(root);
            assert.equal(state.backend, 'webgl', 'data-backend is webgl');
            assert.ok(((await readMetric(root, 'tokens_per_second')) ?? 0) > 0, 'words/s shown');
            assert.ok(((await readMetric(root, 'params')) ?? 0) > 100_000, 'parameter count shown');
          },
          root,
        );
      });

      test('generated text appears and the n-gram baselines are shown', async () => {
        const { page, root } = ctx;
        await screenshotOnFailure(
          page,
          'neural-lm-webgl-sample',
          async () => {
            const sample = root.locator('[data-sample-step]');
            await poll(async () => (await sample.count()) > 0, {
              timeoutMs: 60_000,
              message: 'a generated sample appears while training',
            });
            const text = (await sample.textContent()) ?? '';
            assert.ok(/[a-z]+ [a-z]+/.test(text), `the sample has words: "${text}"`);
            await poll(async () => ((await readMetric(root, 'kn_perplexity')) ?? 0) > 1, {
              timeoutMs: 120_000,
              message: 'the 3-gram Kneser-Ney baseline is shown',
            });
            const kn = /** @type {number} */ (await readMetric(root, 'kn_perplexity'));
            assert.ok(kn > 20 && kn < 2000, `KN perplexity ${kn} is plausible`);
            const chart = await root.locator('svg').first().textContent();
            assert.match(chart ?? '', /Kneser-Ney/, 'the KN line is labelled on the chart');
            if ((await trainerButtons(root).pause.count()) > 0)
              await trainerButtons(root).pause.click();
            // The worker's WebGL backend keeps its tensor count per step, as the wasm test checks.
            await page.waitForTimeout(3000);
            await stepAndWait(root, 120_000);
            await page.waitForTimeout(1500);
            const a = (await workerMemory(page)).numTensors;
            await stepAndWait(root, 120_000);
            await stepAndWait(root, 120_000);
            await page.waitForTimeout(1500);
            const b = (await workerMemory(page)).numTensors;
            assert.equal(
              b,
              a,
              `the worker's numTensors on webgl unchanged across steps (${a} -> ${b})`,
            );
            // Reset keeps the baselines (same order and targets) and clears the curve.
            await trainerButtons(root).reset.click();
            await poll(async () => (await trainerState(root)).status === 'idle', {
              timeoutMs: 30_000,
              message: 'Reset returns to idle',
            });
            assert.equal((await trainerState(root)).step, 0);
            assert.equal(await readMetric(root, 'kn_perplexity'), kn, 'the baseline stays');
            ctx.log.assertNone('training the neural LM on webgl');
          },
          root,
        );
      });
    },
  );

  describe('trains on wasm in its worker', { timeout: 600_000 }, () => {
    test('perplexity falls; no tensor leak per step; Reset frees the run; unmount ends the worker', async () => {
      const { page, root, log } = await openNeuralLm(
        '?backend=wasm&nlm.hidden=16&nlm.dim=8&nlm.batch=64&nlm.lr=0.02',
      );
      try {
        await screenshotOnFailure(
          page,
          'neural-lm-wasm-train',
          async () => {
            await waitForReady(root);
            await trainerButtons(root).play.click();
            /** @type {number[]} */
            const perplexities = [];
            await poll(
              async () => {
                const { status } = await trainerState(root);
                assert.notEqual(status, 'error', `training failed: ${await alertText(root)}`);
                const p = await readMetric(root, 'val_perplexity');
                if (p != null && p !== perplexities.at(-1)) perplexities.push(p);
                return perplexities.length >= 2;
              },
              { timeoutMs: 300_000, intervalMs: 500, message: 'two evaluations on wasm' },
            );
            assert.ok(perplexities[1] < perplexities[0], JSON.stringify(perplexities));
            assert.equal((await trainerState(root)).backend, 'wasm');
            await trainerButtons(root).pause.click();
            // Let the evaluation or sample in flight finish first.
            await page.waitForTimeout(3000);
            await stepAndWait(root, 60_000);
            await page.waitForTimeout(1500);
            const a = (await workerMemory(page)).numTensors;
            const pageA = await pageTensors(page);
            assert.ok(a > 0, `the worker holds the model (${a} tensors)`);
            await stepAndWait(root, 60_000);
            await stepAndWait(root, 60_000);
            await page.waitForTimeout(1500);
            const b = (await workerMemory(page)).numTensors;
            assert.equal(b, a, `the worker's numTensors unchanged across steps (${a} -> ${b})`);
            const pageB = await pageTensors(page);
            assert.equal(pageB, pageA, `no tensor on the page's backend (${pageA} -> ${pageB})`);
            await trainerButtons(root).reset.click();
            await poll(async () => (await workerMemory(page)).numTensors === 0, {
              timeoutMs: 30_000,
              message: 'Reset frees every tensor in the worker',
            });
            assert.equal(lmWorkers(page).length, 1, 'the worker stays for the next run');
            await navigateInApp(page, 'chapters/preprocessing');
            await waitForHeading(page, /** @type {any} */ (chapter1).title);
            await poll(async () => lmWorkers(page).length === 0, {
              timeoutMs: 20_000,
              message: 'the neural-lm worker is terminated on unmount',
            });
            const hook = await page.evaluate(
              () => /** @type {any} */ (window).__nlpbookWorkers?.['neural-lm'] ?? null,
            );
            assert.equal(hook, null, 'the test hook is removed with the widget');
            log.assertNone('training the neural LM on wasm');
          },
          root,
        );
      } finally {
        await page.close();
      }
    });
  });

  describe('bad settings from the URL', { timeout: 120_000 }, () => {
    test('an out-of-range context size is clamped with a message; a huge lr diverges with advice', async () => {
      const { page, root } = await openNeuralLm('?backend=wasm&nlm.ctx=9&nlm.lr=10&nlm.hidden=8');
      try {
        await screenshotOnFailure(
          page,
          'neural-lm-bad-url',
          async () => {
            await waitForReady(root);
            assert.match(await root.textContent(), /Context size[^.]*4/i);
            await trainerButtons(root).play.click();
            await poll(async () => (await trainerState(root)).status === 'error', {
              timeoutMs: 90_000,
              message: async () =>
                `divergence is caught (status ${(await trainerState(root)).status})`,
            });
            assert.match(await alertText(root), /learning rate/i);
          },
          root,
        );
      } finally {
        await page.close();
      }
    });
  });
});
