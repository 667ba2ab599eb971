/**
 * WIDGET TESTS (chapter 14): the date converter with attention trains in the page.
 *
 * Written against the widget DOM contract (section[data-widget="date-attention"] with
 * data-status / data-step / data-backend / data-attention / data-comparison; Play/Pause, Step,
 * Reset; output[data-metric]; controls named after the hyperparameters with the `date.` prefix in
 * the URL; the reader's date in [data-date-input], its problem in [data-date-problem], its output
 * in [data-date-output], the heatmap in [data-attention-heatmap] with `data-peaks`, one
 * `index:weight` per output row). The model trains in a Web Worker; its tensors are read through
 * the widget's test hook `__nlpbookWorkers['date-attention'].memory()`.
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
  setControl,
  stepAndWait,
  trainerButtons,
  trainerState,
  waitForReady,
  widgetWorkerMemory,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'attention');
const chapter1 = findChapter(CHAPTERS, 'preprocessing');
const WIDGET = 'date-attention';

/** @param {import('playwright-core').Page} page */
const workerMemory = (page) => widgetWorkerMemory(page, WIDGET);

/** @param {import('playwright-core').Page} page */
const dateWorkers = (page) => page.workers().filter((w) => /dateAttention\.worker/.test(w.url()));

/** @type {import('@playwright/test').BrowserContext} */
let context;
test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
});
test.afterAll(async () => {
  await context?.close();
});

/** @param {string} query */
const openDates = (query) => openChapterWidget(context, chapter, WIDGET, query);

/**
 * The heatmap's caption and peaks once it shows the model of `step` or later.
 * @param {import('playwright-core').Locator} root
 * @param {number} step
 */
async function heatmapAt(root, step) {
  const map = root.locator('[data-attention-heatmap]');
  const output = root.locator('[data-date-output]');
  /** @type {{ peaks: string, caption: string, output: string }} */
  let seen = { peaks: '', caption: '', output: '' };
  await until(
    async () => {
      if ((await map.count()) === 0) return false;
      const caption = (await map.locator('figcaption').textContent()) ?? '';
      const at = Number(/after step ([\d,]+)/.exec(caption)?.[1].replace(/,/g, '') ?? -1);
      seen = {
        peaks: (await map.getAttribute('data-peaks')) ?? '',
        caption,
        output: (await output.getAttribute('data-date-output')) ?? '',
      };
      return at >= step;
    },
    {
      timeoutMs: 120_000,
      message: () => `the heatmap of step ${step} (seen ${JSON.stringify(seen)})`,
    },
  );
  return seen;
}

/**
 * Plays until `steps` steps and two different losses were seen; pauses. First and last loss.
 * @param {import('playwright-core').Locator} root
 * @param {number} steps
 * @param {number} timeoutMs
 */
async function trainFor(root, steps, timeoutMs) {
  /** @type {number[]} */
  const losses = [];
  await trainerButtons(root).play.click();
  await until(
    async () => {
      const { status, step } = await trainerState(root);
      expect(status, `training failed: ${await alertText(root)}`).not.toBe('error');
      const loss = await readMetric(root, 'loss');
      if (loss != null && loss !== losses.at(-1)) losses.push(loss);
      return step >= steps && losses.length >= 2;
    },
    { timeoutMs, message: async () => `${steps} steps (${JSON.stringify(losses)})` },
  );
  await trainerButtons(root).pause.click();
  await until(async () => (await trainerState(root)).status === 'paused', {
    timeoutMs: 60_000,
    message: 'Pause stops training',
  });
  return { first: losses[0], last: /** @type {number} */ (losses.at(-1)) };
}

test.describe('date converter', () => {
  test.describe('trains on wasm', () => {
    test.describe.configure({ mode: 'serial', timeout: 600_000 });
    /** @type {Awaited<ReturnType<typeof openDates>>} */
    let ctx;
    test.beforeAll(async () => {
      ctx = await openDates('?backend=wasm');
    });
    test.afterAll(async () => {
      await ctx?.page.close();
    });

    test('the loss falls; the heatmap of the reader’s date draws and changes; bad dates are refused', async () => {
      const { page, root, log } = ctx;
      await waitForReady(root);
      expect(await root.getAttribute('data-attention')).toBe('additive');
      await stepAndWait(root, 120_000);
      const first = /** @type {number} */ (await readMetric(root, 'loss'));
      expect(dateWorkers(page).length, 'the model runs in one worker').toBe(1);
      expect(await readMetric(root, 'params')).toBe(139407);
      const before = await heatmapAt(root, 1);
      const cols = Array.from('3rd of March 2021').length;
      expect(before.peaks.split(' ').length > 0).toBeTruthy();
      const cells = root.locator('[data-attention-heatmap] svg rect.ui-cell');
      const n = await cells.count();
      expect(n % cols, `${n} cells: rows x ${cols} input characters`).toBe(0);
      const { last } = await trainFor(root, 25, 480_000);
      expect(last < first - 0.5, `the loss falls: ${first} -> ${last}`).toBeTruthy();
      expect((await trainerState(root)).backend).toBe('wasm');
      const after = await heatmapAt(root, 25);
      expect(after.caption).not.toBe(before.caption);
      expect(after.peaks, 'the attention changed with training').not.toBe(before.peaks);
      expect(after.output).toMatch(/^\d{4}-\d\d-\d\d$/);

      // The reader's date: refused with a message when empty, too long or with odd characters.
      const input = root.locator('[data-date-input]');
      const problem = root.locator('[data-date-problem]');
      await input.fill('');
      await expect(problem).toContainText('Type a date');
      await input.fill('3rd of March 2021, a Wednesday');
      await expect(problem).toContainText('at most 24');
      await input.fill('3 März 2021');
      await expect(problem).toContainText('“ä”');
      await input.fill('Mar 3 2021');
      await expect(problem).toHaveCount(0);
      await until(
        async () =>
          (await root.locator('[data-attention-heatmap] figcaption').textContent())?.includes(
            'Mar 3 2021',
          ) ?? false,
        { timeoutMs: 60_000, message: 'the typed date is converted and drawn' },
      );
      const n2 = await cells.count();
      expect(n2 % 10, `${n2} cells: rows x 10 input characters`).toBe(0);
      log.assertNone('training the date model on wasm');
    });

    test('no tensor leak per step; Reset frees; the run is kept beside a run without attention', async () => {
      const { page, root, log } = ctx;
      await expectTensorsStablePerStep(root, async () => (await workerMemory(page)).numTensors);

      await setControl(root, 'attention', false);
      await trainerButtons(root).reset.click();
      await until(async () => (await trainerState(root)).status === 'idle', {
        timeoutMs: 30_000,
        message: 'Reset returns to idle',
      });
      await until(async () => (await workerMemory(page)).numTensors === 0, {
        timeoutMs: 30_000,
        message: 'Reset frees every tensor in the worker',
      });
      expect(await root.getAttribute('data-attention')).toBe('none');
      expect(await root.getAttribute('data-comparison'), 'the attention run is kept').toBe(
        'additive',
      );
      await expect(root.locator('[data-comparison-note]')).toContainText('Dashed');
      await stepAndWait(root, 60_000);
      await expect(root.locator('[data-no-attention]')).toBeVisible({ timeout: 60_000 });
      await expect(root.locator('[data-attention-heatmap]')).toHaveCount(0);
      expect(await readMetric(root, 'params')).toBe(121039);
      log.assertNone('the comparison run');
    });
  });

  test.describe('the worker', () => {
    test.describe.configure({ timeout: 300_000 });
    test('is terminated when the widget unmounts', async () => {
      const { page, root, log } = await openDates('?backend=wasm');
      try {
        await waitForReady(root);
        await stepAndWait(root, 120_000);
        expect(dateWorkers(page).length).toBe(1);
        await navigateInApp(page, 'chapters/preprocessing');
        await waitForHeading(page, /** @type {any} */ (chapter1).title);
        await until(async () => dateWorkers(page).length === 0, {
          timeoutMs: 20_000,
          message: 'the date-attention worker is terminated on unmount',
        });
        log.assertNone('unmounting the date model');
      } finally {
        await page.close();
      }
    });
  });

  test.describe('trains on webgl (a few steps)', () => {
    test.describe.configure({ timeout: 600_000 });
    test('the loss falls on WebGL and the heatmap draws', async () => {
      const { page, root, log } = await openDates('?backend=webgl&date.score=dot');
      try {
        await waitForReady(root);
        const { first, last } = await trainFor(root, 6, 480_000);
        expect(last < first, `the loss falls on webgl: ${first} -> ${last}`).toBeTruthy();
        expect((await trainerState(root)).backend).toBe('webgl');
        const seen = await heatmapAt(root, 6);
        expect(seen.peaks.length > 0).toBeTruthy();
        log.assertNone('training the date model on webgl');
      } finally {
        await page.close();
      }
    });
  });
});
