/**
 * WIDGET TESTS (chapter 8): the Embedding-layer explainer and the PPMI + SVD widget.
 *
 * DOM contract: section[data-widget="embedding-lookup"]: radio inputs whose value is a word
 * (first group: the word x selects), rows tr[data-row=<word>][data-weight], output cells
 * td[data-output-entry], matrix entries as text inputs labelled "E row R (word), column C",
 * [data-edit-note]. section[data-widget="ppmi-svd"] with data-phase (idle | building | ready |
 * failed) and data-stage; controls named after the schema (URL keys `ppmi.`); the neighbours box
 * [data-view="neighbours"] (input name="word", list [data-neighbours], error
 * [data-neighbours-error]); the analogy list [data-analogy]; output[data-metric]; the comparison
 * table tr[data-route]; [data-param-message] for settings fixed from the URL.
 * window.__nlpbookPpmiWorkers = { started, terminated, running } counts the PPMI workers.
 */
import { expect, test } from '@playwright/test';
import { until } from './lib/browser.mjs';
import { navigateInApp, waitForHeading } from './lib/book.mjs';

import { findChapter, loadChapters } from './lib/chapters.mjs';
import { controlValue, openChapterWidget } from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'word-embeddings');
const chapter1 = findChapter(CHAPTERS, 'preprocessing');

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
 * Opens chapter 8 with a query string: the page, its error log and widget `id`, in view.
 * @param {string} id
 * @param {string} [query]
 */
const openWidget = (id, query = '') => openChapterWidget(context, chapter, id, query);

/** @param {import('playwright-core').Page} page */
const ppmiWorkers = (page) =>
  page.evaluate(() => /** @type {any} */ (window).__nlpbookPpmiWorkers ?? null);

/** @param {import('playwright-core').Locator} root */
const ppmiReady = (root) =>
  until(async () => (await root.getAttribute('data-phase')) === 'ready', {
    timeoutMs: 240_000,
    message: async () =>
      `the vectors are built (phase ${await root.getAttribute('data-phase')}, stage ${await root.getAttribute('data-stage')})`,
  });

test.describe('chapter 8 widgets', () => {
  test('the explainer shows the picked word’s row, and editing another row changes nothing', async () => {
    const { page, log, root } = await openWidget('embedding-lookup');
    await test.step('embedding-lookup', async () => {
      const outputs = async () =>
        (await root.locator('td[data-output-entry]').allTextContents()).map((t) =>
          Number(t.replace('−', '-')),
        );
      const rowValues = async (/** @type {string} */ word) =>
        Promise.all(
          [1, 2, 3].map(async (c) =>
            Number(
              await root
                .locator(`tr[data-row="${word}"] input[aria-label$="column ${c}"]`)
                .inputValue(),
            ),
          ),
        );
      // Default: word 2 (the chapter's e_2), row (0.7, 0.3, -0.5).
      expect(await outputs()).toStrictEqual([0.7, 0.3, -0.5]);
      await root.locator('input[type="radio"][value="tax"]').first().check();
      expect(await root.locator('tr[data-row="tax"]').getAttribute('data-weight')).toBe('1');
      expect(await root.locator('tr[data-row="war"]').getAttribute('data-weight')).toBe('0');
      expect(await outputs()).toStrictEqual(await rowValues('tax'));
      const before = await outputs();
      await root.locator('tr[data-row="oil"] input[aria-label$="column 2"]').fill('4.5');
      expect(await outputs(), 'an unselected row does not change x E').toStrictEqual(before);
      expect((await root.locator('[data-edit-note]').textContent()) ?? '').toMatch(
        /weight in x is 0: the output did not change/,
      );
      await root.locator('tr[data-row="tax"] input[aria-label$="column 1"]').fill('2');
      expect((await outputs())[0], 'the selected row does').toBe(2);
      // A bad entry says so and keeps the last valid value.
      await root.locator('tr[data-row="tax"] input[aria-label$="column 1"]').fill('abc');
      expect((await root.locator('[role="alert"]').textContent()) ?? '').toMatch(/not a number/);
      expect((await outputs())[0]).toBe(2);
      await root.locator('tr[data-row="tax"] input[aria-label$="column 1"]').fill('2');
      expect(await root.locator('[role="alert"]').count(), 'the error clears').toBe(0);
      // Mixing two words gives the mean of their rows.
      await root.locator('input[type="radio"][value="mix"]').check();
      const w1 = await rowValues('tax');
      const w2 = await rowValues('oil');
      const mixed = await outputs();
      mixed.forEach((v, c) =>
        expect(Math.abs(v - (w1[c] + w2[c]) / 2) < 1e-3, `entry ${c}`).toBeTruthy(),
      );
      log.assertNone('using the explainer');
    });
    await page.close();
  });

  test('PPMI + SVD builds on Moby Dick, answers neighbours and analogies, and its worker ends on unmount', async () => {
    test.setTimeout(400_000);
    const { page, log, root } = await openWidget('ppmi-svd', '?ppmi.corpus=moby&ppmi.k=10');
    const workers = () => page.workers().filter((w) => /ppmi/.test(w.url()));
    await test.step('ppmi-svd-build', async () => {
      await ppmiReady(root);
      expect(await controlValue(root, 'k')).toBe('10');
      const box = root.locator('[data-view="neighbours"]');
      await box.locator('input[name="word"]').fill('whale');
      await box.locator('button[type="submit"]').click();
      await until(
        async () =>
          ((await box.locator('[data-neighbours]').getAttribute('data-neighbours')) ?? '')
            .split(' ')
            .filter(Boolean).length === 10,
        { timeoutMs: 10_000, message: 'ten neighbours of whale' },
      );
      const ns = (await box.locator('[data-neighbours]').getAttribute('data-neighbours')) ?? '';
      expect(
        !ns.split(' ').includes('whale'),
        'the query word is not its own neighbour',
      ).toBeTruthy();
      await box.locator('input[name="word"]').fill('zzzqx');
      await box.locator('button[type="submit"]').click();
      await until(async () => (await box.locator('[data-neighbours-error]').count()) === 1, {
        timeoutMs: 10_000,
        message: 'an out-of-vocabulary message',
      });
      expect((await box.locator('[data-neighbours-error]').textContent()) ?? '').toMatch(
        /“zzzqx” is not in the vocabulary.*at least 5 times/,
      );
      await root.locator('[data-analogy]').waitFor({ timeout: 10_000 });
      const acc = await root.locator('output[data-metric="analogy_accuracy"]').textContent();
      expect(acc ?? '', 'an analogy accuracy is shown').toMatch(/\d/);
      // The comparison table: PPMI's row, and word2vec's asks for training.
      expect((await root.locator('tr[data-route="ppmi-svd"]').textContent()) ?? '').toMatch(
        /Moby Dick.*d = 10/,
      );
      expect((await root.locator('tr[data-route="word2vec"]').textContent()) ?? '').toMatch(
        /train the word2vec widget above/,
      );
      // Leaving the chapter terminates the worker.
      expect(workers().length, 'one PPMI worker').toBe(1);
      expect(await ppmiWorkers(page)).toStrictEqual({ started: 1, terminated: 0, running: 1 });
      await navigateInApp(page, 'chapters/preprocessing');
      await waitForHeading(page, /** @type {any} */ (chapter1).title);
      await until(async () => workers().length === 0, {
        timeoutMs: 20_000,
        message: async () => `the worker is terminated: ${JSON.stringify(await ppmiWorkers(page))}`,
      });
      expect(await ppmiWorkers(page)).toStrictEqual({ started: 1, terminated: 1, running: 0 });
      log.assertNone('building PPMI + SVD');
    });
    await page.close();
  });

  test('bad URL values give the clear message and a valid build', async () => {
    test.setTimeout(300_000);
    const { page, root } = await openWidget(
      'ppmi-svd',
      '?ppmi.corpus=moby&ppmi.k=-5&ppmi.alpha=7&ppmi.window=abc',
    );
    await test.step('ppmi-svd-url', async () => {
      const msg = (await root.locator('[data-param-message]').textContent()) ?? '';
      expect(msg).toMatch(/Dimension d/);
      expect(msg).toMatch(/Context smoothing/);
      expect(msg).toMatch(/Window/);
      expect(await controlValue(root, 'k')).toBe('2');
      await ppmiReady(root);
    });
    await page.close();
  });
});
