/**
 * WIDGET TESTS (chapter 8): word2vec trains live in the page.
 *
 * Written against the widget DOM contract (section[data-widget="word2vec"] with data-status /
 * data-step / data-backend; Play/Pause, Step, Reset buttons; output[data-metric]; controls named
 * after the hyperparameters with the `w2v.` prefix in the URL; [role="alert"] messages) and the
 * shared embedding views ([data-neighbours], [data-analogy], [data-word] points of the projection,
 * [data-neighbours-error]). Most checks use Moby Dick (`w2v.corpus=moby`): preparing the 1.8 M
 * words of the State of the Union takes several seconds on a loaded 2-core machine.
 * window.__nlpbookWord2VecWorkers = { started, terminated, running } counts the model workers
 * (the corpus is prepared in the worker that trains); window.__nlpbookWorkers.word2vec.memory()
 * is that worker's tf.memory().
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitForHeading } from './lib/book.mjs';
import { bookUrl, launchBrowser, openPage, poll, screenshotOnFailure } from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  readMetric,
  stepAndWait,
  trainerButtons,
  trainerState,
  waitForReady,
  waitForStatus,
  widget,
  openChapterWidget,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = CHAPTERS.find((c) => c.slug === 'word-embeddings');
const chapter1 = CHAPTERS[0];
const WIDGET = 'word2vec';

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
const openWord2Vec = (query) => openChapterWidget(browser.context, chapter, WIDGET, query);

/**
 * `tf.memory()` of the model's worker, through the widget's test hook.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ numTensors: number, numBytes: number }>}
 */
async function tfMemory(page) {
  const m = await page.evaluate(
    () => /** @type {any} */ (window).__nlpbookWorkers?.word2vec?.memory() ?? null,
  );
  assert.ok(m, 'the word2vec worker runs (window.__nlpbookWorkers.word2vec)');
  return m;
}

/** @param {import('playwright-core').Page} page */
const workerStats = (page) =>
  page.evaluate(() => /** @type {any} */ (window).__nlpbookWord2VecWorkers ?? null);

/**
 * Asks the neighbour box for `word` and returns the listed neighbours (or the error text).
 * @param {import('playwright-core').Locator} root
 * @param {string} word
 */
async function askNeighbours(root, word) {
  const box = root.locator('[data-view="neighbours"]');
  await box.locator('input[name="word"]').fill(word);
  await box.getByRole('button', { name: 'Neighbours' }).click();
  return poll(
    async () => {
      const list = box.locator(`[data-neighbours]`);
      const error = box.locator('[data-neighbours-error]');
      if ((await error.count()) > 0) return { error: (await error.textContent()) ?? '' };
      if ((await list.count()) === 0) return null;
      const label = (await list.getAttribute('aria-label')) ?? '';
      if (!label.endsWith(` ${word}`)) return null;
      return { words: ((await list.getAttribute('data-neighbours')) ?? '').split(' ') };
    },
    { timeoutMs: 20_000, message: `the neighbour box answers "${word}"` },
  );
}

describe('word2vec', { skip: !chapter && 'chapter 8 is not in the table of contents' }, () => {
  describe('trains on wasm (Moby Dick)', { timeout: 300_000 }, () => {
    /** @type {Awaited<ReturnType<typeof openWord2Vec>>} */
    let ctx;
    before(async () => {
      ctx = await openWord2Vec('?backend=wasm&w2v.corpus=moby&w2v.dim=50&w2v.epochs=2');
    });
    after(async () => {
      await ctx?.page.close();
    });

    test('Play: the loss falls from (K + 1) ln 2, words/s shown, the projection has its words', async () => {
      const { page, root } = ctx;
      await screenshotOnFailure(
        page,
        'word2vec-wasm-train',
        async () => {
          await waitForReady(root);
          assert.deepEqual(await workerStats(page), { started: 1, terminated: 0, running: 1 });
          await trainerButtons(root).play.click();
          /** @type {number[]} */
          const losses = [];
          await poll(
            async () => {
              const { status, step } = await trainerState(root);
              assert.notEqual(status, 'error', `training failed: ${await alertText(root)}`);
              const loss = await readMetric(root, 'loss');
              if (loss != null && step > 0) losses.push(loss);
              return step >= 60;
            },
            { timeoutMs: 180_000, intervalMs: 500, message: '60 steps on wasm' },
          );
          const state = await trainerState(root);
          assert.equal(state.backend, 'wasm');
          // Output vectors start at zero, so the first loss is (K + 1) ln 2 = 4.159 for K = 5.
          assert.ok(Math.abs(losses[0] - 6 * Math.LN2) < 0.3, `first loss ${losses[0]} ≈ 4.16`);
          const last = /** @type {number} */ (losses.at(-1));
          assert.ok(last < losses[0] - 0.5, `the loss falls: ${losses[0]} -> ${last}`);
          assert.ok(((await readMetric(root, 'words_per_second')) ?? 0) > 1000, 'words/s shown');
          const points = await root.locator('svg [data-word]').count();
          assert.ok(points >= 10, `the projection shows the default words (${points})`);
        },
        root,
      );
    });

    test('neighbours and analogies answer while training and when paused; OOV names minCount', async () => {
      const { page, root, log } = ctx;
      await screenshotOnFailure(
        page,
        'word2vec-wasm-queries',
        async () => {
          const live = await askNeighbours(root, 'whale');
          assert.ok(live.words && live.words.length === 10, JSON.stringify(live));
          assert.ok(!live.words.includes('whale'), 'the word itself is excluded');
          if ((await trainerButtons(root).pause.count()) > 0)
            await trainerButtons(root).pause.click();
          await poll(async () => ['paused', 'done'].includes((await trainerState(root)).status), {
            timeoutMs: 20_000,
            message: 'paused',
          });
          const paused = await askNeighbours(root, 'ahab');
          assert.ok(paused.words && paused.words.length === 10, JSON.stringify(paused));
          const oov = await askNeighbours(root, 'xylophonez');
          assert.match(oov.error ?? '', /minCount|min count|at least 5/i);
          const analogy = root.locator('[data-view="analogy"]');
          await analogy.locator('input[name="a"]').fill('he');
          await analogy.locator('input[name="b"]').fill('his');
          await analogy.locator('input[name="c"]').fill('she');
          await analogy.getByRole('button', { name: 'Answer' }).click();
          const answers = await poll(
            async () => {
              const list = analogy.locator('[data-analogy]');
              if ((await list.count()) === 0) return null;
              const w = ((await list.getAttribute('data-analogy')) ?? '').split(' ');
              return w.length > 0 && w[0] ? w : null;
            },
            { timeoutMs: 20_000, message: 'the analogy box answers' },
          );
          for (const x of ['he', 'his', 'she'])
            assert.ok(!answers.includes(x), `the inputs are excluded: ${answers.join(' ')}`);
          // Evaluated when paused: the scores of the Moby Dick set are shown.
          await poll(async () => (await readMetric(root, 'similarity_spearman')) != null, {
            timeoutMs: 20_000,
            message: 'the evaluation scores appear',
          });
          log.assertNone('training word2vec on wasm');
        },
        root,
      );
    });

    test('no tensor leak per step; Reset frees the run', async () => {
      const { page, root } = ctx;
      await screenshotOnFailure(
        page,
        'word2vec-wasm-leak',
        async () => {
          await stepAndWait(root, 30_000);
          const a = (await tfMemory(page)).numTensors;
          await stepAndWait(root, 30_000);
          await stepAndWait(root, 30_000);
          const b = (await tfMemory(page)).numTensors;
          assert.equal(b, a, `numTensors unchanged across steps (${a} -> ${b})`);
          await root.getByRole('button', { name: 'Reset', exact: true }).click();
          await waitForStatus(root, 'idle', 30_000, 'Reset');
          assert.equal((await trainerState(root)).step, 0);
          const after = await poll(
            async () => {
              const n = (await tfMemory(page)).numTensors;
              return n < a ? { n } : null;
            },
            { timeoutMs: 10_000, message: 'Reset disposes the tables' },
          );
          assert.ok(after.n < a);
        },
        root,
      );
    });
  });

  describe('trains on webgl (a few steps)', { timeout: 300_000 }, () => {
    test('Step on WebGL: the loss goes down, neighbours answer', async () => {
      const { page, root, log } = await openWord2Vec(
        '?backend=webgl&w2v.corpus=moby&w2v.dim=16&w2v.batch=512&w2v.alpha=0.05',
      );
      try {
        await screenshotOnFailure(
          page,
          'word2vec-webgl',
          async () => {
            await waitForReady(root);
            /** @type {number[]} */
            const losses = [];
            /** @type {number[]} */
            const tensors = [];
            for (let i = 0; i < 6; i++) {
              await stepAndWait(root, 120_000);
              losses.push(Number(await root.getAttribute('data-loss')));
              tensors.push((await tfMemory(page)).numTensors);
            }
            assert.equal((await trainerState(root)).backend, 'webgl');
            // After the first (warm-up) step, a step leaves the tensor count unchanged on WebGL too.
            assert.deepEqual(
              tensors.slice(2),
              tensors.slice(1, -1),
              `numTensors per step on webgl: ${tensors.join(', ')}`,
            );
            assert.ok(Math.abs(losses[0] - 6 * Math.LN2) < 0.05, `first loss ${losses[0]}`);
            assert.ok(
              /** @type {number} */ (losses.at(-1)) < losses[0],
              `the loss goes down on WebGL: ${losses.join(', ')}`,
            );
            const r = await askNeighbours(root, 'sea');
            assert.ok(r.words && r.words.length === 10, JSON.stringify(r));
            log.assertNone('word2vec on webgl');
          },
          root,
        );
      } finally {
        await page.close();
      }
    });
  });

  describe('settings and lifecycle', { timeout: 180_000 }, () => {
    test('an out-of-range URL value gets the clear message; a learning rate of 1 diverges with advice', async () => {
      const { page, root } = await openWord2Vec(
        '?backend=wasm&w2v.corpus=moby&w2v.window=99&w2v.alpha=1&w2v.dim=20',
      );
      try {
        await screenshotOnFailure(
          page,
          'word2vec-bad-url',
          async () => {
            await waitForReady(root);
            assert.match(await alertText(root), /Window c[^|]*10/);
            await trainerButtons(root).play.click();
            await poll(async () => (await trainerState(root)).status === 'error', {
              timeoutMs: 120_000,
              message: async () =>
                `divergence is caught (${JSON.stringify(await trainerState(root))})`,
            });
            assert.match(await alertText(root), /learning rate/i);
          },
          root,
        );
      } finally {
        await page.close();
      }
    });

    test('a missing corpus file gives the HTTP status and "Try again" recovers', async () => {
      const { page } = await openPage(browser.context, 'about:blank');
      try {
        let fail = true;
        // Routing also covers the corpus worker's fetch (Chromium routes dedicated workers).
        await page.route('**/data/moby-dick.json', (route) =>
          fail ? route.fulfill({ status: 404, body: 'not found' }) : route.continue(),
        );
        await page.goto(bookUrl(`chapters/${chapter?.slug}?backend=wasm&w2v.corpus=moby`));
        await waitForHeading(page, /** @type {any} */ (chapter).title);
        const root = widget(page, WIDGET);
        await root.waitFor({ timeout: 60_000 });
        await root.scrollIntoViewIfNeeded();
        await screenshotOnFailure(
          page,
          'word2vec-404',
          async () => {
            await poll(async () => /HTTP 404/.test(await alertText(root)), {
              timeoutMs: 60_000,
              message: async () => `the 404 is reported (alerts "${await alertText(root)}")`,
            });
            fail = false;
            await root.getByRole('button', { name: 'Try again' }).click();
            await waitForReady(root);
          },
          root,
        );
      } finally {
        await page.close();
      }
    });

    test('leaving the chapter terminates the model worker', async () => {
      const { page, root } = await openWord2Vec('?w2v.corpus=moby');
      try {
        await screenshotOnFailure(
          page,
          'word2vec-unmount',
          async () => {
            await waitForReady(root);
            assert.deepEqual(await workerStats(page), { started: 1, terminated: 0, running: 1 });
            // The app's own link to chapter 1 (a client-side route: the page and its heap stay).
            const link = page.locator('a[href$="chapters/preprocessing"]:visible').first();
            if ((await link.count()) > 0) await link.click();
            else
              await page.evaluate((href) => {
                history.pushState({}, '', href);
                dispatchEvent(new PopStateEvent('popstate'));
              }, bookUrl('chapters/preprocessing'));
            await waitForHeading(page, chapter1.title);
            await poll(async () => (await workerStats(page))?.running === 0, {
              timeoutMs: 20_000,
              message: async () =>
                `the model worker is terminated (${JSON.stringify(await workerStats(page))})`,
            });
            assert.deepEqual(await workerStats(page), { started: 1, terminated: 1, running: 0 });
            assert.equal(
              await page.evaluate(() => /** @type {any} */ (window).__nlpbookWorkers?.word2vec),
              undefined,
            );
          },
          root,
        );
      } finally {
        await page.close();
      }
    });
  });
});
