/**
 * WIDGET TESTS (chapter 4): the TF-IDF classifier (logistic / softmax regression) trains in its
 * Web Worker on WebGL and on WASM, beats the majority class on validation, and explains the reader's text.
 *
 * Also: axe-core finds no serious or critical violation inside the widget; leaving the chapter
 * through an in-app link terminates the widget's worker (it vectorizes and trains; its tensors
 * are read through `__nlpbookWorkers['tfidf-classifier']`); bad URL values, huge and odd text
 * give messages and a valid state; the Diverge preset stops with a message naming the learning
 * rate.
 *
 * Contract: section[data-widget="tfidf-classifier"] with data-status / data-step / data-backend /
 * data-task; Play/Step/Reset buttons; output[data-metric] readouts (loss, val_accuracy,
 * majority, nb_accuracy, prediction, p_0 ...); a "Type a text" box; input[name] controls.
 */
import { expect, test } from '@playwright/test';
import { formatViolations, runAxe, waitForHeading } from './lib/book.mjs';
import { openPage, watchErrors, until } from './lib/browser.mjs';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  controlValue,
  lossAfterOneStep,
  pasteInto,
  readMetric,
  stepAndWait,
  trainerButtons,
  trainerState,
  waitForStatus,
  widget,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'bag-of-words');
const WIDGET = 'tfidf-classifier';

/**
 * `tf.memory()` of the widget's worker (vectorizer and model), or null when none runs.
 *
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ numTensors: number; numBytes: number } | null>}
 */
const workerMemory = (page) =>
  page.evaluate(
    (id) => /** @type {any} */ (window).__nlpbookWorkers?.[id]?.memory() ?? null,
    WIDGET,
  );

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

/** @param {number[]} xs */
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Opens chapter 4 with a query, scrolls the widget into view and waits until its features are
 * ready (Play enabled).
 *
 * @param {string} query
 */
async function openWidget(query) {
  expect(chapter, 'chapter 4 (bag-of-words) is in src/book/chapters.ts').toBeTruthy();
  const { page, log } = await openPage(context, `chapters/${chapter.slug}${query}`);
  await waitForHeading(page, chapter.title);
  const root = widget(page, WIDGET);
  await root.waitFor({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  const play = root.getByRole('button', { name: /^play/i });
  await test.step(`tfidf-classifier-open${query.replace(/\W+/g, '-')}`, () =>
    until(async () => (await play.isEnabled()) && (await trainerState(root)).status === 'idle', {
      timeoutMs: 120_000,
      message: async () =>
        `status ${JSON.stringify(await trainerState(root))}; ${await alertText(root)}`,
    }));
  return { page, log, root, play };
}

for (const [task, backend, query] of /** @type {const} */ ([
  ['spam', 'webgl', '?backend=webgl&tc.speed=full'],
  ['source', 'wasm', '?backend=wasm&tc.speed=full&tc.task=source'],
])) {
  test.describe(`TF-IDF classifier, ${task}, on ${backend}`, () => {
    test.describe.configure({ mode: 'serial', timeout: 300_000 });
    /** @type {Awaited<ReturnType<typeof openWidget>>} */
    let ctx;
    test.beforeAll(async () => {
      ctx = await openWidget(query);
    });
    test.afterAll(async () => {
      await ctx?.page.close();
    });

    test('trains: the loss falls and validation accuracy beats the majority class', async () => {
      const { root, play, log } = ctx;
      await test.step(`tfidf-classifier-${task}-train`, async () => {
        expect((await root.getAttribute('data-task')) ?? '').toBe(task);
        const majority = await readMetric(root, 'majority');
        const nb = await readMetric(root, 'nb_accuracy');
        expect(
          majority != null && majority > 0.3 && majority < 0.7,
          `majority rate ${majority}`,
        ).toBeTruthy();
        expect(
          nb != null && nb > majority,
          `naive Bayes ${nb} beats the majority ${majority}`,
        ).toBeTruthy();
        // The first loss from one Step (about ln K): while playing, a quiet machine runs all
        // 750 steps in a few seconds and the 200 ms polls see only a few of them.
        /** @type {{ step: number; loss: number }[]} */
        const samples = [await lossAfterOneStep(root, 60_000)];
        await play.click();
        let valAcc = null;
        await until(
          async () => {
            const { step, status, backend: b } = await trainerState(root);
            expect(status, `training failed: ${await alertText(root)}`).not.toBe('error');
            if (b) expect(b).toBe(backend);
            const loss = await readMetric(root, 'loss');
            if (loss != null && step > 0 && samples.at(-1)?.step !== step) {
              expect(
                Number.isFinite(loss) && loss >= 0,
                `loss ${loss} at step ${step}`,
              ).toBeTruthy();
              samples.push({ step, loss });
            }
            valAcc = await readMetric(root, 'val_accuracy');
            if (step < 50 || samples.length < 3 || valAcc == null) return false;
            const late = mean(samples.slice(-2).map((s) => s.loss));
            return late < samples[0].loss && valAcc > majority + 0.1;
          },
          {
            timeoutMs: 240_000,
            intervalMs: 200,
            message: async () =>
              `step ${(await trainerState(root)).step}, val acc ${valAcc}, majority ${majority}, samples ${JSON.stringify(samples.slice(-4))}`,
          },
        );
        // Pause, unless the run finished meanwhile (a quiet machine trains all 10 epochs in a few
        // seconds, and a finished run's Pause button is disabled): checked and clicked in one
        // step in the page, so the run cannot end between the check and the click.
        await root.evaluate((el) => {
          const pause = [...el.querySelectorAll('button')].find((b) =>
            /^pause/i.test(b.getAttribute('aria-label') ?? b.textContent ?? ''),
          );
          if (pause && !pause.disabled) pause.click();
        });
        await until(async () => ['paused', 'done'].includes((await trainerState(root)).status), {
          timeoutMs: 10_000,
          message: async () => `status ${(await trainerState(root)).status} after Pause`,
        });
        // Confusion matrix and weight bars are drawn.
        expect((await root.locator('[data-part="top-terms"] svg').count()) >= 2).toBeTruthy();
        log.assertNone(`training ${task} on ${backend}`);
      });
    });

    test('the try-your-text box answers with class probabilities that sum to 1', async () => {
      const { root } = ctx;
      await test.step(`tfidf-classifier-${task}-try`, async () => {
        const box = root.getByLabel('Type a text');
        const text =
          task === 'spam'
            ? 'Click here to claim your FREE prize now!!! Limited offer, act now.'
            : 'The food was delicious and the waiter was friendly.';
        await box.fill(text);
        const expected = task === 'spam' ? 'spam' : 'yelp';
        await until(
          async () => {
            const out =
              (await root.locator('output[data-metric="prediction"]').textContent()) ?? '';
            return out.includes(expected);
          },
          {
            timeoutMs: 20_000,
            message: async () =>
              `prediction "${await root.locator('output[data-metric="prediction"]').textContent()}"`,
          },
        );
        const k = task === 'spam' ? 2 : 3;
        let sum = 0;
        for (let c = 0; c < k; c++) sum += (await readMetric(root, `p_${c}`)) ?? NaN;
        expect(Math.abs(sum - 1) < 0.01, `probabilities sum to ${sum}`).toBeTruthy();
        // Junk input gets an answer too (the bias alone), not an error.
        await box.fill('☃☃☃ 🙂 ‮ ');
        await until(async () => (await root.locator('text=None of these terms').count()) > 0, {
          timeoutMs: 20_000,
          message: 'no "None of these terms" note for a text without known terms',
        });
      });
    });

    test('huge and odd text: a message, the first 5,000 characters read, no error', async () => {
      const { root, log } = ctx;
      await test.step(`tfidf-classifier-${task}-text`, async () => {
        const box = root.getByLabel('Type a text');
        const probabilitiesSumToOne = async () => {
          let sum = 0;
          for (let c = 0; c < (task === 'spam' ? 2 : 3); c++) {
            sum += (await readMetric(root, `p_${c}`)) ?? NaN;
          }
          return Math.abs(sum - 1) < 0.01;
        };
        // 300,000 characters pasted at once.
        await pasteInto(box, 'free prize great food '.repeat(13_637));
        await until(async () => /only the first 5,000 are used/.test(await alertText(root)), {
          timeoutMs: 20_000,
          message: async () => `no length warning; alerts "${await alertText(root)}"`,
        });
        expect(await alertText(root)).toMatch(/300,014 characters/);
        await until(probabilitiesSumToOne, { timeoutMs: 20_000, message: 'huge text is scored' });
        // NUL, a lone surrogate, combining accents, zero-width joiners, bidi overrides, a
        // ligature, Devanagari and CJK: read like any text.
        await box.fill(
          '\u0000 \ud800 cafe\u0301 fi\ufb01 \u200dfree\u200d \u202eprize\u202c नमस्ते 你好 free',
        );
        await until(
          async () =>
            (await root.locator('output[data-metric="prediction"]').textContent())?.match(/\(\d/) !=
            null,
          { timeoutMs: 20_000, message: 'odd Unicode text gets a prediction' },
        );
        expect(
          await probabilitiesSumToOne(),
          'probabilities of the odd text sum to 1',
        ).toBeTruthy();
        expect(await alertText(root)).not.toMatch(/could not be read/);
        log.assertNone(`huge and odd text on ${task}`);
      });
    });

    test('axe-core: no serious or critical violation inside the trained widget', async () => {
      const { page, root } = ctx;
      await test.step(`tfidf-classifier-${task}-axe`, async () => {
        expect(
          (await root.locator('[data-part="top-terms"] svg').count()) >= 2,
          'charts drawn',
        ).toBeTruthy();
        const violations = [];
        for (const v of await runAxe(page)) {
          if (v.impact !== 'serious' && v.impact !== 'critical') continue;
          const inside = [];
          for (const target of v.targets) {
            const inWidget = await page.evaluate(
              ([sel, id]) => {
                try {
                  return document.querySelector(sel)?.closest(`[data-widget="${id}"]`) != null;
                } catch {
                  return false;
                }
              },
              [target, WIDGET],
            );
            if (inWidget) inside.push(target);
          }
          if (inside.length > 0) violations.push({ ...v, targets: inside });
        }
        expect(
          violations.length,
          `axe found in the widget (${task}):\n  ${formatViolations(violations)}`,
        ).toBe(0);
      });
    });
  });
}

test.describe('TF-IDF classifier: leaving the chapter frees everything', () => {
  test.describe.configure({ timeout: 300_000 });
  test('after training on WASM, tensors in the worker are stable per step, and an in-app link to chapter 1 ends the worker', async () => {
    const page = await context.newPage();
    const log = watchErrors(page);
    /** @type {{ url: string; closed: boolean }[]} */
    const workers = [];
    page.on('worker', (w) => {
      const entry = { url: w.url(), closed: false };
      workers.push(entry);
      w.on('close', () => {
        entry.closed = true;
      });
    });
    await page.goto(`chapters/${chapter?.slug}?backend=wasm&tc.speed=full`);
    await test.step('tfidf-classifier-unmount', async () => {
      await waitForHeading(page, chapter?.title ?? '');
      const root = widget(page, WIDGET);
      await root.scrollIntoViewIfNeeded();
      const { play, pause } = trainerButtons(root);
      await until(
        async () => (await play.isEnabled()) && (await trainerState(root)).status === 'idle',
        {
          timeoutMs: 120_000,
          message: async () => `ready; alerts "${await alertText(root)}"`,
        },
      );
      expect(
        workers.some((w) => /tfidf/.test(w.url) && !w.closed),
        `the worker runs (it vectorizes before any run) (${JSON.stringify(workers)})`,
      ).toBeTruthy();
      await play.click();
      await until(async () => (await trainerState(root)).step > 60, {
        timeoutMs: 120_000,
        message: async () =>
          `training passes step 60 (${JSON.stringify(await trainerState(root))})`,
      });
      await pause.click();
      await until(async () => (await trainerState(root)).status === 'paused', {
        message: 'paused',
      });
      // The model lives in the worker: its tensor count is the same after every step.
      const during = (await workerMemory(page))?.numTensors ?? 0;
      expect(during, `the model holds tensors in the worker (${during})`).toBeGreaterThan(0);
      await stepAndWait(root, 60_000);
      const a = (await workerMemory(page))?.numTensors;
      await stepAndWait(root, 60_000);
      await stepAndWait(root, 60_000);
      expect((await workerMemory(page))?.numTensors, 'numTensors per step in the worker').toBe(a);
      const first = findChapter(CHAPTERS, 'preprocessing');
      expect(first, 'chapter 1 is in the table of contents').toBeTruthy();
      await page.locator(`a[href$="chapters/${first.slug}"]`).first().click();
      await waitForHeading(page, first.title);
      await until(() => workers.filter((w) => /tfidf/.test(w.url)).every((w) => w.closed), {
        timeoutMs: 10_000,
        message: () => `every worker of the widget is terminated (${JSON.stringify(workers)})`,
      });
      const hook = await page.evaluate(
        (id) => /** @type {any} */ (window).__nlpbookWorkers?.[id] != null,
        WIDGET,
      );
      expect(hook, 'the test hook is removed with the widget').toBe(false);
      log.assertNone('training and leaving the chapter');
    });
    await page.close();
  });
});

test.describe('TF-IDF classifier: bad links and divergence', () => {
  test.describe.configure({ timeout: 300_000 });
  test('bad URL values: a message for each, the widget starts with valid values', async () => {
    const { page, root, log } = await openWidget(
      '?backend=wasm&tc.lr=abc&tc.min_df=-3&tc.minDf=-3&tc.task=foo&tc.max_features=1e9',
    );
    await test.step('tfidf-classifier-bad-url', async () => {
      const alerts = await alertText(root);
      for (const expected of [
        /Learning rate: "abc" is not a number; using the default 0\.05/,
        /\(min_df\) -3 is below the minimum 1; using 1/,
        /“tc\.minDf” in the link is not a setting of this widget \(did you mean tc\.min_df\?\)/,
        /Task: "foo" is not one of .*; using the default spam/,
        /\(max_features\) 1e\+?9 is above the maximum 20,?000; using 20,?000/,
      ]) {
        expect(alerts).toMatch(expected);
      }
      expect(await controlValue(root, 'lr')).toBe('0.05');
      expect(await controlValue(root, 'min_df')).toBe('1');
      expect(await controlValue(root, 'task')).toBe('spam');
      expect(await root.getAttribute('data-task')).toBe('spam');
      expect(
        (await readMetric(root, 'features')) != null,
        'the features were computed',
      ).toBeTruthy();
      log.assertNone('bad URL values');
    });
    await page.close();
  });

  test('tc.lr=1e9 is clamped; the Diverge preset stops with a message naming the learning rate', async () => {
    const { page, root, log } = await openWidget('?backend=wasm&tc.speed=full&tc.lr=1e9');
    await test.step('tfidf-classifier-diverge', async () => {
      expect(await alertText(root)).toMatch(
        /Learning rate 1e\+?9 is above the maximum 100; using 100/,
      );
      expect(await controlValue(root, 'lr')).toBe('100');
      await root.getByRole('button', { name: /^Diverge$/ }).click();
      // The preset changes the vectorizer (norm none): the widget re-vectorizes, then is ready.
      await until(async () => (await controlValue(root, 'norm')) === 'none', {
        message: 'the Diverge preset sets norm = none',
      });
      const { play } = trainerButtons(root);
      await until(
        async () => (await play.isEnabled()) && (await trainerState(root)).status === 'idle',
        {
          timeoutMs: 120_000,
          message: async () =>
            `ready after the preset (${JSON.stringify(await trainerState(root))})`,
        },
      );
      await play.click();
      await waitForStatus(root, 'error', 120_000, 'the loss diverges with lr = 100');
      const alerts = await alertText(root);
      expect(alerts, `the message names the learning rate: "${alerts}"`).toMatch(/learning rate/i);
      // Back to a working run: the Default preset, Reset, and training goes.
      await root.getByRole('button', { name: /^Default$/ }).click();
      await trainerButtons(root).reset.click();
      await until(
        async () => (await play.isEnabled()) && (await trainerState(root)).status === 'idle',
        {
          timeoutMs: 120_000,
          message: async () => `ready after Reset (${JSON.stringify(await trainerState(root))})`,
        },
      );
      expect(await controlValue(root, 'lr')).toBe('0.05');
      log.assertNone('divergence');
    });
    await page.close();
  });
});
