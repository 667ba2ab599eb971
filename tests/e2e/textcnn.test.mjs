/**
 * WIDGET TESTS (chapter 11): the TextCNN trains on the review sentences in its Web Worker
 * (src/widgets/textcnn/textcnn.worker.ts); its tensors are read through the widget's test hook
 * `__nlpbookWorkers.textcnn.memory()`, not the page's tf.
 *
 * Written against the widget DOM contract (section[data-widget="textcnn"] with data-status /
 * data-step / data-backend; Play/Pause, Step, Reset; output[data-metric]; controls named after
 * the hyperparameters, bare names in the URL; [role="alert"] messages), the n-gram panel
 * ([data-ngrams], one row [data-filter] per filter shown, "(step N)" in its heading once read)
 * the explanation panel ([data-explain]) and the baselines table ([data-baselines], rows
 * tr[data-row] with cells td[data-col]). Small models keep SwiftShader's WebGL steps short.
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
const chapter = findChapter(CHAPTERS, 'convolutional-networks');
const chapter1 = findChapter(CHAPTERS, 'preprocessing');
const WIDGET = 'textcnn';

/**
 * One browser context for the whole file: it comes from Playwright Test's `browser` fixture, so
 * it has the config's baseURL, viewport, and a trace and screenshot on failure.
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
 * Opens chapter 11 with a query string: the page, its error log and the widget, in view.
 * @param {string} query
 */
const openTextCnn = (query) => openChapterWidget(context, chapter, WIDGET, query);

/**
 * Polls the widget while it trains and collects each new validation loss (`val_loss`), failing at
 * once on an error, until `done(number of losses, status)`.
 *
 * @param {import('playwright-core').Locator} root
 * @param {(n: number, status: string | null) => boolean} done
 * @param {{ timeoutMs: number; what: string }} options - `what` opens the timeout message
 * @returns {Promise<number[]>}
 */
async function validationLosses(root, done, { timeoutMs, what }) {
  /** @type {number[]} */
  const losses = [];
  await until(
    async () => {
      const { status } = await trainerState(root);
      expect(status, `training failed: ${await alertText(root)}`).not.toBe('error');
      const v = await readMetric(root, 'val_loss');
      if (v != null && v !== losses.at(-1)) losses.push(v);
      return done(losses.length, status);
    },
    {
      timeoutMs,
      intervalMs: 300,
      message: async () =>
        `${what} (step ${(await trainerState(root)).step}, validation losses ${JSON.stringify(losses)})`,
    },
  );
  return losses;
}

/** @param {import('playwright-core').Page} page */
const workerMemory = (page) => widgetWorkerMemory(page, 'textcnn');

/**
 * The page's own tensor count, or null when the page never loaded tfjs (the model is in the worker).
 * @param {import('playwright-core').Page} page
 */
const pageTensors = (page) =>
  page.evaluate(() => /** @type {any} */ (window).__nlpbook?.tf?.memory().numTensors ?? null);

/** @param {import('playwright-core').Page} page */
const cnnWorkers = (page) => page.workers().filter((w) => /textcnn\.worker/.test(w.url()));

/**
 * Waits until the n-gram panel has been read at `step` (the read a pause or a Step starts) and
 * shows at least one filter; returns its rows' text.
 * @param {import('playwright-core').Locator} root
 * @param {number} step
 * @param {number} timeoutMs
 */
async function ngramsAt(root, step, timeoutMs) {
  const panel = root.locator('[data-ngrams]');
  await until(
    async () => {
      const text = (await panel.textContent()) ?? '';
      return text.includes(`(step ${step})`) && (await panel.locator('[data-filter]').count()) > 0;
    },
    {
      timeoutMs,
      message: async () =>
        `the top n-grams of step ${step} are shown (panel: "${((await panel.textContent()) ?? '').slice(0, 200)}")`,
    },
  );
  return panel.locator('[data-filter]').allTextContents();
}

/**
 * The worker's numTensors after a Step, once that step's n-gram read (and the explanation the
 * step may start) are done: the panel names the step, and two readings 700 ms apart agree.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} root
 * @param {number} timeoutMs
 */
async function tensorsAfterStep(page, root, timeoutMs) {
  const step = await stepAndWait(root, timeoutMs);
  await ngramsAt(root, step, timeoutMs);
  return settledTensors(page);
}

/**
 * The worker's numTensors once two readings 700 ms apart agree.
 * @param {import('playwright-core').Page} page
 */
async function settledTensors(page) {
  /** @type {number[]} */
  let pair = [];
  await until(
    async () => {
      const a = (await workerMemory(page)).numTensors;
      await page.waitForTimeout(700);
      const b = (await workerMemory(page)).numTensors;
      pair = [a, b];
      return a === b;
    },
    { timeoutMs: 30_000, message: () => `the worker's numTensors settles (${pair.join(' -> ')})` },
  );
  return pair[1];
}

test.describe('TextCNN', () => {
  test.describe('trains on wasm in its worker', () => {
    test.describe.configure({ timeout: 600_000 });
    test('validation loss falls; top n-grams, the explanation and the baselines table fill; no tensor leak per step; Reset frees; unmount ends the worker', async () => {
      const { page, root, log } = await openTextCnn(
        '?backend=wasm&cnn.filters=16&cnn.dim=16&cnn.epochs=3',
      );
      try {
        await test.step('textcnn-wasm-train', async () => {
          await waitForReady(root);
          await trainerButtons(root).play.click();
          const losses = await validationLosses(
            root,
            (n, status) => n >= 3 || (status === 'done' && n >= 2),
            { timeoutMs: 360_000, what: 'three evaluations on wasm' },
          );
          expect(losses.every(Number.isFinite), JSON.stringify(losses)).toBeTruthy();
          expect(
            losses.at(-1) < losses[0],
            `validation loss falls: ${JSON.stringify(losses)}`,
          ).toBeTruthy();
          expect(
            losses[0] < 0.75,
            `first validation loss ${losses[0]} near ln 2 or below`,
          ).toBeTruthy();
          expect((await trainerState(root)).backend).toBe('wasm');
          expect(
            ((await readMetric(root, 'params')) ?? 0) > 10_000,
            'parameter count shown',
          ).toBeTruthy();
        });

        await test.step('textcnn-wasm-probes', async () => {
          if ((await trainerButtons(root).pause.count()) > 0)
            await trainerButtons(root).pause.click();
          await until(async () => (await trainerState(root)).status !== 'running', {
            timeoutMs: 30_000,
            message: 'Pause stops the run',
          });
          const { step } = await trainerState(root);
          const rows = await ngramsAt(root, step, 60_000);
          // Each shown filter lists quoted n-grams of its own width (words, or ids without a
          // vocabulary) with an activation.
          expect(rows.length).toBeGreaterThan(0);
          for (const r of rows) expect(r, `an n-gram row: "${r}"`).toMatch(/“[^”]+” \d+\.\d\d/);
          const explain = root.locator('[data-explain]');
          await root.locator('textarea[name="textcnn-text"]').fill('the service was great');
          await expect
            .poll(() => explain.textContent(), { timeout: 60_000 })
            .toMatch(/Prediction: (positive|negative) \(\d+\.\d%\)/);
          // One shaded box per word; the padding to maxlen (40 by default) summed in one line.
          const tokens = await explain
            .locator('[aria-label="Each word\'s contribution"] .tc-token')
            .allTextContents();
          expect(tokens).toEqual(['the', 'service', 'was', 'great']);
          expect(await explain.textContent()).toMatch(
            /\+ 36 padding tokens, together -?\d+\.\d\d of the margin/,
          );
        });

        await test.step('textcnn-wasm-baselines', async () => {
          // Paused: the baselines train in the worker; the table's three rows fill.
          const panel = root.locator('[data-baselines]');
          const before = await settledTensors(page);
          await panel.getByRole('button', { name: 'Train the baselines' }).click();
          const acc = (row, col) =>
            panel.locator(`tr[data-row="${row}"] td[data-col="${col}"]`).textContent();
          await until(async () => /%$/.test((await acc('tfidf', 'val_accuracy')) ?? ''), {
            timeoutMs: 180_000,
            message: async () =>
              `the baselines are trained (${((await panel.textContent()) ?? '').slice(0, 300)})`,
          });
          for (const row of ['textcnn', 'averaged', 'tfidf']) {
            for (const col of ['train_accuracy', 'val_accuracy']) {
              const text = (await acc(row, col)) ?? '';
              const v = parseFloat(text) / 100;
              expect(v > 0 && v <= 1, `${row} ${col} "${text}" in (0, 1]`).toBeTruthy();
            }
          }
          expect(await settledTensors(page), 'the baselines free their tensors').toBe(before);
        });

        await test.step('textcnn-wasm-memory', async () => {
          const a = await tensorsAfterStep(page, root, 60_000);
          const pageA = await pageTensors(page);
          expect(a > 0, `the worker holds the model (${a} tensors)`).toBeTruthy();
          await tensorsAfterStep(page, root, 60_000);
          const b = await tensorsAfterStep(page, root, 60_000);
          expect(b, `the worker's numTensors unchanged across steps (${a} -> ${b})`).toBe(a);
          expect(await pageTensors(page), 'no tensor on the page').toBe(pageA);
          await trainerButtons(root).reset.click();
          await until(async () => (await workerMemory(page)).numTensors === 0, {
            timeoutMs: 30_000,
            message: 'Reset frees every tensor in the worker',
          });
          expect((await trainerState(root)).step).toBe(0);
          expect(cnnWorkers(page).length, 'the worker stays for the next run').toBe(1);
        });

        await test.step('textcnn-unmount', async () => {
          await navigateInApp(page, 'chapters/preprocessing');
          await waitForHeading(page, chapter1.title);
          await until(async () => cnnWorkers(page).length === 0, {
            timeoutMs: 20_000,
            message: 'the textcnn worker is terminated on unmount',
          });
          const hook = await page.evaluate(
            () => /** @type {any} */ (window).__nlpbookWorkers?.textcnn ?? null,
          );
          expect(hook, 'the test hook is removed with the widget').toBe(null);
          log.assertNone('training the TextCNN on wasm');
        });
      } finally {
        await page.close();
      }
    });
  });

  test.describe('trains on webgl', () => {
    test.describe.configure({ timeout: 600_000 });
    test('on WebGL: the validation loss falls, the top n-grams fill, no tensor leak per step', async () => {
      const { page, root, log } = await openTextCnn(
        '?backend=webgl&cnn.filters=4&cnn.dim=8&cnn.widths=2,3&cnn.epochs=3',
      );
      try {
        await test.step('textcnn-webgl-steps', async () => {
          await waitForReady(root);
          let step = 0;
          for (let i = 0; i < 4; i++) step = await stepAndWait(root, 120_000);
          expect(step).toBe(4);
          const state = await trainerState(root);
          expect(state.backend, 'data-backend is webgl').toBe('webgl');
          const loss = await readMetric(root, 'loss');
          expect(
            loss != null && Number.isFinite(loss) && loss > 0 && loss < 2,
            `batch loss ${loss}`,
          ).toBeTruthy();
          const rows = await ngramsAt(root, step, 120_000);
          expect(rows.length).toBeGreaterThan(0);
          // The worker's WebGL backend keeps its tensor count per step (after the probes).
          await expectTensorsStablePerStep(
            root,
            async () => (await workerMemory(page)).numTensors,
            { timeoutMs: 120_000 },
          );
          // Play to the end: the validation loss at the end of each epoch falls.
          await trainerButtons(root).play.click();
          const losses = await validationLosses(root, (_n, status) => status === 'done', {
            timeoutMs: 480_000,
            what: 'the 3 epochs end on webgl',
          });
          expect(
            losses.length >= 2 && losses.every(Number.isFinite) && losses.at(-1) < losses[0],
            `validation loss falls on webgl: ${JSON.stringify(losses)}`,
          ).toBeTruthy();
          log.assertNone('training the TextCNN on webgl');
        });
      } finally {
        await page.close();
      }
    });
  });
});
