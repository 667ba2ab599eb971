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
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { navigateInApp, waitForHeading } from './lib/book.mjs';
import { launchBrowser, poll, screenshotOnFailure } from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';
import { controlValue, openChapterWidget } from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = CHAPTERS.find((c) => c.slug === 'word-embeddings');
const chapter1 = CHAPTERS.find((c) => c.slug === 'preprocessing');

/** @type {import('./lib/browser.mjs').Browser} */
let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * Opens chapter 8 with a query string: the page, its error log and widget `id`, in view.
 * @param {string} id
 * @param {string} [query]
 */
const openWidget = (id, query = '') => openChapterWidget(browser.context, chapter, id, query);

/** @param {import('playwright-core').Page} page */
const ppmiWorkers = (page) =>
  page.evaluate(() => /** @type {any} */ (window).__nlpbookPpmiWorkers ?? null);

/** @param {import('playwright-core').Locator} root */
const ppmiReady = (root) =>
  poll(async () => (await root.getAttribute('data-phase')) === 'ready', {
    timeoutMs: 240_000,
    message: async () =>
      `the vectors are built (phase ${await root.getAttribute('data-phase')}, stage ${await root.getAttribute('data-stage')})`,
  });

describe(
  'chapter 8 widgets',
  { skip: !chapter && 'chapter 8 is not in the table of contents' },
  () => {
    test('the explainer shows the picked word’s row, and editing another row changes nothing', async () => {
      const { page, log, root } = await openWidget('embedding-lookup');
      await screenshotOnFailure(
        page,
        'embedding-lookup',
        async () => {
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
          assert.deepEqual(await outputs(), [0.7, 0.3, -0.5]);
          await root.locator('input[type="radio"][value="tax"]').first().check();
          assert.equal(await root.locator('tr[data-row="tax"]').getAttribute('data-weight'), '1');
          assert.equal(await root.locator('tr[data-row="war"]').getAttribute('data-weight'), '0');
          assert.deepEqual(await outputs(), await rowValues('tax'));
          const before = await outputs();
          await root.locator('tr[data-row="oil"] input[aria-label$="column 2"]').fill('4.5');
          assert.deepEqual(await outputs(), before, 'an unselected row does not change x E');
          assert.match(
            (await root.locator('[data-edit-note]').textContent()) ?? '',
            /weight in x is 0: the output did not change/,
          );
          await root.locator('tr[data-row="tax"] input[aria-label$="column 1"]').fill('2');
          assert.equal((await outputs())[0], 2, 'the selected row does');
          // A bad entry says so and keeps the last valid value.
          await root.locator('tr[data-row="tax"] input[aria-label$="column 1"]').fill('abc');
          assert.match((await root.locator('[role="alert"]').textContent()) ?? '', /not a number/);
          assert.equal((await outputs())[0], 2);
          await root.locator('tr[data-row="tax"] input[aria-label$="column 1"]').fill('2');
          assert.equal(await root.locator('[role="alert"]').count(), 0, 'the error clears');
          // Mixing two words gives the mean of their rows.
          await root.locator('input[type="radio"][value="mix"]').check();
          const w1 = await rowValues('tax');
          const w2 = await rowValues('oil');
          const mixed = await outputs();
          mixed.forEach((v, c) =>
            assert.ok(Math.abs(v - (w1[c] + w2[c]) / 2) < 1e-3, `entry ${c}`),
          );
          log.assertNone('using the explainer');
        },
        root,
      );
      await page.close();
    });

    test(
      'PPMI + SVD builds on Moby Dick, answers neighbours and analogies, and its worker ends on unmount',
      { timeout: 400_000 },
      async () => {
        const { page, log, root } = await openWidget('ppmi-svd', '?ppmi.corpus=moby&ppmi.k=10');
        const workers = () => page.workers().filter((w) => /ppmi/.test(w.url()));
        await screenshotOnFailure(
          page,
          'ppmi-svd-build',
          async () => {
            await ppmiReady(root);
            assert.equal(await controlValue(root, 'k'), '10');
            const box = root.locator('[data-view="neighbours"]');
            await box.locator('input[name="word"]').fill('whale');
            await box.locator('button[type="submit"]').click();
            await poll(
              async () =>
                ((await box.locator('[data-neighbours]').getAttribute('data-neighbours')) ?? '')
                  .split(' ')
                  .filter(Boolean).length === 10,
              { timeoutMs: 10_000, message: 'ten neighbours of whale' },
            );
            const ns =
              (await box.locator('[data-neighbours]').getAttribute('data-neighbours')) ?? '';
            assert.ok(!ns.split(' ').includes('whale'), 'the query word is not its own neighbour');
            await box.locator('input[name="word"]').fill('zzzqx');
            await box.locator('button[type="submit"]').click();
            await poll(async () => (await box.locator('[data-neighbours-error]').count()) === 1, {
              timeoutMs: 10_000,
              message: 'an out-of-vocabulary message',
            });
            assert.match(
              (await box.locator('[data-neighbours-error]').textContent()) ?? '',
              /“zzzqx” is not in the vocabulary.*at least 5 times/,
            );
            await root.locator('[data-analogy]').waitFor({ timeout: 10_000 });
            const acc = await root.locator('output[data-metric="analogy_accuracy"]').textContent();
            assert.match(acc ?? '', /\d/, 'an analogy accuracy is shown');
            // The comparison table: PPMI's row, and word2vec's asks for training.
            assert.match(
              (await root.locator('tr[data-route="ppmi-svd"]').textContent()) ?? '',
              /Moby Dick.*k = 10/,
            );
            assert.match(
              (await root.locator('tr[data-route="word2vec"]').textContent()) ?? '',
              /train the word2vec widget above/,
            );
            // Leaving the chapter terminates the worker.
            assert.equal(workers().length, 1, 'one PPMI worker');
            assert.deepEqual(await ppmiWorkers(page), { started: 1, terminated: 0, running: 1 });
            await navigateInApp(page, 'chapters/preprocessing');
            await waitForHeading(page, /** @type {any} */ (chapter1).title);
            await poll(async () => workers().length === 0, {
              timeoutMs: 20_000,
              message: async () =>
                `the worker is terminated: ${JSON.stringify(await ppmiWorkers(page))}`,
            });
            assert.deepEqual(await ppmiWorkers(page), { started: 1, terminated: 1, running: 0 });
            log.assertNone('building PPMI + SVD');
          },
          root,
        );
        await page.close();
      },
    );

    test(
      'bad URL values give the clear message and a valid build',
      { timeout: 300_000 },
      async () => {
        const { page, root } = await openWidget(
          'ppmi-svd',
          '?ppmi.corpus=moby&ppmi.k=-5&ppmi.alpha=7&ppmi.window=abc',
        );
        await screenshotOnFailure(
          page,
          'ppmi-svd-url',
          async () => {
            const msg = (await root.locator('[data-param-message]').textContent()) ?? '';
            assert.match(msg, /Dimension k/);
            assert.match(msg, /Context smoothing/);
            assert.match(msg, /Window/);
            assert.equal(await controlValue(root, 'k'), '2');
            await ppmiReady(root);
          },
          root,
        );
        await page.close();
      },
    );
  },
);
