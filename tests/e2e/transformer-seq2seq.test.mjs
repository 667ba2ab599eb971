/**
 * WIDGET TESTS (chapter 15): the encoder-decoder Transformer trained live on reversing digits
 * (src/widgets/transformer-seq2seq), opened on the chapter's route of the production build.
 *
 * DOM contract: section[data-widget="transformer-seq2seq"] with the trainer's
 * data-status/data-step, the readout's metrics (loss, val_exact_match, params ...),
 * [data-data-info], the reader's box [data-sequence-input] with [data-sequence-problem] for a bad
 * sequence, the output [data-output], and the grid `.tsq-grid[data-attention-step][data-layers]
 * [data-heads]` of figures `.tsq-map[data-layer][data-head][data-alignment][data-peaks]`, each with
 * a Heatmap canvas. The model lives in the worker:
 * `window.__nlpbookWorkers['transformer-seq2seq'].memory()`. Leaving the chapter for chapter 1
 * inside the app unmounts the widget: its worker must end.
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
  stepAndWait,
  trainerButtons,
  trainerState,
  waitForReady,
  widgetWorkerMemory,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'transformer');
const chapter1 = findChapter(CHAPTERS, 'preprocessing');
const WIDGET = 'transformer-seq2seq';
/** A small model on sequences of 4-6 digits, so that the test trains quickly on a shared CPU. */
const SMALL =
  'tsq.layers=2&tsq.heads=2&tsq.dModel=32&tsq.maxLen=6&tsq.lr=0.003&tsq.warmup=10&tsq.batch=32';

/** @type {import('@playwright/test').BrowserContext} */
let context;

test.describe.configure({ mode: 'serial', timeout: 600_000 });

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
});

test.afterAll(async () => {
  await context?.close();
});

/**
 * Opens chapter 15 with `query`: the page, its error log and the widget, in view.
 * @param {string} query
 */
const open = (query) => openChapterWidget(context, chapter, WIDGET, query);

/** @param {import('playwright-core').Page} page */
const tsqWorkers = (page) =>
  page.workers().filter((w) => /transformerSeq2Seq\.worker/.test(w.url()));

/** @param {import('playwright-core').Page} page */
const workerMemory = (page) => widgetWorkerMemory(page, WIDGET);

/**
 * The cross-attention grid once it shows the maps of a step above `after`: that step and each
 * head's alignment (weight on the symbol to copy).
 * @param {import('playwright-core').Locator} root
 * @param {number} after
 */
async function attentionAfter(root, after) {
  const grid = root.locator('.tsq-grid');
  await until(async () => Number((await grid.getAttribute('data-attention-step')) ?? -1) > after, {
    timeoutMs: 120_000,
    message: `the cross-attention maps of a step after ${after} are drawn`,
  });
  const step = Number(await grid.getAttribute('data-attention-step'));
  const alignments = (
    await root.locator('.tsq-map').evaluateAll((els) => els.map((e) => e.dataset.alignment))
  ).map(Number);
  return { step, alignments };
}

/**
 * Waits until the cross-attention maps that a pause at `step` asks for show that step, then a
 * moment for the probe's last message.
 * @param {import('playwright-core').Locator} root
 * @param {number} step
 */
async function probeDoneAt(root, step) {
  const grid = root.locator('.tsq-grid');
  await until(async () => Number((await grid.getAttribute('data-attention-step')) ?? -1) === step, {
    timeoutMs: 120_000,
    message: `the cross-attention maps of step ${step}`,
  });
  await root.page().waitForTimeout(500);
}

/**
 * Plays until `steps` steps are done, then pauses; returns the losses seen.
 * @param {import('playwright-core').Locator} root
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
    {
      timeoutMs,
      message: async () =>
        `${steps} steps (at ${(await trainerState(root)).step}, losses ${JSON.stringify(losses)})`,
    },
  );
  await trainerButtons(root).pause.click();
  await until(async () => (await trainerState(root)).status === 'paused', {
    timeoutMs: 60_000,
    message: 'Pause stops training',
  });
  return losses;
}

/** The reader's box and the message it shows for `text` (null when none). */
async function typeSequence(root, text) {
  await root.locator('[data-sequence-input]').fill(text);
  const problem = root.locator('[data-sequence-problem]');
  return (await problem.count()) > 0 ? ((await problem.textContent()) ?? '') : null;
}

/**
 * Trains the small model on `backend`: the loss falls, exact match is scored, the cross-attention
 * grid draws and changes, bad sequences get a message, a sequence longer than any trained on is
 * read, the worker's tensor count is stable per step, and unmounting ends the worker.
 * @param {'wasm' | 'webgl'} backend
 */
async function trainsOn(backend) {
  const { page, log, root } = await open(`?backend=${backend}&${SMALL}`);
  await waitForReady(root);
  const info = (await root.locator('[data-data-info]').textContent()) ?? '';
  expect(info).toContain('20,000 training pairs');
  // The parameter count shown is the model's formula: 14 tokens (4 special + 10 digits), tied
  // embedding, sinusoidal positions, d_ff = 2 d_model.
  const [V, E, F, N] = [14, 32, 64, 2];
  const attn = 4 * E * E + 4 * E;
  const ffn = 2 * E * F + F + E;
  const expected = V * E + N * (attn + ffn + 4 * E + 2 * attn + ffn + 6 * E) + 4 * E + V;
  expect(await readMetric(root, 'params')).toBe(expected);

  await stepAndWait(root, 120_000);
  const first = /** @type {number} */ (await readMetric(root, 'loss'));
  expect(tsqWorkers(page).length, 'the model runs in one worker').toBe(1);
  // The grid: every layer and head, a canvas each, after the first step.
  const a0 = await attentionAfter(root, 0);
  expect(a0.alignments.length, '2 layers × 2 heads').toBe(4);
  expect(await root.locator('.tsq-map canvas.ui-heatmap-canvas').count()).toBe(4);

  // SwiftShader's WebGL runs this model several times slower than WASM: a shorter run there
  // (the suite's time budget): past the first exact-match evaluation (every 50 steps).
  const [steps, factor] = backend === 'wasm' ? [150, 0.7] : [55, 0.95];
  const losses = await trainFor(root, steps, 400_000);
  const last = /** @type {number} */ (losses.at(-1));
  expect(last < factor * first, `the loss goes down: ${first} -> ${last}`).toBeTruthy();
  expect((await trainerState(root)).backend).toBe(backend);
  const exact = await readMetric(root, 'val_exact_match');
  expect(exact, 'held-out exact match is scored').not.toBe(null);
  const a1 = await attentionAfter(root, a0.step);
  const moved = a1.alignments.map((d, i) => Math.abs(d - a0.alignments[i]));
  expect(
    Math.max(...moved) > 0.02,
    `the cross-attention changes with training (${a0.alignments} -> ${a1.alignments})`,
  ).toBeTruthy();

  // No tensor growth per step in the worker, read once the pause's probe (the cross-attention
  // maps) has read that step.
  await expectTensorsStablePerStep(root, async () => (await workerMemory(page)).numTensors, {
    settle: (step) => probeDoneAt(root, step),
  });

  // Bad sequences get a message and no reading; a good one longer than training is read.
  expect(await typeSequence(root, '')).toContain('Type a sequence');
  expect(await typeSequence(root, '12a4')).toContain('remove “a”');
  expect(await typeSequence(root, '1'.repeat(33))).toContain('at most 32');
  expect(await typeSequence(root, '123456789')).toBe(null);
  await until(
    async () =>
      (
        (await root
          .locator('.tsq-map')
          .first()
          .locator('.ui-heatmap-plot')
          .getAttribute('aria-label')) ?? ''
      ).includes('by 9,'),
    { timeoutMs: 60_000, message: 'the maps are redrawn for the 9-digit sequence' },
  );
  const output = (await root.locator('[data-output]').getAttribute('data-output')) ?? '';
  expect(/^[0-9]*$/.test(output), `the output "${output}" is digits`).toBeTruthy();

  // Leaving the chapter for chapter 1 inside the app (the page and its heap stay) unmounts the
  // widget: its worker ends and the test hook goes.
  await navigateInApp(page, `chapters/${chapter1.slug}`);
  await waitForHeading(page, chapter1.title, 60_000);
  await until(async () => tsqWorkers(page).length === 0, {
    timeoutMs: 20_000,
    message: 'the worker is terminated on unmount',
  });
  const hook = await page.evaluate(
    (id) => /** @type {any} */ (window).__nlpbookWorkers?.[id] ?? null,
    WIDGET,
  );
  expect(hook, 'the test hook is removed with the widget').toBe(null);
  log.assertNone(`training the encoder-decoder on ${backend}`);
  await page.close();
}

test.describe('chapter 15: encoder-decoder Transformer', () => {
  test('trains on wasm: the loss falls, exact match, the cross-attention draws and changes, bad input, no leak, the worker ends', async () => {
    await trainsOn('wasm');
  });
  test('trains on webgl (SwiftShader): the same checks', async () => {
    await trainsOn('webgl');
  });
});
