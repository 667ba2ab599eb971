/**
 * WIDGET TESTS (chapter 4): the TF-IDF classifier (logistic / softmax regression) trains in the
 * page on WebGL, beats the majority class on validation, and explains the reader's text.
 *
 * Contract: section[data-widget="tfidf-classifier"] with data-status / data-step / data-backend /
 * data-task; Play/Step/Reset buttons; output[data-metric] readouts (loss, val_accuracy,
 * majority, nb_accuracy, prediction, p_0 ...); a "Type a text" box.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitForHeading } from './lib/book.mjs';
import { bookUrl, launchBrowser, openPage, poll, screenshotOnFailure } from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';
import { alertText, readMetric, trainerState, widget } from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = CHAPTERS.find((c) => c.slug === 'bag-of-words');
const WIDGET = 'tfidf-classifier';

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
        await root.getByRole('button', { name: /^pause/i }).click();
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
  });
}
