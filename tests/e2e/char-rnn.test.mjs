/**
 * WIDGET TESTS (chapter 9): the character-level language model trains in the page.
 *
 * Written against the widget DOM contract (section[data-widget="char-rnn"] with data-status /
 * data-step / data-backend; Play/Pause, Step, Reset; output[data-metric]; controls named after the
 * hyperparameters with the `char.` prefix in the URL; [role="alert"] messages; the generated text
 * in [data-sample-text]; the heatmap in [data-gate-heatmap]; the gradient chart in
 * [data-grad-norms]). SwiftShader's WebGL is slow: a small model and a few steps there.
 *
 * The model trains in a Web Worker (src/widgets/char-rnn/charRnn.worker.ts): its tensors are read
 * through the widget's test hook `__nlpbookWorkers['char-rnn'].memory()`, not the page's tf.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { navigateInApp, waitForHeading } from './lib/book.mjs';
import { bookUrl, launchBrowser, openPage, poll, screenshotOnFailure } from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  readMetric,
  stepAndWait,
  tfMemory,
  trainerButtons,
  trainerState,
  waitForReady,
  waitForStepAbove,
  widget,
  openChapterWidget,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = CHAPTERS.find((c) => c.slug === 'recurrent-networks');
const chapter1 = CHAPTERS.find((c) => c.slug === 'preprocessing');
const WIDGET = 'char-rnn';

/**
 * `tf.memory()` of the model's worker, through the widget's test hook.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ numTensors: number, numBytes: number }>}
 */
async function workerMemory(page) {
  const m = await page.evaluate(
    () => /** @type {any} */ (window).__nlpbookWorkers?.['char-rnn']?.memory() ?? null,
  );
  assert.ok(m, 'the char-rnn worker runs (window.__nlpbookWorkers["char-rnn"])');
  return m;
}

/**
 * The worker's numTensors once the probes a stop at `step` starts (sample, gates, then the
 * gradient norms, one after another; slow on SwiftShader) are done: the gradient chart names it.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} root
 * @param {number} step
 */
async function tensorsAfterProbes(page, root, step) {
  const grad = root.locator('[data-grad-norms]');
  await poll(async () => ((await grad.textContent()) ?? '').includes(`(step ${step})`), {
    timeoutMs: 120_000,
    message: `the gradient norms of step ${step} are drawn`,
  });
  await page.waitForTimeout(500);
  return (await workerMemory(page)).numTensors;
}

/** @param {import('playwright-core').Page} page */
const charWorkers = (page) => page.workers().filter((w) => /charRnn\.worker/.test(w.url()));

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
const openCharRnn = (query) => openChapterWidget(browser.context, chapter, WIDGET, query);

/**
 * Trains until `steps` steps are done and the training loss has been read at least twice;
 * returns the first and the last loss seen.
 * @param {import('playwright-core').Locator} root
 * @param {number} steps
 * @param {number} timeoutMs
 */
async function trainFor(root, steps, timeoutMs) {
  /** @type {number[]} */
  const losses = [];
  await trainerButtons(root).play.click();
  await poll(
    async () => {
      const { status, step } = await trainerState(root);
      assert.notEqual(status, 'error', `training failed: ${await alertText(root)}`);
      const loss = await readMetric(root, 'loss');
      if (loss != null && loss !== losses.at(-1)) losses.push(loss);
      return step >= steps && losses.length >= 2;
    },
    {
      timeoutMs,
      intervalMs: 250,
      message: async () =>
        `${steps} steps (at ${(await trainerState(root)).step}, losses ${JSON.stringify(losses)})`,
    },
  );
  await trainerButtons(root).pause.click();
  await poll(async () => (await trainerState(root)).status === 'paused', {
    timeoutMs: 60_000,
    message: 'Pause stops training',
  });
  return { first: losses[0], last: /** @type {number} */ (losses.at(-1)) };
}

/** The generated text once it exists (the widget samples when training pauses). */
async function sampleText(root) {
  const text = root.locator('[data-sample-text]');
  await poll(async () => (await text.count()) > 0 && ((await text.textContent()) ?? '') !== '', {
    timeoutMs: 120_000,
    message: 'a generated sample appears',
  });
  return (await text.textContent()) ?? '';
}

describe('character LM', { skip: !chapter && 'chapter 9 is not in the table of contents' }, () => {
  describe('trains on wasm', { timeout: 600_000 }, () => {
    /** @type {Awaited<ReturnType<typeof openCharRnn>>} */
    let ctx;
    before(async () => {
      ctx = await openCharRnn('?backend=wasm&char.hidden=32&char.seq=32&char.lr=0.01');
    });
    after(async () => {
      await ctx?.page.close();
    });

    test('the loss goes down, text is sampled from the vocabulary, the probes draw', async () => {
      const { page, root } = ctx;
      await screenshotOnFailure(
        page,
        'char-rnn-wasm-train',
        async () => {
          await waitForReady(root);
          const info = (await root.locator('[data-data-info]').textContent()) ?? '';
          const V = Number(/(\d+) distinct characters/.exec(info)?.[1]);
          assert.ok(V > 40 && V < 256, `vocabulary size ${V} from "${info}"`);
          // The loss of step 1 (read before playing: a fast run moves on before a poll sees it).
          await stepAndWait(root, 120_000);
          const first = /** @type {number} */ (await readMetric(root, 'loss'));
          assert.equal(charWorkers(page).length, 1, 'the model runs in one worker');
          const { last } = await trainFor(root, 40, 300_000);
          assert.ok(
            Math.abs(first - Math.log(V)) < 0.5,
            `first loss ${first} is about ln V = ${Math.log(V).toFixed(2)}`,
          );
          assert.ok(last < first - 0.3, `the loss goes down: ${first} -> ${last}`);
          assert.equal((await trainerState(root)).backend, 'wasm');
          assert.ok(((await readMetric(root, 'chars_per_second')) ?? 0) > 0, 'chars/s shown');
          assert.ok(((await readMetric(root, 'grad_norm')) ?? 0) > 0, 'gradient norm shown');
          const bpc = /** @type {number} */ (await readMetric(root, 'bpc'));
          const loss = /** @type {number} */ (await readMetric(root, 'loss'));
          assert.ok(Math.abs(bpc - loss / Math.LN2) < 0.01, `bpc ${bpc} = loss ${loss} / ln 2`);

          // Sampling: non-empty, only characters of the training text's vocabulary.
          const text = await sampleText(root);
          assert.ok(text.length > 0, 'the sample is not empty');
          assert.ok(!text.includes('\uFFFD'), 'the replacement symbol is never drawn');
          // The heatmap and the gradient chart draw once training pauses.
          const heat = root.locator('[data-gate-heatmap] svg rect.ui-cell');
          await poll(async () => (await heat.count()) >= 16 * 50, {
            timeoutMs: 120_000,
            message: 'the gate heatmap draws (16 units x the passage)',
          });
          const labels = await root.locator('[data-gate-heatmap] text.ui-tick').allTextContents();
          assert.ok(labels.includes('␣'), 'spaces are shown as ␣ in the column labels');
          // A refresh after another step updates the cells in place: the same rect elements,
          // new colours (Heatmap keeps its cells and updates only their fills).
          const caption = root.locator('[data-gate-heatmap] figcaption');
          const before = await caption.textContent();
          const cellsBefore = await heat.evaluateAll((rects) =>
            rects.map((r, i) => {
              /** @type {any} */ (r).__cellTag = i;
              return /** @type {SVGRectElement} */ (r).style.fill;
            }),
          );
          await stepAndWait(root, 120_000);
          await poll(async () => (await caption.textContent()) !== before, {
            timeoutMs: 120_000,
            message: 'the heatmap refreshes after a step',
          });
          const cellsAfter = await heat.evaluateAll((rects) =>
            rects.map((r, i) => ({
              same: /** @type {any} */ (r).__cellTag === i,
              fill: /** @type {SVGRectElement} */ (r).style.fill,
            })),
          );
          assert.equal(cellsAfter.length, cellsBefore.length, 'as many cells after the refresh');
          assert.ok(
            cellsAfter.every((c) => c.same),
            `every cell is the same element after the refresh (${cellsAfter.filter((c) => !c.same).length} replaced)`,
          );
          const changed = cellsAfter.filter((c, i) => c.fill !== cellsBefore[i]).length;
          assert.ok(changed > 0, `the refresh shows new values (${changed} cells changed colour)`);
          const decay = root.locator('[data-decay] li');
          await poll(async () => (await decay.count()) === 3, {
            timeoutMs: 180_000,
            message: 'the gradient chart lists this model, a fresh RNN and a fresh LSTM',
          });
          const lines = await decay.allTextContents();
          assert.match(lines.join('\n'), /fresh RNN/);
          assert.match(lines.join('\n'), /fresh LSTM/);
          const paths = await root.locator('[data-grad-norms] svg path').count();
          assert.ok(paths >= 3, `three lines drawn (${paths} paths)`);
          ctx.log.assertNone('training the char model on wasm');
        },
        root,
      );
    });

    test('no tensor leak per step; Reset frees the run', async () => {
      const { page, root } = ctx;
      await screenshotOnFailure(
        page,
        'char-rnn-wasm-leak',
        async () => {
          // Let the probes the pause started finish first.
          await page.waitForTimeout(3000);
          await stepAndWait(root, 60_000);
          await page.waitForTimeout(2500);
          const a = (await workerMemory(page)).numTensors;
          const pageA = (await tfMemory(page)).numTensors;
          assert.ok(a > 0, `the worker holds the model (${a} tensors)`);
          await stepAndWait(root, 60_000);
          await stepAndWait(root, 60_000);
          await page.waitForTimeout(2500);
          const b = (await workerMemory(page)).numTensors;
          assert.equal(b, a, `the worker's numTensors unchanged across steps (${a} -> ${b})`);
          const pageB = (await tfMemory(page)).numTensors;
          assert.equal(pageB, pageA, `no tensor on the page's backend (${pageA} -> ${pageB})`);
          await trainerButtons(root).reset.click();
          await poll(async () => (await trainerState(root)).status === 'idle', {
            timeoutMs: 30_000,
            message: 'Reset returns to idle',
          });
          await poll(async () => (await workerMemory(page)).numTensors === 0, {
            timeoutMs: 30_000,
            message: async () =>
              `Reset frees every tensor in the worker (${(await workerMemory(page)).numTensors})`,
          });
          assert.equal(charWorkers(page).length, 1, 'the worker stays for the next run');
        },
        root,
      );
    });
  });

  describe('the worker', { timeout: 300_000 }, () => {
    test('is terminated when the widget unmounts', async () => {
      const { page, root, log } = await openCharRnn('?backend=wasm&char.hidden=16&char.seq=8');
      try {
        await screenshotOnFailure(
          page,
          'char-rnn-unmount',
          async () => {
            await waitForReady(root);
            await stepAndWait(root, 120_000);
            assert.equal(charWorkers(page).length, 1, 'one worker while the widget is shown');
            assert.ok((await workerMemory(page)).numTensors > 0);
            // An in-app link (client-side route change: the page and its JS heap stay).
            await navigateInApp(page, 'chapters/preprocessing');
            await waitForHeading(page, /** @type {any} */ (chapter1).title);
            await poll(async () => charWorkers(page).length === 0, {
              timeoutMs: 20_000,
              message: 'the char-rnn worker is terminated on unmount',
            });
            const hook = await page.evaluate(
              () => /** @type {any} */ (window).__nlpbookWorkers?.['char-rnn'] ?? null,
            );
            assert.equal(hook, null, 'the test hook is removed with the widget');
            log.assertNone('unmounting the char model');
          },
          root,
        );
      } finally {
        await page.close();
      }
    });
  });

  describe('trains on webgl (a few steps)', { timeout: 600_000 }, () => {
    test('the loss goes down on WebGL and text is sampled', async () => {
      const { page, root, log } = await openCharRnn(
        '?backend=webgl&char.hidden=16&char.seq=8&char.lr=0.02',
      );
      try {
        await screenshotOnFailure(
          page,
          'char-rnn-webgl',
          async () => {
            await waitForReady(root);
            const { first, last } = await trainFor(root, 12, 480_000);
            assert.ok(last < first, `the loss goes down on webgl: ${first} -> ${last}`);
            assert.equal((await trainerState(root)).backend, 'webgl');
            const text = await sampleText(root);
            assert.ok(text.length > 0 && !text.includes('\uFFFD'), `sample "${text}"`);
            // The worker's WebGL backend keeps its tensor count per step, as the wasm test checks.
            // Each step starts probes (sample, gates, gradients) that hold tensors while they
            // run, slowly on SwiftShader: count once they are done.
            await page.waitForTimeout(3000);
            const w = await tensorsAfterProbes(page, root, await stepAndWait(root, 120_000));
            const a = await tensorsAfterProbes(page, root, await stepAndWait(root, 120_000));
            await tensorsAfterProbes(page, root, await stepAndWait(root, 120_000));
            const b = await tensorsAfterProbes(page, root, await stepAndWait(root, 120_000));
            assert.equal(
              b,
              a,
              `the worker's numTensors on webgl unchanged across steps (${w} -> ${a} -> ${b})`,
            );
            log.assertNone('training the char model on webgl');
          },
          root,
        );
      } finally {
        await page.close();
      }
    });
  });

  describe('bad settings and data', { timeout: 300_000 }, () => {
    test('out-of-range URL values are clamped with a message; no clipping diverges with advice', async () => {
      const { page, root } = await openCharRnn(
        '?backend=wasm&char.hidden=100000&char.layers=7&char.cell=rnn&char.opt=sgd&char.lr=10&char.init=10&char.clip=0&char.seq=16',
      );
      try {
        await screenshotOnFailure(
          page,
          'char-rnn-bad-url',
          async () => {
            await waitForReady(root);
            const text = (await root.textContent()) ?? '';
            assert.match(text, /Hidden size[^.]*512/i);
            assert.match(text, /Layers[^.]*2/i);
            await trainerButtons(root).play.click();
            await poll(async () => (await trainerState(root)).status === 'error', {
              timeoutMs: 240_000,
              message: async () =>
                `divergence is caught (${JSON.stringify(await trainerState(root))})`,
            });
            assert.match(await alertText(root), /clip/i, 'the message names the clipping knob');
          },
          root,
        );
      } finally {
        await page.close();
      }
    });

    test('a missing corpus file gives the HTTP status and "Try again" recovers', async () => {
      const { page, log } = await openPage(browser.context, 'about:blank', {
        ignore: [/404/],
      });
      try {
        let fail = true;
        await page.route('**/data/sonnets.json', (route) =>
          fail ? route.fulfill({ status: 404, body: 'not found' }) : route.continue(),
        );
        await page.goto(bookUrl(`chapters/${chapter?.slug}?backend=wasm&char.corpus=sonnets`));
        await waitForHeading(page, /** @type {any} */ (chapter).title);
        const root = widget(page, WIDGET);
        await root.waitFor({ timeout: 60_000 });
        await root.scrollIntoViewIfNeeded();
        await screenshotOnFailure(
          page,
          'char-rnn-404',
          async () => {
            await poll(async () => /404/.test(await alertText(root)), {
              timeoutMs: 60_000,
              message: async () => `the 404 is reported (alerts "${await alertText(root)}")`,
            });
            fail = false;
            await root.getByRole('button', { name: 'Try again' }).click();
            await waitForReady(root);
            const info = (await root.locator('[data-data-info]').textContent()) ?? '';
            assert.match(info, /sonnets/i);
            await stepAndWait(root, 60_000);
            await waitForStepAbove(root, 0);
            void log;
          },
          root,
        );
      } finally {
        await page.close();
      }
    });
  });
});
