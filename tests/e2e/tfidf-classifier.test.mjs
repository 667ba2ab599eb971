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
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatViolations, runAxe, waitForHeading } from './lib/book.mjs';
import {
  bookUrl,
  launchBrowser,
  openPage,
  poll,
  screenshotOnFailure,
  watchErrors,
} from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  controlValue,
  pasteInto,
  readMetric,
  stepAndWait,
  trainerButtons,
  trainerState,
  waitForStatus,
  widget,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = CHAPTERS.find((c) => c.slug === 'bag-of-words');
const WIDGET = 'tfidf-classifier';

/**
 * `tf.memory()` of the widget's worker (vectorizer and model), or null when none runs.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ numTensors: number, numBytes: number } | null>}
 */
const workerMemory = (page) =>
  page.evaluate(
    (id) => /** @type {any} */ (window).__nlpbookWorkers?.[id]?.memory() ?? null,
    WIDGET,
  );

/** @type {import('./lib/browser.mjs').Browser} */
let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
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
  assert.ok(chapter, 'chapter 4 (bag-of-words) is in src/book/chapters.ts');
  const { page, log } = await openPage(
    browser.context,
    bookUrl(`chapters/${chapter.slug}${query}`),
  );
  await waitForHeading(page, chapter.title);
  const root = widget(page, WIDGET);
  await root.waitFor({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  const play = root.getByRole('button', { name: /^play/i });
  await screenshotOnFailure(page, `tfidf-classifier-open${query.replace(/\W+/g, '-')}`, () =>
    poll(async () => (await play.isEnabled()) && (await trainerState(root)).status === 'idle', {
      timeoutMs: 120_000,
      message: async () =>
        `status ${JSON.stringify(await trainerState(root))}; ${await alertText(root)}`,
    }),
  );
  return { page, log, root, play };
}

for (const [task, backend, query] of /** @type {const} */ ([
  ['spam', 'webgl', '?backend=webgl&tc.speed=full'],
  ['source', 'wasm', '?backend=wasm&tc.speed=full&tc.task=source'],
])) {
  describe(`TF-IDF classifier, ${task}, on ${backend}`, { timeout: 300_000 }, () => {
    /** @type {Awaited<ReturnType<typeof openWidget>>} */
    let ctx;
    before(async () => {
      ctx = await openWidget(query);
    });
    after(async () => {
      await ctx?.page.close();
    });

    test('trains: the loss falls and validation accuracy beats the majority class', async () => {
      const { page, root, play, log } = ctx;
      await screenshotOnFailure(page, `tfidf-classifier-${task}-train`, async () => {
        assert.equal((await root.getAttribute('data-task')) ?? '', task);
        const majority = await readMetric(root, 'majority');
        const nb = await readMetric(root, 'nb_accuracy');
        assert.ok(
          majority != null && majority > 0.3 && majority < 0.7,
          `majority rate ${majority}`,
        );
        assert.ok(nb != null && nb > majority, `naive Bayes ${nb} beats the majority ${majority}`);
        await play.click();
        /** @type {{ step: number; loss: number }[]} */
        const samples = [];
        let valAcc = null;
        await poll(
          async () => {
            const { step, status, backend: b } = await trainerState(root);
            assert.notEqual(status, 'error', `training failed: ${await alertText(root)}`);
            if (b) assert.equal(b, backend);
            const loss = await readMetric(root, 'loss');
            if (loss != null && step > 0 && samples.at(-1)?.step !== step) {
              assert.ok(Number.isFinite(loss) && loss >= 0, `loss ${loss} at step ${step}`);
              samples.push({ step, loss });
            }
            valAcc = await readMetric(root, 'val_accuracy');
            if (step < 50 || samples.length < 6 || valAcc == null) return false;
            const early = mean(samples.slice(0, 3).map((s) => s.loss));
            const late = mean(samples.slice(-3).map((s) => s.loss));
            return late < early && valAcc > majority + 0.1;
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
        await poll(async () => ['paused', 'done'].includes((await trainerState(root)).status), {
          timeoutMs: 10_000,
          message: async () => `status ${(await trainerState(root)).status} after Pause`,
        });
        // Confusion matrix and weight bars are drawn.
        assert.ok((await root.locator('[data-part="top-terms"] svg').count()) >= 2);
        log.assertNone(`training ${task} on ${backend}`);
      });
    });

    test('the try-your-text box answers with class probabilities that sum to 1', async () => {
      const { page, root } = ctx;
      await screenshotOnFailure(page, `tfidf-classifier-${task}-try`, async () => {
        const box = root.getByLabel('Type a text');
        const text =
          task === 'spam'
            ? 'Click here to claim your FREE prize now!!! Limited offer, act now.'
            : 'The food was delicious and the waiter was friendly.';
        await box.fill(text);
        const expected = task === 'spam' ? 'spam' : 'yelp';
        await poll(
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
        assert.ok(Math.abs(sum - 1) < 0.01, `probabilities sum to ${sum}`);
        // Junk input gets an answer too (the bias alone), not an error.
        await box.fill('☃☃☃ 🙂 ‮ ');
        await poll(async () => (await root.locator('text=None of these terms').count()) > 0, {
          timeoutMs: 20_000,
          message: 'no "None of these terms" note for a text without known terms',
        });
      });
    });

    test('huge and odd text: a message, the first 5,000 characters read, no error', async () => {
      const { page, root, log } = ctx;
      await screenshotOnFailure(page, `tfidf-classifier-${task}-text`, async () => {
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
        await poll(async () => /only the first 5,000 are used/.test(await alertText(root)), {
          timeoutMs: 20_000,
          message: async () => `no length warning; alerts "${await alertText(root)}"`,
        });
        assert.match(await alertText(root), /300,014 characters/);
        await poll(probabilitiesSumToOne, { timeoutMs: 20_000, message: 'huge text is scored' });
        // NUL, a lone surrogate, combining accents, zero-width joiners, bidi overrides, a
        // ligature, Devanagari and CJK: read like any text.
        await box.fill(
          '\u0000 \ud800 cafe\u0301 fi\ufb01 \u200dfree\u200d \u202eprize\u202c नमस्ते 你好 free',
        );
        await poll(
          async () =>
            (await root.locator('output[data-metric="prediction"]').textContent())?.match(/\(\d/) !=
            null,
          { timeoutMs: 20_000, message: 'odd Unicode text gets a prediction' },
        );
        assert.ok(await probabilitiesSumToOne(), 'probabilities of the odd text sum to 1');
        assert.doesNotMatch(await alertText(root), /could not be read/);
        log.assertNone(`huge and odd text on ${task}`);
      });
    });

    test('axe-core: no serious or critical violation inside the trained widget', async () => {
      const { page, root } = ctx;
      await screenshotOnFailure(page, `tfidf-classifier-${task}-axe`, async () => {
        assert.ok((await root.locator('[data-part="top-terms"] svg').count()) >= 2, 'charts drawn');
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
        assert.equal(
          violations.length,
          0,
          `axe found in the widget (${task}):\n  ${formatViolations(violations)}`,
        );
      });
    });
  });
}

describe('TF-IDF classifier: leaving the chapter frees everything', { timeout: 300_000 }, () => {
  test('after training on WASM, tensors in the worker are stable per step, and an in-app link to chapter 1 ends the worker', async () => {
    const page = await browser.context.newPage();
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
    await page.goto(bookUrl(`chapters/${chapter?.slug}?backend=wasm&tc.speed=full`));
    await screenshotOnFailure(page, 'tfidf-classifier-unmount', async () => {
      await waitForHeading(page, chapter?.title ?? '');
      const root = widget(page, WIDGET);
      await root.scrollIntoViewIfNeeded();
      const { play, pause } = trainerButtons(root);
      await poll(
        async () => (await play.isEnabled()) && (await trainerState(root)).status === 'idle',
        {
          timeoutMs: 120_000,
          message: async () => `ready; alerts "${await alertText(root)}"`,
        },
      );
      assert.ok(
        workers.some((w) => /tfidf/.test(w.url) && !w.closed),
        `the worker runs (it vectorizes before any run) (${JSON.stringify(workers)})`,
      );
      await play.click();
      await poll(async () => (await trainerState(root)).step > 60, {
        timeoutMs: 120_000,
        message: async () =>
          `training passes step 60 (${JSON.stringify(await trainerState(root))})`,
      });
      await pause.click();
      await poll(async () => (await trainerState(root)).status === 'paused', {
        message: 'paused',
      });
      // The model lives in the worker: its tensor count is the same after every step.
      const during = (await workerMemory(page))?.numTensors ?? 0;
      assert.ok(during > 0, `the model holds tensors in the worker (${during})`);
      await stepAndWait(root, 60_000);
      const a = (await workerMemory(page))?.numTensors;
      await stepAndWait(root, 60_000);
      await stepAndWait(root, 60_000);
      assert.equal((await workerMemory(page))?.numTensors, a, 'numTensors per step in the worker');
      const first = CHAPTERS.find((c) => c.slug === 'preprocessing');
      assert.ok(first, 'chapter 1 is in the table of contents');
      await page.locator(`a[href$="chapters/${first.slug}"]`).first().click();
      await waitForHeading(page, first.title);
      await poll(() => workers.filter((w) => /tfidf/.test(w.url)).every((w) => w.closed), {
        timeoutMs: 10_000,
        message: () => `every worker of the widget is terminated (${JSON.stringify(workers)})`,
      });
      const hook = await page.evaluate(
        (id) => /** @type {any} */ (window).__nlpbookWorkers?.[id] ?? null,
        WIDGET,
      );
      assert.equal(hook, null, 'the test hook is removed with the widget');
      log.assertNone('training and leaving the chapter');
    });
    await page.close();
  });
});

describe('TF-IDF classifier: bad links and divergence', { timeout: 300_000 }, () => {
  test('bad URL values: a message for each, the widget starts with valid values', async () => {
    const { page, root, log } = await openWidget(
      '?backend=wasm&tc.lr=abc&tc.min_df=-3&tc.minDf=-3&tc.task=foo&tc.max_features=1e9',
    );
    await screenshotOnFailure(page, 'tfidf-classifier-bad-url', async () => {
      const alerts = await alertText(root);
      for (const expected of [
        /Learning rate: "abc" is not a number; using the default 0\.05/,
        /\(min_df\) -3 is below the minimum 1; using 1/,
        /“tc\.minDf” in the link is not a setting of this widget \(did you mean tc\.min_df\?\)/,
        /Task: "foo" is not one of .*; using the default spam/,
        /\(max_features\) 1e\+?9 is above the maximum 20,?000; using 20,?000/,
      ]) {
        assert.match(alerts, expected);
      }
      assert.equal(await controlValue(root, 'lr'), '0.05');
      assert.equal(await controlValue(root, 'min_df'), '1');
      assert.equal(await controlValue(root, 'task'), 'spam');
      assert.equal(await root.getAttribute('data-task'), 'spam');
      assert.ok((await readMetric(root, 'features')) != null, 'the features were computed');
      log.assertNone('bad URL values');
    });
    await page.close();
  });

  test('tc.lr=1e9 is clamped; the Diverge preset stops with a message naming the learning rate', async () => {
    const { page, root, log } = await openWidget('?backend=wasm&tc.speed=full&tc.lr=1e9');
    await screenshotOnFailure(page, 'tfidf-classifier-diverge', async () => {
      assert.match(
        await alertText(root),
        /Learning rate 1e\+?9 is above the maximum 100; using 100/,
      );
      assert.equal(await controlValue(root, 'lr'), '100');
      await root.getByRole('button', { name: /^Diverge$/ }).click();
      // The preset changes the vectorizer (norm none): the widget re-vectorizes, then is ready.
      await poll(async () => (await controlValue(root, 'norm')) === 'none', {
        message: 'the Diverge preset sets norm = none',
      });
      const { play } = trainerButtons(root);
      await poll(
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
      assert.match(alerts, /learning rate/i, `the message names the learning rate: "${alerts}"`);
      // Back to a working run: the Default preset, Reset, and training goes.
      await root.getByRole('button', { name: /^Default$/ }).click();
      await trainerButtons(root).reset.click();
      await poll(
        async () => (await play.isEnabled()) && (await trainerState(root)).status === 'idle',
        {
          timeoutMs: 120_000,
          message: async () => `ready after Reset (${JSON.stringify(await trainerState(root))})`,
        },
      );
      assert.equal(await controlValue(root, 'lr'), '0.05');
      log.assertNone('divergence');
    });
    await page.close();
  });
});
