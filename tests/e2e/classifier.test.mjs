/**
 * WIDGET TESTS (chapter 1): the sentiment classifier trains in the page.
 *
 * Written against the widget DOM contract (section[data-widget="sentiment-classifier"] with
 * data-status / data-step / data-backend; Play/Pause, Step, Reset buttons; output[data-metric];
 * controls named after the hyperparameters; [role="alert"] messages; a "Your sentence" box).
 * Each backend is exercised on SwiftShader WebGL and on WASM; training on the software renderer
 * is slow, so the waits are generous and poll the DOM.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitForHeading } from './lib/book.mjs';
import { bookUrl, launchBrowser, openPage, poll, screenshotOnFailure } from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';
import {
  alertText,
  controlValue,
  readMetric,
  setControl,
  trainerState,
  widget,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = CHAPTERS.filter((c) => c.status === 'ready')[0];
const WIDGET = 'sentiment-classifier';
/** Training examples in the UCI split (scripts/prepare-data.mjs). */
const TRAIN_SIZE = 2400;

/** @type {import('./lib/browser.mjs').Browser} */
let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * Opens chapter 1 with a query string and returns the page, its error log and the widget,
 * scrolled into view (widgets pause when they leave the viewport).
 *
 * @param {string} query e.g. `?backend=wasm`.
 */
async function openClassifier(query) {
  const { page, log } = await openPage(
    browser.context,
    bookUrl(`chapters/${chapter.slug}${query}`),
  );
  await waitForHeading(page, chapter.title);
  const root = widget(page, WIDGET);
  await screenshotOnFailure(page, `classifier-open${query.replace(/\W+/g, '-')}`, () =>
    root.waitFor({ timeout: 60_000 }),
  );
  await root.scrollIntoViewIfNeeded();
  return { page, log, root };
}

/** @param {import('playwright-core').Locator} root */
const buttons = (root) => ({
  play: root.getByRole('button', { name: /^play/i }),
  pause: root.getByRole('button', { name: /^pause/i }),
  step: root.getByRole('button', { name: /^step/i }),
  reset: root.getByRole('button', { name: /^reset/i }),
});

/** @param {number[]} xs */
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

for (const backend of /** @type {const} */ (['webgl', 'wasm'])) {
  describe(`classifier trains on ${backend}`, { timeout: 300_000 }, () => {
    /** @type {Awaited<ReturnType<typeof openClassifier>>} */
    let ctx;
    before(async () => {
      ctx = await openClassifier(`?backend=${backend}`);
    });
    after(async () => {
      await ctx?.page.close();
    });

    test('Play trains: data-step reaches 30, the loss falls, the backend is the one asked for', async () => {
      const { page, root } = ctx;
      await screenshotOnFailure(
        page,
        `classifier-${backend}-train`,
        async () => {
          const state0 = await trainerState(root);
          assert.ok(
            state0.status === 'idle' || state0.status === 'loading',
            `the widget starts idle or loading its data (data-status="${state0.status}")`,
          );
          assert.equal(state0.step, 0);
          await buttons(root).play.click();
          /** @type {{ step: number; loss: number }[]} */
          const samples = [];
          let sawSpeed = false;
          // Sample (step, loss) until step >= 30 and the loss has fallen; keep going to step 150
          // before calling it a failure (per-batch losses are noisy).
          await poll(
            async () => {
              const { step, status } = await trainerState(root);
              assert.notEqual(status, 'error', `training failed: ${await alertText(root)}`);
              const loss = await readMetric(root, 'loss');
              if (loss != null && step > 0 && samples.at(-1)?.step !== step) {
                assert.ok(Number.isFinite(loss) && loss >= 0, `loss ${loss} at step ${step}`);
                samples.push({ step, loss });
              }
              sawSpeed ||= ((await readMetric(root, 'steps_per_second')) ?? 0) > 0;
              if (step < 30 || samples.length < 6) return false;
              const early = mean(samples.slice(0, 3).map((s) => s.loss));
              const late = mean(samples.slice(-3).map((s) => s.loss));
              return late < early || step >= 150;
            },
            {
              timeoutMs: 240_000,
              intervalMs: 150,
              message: async () =>
                `step ${(await trainerState(root)).step}, samples ${JSON.stringify(samples.slice(-5))}`,
            },
          );
          const early = mean(samples.slice(0, 3).map((s) => s.loss));
          const late = mean(samples.slice(-3).map((s) => s.loss));
          assert.ok(
            late < early,
            `the loss falls: first readings ${early.toFixed(4)}, latest ${late.toFixed(4)} ` +
              `(${JSON.stringify(samples)})`,
          );
          assert.ok(sawSpeed, 'steps_per_second shows a positive rate while training');
          const state = await trainerState(root);
          assert.equal(state.backend, backend, `data-backend is ${backend}`);
        },
        root,
      );
    });

    test('Pause stops the step counter; Step advances exactly one step', async () => {
      const { page, root } = ctx;
      await screenshotOnFailure(
        page,
        `classifier-${backend}-pause`,
        async () => {
          await buttons(root).pause.click();
          await poll(async () => (await trainerState(root)).status === 'paused', {
            timeoutMs: 30_000,
            message: 'data-status becomes "paused"',
          });
          // A step already in flight when Pause is pressed may still land: wait until the
          // counter is steady, then make sure it stays put.
          const s1 = await poll(
            async () => {
              const a = (await trainerState(root)).step;
              await page.waitForTimeout(750);
              return (await trainerState(root)).step === a ? a : null;
            },
            { timeoutMs: 30_000, message: 'the step counter settles after Pause' },
          );
          await page.waitForTimeout(1500);
          assert.equal((await trainerState(root)).step, s1, 'no step is taken while paused');
          assert.equal(await buttons(root).play.count(), 1, 'the toggle is named "Play" again');
          await buttons(root).step.click();
          await poll(async () => (await trainerState(root)).step === s1 + 1, {
            timeoutMs: 60_000,
            message: `data-step goes from ${s1} to ${s1 + 1}`,
          });
          await page.waitForTimeout(500);
          const after = await trainerState(root);
          assert.equal(after.step, s1 + 1, 'Step takes one step only');
          assert.equal(after.status, 'paused');
        },
        root,
      );
    });

    if (backend === 'wasm') {
      test('validation accuracy passes 0.6; val_loss and the OOV rate are shown', async () => {
        const { page, root } = ctx;
        await screenshotOnFailure(
          page,
          `classifier-${backend}-val`,
          async () => {
            await buttons(root).play.click();
            await poll(async () => ((await readMetric(root, 'val_accuracy')) ?? 0) > 0.6, {
              timeoutMs: 180_000,
              message: async () =>
                `val_accuracy ${await readMetric(root, 'val_accuracy')} at step ${(await trainerState(root)).step}`,
            });
            const valLoss = await readMetric(root, 'val_loss');
            assert.ok(
              valLoss != null && valLoss > 0 && valLoss < 0.693,
              `val_loss ${valLoss} < ln 2`,
            );
            const oov = await readMetric(root, 'oov_rate');
            assert.ok(oov != null && oov >= 0 && oov < 1, `oov_rate ${oov} in [0, 1)`);
            if ((await buttons(root).pause.count()) > 0) await buttons(root).pause.click();
          },
          root,
        );
      });

      test('"Your sentence" gives a probability; clearly positive and negative text go the right way', async () => {
        const { page, log, root } = ctx;
        await screenshotOnFailure(
          page,
          `classifier-${backend}-try`,
          async () => {
            // Train on to a clearly better model (val_accuracy 0.75, or the end of the run):
            // just past 0.6 the model still ranks single sentences erratically.
            const play = buttons(root).play;
            if ((await play.count()) > 0 && (await play.isEnabled())) await play.click();
            await poll(
              async () =>
                ((await readMetric(root, 'val_accuracy')) ?? 0) >= 0.75 ||
                (await trainerState(root)).status === 'done',
              { timeoutMs: 180_000, message: 'val_accuracy reaches 0.75 or the run ends' },
            );
            if ((await buttons(root).pause.count()) > 0) await buttons(root).pause.click();
            const box = root.getByRole('textbox', { name: 'Your sentence' });
            const prediction = root.locator('output[data-metric="prediction"]');
            /** @param {string} text */
            const predict = async (text) => {
              // Clear first, so a stale prediction of the previous text is never read.
              await box.fill('');
              await poll(async () => !/\d/.test((await prediction.textContent()) ?? ''), {
                timeoutMs: 10_000,
                message: 'the prediction clears for an empty sentence',
              });
              await box.fill(text);
              // The output may show the previous sentence's probability until the model has
              // answered; wait until the token view lists this sentence's marker word.
              const marker = /** @type {string} */ (
                text.toLowerCase().match(/wonderful|waste/)?.[0]
              );
              return poll(
                async () => {
                  if (!(await root.innerText()).toLowerCase().includes(marker)) return null;
                  await page.waitForTimeout(300);
                  const shown = (await prediction.textContent()) ?? '';
                  const m = /(\d(?:\.\d+)?)\s*(positive|negative)/i.exec(shown);
                  return m ? { p: Number(m[1]), label: m[2].toLowerCase(), shown } : null;
                },
                { timeoutMs: 10_000, message: `a prediction for "${text}"` },
              );
            };
            // After a short run the model is weak: compare the two sentences rather than ask
            // for confident verdicts; the printed label must agree with the probability.
            const good = await predict('Great food, excellent service, I loved it. Wonderful!');
            const bad = await predict('Terrible, awful and boring. The worst waste of money.');
            for (const r of [good, bad]) {
              assert.ok(r.p >= 0 && r.p <= 1, `probability in [0, 1]: ${r.shown}`);
              const label = r.p >= 0.5 ? 'positive' : 'negative';
              assert.equal(r.label, label, `the label agrees with p: ${r.shown}`);
            }
            assert.ok(
              good.p > bad.p,
              `the positive sentence (${good.shown}) scores above the negative (${bad.shown})`,
            );

            await box.fill('');
            const message = root.locator('[role="status"], [role="alert"]').filter({
              hasText: /type|enter|write|empty/i,
            });
            await message.first().waitFor({ timeout: 5_000 });
            assert.equal(
              /\d/.test((await prediction.textContent()) ?? ''),
              false,
              'no probability for an empty sentence',
            );
            log.assertNone('the try-your-own box');
          },
          root,
        );
      });
    }

    test('after training, leaving the chapter through the in-app link frees every tensor', async () => {
      const { page, log } = ctx;
      await screenshotOnFailure(page, `classifier-${backend}-leak`, async () => {
        const hasTf = await page.evaluate(() => Boolean(/** @type {any} */ (window).__nlpbook?.tf));
        assert.ok(hasTf, 'window.__nlpbook.tf exists once the widget has trained');
        await page
          .getByRole('banner')
          .getByRole('link', { name: /NLP, Live/i })
          .first()
          .click();
        await waitForHeading(page, 'NLP, Live');
        // Unmount runs synchronously; give any pending step a moment to finish and dispose.
        const memory = await poll(
          async () => {
            const m = await page.evaluate(() => {
              const tf = /** @type {any} */ (window).__nlpbook.tf;
              return { ...tf.memory(), backend: tf.getBackend() };
            });
            return m.numTensors === 0 ? m : null;
          },
          {
            timeoutMs: 10_000,
            message: async () =>
              `tf.memory() after leaving: ${JSON.stringify(
                await page.evaluate(() => /** @type {any} */ (window).__nlpbook.tf.memory()),
              )}`,
          },
        );
        assert.equal(memory.numTensors, 0);
        log.assertNone(`training on ${backend} and leaving the chapter`);
      });
    });
  });
}

describe('classifier controls and URL state', { timeout: 300_000 }, () => {
  test('a shared URL restores settings: ?lr=0.05&dim=8', async () => {
    const { page, log, root } = await openClassifier('?lr=0.05&dim=8');
    assert.equal(Number(await controlValue(root, 'lr')), 0.05);
    assert.equal(Number(await controlValue(root, 'dim')), 8);
    assert.equal(await alertText(root), '', 'valid settings raise no alert');
    log.assertNone('?lr=0.05&dim=8');
    await page.close();
  });

  for (const bad of ['abc', '1e9']) {
    test(`a bad learning rate in the URL (?lr=${bad}) gives a clear message and a usable widget`, async () => {
      const { page, log, root } = await openClassifier(`?lr=${bad}`);
      await screenshotOnFailure(
        page,
        `classifier-bad-lr-${bad}`,
        async () => {
          await poll(async () => /learning rate/i.test(await alertText(root)), {
            timeoutMs: 10_000,
            message: async () =>
              `an alert naming the learning rate; alerts: "${await alertText(root)}"`,
          });
          const lr = Number(await controlValue(root, 'lr'));
          assert.ok(
            Number.isFinite(lr) && lr > 0 && lr <= 10,
            `the lr input shows a usable value, the default or clamped (${lr})`,
          );
          log.assertNone(`?lr=${bad}`);
        },
        root,
      );
      await page.close();
    });
  }

  test('controls take effect: epochs=1 and batch=64 stop after one epoch of 64-example batches', async () => {
    const { page, log, root } = await openClassifier('?backend=wasm');
    await screenshotOnFailure(
      page,
      'classifier-controls',
      async () => {
        await setControl(root, 'epochs', 1);
        await setControl(root, 'batch', 64);
        await setControl(root, 'maxlen', 12);
        assert.equal(Number(await controlValue(root, 'maxlen')), 12);
        await poll(() => new URL(page.url()).searchParams.get('maxlen') === '12', {
          timeoutMs: 5_000,
          message: `the URL records maxlen=12 (${page.url()})`,
        });
        await buttons(root).reset.click();
        await buttons(root).play.click();
        const done = await poll(
          async () => {
            const s = await trainerState(root);
            assert.notEqual(s.status, 'error', await alertText(root));
            return s.status === 'done' ? s : null;
          },
          { timeoutMs: 120_000, message: 'data-status becomes "done" after one epoch' },
        );
        const perEpoch = TRAIN_SIZE / 64;
        assert.ok(
          done.step >= Math.floor(perEpoch) && done.step <= Math.ceil(perEpoch),
          `one epoch of batch 64 is ${perEpoch} steps; the run stopped at ${done.step}`,
        );
        log.assertNone('changing controls and training');
      },
      root,
    );
    await page.close();
  });

  test('Reset returns to step 0, idle', async () => {
    const { page, root } = await openClassifier('?backend=wasm');
    await buttons(root).step.click();
    await poll(async () => (await trainerState(root)).step >= 1, {
      timeoutMs: 60_000,
      message: 'one step is taken',
    });
    await buttons(root).reset.click();
    await poll(
      async () => {
        const s = await trainerState(root);
        return s.step === 0 && s.status === 'idle';
      },
      { timeoutMs: 10_000, message: 'data-step 0 and data-status "idle" after Reset' },
    );
    await page.close();
  });
});
