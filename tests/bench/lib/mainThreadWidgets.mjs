/**
 * The rows of tests/bench/main-thread.mjs: which page each measures, how it gets the widget going,
 * and how it counts progress over the window.
 *
 * A row is `{ id, widget, chapter, query, rate?, scenario? }`:
 * - `widget` the `data-widget` id (defaults to `id`; one widget may have several rows);
 * - `chapter` the chapter number in src/book/chapters.ts: the row opens that chapter's route of the
 *   built site;
 * - `scenario` the driver below; without one the row is a training widget driven through the
 *   trainer contract (data-status / data-step, the Play button), as every row was at first.
 *
 * A scenario has `prepare(page, root, o)` (after the widget is on the page: get it going, resolve
 * when the window may start), `progress(handle)` → `{ count, running }` (polled every 250 ms: the
 * window ends early when `running` turns false; `count` is NaN where nothing is counted) and optionally `act(page, root, tick)` (called at
 * each poll: the reader's input during the window; a tick is one poll).
 */
import { readMetric, trainerState, waitForReady } from './widgets.mjs';

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` every 200 ms until it returns true.
 *
 * @param {() => Promise<boolean>} fn
 * @param {number} timeoutMs
 * @param {string} what said in the timeout's error.
 */
async function until(fn, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s: ${what}`);
    await sleep(200);
  }
}

/** @param {import('playwright-core').Locator | import('playwright-core').ElementHandle} el */
const attr = (el, /** @type {string} */ name) =>
  /** @type {Promise<string | null>} */ (el.evaluate((e, n) => e.getAttribute(n), name));

/**
 * Sets a range or number input the way a dragged slider does (input and change events).
 *
 * @param {import('playwright-core').Locator} root
 * @param {string} name
 * @param {number | string} value
 */
async function setInput(root, name, value) {
  await root
    .locator(`[name="${name}"]`)
    .first()
    .evaluate((el, v) => {
      const input = /** @type {HTMLInputElement} */ (el);
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, String(value));
}

/** The default: a training widget, Play pressed, measured while its status is "running". */
export const trainScenario = {
  /** @param {any} page @param {import('playwright-core').Locator} root @param {any} o */
  async prepare(page, root, o) {
    await waitForReady(root, 180_000);
    await root.getByRole('button', { name: /^play/i }).click();
    await until(
      async () => {
        const s = await trainerState(root);
        if (s.status === 'error') throw new Error('the widget stopped with an error');
        return s.step >= 1;
      },
      180_000,
      'the first training step',
    );
    await page.waitForTimeout(o.warmup * 1000);
    const s = await trainerState(root);
    if (s.status !== 'running')
      throw new Error(`the widget stopped during the warm-up (status ${s.status})`);
  },
  /** @param {import('playwright-core').ElementHandle} handle */
  async progress(handle) {
    const s = await trainerState(handle);
    return { count: s.step, running: s.status === 'running', backend: s.backend };
  },
};

/**
 * A training widget whose whole run lasts a few seconds at full speed (the sine forecaster's 30
 * epochs take about 6 s on a quiet machine): measured from the first step, with no warm-up, so
 * that the window holds most of the run.
 */
const shortRunScenario = {
  ...trainScenario,
  /** @param {any} page @param {import('playwright-core').Locator} root @param {any} o */
  prepare: (page, root, o) => trainScenario.prepare(page, root, { ...o, warmup: 0 }),
};

/** A page left alone: the baseline every other row is compared with. */
const idle = {
  async prepare(/** @type {any} */ page, /** @type {any} */ _root, /** @type {any} */ o) {
    await page.waitForTimeout(o.warmup * 1000);
  },
  async progress() {
    return { count: 0, running: true };
  },
};

/** Chapter 5's LSA explorer while its worker fits (TF-IDF, then the randomized SVD). */
const lsaFit = {
  async prepare(/** @type {any} */ _page, /** @type {import('playwright-core').Locator} */ root) {
    await until(
      async () => ['vectorize', 'svd'].includes((await attr(root, 'data-phase')) ?? ''),
      240_000,
      'the LSA fit starts',
    );
  },
  async progress(/** @type {import('playwright-core').ElementHandle} */ handle) {
    return { count: 0, running: (await attr(handle, 'data-phase')) !== 'ready' };
  },
};

const QUERIES = ['income tax', 'war with spain', 'railroads and canals', 'foreign trade policy'];

/**
 * The LSA explorer once fitted, the reader at work: each second either k moves (2 to 50, as a
 * dragged slider does) or a query is typed key by key (the answer is refolded on each key).
 */
const lsaInput = {
  async prepare(/** @type {any} */ _page, /** @type {import('playwright-core').Locator} */ root) {
    await until(
      async () => (await attr(root, 'data-phase')) === 'ready',
      300_000,
      'the LSA model is fitted',
    );
  },
  async progress() {
    return { count: NaN, running: true };
  },
  async act(
    /** @type {import('playwright-core').Page} */ page,
    /** @type {import('playwright-core').Locator} */ root,
    /** @type {number} */ tick,
  ) {
    if (tick % 4 !== 0) return;
    const n = tick / 4;
    if (n % 2 === 0) {
      for (let k = 2; k <= 50; k += 6) await setInput(root, 'k', ((n / 2) % 2 ? 52 - k : k) | 0);
    } else {
      const input = root.locator('input[name="query"]');
      await input.fill('');
      await input.click();
      await page.keyboard.type(QUERIES[((n - 1) / 2) % QUERIES.length], { delay: 40 });
    }
  },
};

/** The Gibbs toy playing (top speed from the URL): main-thread sampling by design. */
const gibbsPlay = {
  async prepare(/** @type {any} */ page, /** @type {import('playwright-core').Locator} */ root, o) {
    const play = root.getByRole('button', { name: 'Play', exact: true });
    await play.waitFor({ timeout: 60_000 });
    await play.click();
    await until(async () => Number(await attr(root, 'data-steps')) > 0, 30_000, 'a Gibbs step');
    await page.waitForTimeout(o.warmup * 1000);
  },
  async progress(/** @type {import('playwright-core').ElementHandle} */ handle) {
    return {
      count: Number(await attr(handle, 'data-steps')),
      running: (await attr(handle, 'data-status')) === 'playing',
    };
  },
};

/** The convolution arithmetic widget stepping through its outputs (Play again at the end). */
const convPlay = {
  async prepare(/** @type {any} */ page, /** @type {import('playwright-core').Locator} */ root, o) {
    await root.locator('g[data-output]').first().waitFor({ timeout: 60_000 });
    await root.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(o.warmup * 1000);
  },
  async progress() {
    return { count: NaN, running: true };
  },
  async act(
    /** @type {any} */ _page,
    /** @type {import('playwright-core').Locator} */ root,
    /** @type {number} */ tick,
  ) {
    if ((await attr(root, 'data-playing')) !== 'true') {
      await root.getByRole('button', { name: 'Play', exact: true }).click();
    }
    // Every 3 s the reader changes the stride (1 to 3): the matrix and the outputs are redrawn.
    if (tick % 12 === 6) await setInput(root, 'stride', 1 + (((tick / 12) % 3) | 0));
  },
};

/** The positional-encoding explorer, the reader dragging d_model, the length and the position. */
const peInput = {
  async prepare(/** @type {any} */ page, /** @type {import('playwright-core').Locator} */ root, o) {
    await root.locator('canvas, svg').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(o.warmup * 1000);
  },
  async progress() {
    return { count: NaN, running: true };
  },
  async act(
    /** @type {any} */ _page,
    /** @type {import('playwright-core').Locator} */ root,
    /** @type {number} */ tick,
  ) {
    const phase = tick % 12;
    if (phase < 4) await setInput(root, 'dModel', 16 + 16 * (((tick / 12 + phase) % 8) | 0));
    else if (phase < 8) await setInput(root, 'length', 20 + 20 * phase - 80);
    else await setInput(root, 'position', (tick * 7) % 100);
  },
};

/**
 * The rows, in the order they run. The first is the idle baseline (chapter 5, nothing pressed).
 * Training rows: full speed and enough epochs to outlast the window where the run has an end.
 */
export const WIDGETS = [
  { id: 'idle', widget: 'lsa-explorer', chapter: 5, query: '', scenario: idle },
  {
    id: 'sentiment-classifier',
    chapter: 1,
    query: 'epochs=100&speed=full',
    rate: 'steps_per_second',
  },
  { id: 'neural-lm', chapter: 3, query: '', rate: 'tokens_per_second' },
  {
    id: 'tfidf-classifier',
    chapter: 4,
    query: 'tc.epochs=100&tc.speed=full',
    rate: 'steps_per_second',
  },
  { id: 'lsa-explorer:fit', widget: 'lsa-explorer', chapter: 5, query: '', scenario: lsaFit },
  { id: 'lsa-explorer:input', widget: 'lsa-explorer', chapter: 5, query: '', scenario: lsaInput },
  { id: 'lda-trainer', chapter: 5, query: 'lda.iterations=100' },
  { id: 'gibbs-toy', chapter: 5, query: 'gibbs.speed=500', scenario: gibbsPlay },
  { id: 'word2vec', chapter: 8, query: '', rate: 'words_per_second' },
  {
    id: 'sine-forecast',
    chapter: 9,
    query: 'sine.speed=full',
    rate: 'steps_per_second',
    scenario: shortRunScenario,
  },
  { id: 'char-rnn', chapter: 9, query: '', rate: 'chars_per_second' },
  { id: 'textcnn', chapter: 11, query: 'cnn.epochs=100', rate: 'steps_per_second' },
  { id: 'conv-arithmetic', chapter: 11, query: '', scenario: convPlay },
  { id: 'seq2seq-addition', chapter: 13, query: '', rate: 'examples_per_second' },
  { id: 'date-attention', chapter: 14, query: '', rate: 'examples_per_second' },
  { id: 'transformer-lm', chapter: 15, query: '', rate: 'chars_per_second' },
  { id: 'positional-encoding', chapter: 15, query: '', scenario: peInput },
];

/**
 * The widget's own throughput readout, or null when the row names none or the widget shows none.
 *
 * @param {import('playwright-core').Locator} root
 * @param {string | undefined} metric
 */
export async function rateReadout(root, metric) {
  if (!metric) return {};
  return { [metric]: await readMetric(root, metric).catch(() => null) };
}
