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
import { expect, test } from '@playwright/test';
import { waitForHeading } from './lib/book.mjs';
import { bookUrl, openPage, until } from './lib/browser.mjs';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  lossAfterOneStep,
  openChapterWidget,
  readMetric,
  stepAndWait,
  trainerButtons,
  trainerState,
  waitForReady,
  waitForStatus,
  widget,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'word-embeddings');
const chapter1 = findChapter(CHAPTERS, 'preprocessing');
const WIDGET = 'word2vec';

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
const openWord2Vec = (query) => openChapterWidget(context, chapter, WIDGET, query);

/**
 * `tf.memory()` of the model's worker, through the widget's test hook.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ numTensors: number, numBytes: number }>}
 */
async function tfMemory(page) {
  const m = await page.evaluate(
    () => /** @type {any} */ (window).__nlpbookWorkers?.word2vec?.memory() ?? null,
  );
  expect(m, 'the word2vec worker runs (window.__nlpbookWorkers.word2vec)').toBeTruthy();
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
  return until(
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

test.describe('word2vec', () => {
  test.describe('trains on wasm (Moby Dick)', () => {
    test.describe.configure({ mode: 'serial', timeout: 300_000 });
    /** @type {Awaited<ReturnType<typeof openWord2Vec>>} */
    let ctx;
    test.beforeAll(async () => {
      ctx = await openWord2Vec('?backend=wasm&w2v.corpus=moby&w2v.dim=50&w2v.epochs=2');
    });
    test.afterAll(async () => {
      await ctx?.page.close();
    });

    test('Play: the loss falls from (K + 1) ln 2, words/s shown, the projection has its words', async () => {
      const { page, root } = ctx;
      await test.step('word2vec-wasm-train', async () => {
        await waitForReady(root);
        expect(await workerStats(page)).toStrictEqual({ started: 1, terminated: 0, running: 1 });
        // The first loss comes from one Step: while playing, the runner batches several steps per
        // worker message, so a poll may first see step 5 or 10.
        /** @type {number[]} */
        const losses = [(await lossAfterOneStep(root, 120_000)).loss];
        await trainerButtons(root).play.click();
        await until(
          async () => {
            const { status, step } = await trainerState(root);
            expect(status, `training failed: ${await alertText(root)}`).not.toBe('error');
            const loss = await readMetric(root, 'loss');
            if (loss != null && step > 1) losses.push(loss);
            return step >= 60;
          },
          { timeoutMs: 180_000, intervalMs: 500, message: '60 steps on wasm' },
        );
        const state = await trainerState(root);
        expect(state.backend).toBe('wasm');
        // Output vectors start at zero, so the first loss is (K + 1) ln 2 = 4.159 for K = 5.
        expect(
          Math.abs(losses[0] - 6 * Math.LN2) < 0.3,
          `first loss ${losses[0]} ≈ 4.16`,
        ).toBeTruthy();
        const last = /** @type {number} */ (losses.at(-1));
        expect(last < losses[0] - 0.5, `the loss falls: ${losses[0]} -> ${last}`).toBeTruthy();
        const wordsPerSecond = await readMetric(root, 'words_per_second');
        // Shown and positive; how fast is a benchmark's business (tests/bench), not a test's.
        expect(
          Number.isFinite(wordsPerSecond) && (wordsPerSecond ?? 0) > 0,
          `words/s shown (${wordsPerSecond}; loss ${losses[0]} -> ${last} over ${losses.length} readings)`,
        ).toBeTruthy();
        const points = await root.locator('svg [data-word]').count();
        expect(points >= 10, `the projection shows the default words (${points})`).toBeTruthy();
      });
    });

    test('neighbours and analogies answer while training and when paused; OOV names minCount', async () => {
      const { root, log } = ctx;
      await test.step('word2vec-wasm-queries', async () => {
        const live = await askNeighbours(root, 'whale');
        expect(live.words && live.words.length === 10, JSON.stringify(live)).toBeTruthy();
        expect(!live.words.includes('whale'), 'the word itself is excluded').toBeTruthy();
        if ((await trainerButtons(root).pause.count()) > 0)
          await trainerButtons(root).pause.click();
        await until(async () => ['paused', 'done'].includes((await trainerState(root)).status), {
          timeoutMs: 20_000,
          message: 'paused',
        });
        const paused = await askNeighbours(root, 'ahab');
        expect(paused.words && paused.words.length === 10, JSON.stringify(paused)).toBeTruthy();
        const oov = await askNeighbours(root, 'xylophonez');
        expect(oov.error ?? '').toMatch(/minCount|min count|at least 5/i);
        const analogy = root.locator('[data-view="analogy"]');
        await analogy.locator('input[name="a"]').fill('he');
        await analogy.locator('input[name="b"]').fill('his');
        await analogy.locator('input[name="c"]').fill('she');
        await analogy.getByRole('button', { name: 'Answer' }).click();
        const answers = await until(
          async () => {
            const list = analogy.locator('[data-analogy]');
            if ((await list.count()) === 0) return null;
            const w = ((await list.getAttribute('data-analogy')) ?? '').split(' ');
            return w.length > 0 && w[0] ? w : null;
          },
          { timeoutMs: 20_000, message: 'the analogy box answers' },
        );
        for (const x of ['he', 'his', 'she'])
          expect(
            !answers.includes(x),
            `the inputs are excluded: ${answers.join(' ')}`,
          ).toBeTruthy();
        // Evaluated when paused: the scores of the Moby Dick set are shown.
        await until(async () => (await readMetric(root, 'similarity_spearman')) != null, {
          timeoutMs: 20_000,
          message: 'the evaluation scores appear',
        });
        log.assertNone('training word2vec on wasm');
      });
    });

    test('no tensor leak per step; Reset frees the run', async () => {
      const { page, root } = ctx;
      await test.step('word2vec-wasm-leak', async () => {
        await stepAndWait(root, 30_000);
        const a = (await tfMemory(page)).numTensors;
        await stepAndWait(root, 30_000);
        await stepAndWait(root, 30_000);
        const b = (await tfMemory(page)).numTensors;
        expect(b, `numTensors unchanged across steps (${a} -> ${b})`).toBe(a);
        await root.getByRole('button', { name: 'Reset', exact: true }).click();
        await waitForStatus(root, 'idle', 30_000, 'Reset');
        expect((await trainerState(root)).step).toBe(0);
        const after = await until(
          async () => {
            const n = (await tfMemory(page)).numTensors;
            return n < a ? { n } : null;
          },
          { timeoutMs: 10_000, message: 'Reset disposes the tables' },
        );
        expect(after.n < a).toBeTruthy();
      });
    });
  });

  test.describe('trains on webgl (a few steps)', () => {
    test.describe.configure({ timeout: 300_000 });
    test('Step on WebGL: the loss goes down, neighbours answer', async () => {
      const { page, root, log } = await openWord2Vec(
        '?backend=webgl&w2v.corpus=moby&w2v.dim=16&w2v.batch=512&w2v.alpha=0.05',
      );
      try {
        await test.step('word2vec-webgl', async () => {
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
          expect((await trainerState(root)).backend).toBe('webgl');
          // After the first (warm-up) step, a step leaves the tensor count unchanged on WebGL too.
          expect(
            tensors.slice(2),
            `numTensors per step on webgl: ${tensors.join(', ')}`,
          ).toStrictEqual(tensors.slice(1, -1));
          expect(Math.abs(losses[0] - 6 * Math.LN2) < 0.05, `first loss ${losses[0]}`).toBeTruthy();
          expect(
            /** @type {number} */ (losses.at(-1)) < losses[0],
            `the loss goes down on WebGL: ${losses.join(', ')}`,
          ).toBeTruthy();
          const r = await askNeighbours(root, 'sea');
          expect(r.words && r.words.length === 10, JSON.stringify(r)).toBeTruthy();
          log.assertNone('word2vec on webgl');
        });
      } finally {
        await page.close();
      }
    });
  });

  test.describe('settings and lifecycle', () => {
    test.describe.configure({ timeout: 180_000 });
    test('an out-of-range URL value gets the clear message; a learning rate of 1 diverges with advice', async () => {
      const { page, root } = await openWord2Vec(
        '?backend=wasm&w2v.corpus=moby&w2v.window=99&w2v.alpha=1&w2v.dim=20',
      );
      try {
        await test.step('word2vec-bad-url', async () => {
          await waitForReady(root);
          expect(await alertText(root)).toMatch(/Window m[^|]*10/);
          await trainerButtons(root).play.click();
          await until(async () => (await trainerState(root)).status === 'error', {
            timeoutMs: 120_000,
            message: async () =>
              `divergence is caught (${JSON.stringify(await trainerState(root))})`,
          });
          expect(await alertText(root)).toMatch(/learning rate/i);
        });
      } finally {
        await page.close();
      }
    });

    test('a missing corpus file gives the HTTP status and "Try again" recovers', async () => {
      const { page } = await openPage(context, 'about:blank');
      try {
        let fail = true;
        // Routing also covers the corpus worker's fetch (Chromium routes dedicated workers).
        await page.route('**/data/moby-dick.json', (route) =>
          fail ? route.fulfill({ status: 404, body: 'not found' }) : route.continue(),
        );
        await page.goto(`chapters/${chapter?.slug}?backend=wasm&w2v.corpus=moby`);
        await waitForHeading(page, /** @type {any} */ (chapter).title);
        const root = widget(page, WIDGET);
        await root.waitFor({ timeout: 60_000 });
        await root.scrollIntoViewIfNeeded();
        await test.step('word2vec-404', async () => {
          await until(async () => /HTTP 404/.test(await alertText(root)), {
            timeoutMs: 60_000,
            message: async () => `the 404 is reported (alerts "${await alertText(root)}")`,
          });
          fail = false;
          await root.getByRole('button', { name: 'Try again' }).click();
          await waitForReady(root);
        });
      } finally {
        await page.close();
      }
    });

    test('leaving the chapter terminates the model worker', async () => {
      const { page, root } = await openWord2Vec('?w2v.corpus=moby');
      try {
        await test.step('word2vec-unmount', async () => {
          await waitForReady(root);
          expect(await workerStats(page)).toStrictEqual({ started: 1, terminated: 0, running: 1 });
          // The app's own link to chapter 1 (a client-side route: the page and its heap stay).
          const link = page.locator('a[href$="chapters/preprocessing"]:visible').first();
          if ((await link.count()) > 0) await link.click();
          else
            await page.evaluate((href) => {
              history.pushState({}, '', href);
              dispatchEvent(new PopStateEvent('popstate'));
            }, bookUrl('chapters/preprocessing'));
          await waitForHeading(page, chapter1.title);
          await until(async () => (await workerStats(page))?.running === 0, {
            timeoutMs: 20_000,
            message: async () =>
              `the model worker is terminated (${JSON.stringify(await workerStats(page))})`,
          });
          expect(await workerStats(page)).toStrictEqual({ started: 1, terminated: 1, running: 0 });
          expect(
            await page.evaluate(
              () => /** @type {any} */ (window).__nlpbookWorkers?.word2vec === undefined,
            ),
            'the test hook is removed with the widget (window.__nlpbookWorkers.word2vec)',
          ).toBe(true);
        });
      } finally {
        await page.close();
      }
    });
  });
});
