/**
 * RUNTIME TESTS (chapter 1 classifier): the training runtime's guards and fault handling in the
 * real page. Divergence stops the run with a message naming the learning rate; a step leaks no
 * tensor (wasm and SwiftShader WebGL); a lost WebGL context resumes from the last checkpoint;
 * the widget pauses itself off screen and in a hidden tab; a failed data download can be
 * retried; the same seed gives the same run.
 *
 * Written against the widget DOM contract (section[data-widget="sentiment-classifier"] with
 * data-status / data-step / data-backend, the Play/Pause, Step and Reset buttons,
 * output[data-metric], [role="alert"] and [role="status"] messages, window.__nlpbook.tf).
 * Other test runs may share the machine's 2 cores: every wait polls the DOM with generous
 * limits.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { waitForHeading } from './lib/book.mjs';
import { bookUrl, launchBrowser, poll, screenshotOnFailure, watchErrors } from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  controlValue,
  setControl,
  settledTensorCount,
  statusText,
  stepAndWait,
  tfMemory,
  trainerButtons,
  trainerState,
  waitForReady,
  waitForStatus,
  waitForStepAbove,
  widget,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = CHAPTERS.filter((c) => c.status === 'ready')[0];
const WIDGET = 'sentiment-classifier';

/** @type {import('./lib/browser.mjs').Browser} */
let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Pages opened by the current test; closed after it even when it fails (a page left open
 * could keep training and slow the next test down). */
/** @type {Set<import('playwright-core').Page>} */
const openPages = new Set();
afterEach(async () => {
  for (const page of openPages) await page.close().catch(() => {});
  openPages.clear();
});

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
  const page = await browser.context.newPage();
  openPages.add(page);
  const log = watchErrors(page, { ignore: options.ignore });
  await options.beforeGoto?.(page);
  const response = await page.goto(bookUrl(`chapters/${chapter.slug}${query}`));
  assert.ok(response?.ok(), `chapter page answered HTTP ${response?.status()}`);
  await waitForHeading(page, chapter.title);
  const root = widget(page, WIDGET);
  await root.waitFor({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  return { page, log, root };
}

describe('runtime guards in the chapter 1 classifier', { timeout: 600_000 }, () => {
  test('divergence (lr=10, dim=64 on wasm) stops with a message naming the learning rate; Reset with lr=0.01 trains again', async () => {
    const { page, log, root } = await openClassifier('?backend=wasm&lr=10&dim=64');
    const b = trainerButtons(root);
    await screenshotOnFailure(
      page,
      'runtime-divergence',
      async () => {
        await waitForReady(root);
        assert.equal(Number(await controlValue(root, 'lr')), 10, 'the URL set lr=10');
        assert.equal(await alertText(root), '', 'no alert before training');
        const t0 = Date.now();
        await b.play.click();
        await waitForStatus(root, 'error', 20_000, 'the loss diverges');
        const seconds = (Date.now() - t0) / 1000;
        const message = await alertText(root);
        assert.match(message, /diverged/i, `the alert says the loss diverged: "${message}"`);
        assert.match(
          message,
          /"lr"|\blr\b|learning rate/i,
          `the alert names the learning-rate knob: "${message}"`,
        );
        assert.match(message, /reset/i, `the alert says how to start again: "${message}"`);
        const stuck = await trainerState(root);
        assert.ok(stuck.step > 0, `at least one step ran before the guard (${stuck.step})`);

        // Play and Step cannot restart a diverged run; forcing a click changes nothing.
        assert.equal(await b.play.isDisabled(), true, 'Play is disabled after divergence');
        assert.equal(await b.step.isDisabled(), true, 'Step is disabled after divergence');
        assert.equal(await b.reset.isEnabled(), true, 'Reset stays enabled');
        await b.play.click({ force: true });
        await page.waitForTimeout(1000);
        const still = await trainerState(root);
        assert.equal(still.status, 'error', 'a forced click on Play does not restart');
        assert.equal(still.step, stuck.step, 'no step is taken after divergence');

        await setControl(root, 'lr', 0.01);
        assert.equal(Number(await controlValue(root, 'lr')), 0.01, 'the lr input shows 0.01');
        assert.equal(
          await b.play.isDisabled(),
          true,
          'changing lr alone does not re-enable Play: the run must be Reset first',
        );
        await b.reset.click();
        await poll(
          async () => {
            const s = await trainerState(root);
            return s.status === 'idle' && s.step === 0;
          },
          { timeoutMs: 15_000, message: 'Reset returns to idle at step 0' },
        );
        assert.equal(
          /diverged/i.test(await alertText(root)),
          false,
          `the divergence alert is gone after Reset: "${await alertText(root)}"`,
        );
        await b.play.click();
        const reached = await waitForStepAbove(root, 40, 90_000);
        const loss = Number(await root.locator('output[data-metric="loss"]').textContent());
        assert.ok(
          Number.isFinite(loss) && loss < 1,
          `with lr=0.01 the loss stays sane (${loss} at step ${reached})`,
        );
        assert.equal(await alertText(root), '', 'no alert while training with lr=0.01');
        if ((await b.pause.count()) > 0) await b.pause.click();
        log.assertNone('divergence and restart');
        console.log(`divergence detected ${seconds.toFixed(1)} s after Play at step ${stuck.step}`);
      },
      root,
    );
    await page.close();
  });

  for (const backend of /** @type {const} */ (['wasm', 'webgl'])) {
    test(`no tensor leak per step in the page on ${backend}: numTensors after 5 more steps equals after the warm-up step`, async () => {
      const { page, log, root } = await openClassifier(`?backend=${backend}`);
      // SwiftShader compiles shaders on the first steps: allow each step a long time.
      const perStep = backend === 'webgl' ? 90_000 : 30_000;
      await screenshotOnFailure(
        page,
        `runtime-leak-${backend}`,
        async () => {
          await waitForReady(root);
          await stepAndWait(root, perStep);
          const mem0 = await tfMemory(page);
          assert.equal(mem0.backend, backend, `tfjs runs on ${backend}`);
          assert.ok(mem0.numTensors > 0, 'the model holds tensors (weights, optimiser state)');
          const before = await settledTensorCount(page);
          for (let i = 0; i < 5; i++) await stepAndWait(root, perStep);
          const afterSteps = await settledTensorCount(page);
          assert.equal(
            afterSteps.numTensors,
            before.numTensors,
            `numTensors after steps 2-6 (${afterSteps.numTensors}) equals after step 1 ` +
              `(${before.numTensors}) on ${backend}`,
          );
          assert.equal((await trainerState(root)).step, 6);
          log.assertNone(`stepping on ${backend}`);
        },
        root,
      );
      await page.close();
    });
  }

  // restore=true fails today (app bug, reported): the runner starts listening for
  // webglcontextrestored only after waiting up to 2 s for the step in flight, so a context
  // that comes back within that window is missed and the run falls back to WASM.
  for (const restore of [false, true]) {
    const title = restore
      ? 'a lost WebGL context that comes back: training resumes on WebGL from the checkpoint'
      : 'a lost WebGL context is reported, training resumes from the checkpoint on a fallback backend, and Play goes on';
    test(title, async () => {
      const { page, log, root } = await openClassifier('?backend=webgl');
      const b = trainerButtons(root);
      await screenshotOnFailure(
        page,
        `runtime-context-loss${restore ? '-restored' : ''}`,
        async () => {
          await waitForReady(root);
          await b.play.click();
          await waitForStatus(root, 'running', 120_000, 'training starts on WebGL');
          assert.equal((await trainerState(root)).backend, 'webgl');
          // Checkpoints are taken at the start and then every 5 s: train > 6 s and past step 10 so
          // that a checkpoint later than step 0 exists.
          const runningSince = Date.now();
          await poll(
            async () => {
              const s = await trainerState(root);
              assert.equal(s.status, 'running', `training stopped: ${await alertText(root)}`);
              return s.step >= 10 && Date.now() - runningSince > 6500;
            },
            { timeoutMs: 180_000, message: 'data-step >= 10 after > 6.5 s of training' },
          );
          const lost = await page.evaluate((giveBack) => {
            const tf = /** @type {any} */ (window).__nlpbook.tf;
            if (tf.getBackend() !== 'webgl') return { ok: false, why: tf.getBackend() };
            const gl = tf.backend().gpgpu.gl;
            const ext = gl.getExtension('WEBGL_lose_context');
            if (!ext) return { ok: false, why: 'no WEBGL_lose_context' };
            ext.loseContext();
            // The runtime waits 2 s for the context to come back before it falls back.
            if (giveBack) setTimeout(() => ext.restoreContext(), 300);
            return { ok: true, why: '' };
          }, restore);
          const stepAtLoss = (await trainerState(root)).step;
          assert.ok(lost.ok, `the context could be lost from the page (${lost.why})`);

          const lostMessage = await poll(
            async () => {
              const text = `${await alertText(root)} | ${await statusText(root)}`;
              return /context was lost/i.test(text) ? text : null;
            },
            { timeoutMs: 10_000, message: 'a message says the WebGL context was lost' },
          );
          // Recovery: the context is not given back, so after the restore timeout (2 s) the
          // runtime falls back to another backend and reloads the checkpoint.
          const recovered = await poll(
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
              assert.notEqual(s.status, 'error', `recovery failed: ${s.alert}`);
              const m = /restored from the checkpoint at step (\d+)/i.exec(s.alert);
              return m && (s.status === 'paused' || s.status === 'running')
                ? { ...s, checkpoint: Number(m[1]) }
                : null;
            },
            {
              timeoutMs: 60_000,
              message: async () =>
                `training is restored from a checkpoint (${JSON.stringify(
                  await trainerState(root),
                )}, alerts "${await alertText(root)}", first message "${lostMessage}")`,
            },
          );
          assert.ok(
            recovered.checkpoint > 0 && recovered.checkpoint <= stepAtLoss,
            `resumed from a checkpoint after step 0 and not after the loss ` +
              `(checkpoint ${recovered.checkpoint}, step at loss ${stepAtLoss})`,
          );
          assert.equal(recovered.step, recovered.checkpoint, 'data-step is the checkpoint step');
          // Without restoreContext() the context never comes back: after the 2 s wait the
          // runtime must fall back. With it (300 ms after the loss), WebGL is usable again and
          // the run must go on there.
          const expected = restore ? ['webgl'] : ['wasm', 'cpu'];
          const reason = await page.evaluate(
            () => /** @type {any} */ (window).__nlpbook.backend?.reason ?? '',
          );
          assert.ok(
            expected.includes(recovered.backend ?? ''),
            `after recovery data-backend is ${expected.join(' or ')}, got "${recovered.backend}" ` +
              `(backend reason: "${reason}"; alert: "${await alertText(root)}")`,
          );
          const mem = await tfMemory(page);
          assert.equal(mem.backend, recovered.backend, 'data-backend is the active tfjs backend');

          if (recovered.status === 'paused') await b.play.click();
          const next = await waitForStepAbove(root, recovered.step + 5, 120_000);
          assert.ok(next > recovered.step, 'Play makes the step count increase');
          assert.equal(
            /context was lost/i.test(await alertText(root)),
            false,
            'the context-loss message is gone once training goes on',
          );
          if ((await b.pause.count()) > 0) await b.pause.click();
          log.assertNone('losing the WebGL context');
          console.log(
            `context lost at step ${stepAtLoss}; resumed from ${recovered.checkpoint} on ${recovered.backend}`,
          );
        },
        root,
      );
      await page.close();
    });
  }

  test('training pauses when the widget leaves the screen or the tab is hidden, and resumes on Play', async () => {
    const { page, log, root } = await openClassifier('?backend=wasm&epochs=100');
    const b = trainerButtons(root);
    const offscreen = /paused because the widget left the screen/i;
    const hidden = /paused because the tab was hidden/i;
    await screenshotOnFailure(
      page,
      'runtime-autopause',
      async () => {
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
        await poll(
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
        assert.match(message, offscreen, `a status message says why: "${message}"`);
        const p1 = (await trainerState(root)).step;
        assert.ok(p1 >= s0, 'the run kept its steps');
        await page.waitForTimeout(1500);
        assert.equal((await trainerState(root)).step, p1, 'no step is taken while paused');

        await root.scrollIntoViewIfNeeded();
        await page.waitForTimeout(1000);
        assert.equal(
          (await trainerState(root)).status,
          'paused',
          'coming back into view does not resume by itself',
        );
        await b.play.click();
        await waitForStepAbove(root, p1 + 3);
        assert.equal(
          offscreen.test(await statusText(root)),
          false,
          'the pause message goes away once training resumes',
        );

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
        assert.match(hiddenMessage, hidden, `a status message says why: "${hiddenMessage}"`);
        await page.evaluate(() => {
          delete (/** @type {any} */ (document).visibilityState);
          document.dispatchEvent(new Event('visibilitychange'));
        });
        assert.equal(await page.evaluate(() => document.visibilityState), 'visible');
        const p2 = (await trainerState(root)).step;
        await page.waitForTimeout(1000);
        assert.equal((await trainerState(root)).status, 'paused', 'visible again: still paused');
        await b.play.click();
        await waitForStepAbove(root, p2 + 3);
        if ((await b.pause.count()) > 0) await b.pause.click();
        log.assertNone('auto-pause');
        console.log(`paused ${pausedAfter.toFixed(1)} s after the widget left the screen`);
      },
      root,
    );
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
    await screenshotOnFailure(
      page,
      'runtime-data-404',
      async () => {
        const tryAgain = root.getByRole('button', { name: /try again/i });
        await poll(async () => (await trainerState(root)).status === 'error', {
          timeoutMs: 60_000,
          message: async () =>
            `data-status becomes "error" (${JSON.stringify(await trainerState(root))})`,
        });
        const message = await alertText(root);
        assert.match(message, /review sentences/i, `the alert names the data: "${message}"`);
        assert.match(message, /HTTP 404/, `the alert gives the HTTP status: "${message}"`);
        assert.equal(await tryAgain.count(), 1, 'a "Try again" button is shown');
        assert.equal(await trainerButtons(root).play.isDisabled(), true, 'Play is disabled');

        await page.unroute(dataUrl);
        await tryAgain.click();
        await waitForReady(root);
        assert.equal(await alertText(root), '', 'the alert is gone once the data has loaded');
        assert.equal(await tryAgain.count(), 0, '"Try again" is gone');
        await stepAndWait(root, 60_000);
        log.assertNone('the failed and retried data download');
      },
      root,
    );
    await page.close();
  });

  test('the same seed reproduces a run exactly (wasm, one epoch); seed=7 gives another', async () => {
    /** @param {import('playwright-core').Locator} root */
    const runToDone = async (root) => {
      await trainerButtons(root).play.click();
      await poll(
        async () => {
          const s = await trainerState(root);
          assert.notEqual(s.status, 'error', await alertText(root));
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
      assert.match(result.loss, /^\d+\.\d{4}$/, `a final train loss is shown (${result.loss})`);
      assert.match(result.val_accuracy, /\d/, `a validation accuracy is shown`);
      return result;
    };

    const first = await openClassifier('?backend=wasm&epochs=1');
    const runs = await screenshotOnFailure(
      first.page,
      'runtime-seed',
      async () => {
        await waitForReady(first.root);
        const a = await runToDone(first.root);
        await trainerButtons(first.root).reset.click();
        await poll(async () => (await trainerState(first.root)).status === 'idle', {
          timeoutMs: 15_000,
          message: 'Reset returns to idle',
        });
        const bRun = await runToDone(first.root);
        assert.deepEqual(bRun, a, 'two runs with seed 42 end with identical numbers');
        first.log.assertNone('two seeded runs');
        return { a };
      },
      first.root,
    );
    await first.page.close();

    const other = await openClassifier('?backend=wasm&epochs=1&seed=7');
    await screenshotOnFailure(
      other.page,
      'runtime-seed-7',
      async () => {
        await waitForReady(other.root);
        assert.equal(Number(await controlValue(other.root, 'seed')), 7);
        const c = await runToDone(other.root);
        assert.equal(c.step, runs.a.step, 'the same number of steps');
        assert.notEqual(
          c.loss,
          runs.a.loss,
          `seed 7 ends with another train loss than seed 42 (${c.loss} vs ${runs.a.loss})`,
        );
        other.log.assertNone('a run with seed 7');
      },
      other.root,
    );
    await other.page.close();
  });
  test('keyboard: S steps, Space plays and pauses, R resets while the widget has focus; typing is not a shortcut', async () => {
    const { page, log, root } = await openClassifier('?backend=wasm&epochs=100');
    await screenshotOnFailure(
      page,
      'runtime-keyboard',
      async () => {
        await waitForReady(root);
        await root.focus();
        await page.keyboard.press('s');
        await waitForStatus(root, 'paused', 60_000, 'S takes one step');
        assert.equal((await trainerState(root)).step, 1, 'S takes exactly one step');

        await page.keyboard.press('Space');
        await waitForStepAbove(root, 5, 60_000);
        assert.equal((await trainerState(root)).status, 'running', 'Space plays');
        await page.keyboard.press('Space');
        await waitForStatus(root, 'paused', 30_000, 'Space pauses');

        await page.keyboard.press('r');
        await poll(async () => (await trainerState(root)).step === 0, {
          timeoutMs: 30_000,
          message: 'R resets to step 0',
        });

        // Keys typed into the "Your sentence" box are text, not shortcuts.
        const box = root.getByRole('textbox', { name: 'Your sentence' });
        await box.fill('');
        await box.pressSequentially('so sad ');
        assert.equal(await box.inputValue(), 'so sad ');
        await page.waitForTimeout(300);
        assert.equal((await trainerState(root)).step, 0, 'typing s, space and r did not step');
        log.assertNone('keyboard shortcuts');
      },
      root,
    );
  });
});
