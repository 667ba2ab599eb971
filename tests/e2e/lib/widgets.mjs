/**
 * Helpers that drive the book's widgets through their DOM contract (see the chapter 1 widget
 * tests): `section[data-widget]` roots with data-status / data-step / data-backend,
 * `output[data-metric]` readouts, controls whose `name` is the hyperparameter's name, and
 * `[role="alert"]` messages.
 */
import { expect } from '@playwright/test';
import { waitForHeading } from './book.mjs';
import { openPage, until } from './browser.mjs';
import { alertText, parseReadout, readMetric, trainerState, widget } from './readouts.mjs';

export { alertText, parseReadout, readMetric, trainerState, widget };

/**
 * Sets a control by its `name` attribute inside `root` the way a reader would: selects an
 * option, clicks a radio or checkbox (when not already in the wanted state), or types into a
 * text/number input and leaves it (inputs commit on blur). Range sliders get their value set and input/change events dispatched.
 *
 * @param {import('playwright-core').Locator} root
 * @param {string} name
 * @param {string | number | boolean} value
 * @returns {Promise<void>}
 * @throws {Error} when no control has that name.
 */
export async function setControl(root, name, value) {
  const controls = root.locator(`[name="${name}"]`);
  if ((await controls.count()) === 0) throw new Error(`no control named "${name}" in the widget`);
  const first = controls.first();
  const { tag, type } = await first.evaluate((el) => ({
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute('type') ?? '',
  }));
  if (tag === 'select') {
    await first.selectOption(String(value));
  } else if (type === 'radio' || type === 'checkbox') {
    // A DOM click (what keyboard and assistive technology do): styled switches and segmented
    // radios often hide or animate the native input, which trips pointer-click stability checks.
    const target =
      type === 'radio' ? root.locator(`[name="${name}"][value="${String(value)}"]`) : first;
    if ((await target.count()) === 0) throw new Error(`no option "${value}" for "${name}"`);
    const want = type === 'radio' ? true : Boolean(value);
    await target.evaluate((el, checked) => {
      if (/** @type {HTMLInputElement} */ (el).checked !== checked) {
        /** @type {HTMLInputElement} */ (el).click();
      }
    }, want);
  } else if (type === 'range') {
    await first.evaluate((el, v) => {
      const input = /** @type {HTMLInputElement} */ (el);
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(input, v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, String(value));
  } else {
    await first.fill(String(value));
    await first.blur();
  }
}

/**
 * The current value of a control by name: a select's or input's value, the checked radio's
 * value, or a checkbox's checked state.
 *
 * @param {import('playwright-core').Locator} root
 * @param {string} name
 * @returns {Promise<string | boolean | null>} null when no control has that name.
 */
export async function controlValue(root, name) {
  return root.evaluate((el, n) => {
    const controls = /** @type {NodeListOf<HTMLInputElement | HTMLSelectElement>} */ (
      el.querySelectorAll(`[name="${n}"]`)
    );
    if (controls.length === 0) return null;
    const first = controls[0];
    if (first instanceof HTMLInputElement && first.type === 'radio') {
      return [...controls].find((c) => /** @type {HTMLInputElement} */ (c).checked)?.value ?? null;
    }
    if (first instanceof HTMLInputElement && first.type === 'checkbox') return first.checked;
    return first.value;
  }, name);
}

/**
 * Sets a textarea's value in one go (as a paste would) and dispatches an input event; fast even
 * for megabytes of text, unlike typing.
 *
 * @param {import('playwright-core').Locator} textarea
 * @param {string} text
 * @returns {Promise<void>}
 */
export async function pasteInto(textarea, text) {
  await textarea.evaluate((el, t) => {
    const area = /** @type {HTMLTextAreaElement} */ (el);
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
    setter?.call(area, t);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

/**
 * The transport buttons of a training widget (TrainerBar): the Play/Pause toggle is one
 * button whose accessible name is "Play" or "Pause", so at most one of `play` and `pause`
 * matches at a time.
 *
 * @param {import('playwright-core').Locator} root a training widget.
 * @returns {{ play: import('playwright-core').Locator; pause: import('playwright-core').Locator;
 *   step: import('playwright-core').Locator; reset: import('playwright-core').Locator }}
 */
export function trainerButtons(root) {
  return {
    play: root.getByRole('button', { name: /^play/i }),
    pause: root.getByRole('button', { name: /^pause/i }),
    step: root.getByRole('button', { name: /^step/i }),
    reset: root.getByRole('button', { name: /^reset/i }),
  };
}

/**
 * `tf.memory()` of the page's TensorFlow.js (`window.__nlpbook.tf`, set once a backend has been
 * chosen) and the active backend's name.
 *
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ numTensors: number; numBytes: number; numDataBuffers: number;
 *   backend: string }>}
 * @throws {Error} when the page has no `window.__nlpbook.tf` yet.
 */
export async function tfMemory(page) {
  return page.evaluate(() => {
    const tf = /** @type {any} */ (window).__nlpbook?.tf;
    if (!tf) throw new Error('window.__nlpbook.tf is not set: no backend has been chosen yet');
    const m = tf.memory();
    return {
      numTensors: m.numTensors,
      numBytes: m.numBytes,
      numDataBuffers: m.numDataBuffers,
      backend: tf.getBackend(),
    };
  });
}

/**
 * The visible text of every `[role="status"]` inside `root` (info messages and the trainer's
 * status line), joined with " | ".
 *
 * @param {import('playwright-core').Locator} root
 * @returns {Promise<string>}
 */
export async function statusText(root) {
  const parts = await root.locator('[role="status"]').allTextContents();
  return parts
    .map((t) => t.trim())
    .filter(Boolean)
    .join(' | ');
}

/**
 * Waits until a training widget has loaded its engine and data (Play enabled, status idle).
 *
 * @param {import('playwright-core').Locator} root
 * @returns {Promise<void>}
 * @throws {Error} at once when data-status becomes "error" (with the alerts' text), or after
 *   90 s.
 */
export async function waitForReady(root) {
  await expect
    .poll(
      async () => {
        const { status } = await trainerState(root);
        if (status === 'error') {
          throw new Error(`the widget failed to load: ${await alertText(root)}`);
        }
        const play = trainerButtons(root).play;
        const playEnabled = (await play.count()) === 1 && (await play.isEnabled());
        return { status, playEnabled, alerts: await alertText(root) };
      },
      { timeout: 90_000, message: 'the widget becomes ready (status idle, Play enabled)' },
    )
    .toMatchObject({ status: 'idle', playEnabled: true });
}

/**
 * The trainer state, failing at once (with the widget's alert text) on data-status="error".
 *
 * @param {import('playwright-core').Locator} root
 * @param {string} [what] - the error's first words
 */
async function liveState(root, what = 'training stopped') {
  const s = await trainerState(root);
  if (s.status === 'error') throw new Error(`${what}: ${await alertText(root)}`);
  return s;
}

/**
 * Polls until `data-step` exceeds `than`, failing at once on data-status="error".
 *
 * @param {import('playwright-core').Locator} root
 * @param {number} than
 * @param {number} [timeoutMs]
 * @returns {Promise<number>} the step reached.
 */
export async function waitForStepAbove(root, than, timeoutMs = 60_000) {
  let step = NaN;
  await expect
    .poll(
      async () => {
        step = (await liveState(root)).step;
        return step;
      },
      { timeout: timeoutMs, intervals: [150], message: `data-step passes ${than}` },
    )
    .toBeGreaterThan(than);
  return step;
}

/**
 * Waits until the widget is paused (or done) with nothing in flight: after Pause, the status
 * shows "paused" at once while the step in flight can still land and move data-step.
 *
 * @param {import('playwright-core').Locator} root
 * @param {number} timeoutMs
 * @returns {Promise<number>} the settled step.
 */
export async function settledStep(root, timeoutMs) {
  let step = NaN;
  await expect
    .poll(
      async () => {
        const s = await liveState(root);
        if (s.busy === null)
          throw new Error('no data-busy on the widget (TrainingShell writes it)');
        step = s.step;
        return s.status !== 'running' && s.status !== 'initializing' && !s.busy;
      },
      { timeout: timeoutMs, intervals: [100], message: 'the widget is paused, nothing in flight' },
    )
    .toBe(true);
  return step;
}

/**
 * Presses Step and waits until that step has landed: data-step is one more than the settled
 * step before (see {@link settledStep}), the widget is paused again, and nothing is in flight.
 *
 * @param {import('playwright-core').Locator} root
 * @param {number} timeoutMs
 * @returns {Promise<number>} the new step.
 */
export async function stepAndWait(root, timeoutMs) {
  const from = await settledStep(root, timeoutMs);
  await trainerButtons(root).step.click({ timeout: timeoutMs });
  await expect
    .poll(
      async () => {
        const s = await liveState(root, 'Step failed');
        return { step: s.step, status: s.status, busy: s.busy };
      },
      {
        timeout: timeoutMs,
        intervals: [100],
        message: `Step moves data-step from ${from} to ${from + 1}, paused`,
      },
    )
    .toEqual({ step: from + 1, status: 'paused', busy: false });
  return from + 1;
}

/**
 * `tf.memory()` of a widget's worker, read through its test hook `window.__nlpbookWorkers[id]`.
 * Fails when no worker runs.
 *
 * @param {import('playwright-core').Page} page
 * @param {string} id - the widget's id (data-widget)
 * @returns {Promise<{ numTensors: number; numBytes: number }>}
 */
export async function widgetWorkerMemory(page, id) {
  const m = await page.evaluate(
    (wid) => /** @type {any} */ (window).__nlpbookWorkers?.[wid]?.memory() ?? null,
    id,
  );
  expect(m, `the ${id} worker runs (window.__nlpbookWorkers["${id}"])`).toBeTruthy();
  return m;
}

/**
 * No tensor leak per training step: Step, read the count once it holds still (the worker must
 * hold the model), two more Steps, and the count must come back to it.
 *
 * @param {import('playwright-core').Locator} root - a paused training widget
 * @param {() => Promise<number>} count - reads the worker's numTensors
 * @param {{ timeoutMs?: number; settle?: (step: number) => Promise<unknown> }} [options] -
 *   `timeoutMs` per Step (default 60 s); `settle` waits until the widget's probes have read a
 *   step (called after the first and the last Step).
 * @returns {Promise<number>} the count.
 */
export async function expectTensorsStablePerStep(root, count, { timeoutMs = 60_000, settle } = {}) {
  const first = await stepAndWait(root, timeoutMs);
  if (settle) await settle(first);
  const before = await settledCount(count, "the worker's tensor count after a step");
  expect(before > 0, `the worker holds the model (${before} tensors)`).toBeTruthy();
  await stepAndWait(root, timeoutMs);
  const last = await stepAndWait(root, timeoutMs);
  if (settle) await settle(last);
  await expectCountBackTo(count, before, "the worker's numTensors unchanged across steps");
  return before;
}

/**
 * A tensor count read by `read` once it holds still: `readings` readings `gapMs` apart agree. A
 * probe in flight (a sample, an attention map) holds a few tensors while it waits for the
 * backend, so a single reading right after a step can catch it.
 *
 * @param {() => Promise<number>} read
 * @param {string} what - named in the timeout message
 * @param {{ gapMs?: number; readings?: number; timeoutMs?: number }} [options] - defaults 500 ms,
 *   3 readings, 120 s
 * @returns {Promise<number>}
 */
export async function settledCount(
  read,
  what,
  { gapMs = 500, readings = 3, timeoutMs = 120_000 } = {},
) {
  /** @type {number[]} */
  const last = [];
  await until(
    async () => {
      last.push(await read());
      if (last.length > readings) last.shift();
      await new Promise((r) => setTimeout(r, gapMs));
      return last.length === readings && last.every((n) => n === last[0]);
    },
    { timeoutMs, intervalMs: 0, message: () => `${what} settles (last ${last})` },
  );
  return last[readings - 1];
}

/**
 * The loss shown after one press of Step (about its starting value): while playing, a runner
 * batches several steps per worker message, so the first poll of a fast run can see step 5 or
 * later.
 *
 * @param {import('playwright-core').Locator} root
 * @param {number} timeoutMs - for the step
 * @returns {Promise<{ step: number; loss: number }>}
 */
export async function lossAfterOneStep(root, timeoutMs) {
  const step = await stepAndWait(root, timeoutMs);
  const loss = await readMetric(root, 'loss');
  expect(loss, 'the loss after one step is shown').not.toBeNull();
  return { step, loss: /** @type {number} */ (loss) };
}

/**
 * Waits until the count `read` returns equals `before` (a probe's tensors are freed when it ends;
 * a leak never comes back down), failing with `message` and the last count after `timeoutMs`.
 *
 * @param {() => Promise<number>} read
 * @param {number} before
 * @param {string} message
 * @param {number} [timeoutMs]
 */
export async function expectCountBackTo(read, before, message, timeoutMs = 60_000) {
  let now = -1;
  await until(async () => (now = await read()) === before, {
    timeoutMs,
    intervalMs: 500,
    message: () => `${message} (${before} -> ${now})`,
  });
}

/**
 * Polls until data-status is `status`.
 *
 * @param {import('playwright-core').Locator} root
 * @param {string} status
 * @param {number} timeoutMs
 * @param {string} [why]
 */
export async function waitForStatus(root, status, timeoutMs, why = '') {
  await expect
    .poll(async () => ({ ...(await trainerState(root)), alerts: await alertText(root) }), {
      timeout: timeoutMs,
      intervals: [100],
      message: `data-status becomes "${status}"${why ? ` (${why})` : ''}`,
    })
    .toMatchObject({ status });
}

/**
 * Opens a chapter's page with a query string and returns the page, its error log and the widget
 * `id`, attached and scrolled into view (widgets pause when they leave the viewport).
 *
 * @param {import('playwright-core').BrowserContext} context the `context` fixture (or one from
 *   the `browser` fixture), whose baseURL is the site's root.
 * @param {{ slug: string; title: string }} chapter from loadChapters() / findChapter()
 * @param {string} id the widget's `data-widget`
 * @param {string} [query] e.g. `?backend=wasm&w2v.corpus=moby`
 * @returns {Promise<{ page: import('playwright-core').Page;
 *   log: import('./browser.mjs').ErrorLog; root: import('playwright-core').Locator }>}
 * @throws {Error} when the chapter is missing, the page answers an HTTP error, or the heading or
 *   the widget does not appear (within 60 s).
 */
export async function openChapterWidget(context, chapter, id, query = '') {
  if (!chapter) throw new Error(`no chapter to open for widget ${id}`);
  const { page, log } = await openPage(context, `chapters/${chapter.slug}${query}`);
  await waitForHeading(page, chapter.title);
  const root = widget(page, id);
  await root.waitFor({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  return { page, log, root };
}
