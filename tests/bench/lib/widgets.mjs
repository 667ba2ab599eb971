/**
 * The few helpers the benchmarks need to drive a widget through the book's DOM contract:
 * `section[data-widget=ID]` roots with data-status / data-step / data-backend, `output[data-metric]`
 * readouts, a Play button, and `[role="alert"]` messages (the same contract the browser tests use).
 */

import { alertText, trainerState } from '../../e2e/lib/readouts.mjs';

export {
  alertText,
  parseReadout,
  readMetric,
  trainerState,
  widget,
} from '../../e2e/lib/readouts.mjs';

/**
 * Waits until a training widget has loaded its engine and data: status idle and the Play button
 * enabled.
 *
 * @param {import('playwright-core').Locator} root
 * @param {number} [timeoutMs] default 90 s.
 * @returns {Promise<void>}
 * @throws {Error} at once when data-status becomes "error" (with the alerts' text), or on timeout.
 */
export async function waitForReady(root, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  const play = root.getByRole('button', { name: /^play/i });
  for (;;) {
    const { status } = await trainerState(root);
    if (status === 'error') throw new Error(`the widget failed to load: ${await alertText(root)}`);
    if (status === 'idle' && (await play.count()) === 1 && (await play.isEnabled())) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the widget was not ready after ${timeoutMs / 1000} s (status ${status}, alerts ` +
          `"${await alertText(root)}")`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
