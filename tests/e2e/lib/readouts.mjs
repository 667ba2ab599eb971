/**
 * Reading a widget through the book's DOM contract, shared by the browser tests (./widgets.mjs)
 * and the benchmarks (tests/bench/lib/widgets.mjs): `section[data-widget=ID]` roots with
 * data-status / data-step / data-backend, `output[data-metric]` readouts and `[role="alert"]`
 * messages. Plain Playwright calls, no test runner.
 */

/**
 * The first widget of a kind on the page.
 *
 * @param {import('playwright-core').Page} page
 * @param {string} id the `data-widget` value, e.g. `sentiment-classifier`.
 * @returns {import('playwright-core').Locator}
 */
export function widget(page, id) {
  return page.locator(`section[data-widget="${id}"]`).first();
}

/**
 * Parses a number printed in a readout: "0.693", "72.5%" (-> 0.725), "1,234", "0.87 positive".
 *
 * @param {string | null | undefined} text
 * @returns {number | null} null when the text holds no number (e.g. "–" before training).
 */
export function parseReadout(text) {
  if (!text) return null;
  const m = /(-?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?|-?\.\d+)\s*(%)?/i.exec(text);
  if (!m) return null;
  const value = Number(m[1].replace(/,/g, ''));
  if (!Number.isFinite(value)) return null;
  return m[2] ? value / 100 : value;
}

/**
 * @param {import('playwright-core').Locator} root
 * @param {string} name the `data-metric` value.
 * @returns {Promise<number | null>} null when the widget has no such readout or it shows no number.
 */
export async function readMetric(root, name) {
  const el = root.locator(`[data-metric="${name}"]`).first();
  if ((await el.count()) === 0) return null;
  return parseReadout(await el.textContent());
}

/**
 * @typedef {object} TrainerState
 * @property {string | null} status data-status ('idle', 'running', 'paused', 'done', 'error', ...).
 * @property {number} step data-step (NaN when absent).
 * @property {string | null} backend data-backend.
 * @property {boolean | null} busy data-busy="1": the runner has work queued or in flight (after
 *   Pause, the step in flight still lands; data-step can move until busy is false); null when
 *   the widget has no data-busy attribute.
 */

/**
 * @param {import('playwright-core').Locator | import('playwright-core').ElementHandle} root a
 *   training widget (an element handle polls without running the selector engine again).
 * @returns {Promise<TrainerState>}
 */
export async function trainerState(root) {
  return root.evaluate((el) => ({
    status: el.getAttribute('data-status'),
    step: Number(el.getAttribute('data-step') ?? NaN),
    backend: el.getAttribute('data-backend'),
    busy: el.hasAttribute('data-busy') ? el.getAttribute('data-busy') === '1' : null,
  }));
}

/**
 * The visible text of every `[role="alert"]` inside `root`, joined with " | ".
 *
 * @param {import('playwright-core').Locator} root
 * @returns {Promise<string>}
 */
export async function alertText(root) {
  const alerts = await root.locator('[role="alert"]').allTextContents();
  return alerts
    .map((t) => t.trim())
    .filter(Boolean)
    .join(' | ');
}
