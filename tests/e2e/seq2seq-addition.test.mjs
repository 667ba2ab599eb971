/**
 * WIDGET TESTS (chapter 13): the addition seq2seq trains in the page.
 *
 * Written against the widget DOM contract (section[data-widget="seq2seq-addition"] with
 * data-status / data-step / data-backend; Play/Pause, Step, Reset; output[data-metric]; controls
 * named after the hyperparameters (URL prefix `add.`); the reader's question in
 * input[name="question"]; the answers in output[data-output="greedy" | "beam"] inside
 * [data-answer-step]; the beam's candidates in table[data-candidates]; the bars by answer length
 * with [data-eval-step]).
 *
 * The model trains in a Web Worker (src/widgets/seq2seq-addition/seq2seqAddition.worker.ts): its
 * tensors are read through the widget's test hook `__nlpbookWorkers['seq2seq-addition'].memory()`.
 */
import { expect, test } from '@playwright/test';
import { navigateInApp, waitForHeading } from './lib/book.mjs';
import { until } from './lib/browser.mjs';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  openChapterWidget,
  readMetric,
  setControl,
  stepAndWait,
  trainerButtons,
  trainerState,
  waitForReady,
  widgetWorkerMemory,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'seq2seq');
const chapter1 = findChapter(CHAPTERS, 'preprocessing');
const WIDGET = 'seq2seq-addition';

/** @param {import('playwright-core').Page} page */
const workerMemory = (page) => widgetWorkerMemory(page, 'seq2seq-addition');

/** @param {import('playwright-core').Page} page */
const modelWorkers = (page) =>
  page.workers().filter((w) => /seq2seqAddition\.worker/.test(w.url()));

/** @type {import('@playwright/test').BrowserContext} */
let context;
test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
});
test.afterAll(async () => {
  await context?.close();
});

/** @param {string} query */
const open = (query) => openChapterWidget(context, chapter, WIDGET, query);

/**
 * Plays until `steps` steps are done, then pauses; returns the losses read on the way.
 * @param {import('playwright-core').Locator} root
 * @param {number} steps
 * @param {number} timeoutMs
 */
async function trainTo(root, steps, timeoutMs) {
  /** @type {number[]} */
  const losses = [];
  await trainerButtons(root).play.click();
  await until(
    async () => {
      const { status, step } = await trainerState(root);
      expect(status, `training failed: ${await alertText(root)}`).not.toBe('error');
      const loss = await readMetric(root, 'loss');
      if (loss != null && loss !== losses.at(-1)) losses.push(loss);
      return step >= steps;
    },
    {
      timeoutMs,
      intervalMs: 250,
      message: async () => `${steps} steps (at ${(await trainerState(root)).step})`,
    },
  );
  await trainerButtons(root).pause.click();
  await until(async () => (await trainerState(root)).status === 'paused', {
    timeoutMs: 60_000,
    message: 'Pause stops training',
  });
  return losses;
}

/**
 * The answers once they show the model of the trainer's current step (asked when training
 * stops), read in one go (a newer answer may replace the block at any time).
 * @param {import('playwright-core').Locator} root
 * @returns {Promise<{ step: number, greedy: string, beam: string, candidates: string[] }>}
 */
async function answersNow(root) {
  /** @type {{ step: number, greedy: string, beam: string, candidates: string[] } | null} */
  let out = null;
  await until(
    async () => {
      const { step } = await trainerState(root);
      out = await root.evaluate((el, s) => {
        const b = el.querySelector(`[data-answer-step="${s}"]`);
        if (!b) return null;
        const text = (sel) => b.querySelector(sel)?.textContent ?? '';
        return {
          step: s,
          greedy: text('[data-output="greedy"]'),
          beam: text('[data-output="beam"]'),
          candidates: [...b.querySelectorAll('table[data-candidates] tbody tr')].map(
            (r) => r.textContent ?? '',
          ),
        };
      }, step);
      return out !== null;
    },
    {
      timeoutMs: 120_000,
      message: async () =>
        `the answers of step ${(await trainerState(root)).step} are shown (now ${await root
          .locator('[data-answer-step]')
          .getAttribute('data-answer-step')
          .catch(() => 'none')})`,
    },
  );
  return /** @type {any} */ (out);
}

test.describe('addition seq2seq', () => {
  test.describe('trains on wasm', () => {
    test.describe.configure({ mode: 'serial', timeout: 600_000 });
    /** @type {Awaited<ReturnType<typeof open>>} */
    let ctx;
    test.beforeAll(async () => {
      ctx = await open('?backend=wasm');
    });
    test.afterAll(async () => {
      await ctx?.page.close();
    });

    test('the loss falls, the answers and the bars draw and change, questions are checked', async () => {
      const { page, root } = ctx;
      await waitForReady(root);
      const question = root.locator('input[name="question"]');
      // Bad questions get a message that says what to fix, before any model exists.
      for (const [q, re] of [
        ['12a+3', /Only digits and one \+/],
        ['1234+5', /4 digits.*1 to 3 digits/],
        ['12+3+4', /exactly one \+/],
        ['007+5', /leading zero/],
      ]) {
        await question.fill(q);
        await expect(root.locator('[data-question-message]')).toContainText(re);
      }
      await question.fill('57+68');
      await expect(root.locator('[data-truth]')).toHaveText('125');

      const s1 = await stepAndWait(root, 120_000);
      const first = /** @type {number} */ (await readMetric(root, 'loss'));
      expect(modelWorkers(page).length, 'the model runs in one worker').toBe(1);
      // Cross-entropy of an untrained model over the 11 tokens it may write: about ln 11.
      expect(first > 1.8 && first < 3.2, `first loss ${first}`).toBeTruthy();
      expect((await trainerState(root)).step).toBe(s1);
      const early = await answersNow(root);
      expect(early.candidates.length >= 1, 'the beam lists its candidates').toBeTruthy();

      const losses = await trainTo(root, 120, 480_000);
      const last = /** @type {number} */ (losses.at(-1));
      expect(last < first - 0.4, `the loss falls: ${first} -> ${last}`).toBeTruthy();
      expect((await trainerState(root)).backend).toBe('wasm');
      const exact = await readMetric(root, 'val_exact_match');
      expect(exact != null, 'held-out exact match shown').toBeTruthy();
      expect(((await readMetric(root, 'params')) ?? 0) > 100_000, 'parameters shown').toBeTruthy();

      // The bars by answer length draw after an evaluation.
      const bars = root.locator('.s2a-lengths svg rect');
      await until(async () => (await bars.count()) >= 2, {
        timeoutMs: 60_000,
        message: 'the bars by answer length draw',
      });
      expect(
        Number(await root.locator('[data-eval-step]').getAttribute('data-eval-step')) >= 50,
      ).toBeTruthy();

      // The answers after training differ from the first step's (new step, new scores).
      const later = await answersNow(root);
      expect(later.candidates.join('|'), 'the candidates changed with training').not.toBe(
        early.candidates.join('|'),
      );
      expect(/^\d*$/.test(later.greedy.replace('∅', '')), `greedy "${later.greedy}"`).toBeTruthy();

      // Beam width 1 is greedy search.
      await setControl(root, 'beam', 1);
      await until(
        async () =>
          (await root.locator('table[data-candidates] tbody tr').count()) === 1 &&
          (await root.locator('.s2a-answers .w-label').nth(1).textContent())?.includes(
            'width 1',
          ) === true,
        { timeoutMs: 60_000, message: 'the beam of width 1 is shown' },
      );
      const one = await answersNow(root);
      expect(one.beam, 'width 1 = greedy').toBe(one.greedy);
      ctx.log.assertNone('training the addition model on wasm');
    });

    test('no tensor leak per step; Reset frees the run', async () => {
      const { page, root } = ctx;
      await page.waitForTimeout(2000);
      await stepAndWait(root, 60_000);
      await page.waitForTimeout(2000);
      const a = (await workerMemory(page)).numTensors;
      expect(a > 0, `the worker holds the model (${a} tensors)`).toBeTruthy();
      for (let i = 0; i < 3; i++) await stepAndWait(root, 60_000);
      await page.waitForTimeout(2000);
      const b = (await workerMemory(page)).numTensors;
      expect(b, `the worker's numTensors unchanged across steps (${a} -> ${b})`).toBe(a);
      await trainerButtons(root).reset.click();
      await until(async () => (await trainerState(root)).status === 'idle', {
        timeoutMs: 30_000,
        message: 'Reset returns to idle',
      });
      await until(async () => (await workerMemory(page)).numTensors === 0, {
        timeoutMs: 30_000,
        message: async () =>
          `Reset frees every tensor in the worker (${(await workerMemory(page)).numTensors})`,
      });
    });
  });

  test.describe('the worker', () => {
    test.describe.configure({ timeout: 300_000 });
    test('is terminated when the widget unmounts', async () => {
      const { page, root, log } = await open('?backend=wasm&add.enc=16&add.dec=32');
      try {
        await waitForReady(root);
        await stepAndWait(root, 120_000);
        expect(modelWorkers(page).length, 'one worker while the widget is shown').toBe(1);
        await navigateInApp(page, 'chapters/preprocessing');
        await waitForHeading(page, /** @type {any} */ (chapter1).title);
        await until(async () => modelWorkers(page).length === 0, {
          timeoutMs: 20_000,
          message: 'the worker is terminated on unmount',
        });
        const hook = await page.evaluate(
          () => /** @type {any} */ (window).__nlpbookWorkers?.['seq2seq-addition'] ?? null,
        );
        expect(hook, 'the test hook is removed with the widget').toBe(null);
        log.assertNone('unmounting the addition model');
      } finally {
        await page.close();
      }
    });
  });

  test.describe('trains on webgl (a few steps)', () => {
    test.describe.configure({ timeout: 600_000 });
    test('the loss goes down on WebGL and the question is answered', async () => {
      const { page, root, log } = await open(
        '?backend=webgl&add.enc=16&add.dec=32&add.batch=32&add.digits=2',
      );
      try {
        await waitForReady(root);
        const s1 = await stepAndWait(root, 240_000);
        const first = /** @type {number} */ (await readMetric(root, 'loss'));
        const losses = await trainTo(root, 15, 480_000);
        const last = /** @type {number} */ (losses.at(-1));
        expect(last < first, `the loss goes down on webgl: ${first} -> ${last}`).toBeTruthy();
        expect((await trainerState(root)).backend).toBe('webgl');
        expect(s1).toBe(1);
        const a = await answersNow(root);
        expect(a.candidates.length >= 1, 'the beam answers on webgl').toBeTruthy();
        log.assertNone('training the addition model on webgl');
      } finally {
        await page.close();
      }
    });
  });
});
