/**
 * RUNTIME TESTS (chapter 1 classifier): the training runtime's guards and fault handling in the
 * real page. Divergence stops the run with a message naming the learning rate; a step leaks no
 * tensor in the model's worker (wasm and SwiftShader WebGL); a lost WebGL context in the worker
 * resumes from the last checkpoint in a fresh worker;
 * the widget pauses itself off screen and in a hidden tab; a failed data download can be
 * retried; the same seed gives the same run.
 *
 * Written against the widget DOM contract (section[data-widget="sentiment-classifier"] with
 * data-status / data-step / data-backend, the Play/Pause, Step and Reset buttons,
 * output[data-metric], [role="alert"] and [role="status"] messages). The model trains in a Web
 * Worker: the tests read it through window.__nlpbookWorkers['sentiment-classifier'] (`memory()`:
 * the worker's tf.memory(); `alive`; `loseContext()`), and the page itself loads no tfjs
 * (window.__nlpbook stays unset).
 * Other test runs may share the machine's 2 cores: every wait polls the DOM with generous
 * limits.
 */
import { expect, test } from '@playwright/test';
import { waitForHeading } from './lib/book.mjs';
import { watchErrors, until } from './lib/browser.mjs';
import { firstReadyChapter, loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  controlValue,
  setControl,
  statusText,
  stepAndWait,
  trainerButtons,
  trainerState,
  waitForReady,
  waitForStatus,
  waitForStepAbove,
  widget,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = firstReadyChapter(CHAPTERS);
const WIDGET = 'sentiment-classifier';

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

/** Pages opened by the current test; closed after it even when it fails (a page left open
 * could keep training and slow the next test down). */
/** @type {Set<import('playwright-core').Page>} */
const openPages = new Set();
test.afterEach(async () => {
  for (const page of openPages) await page.close().catch(() => {});
  openPages.clear();
});

/**
 * The model worker's `tf.memory()` through `window.__nlpbookWorkers[WIDGET].memory()`.
 *
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ numTensors: number; numBytes: number } | null>} null when the widget has
 *   no live worker.
 * @throws {Error} when the page has no hook for the widget.
 */
async function workerMemory(page) {
  return page.evaluate(async (id) => {
    const hook = /** @type {any} */ (window).__nlpbookWorkers?.[id];
    if (!hook) throw new Error(`window.__nlpbookWorkers['${id}'] is not set: no worker yet`);
    const m = await hook.memory();
    return m == null ? null : { numTensors: m.numTensors, numBytes: m.numBytes };
  }, WIDGET);
}

/**
 * The worker's numTensors once it has stopped changing (two readings `gapMs` apart agree): the
 * "try your own sentence" box re-predicts (in the worker) up to 300 ms after each step, and its
 * tensors are alive only while it runs.
 *
 * @param {import('playwright-core').Page} page
 * @param {number} [gapMs]
 * @returns {Promise<number>}
 */
async function settledWorkerTensors(page, gapMs = 700) {
  /** @type {(number | undefined)[]} */
  let pair = [];
  await expect
    .poll(
      async () => {
        const a = (await workerMemory(page))?.numTensors;
        await page.waitForTimeout(gapMs);
        const b = (await workerMemory(page))?.numTensors;
        pair = [a, b];
        return a !== undefined && a === b;
      },
      { timeout: 30_000, message: "the worker's numTensors settles" },
    )
    .toBe(true);
  return /** @type {number} */ (pair[1]);
}

/**
 * Whether the page itself loaded tfjs (`window.__nlpbook` is set by the page's backend choice).
 *
 * @param {import('playwright-core').Page} page
 */
function pageHasTf(page) {
  return page.evaluate(() => /** @type {any} */ (window).__nlpbook !== undefined);
}

/**
 * Opens chapter 1 with a query string; returns the page, its error log and the widget,
 * scrolled into view (the widget loads its engine near the screen and pauses off it).
 *
 * @param {string} query e.g. `?backend=wasm`.
 * @param {{ ignore?: RegExp[]; beforeGoto?: (page: import('playwright-core').Page) => Promise<void> }}
 *   [options] ignore: error-log filters (say why at the call site); beforeGoto: runs on the new
 *   page before navigating (e.g. to install routes).
 */
async function openClassifier(query, options = {}) {
  const page = await context.newPage();
  openPages.add(page);
  const log = watchErrors(page, { ignore: options.ignore });
  await options.beforeGoto?.(page);
  const response = await page.goto(`chapters/${chapter.slug}${query}`);
  expect(response?.ok(), `chapter page answered HTTP ${response?.status()}`).toBeTruthy();
  await waitForHeading(page, chapter.title);
  const root = widget(page, WIDGET);
  await root.waitFor({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  return { page, log, root };
}

test.describe('runtime guards in the chapter 1 classifier', () => {
  test.describe.configure({ timeout: 600_000 });
  test('divergence (lr=10, dim=64 on wasm) stops with a message naming the learning rate; Reset with lr=0.01 trains again', async () => {
    const { page, log, root } = await openClassifier('?backend=wasm&lr=10&dim=64');
    const b = trainerButtons(root);
    await test.step('runtime-divergence', async () => {
      await waitForReady(root);
      expect(Number(await controlValue(root, 'lr')), 'the URL set lr=10').toBe(10);
      expect(await alertText(root), 'no alert before training').toBe('');
      const t0 = Date.now();
      await b.play.click();
      await waitForStatus(root, 'error', 20_000, 'the loss diverges');
      const seconds = (Date.now() - t0) / 1000;
      const message = await alertText(root);
      expect(message, `the alert says the loss diverged: "${message}"`).toMatch(/diverged/i);
      expect(message, `the alert names the learning-rate knob: "${message}"`).toMatch(
        /"lr"|\blr\b|learning rate/i,
      );
      expect(message, `the alert names the control to change: "${message}"`).toMatch(
        /Change “Learning rate”/,
      );
      expect(message, `the alert says how to start again: "${message}"`).toMatch(/reset/i);
      const stuck = await trainerState(root);
      expect(stuck.step > 0, `at least one step ran before the guard (${stuck.step})`).toBeTruthy();

      // Play and Step cannot restart a diverged run; forcing a click changes nothing.
      expect(await b.play.isDisabled(), 'Play is disabled after divergence').toBe(true);
      expect(await b.step.isDisabled(), 'Step is disabled after divergence').toBe(true);
      expect(await b.reset.isEnabled(), 'Reset stays enabled').toBe(true);
      await b.play.click({ force: true });
      await page.waitForTimeout(1000);
      const still = await trainerState(root);
      expect(still.status, 'a forced click on Play does not restart').toBe('error');
      expect(still.step, 'no step is taken after divergence').toBe(stuck.step);

      await setControl(root, 'lr', 0.01);
      expect(Number(await controlValue(root, 'lr')), 'the lr input shows 0.01').toBe(0.01);
      expect(
        await b.play.isDisabled(),
        'changing lr alone does not re-enable Play: the run must be Reset first',
      ).toBe(true);
      await b.reset.click();
      await until(
        async () => {
          const s = await trainerState(root);
          return s.status === 'idle' && s.step === 0;
        },
        { timeoutMs: 15_000, message: 'Reset returns to idle at step 0' },
      );
      expect(
        /diverged/i.test(await alertText(root)),
        `the divergence alert is gone after Reset: "${await alertText(root)}"`,
      ).toBe(false);
      await b.play.click();
      const reached = await waitForStepAbove(root, 40, 90_000);
      const loss = Number(await root.locator('output[data-metric="loss"]').textContent());
      expect(
        Number.isFinite(loss) && loss < 1,
        `with lr=0.01 the loss stays sane (${loss} at step ${reached})`,
      ).toBeTruthy();
      expect(await alertText(root), 'no alert while training with lr=0.01').toBe('');
      if ((await b.pause.count()) > 0) await b.pause.click();
      log.assertNone('divergence and restart');
      console.log(`divergence detected ${seconds.toFixed(1)} s after Play at step ${stuck.step}`);
    });
    await page.close();
  });

  for (const backend of /** @type {const} */ (['wasm', 'webgl'])) {
    test(`no tensor leak per step in the model's worker on ${backend}: numTensors after 5 more steps equals after the warm-up step`, async () => {
      const { page, log, root } = await openClassifier(`?backend=${backend}`);
      // SwiftShader compiles shaders on the first steps: allow each step a long time.
      const perStep = backend === 'webgl' ? 90_000 : 30_000;
      await test.step(`runtime-leak-${backend}`, async () => {
        await waitForReady(root);
        await stepAndWait(root, perStep);
        expect((await trainerState(root)).backend, `the worker runs on ${backend}`).toBe(backend);
        expect(
          await page.evaluate(
            (id) => /** @type {any} */ (window).__nlpbookWorkers?.[id]?.alive,
            WIDGET,
          ),
          "the model's worker is alive after a step",
        ).toBe(true);
        const before = await settledWorkerTensors(page);
        expect(before > 0, `the model holds tensors in the worker (${before})`).toBeTruthy();
        for (let i = 0; i < 5; i++) await stepAndWait(root, perStep);
        const afterSteps = await settledWorkerTensors(page);
        expect(
          afterSteps,
          `the worker's numTensors after steps 2-6 (${afterSteps}) equals after step 1 ` +
            `(${before}) on ${backend}`,
        ).toBe(before);
        expect((await trainerState(root)).step).toBe(6);
        expect(
          await pageHasTf(page),
          'the page itself did not load tfjs (window.__nlpbook is unset): the model lives in the worker',
        ).toBe(false);

        // Reset disposes the task in the worker (the worker stays up for the next run): the
        // worker's tensor count falls back.
        await trainerButtons(root).reset.click();
        await until(
          async () => {
            const s = await trainerState(root);
            return s.status === 'idle' && s.step === 0;
          },
          { timeoutMs: 15_000, message: 'Reset returns to idle at step 0' },
        );
        /** @type {number | undefined} */
        let afterReset;
        await expect
          .poll(
            async () => {
              afterReset = (await workerMemory(page))?.numTensors;
              return afterReset;
            },
            {
              timeout: 15_000,
              message: `after Reset the worker's numTensors falls below the model's ${afterSteps}`,
            },
          )
          .toBeLessThan(afterSteps);
        expect(
          await page.evaluate(
            (id) => /** @type {any} */ (window).__nlpbookWorkers?.[id]?.alive,
            WIDGET,
          ),
          'the worker stays alive after Reset (only the task is disposed)',
        ).toBe(true);
        log.assertNone(`stepping on ${backend}`);
        console.log(
          `${backend}: worker holds ${before} tensors per step; ${afterReset} after Reset`,
        );
      });
      await page.close();
    });
  }

  // The model's WebGL context lives in its worker: the hook's loseContext() loses it there (on
  // wasm, where there is no context, it marks it lost). The runner then rebuilds the task in a
  // FRESH worker, which selects its backend again, from the last checkpoint.
  for (const backend of /** @type {const} */ (['webgl', 'wasm'])) {
    const title =
      backend === 'webgl'
        ? "a lost WebGL context in the model's worker is reported, training resumes from the checkpoint in a fresh worker on WebGL, and Play goes on"
        : "a context marked lost in the model's wasm worker: training resumes from the checkpoint in a fresh worker, and Play goes on";
    test(title, async () => {
      const { page, log, root } = await openClassifier(`?backend=${backend}`);
      const b = trainerButtons(root);
      await test.step(`runtime-context-loss-${backend}`, async () => {
        await waitForReady(root);
        await b.play.click();
        await waitForStatus(root, 'running', 120_000, `training starts on ${backend}`);
        expect((await trainerState(root)).backend).toBe(backend);
        // Checkpoints are taken at the start and then every 5 s: train > 6.5 s and past step 10
        // so that a checkpoint later than step 0 exists.
        const runningSince = Date.now();
        await until(
          async () => {
            const s = await trainerState(root);
            expect(s.status, `training stopped: ${await alertText(root)}`).toBe('running');
            return s.step >= 10 && Date.now() - runningSince > 6500;
          },
          { timeoutMs: 180_000, message: 'data-step >= 10 after > 6.5 s of training' },
        );
        const lost = await page.evaluate(
          (id) => /** @type {any} */ (window).__nlpbookWorkers?.[id]?.loseContext() ?? 'no hook',
          WIDGET,
        );
        const stepAtLoss = (await trainerState(root)).step;
        expect(
          lost,
          backend === 'webgl'
            ? 'loseContext() lost a real WebGL context in the worker'
            : 'loseContext() on wasm has no WebGL context to lose: it marks the context lost',
        ).toBe(backend === 'webgl');

        const lostMessage = await until(
          async () => {
            const text = `${await alertText(root)} | ${await statusText(root)}`;
            return /context was lost/i.test(text) ? text : null;
          },
          { timeoutMs: 10_000, message: 'a message says the WebGL context was lost' },
        );
        const recovered = await until(
          async () => {
            // State and message read in one evaluation: read apart, the step of the "lost"
            // phase (also paused) could be paired with the message of the recovery.
            const s = await root.evaluate((el) => ({
              status: /** @type {HTMLElement} */ (el).dataset.status ?? '',
              step: Number(/** @type {HTMLElement} */ (el).dataset.step),
              backend: /** @type {HTMLElement} */ (el).dataset.backend ?? null,
              alert: [...el.querySelectorAll('[role="alert"]')]
                .map((a) => a.textContent ?? '')
                .join(' '),
            }));
            expect(s.status, `recovery failed: ${s.alert}`).not.toBe('error');
            const m = /restored from the checkpoint at step (\d+)/i.exec(s.alert);
            return m && (s.status === 'paused' || s.status === 'running')
              ? { ...s, checkpoint: Number(m[1]) }
              : null;
          },
          {
            timeoutMs: 90_000,
            message: async () =>
              `training is restored from a checkpoint (${JSON.stringify(
                await trainerState(root),
              )}, alerts "${await alertText(root)}", first message "${lostMessage}")`,
          },
        );
        expect(
          recovered.checkpoint > 0 && recovered.checkpoint <= stepAtLoss,
          `resumed from a checkpoint after step 0 and not after the loss ` +
            `(checkpoint ${recovered.checkpoint}, step at loss ${stepAtLoss})`,
        ).toBeTruthy();
        expect(recovered.step, 'data-step is the checkpoint step').toBe(recovered.checkpoint);
        // The fresh worker selects its backend again: on WebGL it gets a new context.
        expect(
          recovered.backend,
          `after recovery the fresh worker runs on ${backend} (alert: "${recovered.alert}")`,
        ).toBe(backend);
        expect(
          await page.evaluate(
            (id) => /** @type {any} */ (window).__nlpbookWorkers?.[id]?.alive,
            WIDGET,
          ),
          "the hook's worker is alive (a fresh worker)",
        ).toBe(true);
        const mem = await workerMemory(page);
        expect(
          (mem?.numTensors ?? 0) > 0,
          `the fresh worker holds the restored model (${JSON.stringify(mem)})`,
        ).toBeTruthy();

        if (recovered.status === 'paused') await b.play.click();
        const next = await waitForStepAbove(root, recovered.step + 5, 120_000);
        expect(next > recovered.step, 'Play makes the step count increase').toBeTruthy();
        expect(
          /context was lost/i.test(await alertText(root)),
          'the context-loss message is gone once training goes on',
        ).toBe(false);
        if ((await b.pause.count()) > 0) await b.pause.click();
        expect(await pageHasTf(page), 'the page itself never loaded tfjs').toBe(false);
        log.assertNone(`losing the context on ${backend}`);
        console.log(
          `${backend}: context lost at step ${stepAtLoss}; resumed from ${recovered.checkpoint} on ${recovered.backend}`,
        );
      });
      await page.close();
    });
  }

  test('training pauses when the widget leaves the screen or the tab is hidden, and resumes on Play', async () => {
    const { page, log, root } = await openClassifier('?backend=wasm&epochs=100');
    const b = trainerButtons(root);
    const offscreen = /paused because the widget left the screen/i;
    const hidden = /paused because the tab was hidden/i;
    await test.step('runtime-autopause', async () => {
      await waitForReady(root);
      await b.play.click();
      await waitForStatus(root, 'running', 60_000);
      const s0 = await waitForStepAbove(root, 0);

      // Off screen: scroll to the top (instantly: the book scrolls smoothly), or to the
      // bottom if the widget is near the top; then wait until it is fully out of view.
      await page.evaluate(
        (el) => {
          window.scrollTo({ top: 0, behavior: 'instant' });
          if (/** @type {Element} */ (el).getBoundingClientRect().top < window.innerHeight) {
            const bottom = document.documentElement.scrollHeight;
            window.scrollTo({ top: bottom, behavior: 'instant' });
          }
        },
        await root.elementHandle(),
      );
      await until(
        () =>
          root.evaluate((el) => {
            const r = el.getBoundingClientRect();
            return r.bottom <= 0 || r.top >= window.innerHeight;
          }),
        { timeoutMs: 5_000, message: 'the widget is scrolled fully out of view' },
      );
      const t0 = Date.now();
      await waitForStatus(root, 'paused', 5_000, 'the widget left the screen');
      const pausedAfter = (Date.now() - t0) / 1000;
      const message = await statusText(root);
      expect(message, `a status message says why: "${message}"`).toMatch(offscreen);
      const p1 = (await trainerState(root)).step;
      expect(p1 >= s0, 'the run kept its steps').toBeTruthy();
      await page.waitForTimeout(1500);
      expect((await trainerState(root)).step, 'no step is taken while paused').toBe(p1);

      await root.scrollIntoViewIfNeeded();
      await page.waitForTimeout(1000);
      expect(
        (await trainerState(root)).status,
        'coming back into view does not resume by itself',
      ).toBe('paused');
      await b.play.click();
      await waitForStepAbove(root, p1 + 3);
      expect(
        offscreen.test(await statusText(root)),
        'the pause message goes away once training resumes',
      ).toBe(false);

      // Hidden tab: headless Chromium keeps pages visible, so fake the document's state and
      // send the event the browser would send.
      await page.evaluate(() => {
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => 'hidden',
        });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await waitForStatus(root, 'paused', 5_000, 'the tab was hidden');
      const hiddenMessage = await statusText(root);
      expect(hiddenMessage, `a status message says why: "${hiddenMessage}"`).toMatch(hidden);
      await page.evaluate(() => {
        delete (/** @type {any} */ (document).visibilityState);
        document.dispatchEvent(new Event('visibilitychange'));
      });
      expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
      const p2 = (await trainerState(root)).step;
      await page.waitForTimeout(1000);
      expect((await trainerState(root)).status, 'visible again: still paused').toBe('paused');
      await b.play.click();
      await waitForStepAbove(root, p2 + 3);
      if ((await b.pause.count()) > 0) await b.pause.click();
      log.assertNone('auto-pause');
      console.log(`paused ${pausedAfter.toFixed(1)} s after the widget left the screen`);
    });
    await page.close();
  });

  test('a failed data download shows a clear alert with "Try again", which then loads the widget', async () => {
    const dataUrl = '**/data/uci-sentences.json';
    const { page, log, root } = await openClassifier('?backend=wasm', {
      // The blocked file itself is logged by Chromium as a failed resource; nothing else is
      // allowed.
      ignore: [
        /^console\.error: Failed to load resource: the server responded with a status of 404 .*\(\S*\/data\/uci-sentences\.json:/,
      ],
      beforeGoto: async (p) => {
        await p.route(dataUrl, (r) => r.fulfill({ status: 404, body: 'nope' }));
      },
    });
    await test.step('runtime-data-404', async () => {
      const tryAgain = root.getByRole('button', { name: /try again/i });
      await until(async () => (await trainerState(root)).status === 'error', {
        timeoutMs: 60_000,
        message: async () =>
          `data-status becomes "error" (${JSON.stringify(await trainerState(root))})`,
      });
      const message = await alertText(root);
      expect(message, `the alert names the data: "${message}"`).toMatch(/review sentences/i);
      expect(message, `the alert gives the HTTP status: "${message}"`).toMatch(/HTTP 404/);
      expect(await tryAgain.count(), 'a "Try again" button is shown').toBe(1);
      expect(await trainerButtons(root).play.isDisabled(), 'Play is disabled').toBe(true);

      await page.unroute(dataUrl);
      await tryAgain.click();
      await waitForReady(root);
      expect(await alertText(root), 'the alert is gone once the data has loaded').toBe('');
      expect(await tryAgain.count(), '"Try again" is gone').toBe(0);
      await stepAndWait(root, 60_000);
      log.assertNone('the failed and retried data download');
    });
    await page.close();
  });

  test('the same seed reproduces a run exactly (wasm, one epoch); seed=7 gives another', async () => {
    /** @param {import('playwright-core').Locator} root */
    const runToDone = async (root) => {
      await trainerButtons(root).play.click();
      await until(
        async () => {
          const s = await trainerState(root);
          expect(s.status, await alertText(root)).not.toBe('error');
          return s.status === 'done';
        },
        { timeoutMs: 120_000, message: 'the one-epoch run finishes' },
      );
      /** @param {string} key */
      const text = async (key) =>
        ((await root.locator(`output[data-metric="${key}"]`).textContent()) ?? '').trim();
      const result = {
        step: (await trainerState(root)).step,
        loss: await text('loss'),
        val_loss: await text('val_loss'),
        val_accuracy: await text('val_accuracy'),
      };
      expect(result.loss, `a final train loss is shown (${result.loss})`).toMatch(/^\d+\.\d{4}$/);
      expect(result.val_accuracy, `a validation accuracy is shown`).toMatch(/\d/);
      return result;
    };

    const first = await openClassifier('?backend=wasm&epochs=1');
    const runs = await test.step('runtime-seed', async () => {
      await waitForReady(first.root);
      const a = await runToDone(first.root);
      await trainerButtons(first.root).reset.click();
      await until(async () => (await trainerState(first.root)).status === 'idle', {
        timeoutMs: 15_000,
        message: 'Reset returns to idle',
      });
      const bRun = await runToDone(first.root);
      expect(bRun, 'two runs with seed 42 end with identical numbers').toStrictEqual(a);
      first.log.assertNone('two seeded runs');
      return { a };
    });
    await first.page.close();

    const other = await openClassifier('?backend=wasm&epochs=1&seed=7');
    await test.step('runtime-seed-7', async () => {
      await waitForReady(other.root);
      expect(Number(await controlValue(other.root, 'seed'))).toBe(7);
      const c = await runToDone(other.root);
      expect(c.step, 'the same number of steps').toBe(runs.a.step);
      expect(
        c.loss,
        `seed 7 ends with another train loss than seed 42 (${c.loss} vs ${runs.a.loss})`,
      ).not.toBe(runs.a.loss);
      other.log.assertNone('a run with seed 7');
    });
    await other.page.close();
  });
  test('keyboard: S steps, Space plays and pauses, R resets while the widget has focus; typing is not a shortcut', async () => {
    const { page, log, root } = await openClassifier('?backend=wasm&epochs=100');
    await test.step('runtime-keyboard', async () => {
      await waitForReady(root);
      await root.focus();
      await page.keyboard.press('s');
      await waitForStatus(root, 'paused', 60_000, 'S takes one step');
      expect((await trainerState(root)).step, 'S takes exactly one step').toBe(1);

      await page.keyboard.press('Space');
      await waitForStepAbove(root, 5, 60_000);
      expect((await trainerState(root)).status, 'Space plays').toBe('running');
      await page.keyboard.press('Space');
      await waitForStatus(root, 'paused', 30_000, 'Space pauses');

      await page.keyboard.press('r');
      await until(async () => (await trainerState(root)).step === 0, {
        timeoutMs: 30_000,
        message: 'R resets to step 0',
      });

      // Keys typed into the "Your sentence" box are text, not shortcuts.
      const box = root.getByRole('textbox', { name: 'Your sentence' });
      await box.fill('');
      await box.pressSequentially('so sad ');
      expect(await box.inputValue()).toBe('so sad ');
      await page.waitForTimeout(300);
      expect((await trainerState(root)).step, 'typing s, space and r did not step').toBe(0);
      log.assertNone('keyboard shortcuts');
    });
  });
});
