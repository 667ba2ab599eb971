/**
 * WIDGET TESTS (chapter 9): the SimpleRNN sine forecaster trains in the page.
 *
 * Written against the widget DOM contract (section[data-widget="sine-forecast"] with
 * data-status / data-step / data-backend, plus data-prediction-step and data-freerun-step: the
 * model step whose forecasts are drawn; Play/Pause, Step, Reset buttons; output[data-metric];
 * controls named after the hyperparameters with the `sine.` prefix in the URL; [role="alert"]
 * messages). Other test runs may share the machine's 2 cores: every wait polls with generous
 * limits. While training on WASM the test also records the page's long tasks (over 50 ms) and
 * prints them (a measurement, not an assertion).
 *
 * The model trains in a Web Worker (src/widgets/sine-forecast/sine.worker.ts): its tensors are read
 * through the widget's test hook `__nlpbookWorkers['sine-forecast'].memory()`, not the page's tf.
 */
import { expect, test } from '@playwright/test';
import { longTaskObserver } from '../bench/lib/longTasks.mjs';
import { navigateInApp, waitForHeading } from './lib/book.mjs';
import { watchErrors, until } from './lib/browser.mjs';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  controlValue,
  readMetric,
  setControl,
  settledCount,
  stepAndWait,
  trainerButtons,
  trainerState,
  waitForReady,
  waitForStatus,
  widget,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'recurrent-networks');
const WIDGET = 'sine-forecast';

/**
 * The sine worker's `tf.memory()` (the model lives in the worker).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ numTensors: number; numBytes: number }>}
 */
async function workerMemory(page) {
  const m = await page.evaluate(
    () => /** @type {any} */ (window).__nlpbookWorkers?.['sine-forecast']?.memory() ?? null,
  );
  expect(m, 'the sine worker runs (window.__nlpbookWorkers["sine-forecast"])').toBeTruthy();
  return m;
}

/**
 * The worker's numTensors once two readings 700 ms apart agree.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ numTensors: number }>}
 */
const settledTensorCount = async (page) => ({
  numTensors: await settledCount(
    async () => (await workerMemory(page)).numTensors,
    "the worker's numTensors",
    { gapMs: 700, readings: 2, timeoutMs: 30_000 },
  ),
});

/** @param {import('playwright-core').Page} page */
const sineWorkers = (page) => page.workers().filter((w) => /sine\.worker/.test(w.url()));

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

/** Pages opened by the current test, closed after it even when it fails. */
/** @type {Set<import('playwright-core').Page>} */
const openPages = new Set();
test.afterEach(async () => {
  for (const page of openPages) await page.close().catch(() => {});
  openPages.clear();
});

/**
 * Opens chapter 9 with a query string (recording long tasks from the start); returns the page,
 * its error log and the widget, scrolled into view (widgets pause when they leave the viewport).
 * @param {string} query
 * @param {{ width: number; height: number }} [viewport]
 */
async function openSine(query, viewport) {
  const page = await context.newPage();
  openPages.add(page);
  if (viewport) await page.setViewportSize(viewport);
  await page.addInitScript(longTaskObserver);
  const log = watchErrors(page);
  const response = await page.goto(`chapters/${chapter?.slug}${query}`);
  expect(response?.ok(), `chapter page answered HTTP ${response?.status()}`).toBeTruthy();
  await waitForHeading(page, /** @type {any} */ (chapter).title);
  const root = widget(page, WIDGET);
  await test.step(`sine-open${query.replace(/\W+/g, '-')}`, () =>
    root.waitFor({ timeout: 60_000 }));
  await root.scrollIntoViewIfNeeded();
  return { page, log, root };
}

/**
 * Where the loss chart labels the noise floor (`legend`, `plot`, or null when nowhere) and, for a
 * label on the plot, how many points of the drawn loss curves (sampled every 2 px along each
 * path, in screen coordinates) fall inside its box.
 * @param {import('playwright-core').Locator} root
 * @returns {Promise<{ where: 'legend' | 'plot' | null; hits: number }>}
 */
function noiseFloorLabel(root) {
  return root.evaluate((el) => {
    const fig = [...el.querySelectorAll('figure.ui-chart')].find((f) =>
      /^Loss/.test(f.querySelector('figcaption')?.textContent ?? ''),
    );
    const floor = (/** @type {Element} */ e) => /noise floor/.test(e.textContent ?? '');
    if (!fig) return { where: null, hits: 0 };
    if ([...fig.querySelectorAll('.ui-legend-item')].some(floor))
      return { where: 'legend', hits: 0 };
    const label = [...fig.querySelectorAll('.ui-reference text')].find(floor);
    if (!label) return { where: null, hits: 0 };
    const box = label.getBoundingClientRect();
    let hits = 0;
    for (const path of /** @type {NodeListOf<SVGPathElement>} */ (
      fig.querySelectorAll('path.ui-line')
    )) {
      const ctm = path.getScreenCTM();
      if (!ctm) continue;
      const len = path.getTotalLength();
      for (let s = 0; s <= len; s += 2) {
        const p = path.getPointAtLength(s).matrixTransform(ctm);
        if (p.x >= box.left && p.x <= box.right && p.y >= box.top && p.y <= box.bottom) hits++;
      }
    }
    return { where: 'plot', hits };
  });
}

/**
 * The forecast chart's series: legend names and, per drawn line, the number of points in its
 * path (an empty path has 0).
 * @param {import('playwright-core').Locator} root
 */
async function forecastSeries(root) {
  return root.evaluate((el) => {
    const fig = [...el.querySelectorAll('figure')].find((f) =>
      /Forecast over/.test(f.querySelector('figcaption')?.textContent ?? ''),
    );
    if (!fig) return { names: [], points: [] };
    const names = [...fig.querySelectorAll('.ui-legend-item')].map((li) =>
      (li.textContent ?? '').replace(/\s+[-\d.e]+$/, '').trim(),
    );
    const points = [...fig.querySelectorAll('path.ui-line')].map(
      (p) => ((p.getAttribute('d') ?? '').match(/[ML]/g) ?? []).length,
    );
    return { names, points };
  });
}

/** @param {import('playwright-core').Locator} root */
async function dataNumber(root, name) {
  const v = await root.getAttribute(`data-${name}`);
  return v == null ? null : Number(v);
}

/**
 * Waits until the forecast of the model after `step` is drawn (data-prediction-step).
 * @param {import('playwright-core').Locator} root
 * @param {number} step
 */
async function predictionOf(root, step) {
  await until(async () => (await dataNumber(root, 'prediction-step')) === step, {
    timeoutMs: 60_000,
    message: async () =>
      `the prediction of the model after step ${step} is drawn (data-prediction-step ${await dataNumber(root, 'prediction-step')})`,
  });
}

test.describe('sine forecaster', () => {
  for (const backend of /** @type {const} */ (['wasm', 'webgl'])) {
    test(`trains on ${backend}: no tensor leak per step, the prediction is drawn over the curve, the held-out MSE falls`, async () => {
      test.setTimeout(600_000);
      const { page, log, root } = await openSine(`?backend=${backend}`);
      // SwiftShader compiles shaders on the first steps: allow each step a long time.
      const perStep = backend === 'webgl' ? 90_000 : 30_000;
      await test.step(`sine-train-${backend}`, async () => {
        await waitForReady(root);
        const before = await forecastSeries(root);
        expect(before.names, 'the data is drawn before training').toStrictEqual([
          'noisy data',
          'true sine',
        ]);
        expect(
          before.points.every((n) => n >= 200),
          `200 points per line: ${before.points}`,
        ).toBeTruthy();

        // Leak check: numTensors after 5 more steps equals after the warm-up step (the
        // forecast drawn after each step makes tensors only while it runs).
        await stepAndWait(root, perStep);
        expect((await trainerState(root)).backend, `tfjs runs on ${backend}`).toBe(backend);
        const firstLoss = await readMetric(root, 'loss');
        expect(
          firstLoss != null && firstLoss > 0.1,
          `first training MSE ${firstLoss}`,
        ).toBeTruthy();
        // Count once the forecast of the step is drawn (its read-back holds a tensor).
        await predictionOf(root, 1);
        const t0 = await settledTensorCount(page);
        for (let i = 0; i < 5; i++) await stepAndWait(root, perStep);
        await predictionOf(root, 6);
        const t1 = await settledTensorCount(page);
        expect(
          t1.numTensors,
          `numTensors after steps 2-6 (${t1.numTensors}) equals after step 1 (${t0.numTensors})`,
        ).toBe(t0.numTensors);
        const drawn = await forecastSeries(root);
        expect(drawn.names).toStrictEqual(['noisy data', 'true sine', 'one-step-ahead prediction']);
        expect(
          drawn.points[2] >= 200,
          `the prediction line has 200 points: ${drawn.points}`,
        ).toBeTruthy();

        // Train; record the page's long tasks while it does (on WASM).
        const since = await page.evaluate(() => performance.now());
        const wall0 = Date.now();
        await trainerButtons(root).play.click();
        // SwiftShader WebGL takes about a second per step: 60 steps (3 evaluations) there.
        const target = backend === 'webgl' ? 60 : 150;
        await until(
          async () => {
            const s = await trainerState(root);
            expect(s.status, `training failed: ${await alertText(root)}`).not.toBe('error');
            return s.step >= target && (await readMetric(root, 'val_loss')) != null;
          },
          {
            timeoutMs: 400_000,
            intervalMs: 500,
            message: async () =>
              `training reaches step ${target} (${JSON.stringify(await trainerState(root))})`,
          },
        );
        const seconds = (Date.now() - wall0) / 1000;
        const sps = await readMetric(root, 'steps_per_second');
        if ((await trainerButtons(root).pause.count()) > 0)
          await trainerButtons(root).pause.click();
        // A step in flight when Pause was pressed still lands: read the state once paused.
        await waitForStatus(root, 'paused', 60_000, 'Pause');
        const upTo = await page.evaluate(() => performance.now());
        const state = await trainerState(root);
        const val = /** @type {number} */ (await readMetric(root, 'val_loss'));
        const clean = /** @type {number} */ (await readMetric(root, 'val_mse_clean'));
        // Always predicting 0 scores 0.51 (0.5 + σ², σ = 0.1); the noise floor is 0.01.
        expect(
          val < 0.1 && val < firstLoss / 4,
          `held-out MSE ${val} at step ${state.step} (first batch ${firstLoss})`,
        ).toBeTruthy();
        expect(
          val > 0.005,
          `held-out MSE ${val} stays near or above the noise floor 0.01`,
        ).toBeTruthy();
        expect(
          Number.isFinite(clean) && clean < 0.1,
          `MSE vs the clean sine ${clean}`,
        ).toBeTruthy();
        expect((sps ?? 0) > 0, 'steps/s shown').toBeTruthy();
        // The held-out MSE has reached the noise floor: its label stays readable (in the
        // legend, or on the plot with no point of a loss curve inside its box).
        const floorLabel = await noiseFloorLabel(root);
        expect(floorLabel.where, 'the loss chart labels the noise floor').toBeTruthy();
        expect(
          floorLabel.hits,
          `loss curves cross the noise-floor label (${floorLabel.hits} points in its box)`,
        ).toBe(0);
        await until(async () => ((await dataNumber(root, 'prediction-step')) ?? 0) >= target - 20, {
          timeoutMs: 30_000,
          message: 'the drawn prediction follows the training',
        });

        // The free-running forecast: on demand, from the same weights.
        await setControl(root, 'freerun', true);
        // The drawn free run is the newest step's (on WebGL a step in flight can still land
        // after the runner reports "paused").
        await until(
          async () => {
            const freeStep = await dataNumber(root, 'freerun-step');
            return freeStep != null && freeStep === (await trainerState(root)).step;
          },
          {
            timeoutMs: 60_000,
            message: async () =>
              `the free-running forecast of the newest step is drawn (data-freerun-step ${await dataNumber(root, 'freerun-step')}, data-step ${(await trainerState(root)).step})`,
          },
        );
        const withFree = await forecastSeries(root);
        expect(withFree.names.at(-1)).toBe('free-running forecast');
        expect(withFree.points[3] >= 200).toBeTruthy();

        const longTasks = await page.evaluate(
          ([a, b]) =>
            /** @type {{ start: number; duration: number }[]} */ (
              /** @type {any} */ (window).__benchLongTasks
            ).filter((t) => t.start >= a && t.start <= b),
          [since, upTo],
        );
        const durations = longTasks.map((t) => t.duration).sort((a, b) => a - b);
        console.log(
          `[sine ${backend}] ${state.step} steps in ${seconds.toFixed(1)} s (${sps} steps/s shown); ` +
            `held-out MSE ${val}, vs clean ${clean}; long tasks while training: ${durations.length}, ` +
            `total ${durations.reduce((a, b) => a + b, 0).toFixed(0)} ms, max ${(durations.at(-1) ?? 0).toFixed(0)} ms ` +
            `over ${((upTo - since) / 1000).toFixed(1)} s`,
        );
        log.assertNone(`training the sine forecaster on ${backend}`);
      });
    });
  }

  test('bad settings from the URL are clamped or refused with messages naming the setting', async () => {
    test.setTimeout(180_000);
    const { log, root } = await openSine(
      '?backend=wasm&sine.window=500&sine.noise=-1&sine.lr=fast&sine.hidden=2.5',
    );
    await test.step('sine-bad-url', async () => {
      await waitForReady(root);
      const text = await alertText(root);
      expect(text).toMatch(/Window length n 500 is above the maximum 100; using 100/);
      expect(text).toMatch(/Noise σ -1 is below the minimum 0; using 0/);
      expect(text).toMatch(/Learning rate: .*fast.*using the default 0\.01/);
      expect(text).toMatch(/Hidden units dₕ 2\.5 is not a whole number; using 3/);
      expect(Number(await controlValue(root, 'window'))).toBe(100);
      // The clamped settings train.
      await stepAndWait(root, 60_000);
      expect(((await readMetric(root, 'loss')) ?? NaN) >= 0).toBeTruthy();
      expect(await readMetric(root, 'params')).toBe(3 * 3 + 4 * 3 + 1);
      log.assertNone('bad URL values');
    });
  });

  test('the "Learning rate too high" preset (lr = 1) diverges with a message naming lr; Reset with the default trains', async () => {
    test.setTimeout(180_000);
    const { log, root } = await openSine('?backend=wasm');
    await test.step('sine-diverge', async () => {
      await waitForReady(root);
      await root.getByRole('button', { name: 'Learning rate too high' }).click();
      expect(Number(await controlValue(root, 'lr')), 'the preset sets lr = 1').toBe(1);
      await trainerButtons(root).play.click();
      await waitForStatus(root, 'error', 90_000, 'the loss blows up');
      const message = await alertText(root);
      expect(message).toMatch(/diverged/i);
      expect(message).toMatch(/“Learning rate”/);
      expect(message).toMatch(/lower the learning rate/i);
      await setControl(root, 'lr', 0.01);
      await trainerButtons(root).reset.click();
      await waitForStatus(root, 'idle', 30_000, 'Reset');
      await stepAndWait(root, 60_000);
      expect(await alertText(root), 'the alert is gone after Reset').not.toMatch(/diverged/i);
      log.assertNone('divergence and reset');
    });
  });

  test('legible on a 360 px phone: no horizontal overflow; Reset returns to idle', async () => {
    test.setTimeout(180_000);
    const { page, root } = await openSine('?backend=wasm', { width: 360, height: 740 });
    await test.step('sine-phone', async () => {
      await waitForReady(root);
      await stepAndWait(root, 60_000);
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        widget: /** @type {HTMLElement} */ (document.querySelector('[data-widget="sine-forecast"]'))
          .scrollWidth,
        view: window.innerWidth,
      }));
      expect(
        overflow.page <= overflow.view,
        `page ${overflow.page} px wide in a ${overflow.view} px window`,
      ).toBeTruthy();
      expect(overflow.widget <= overflow.view, `widget ${overflow.widget} px wide`).toBeTruthy();
      await trainerButtons(root).reset.click();
      await waitForStatus(root, 'idle', 30_000, 'Reset');
      expect((await trainerState(root)).step).toBe(0);
      expect(await root.getAttribute('data-prediction-step'), 'the old prediction is gone').toBe(
        null,
      );
    });
  });

  test('the worker is terminated when the widget unmounts', async () => {
    test.setTimeout(180_000);
    const { page, log, root } = await openSine('?backend=wasm');
    await test.step('sine-unmount', async () => {
      await waitForReady(root);
      await stepAndWait(root, 60_000);
      expect(sineWorkers(page).length, 'one worker while the widget is shown').toBe(1);
      expect((await workerMemory(page)).numTensors > 0).toBeTruthy();
      // An in-app link (client-side route change: the page and its JS heap stay).
      await navigateInApp(page, 'chapters/preprocessing');
      const chapter1 = findChapter(CHAPTERS, 'preprocessing');
      await waitForHeading(page, /** @type {any} */ (chapter1).title);
      await until(async () => sineWorkers(page).length === 0, {
        timeoutMs: 20_000,
        message: 'the sine worker is terminated on unmount',
      });
      const hook = await page.evaluate(
        () => /** @type {any} */ (window).__nlpbookWorkers?.['sine-forecast'] ?? null,
      );
      expect(hook, 'the test hook is removed with the widget').toBe(null);
      log.assertNone('unmounting the sine forecaster');
    });
  });
});
