/**
 * Page helpers shared by the end-to-end tests and the benchmarks: waiting for the book's pages
 * to render, the theme, and the axe-core accessibility check (through @axe-core/playwright).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { bookUrl } from './browser.mjs';

/**
 * @param {string} text
 * @returns {string} `text` with RegExp metacharacters escaped.
 */
export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Waits until the page shows a level-1 heading containing `title` (case-insensitive), e.g.
 * after a chapter's lazily loaded MDX has rendered, then until the network is idle.
 *
 * @param {import('playwright-core').Page} page
 * @param {string} title
 * @param {number} [timeoutMs] default 20 s.
 * @returns {Promise<import('playwright-core').Locator>} the heading.
 */
export async function waitForHeading(page, title, timeoutMs = 20_000) {
  const heading = page
    .getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(title), 'i') })
    .first();
  await heading.waitFor({ state: 'visible', timeout: timeoutMs });
  await page.waitForLoadState('networkidle', { timeout: timeoutMs }).catch(() => {});
  return heading;
}

/**
 * Goes to another page of the book the way a reader does inside the app: by clicking a visible
 * link to it, or, where none is on screen or the click did not change the route within 5 s,
 * through the router (pushState + popstate). The page and
 * its JS heap stay, so the widgets of the page left are unmounted, not unloaded: what the
 * unmount tests need.
 *
 * @param {import('playwright-core').Page} page
 * @param {string} path relative to the site's base, e.g. 'chapters/preprocessing'.
 */
export async function navigateInApp(page, path) {
  const link = page.locator(`a[href$="${path}"]:visible`).first();
  if ((await link.count()) > 0) {
    await link.click();
    // Seen once in CI: the click landed but the route did not change (the page was busy); then
    // go through the router as below rather than wait for a heading that never comes.
    const moved = await page
      .waitForURL((url) => url.pathname.endsWith(path), { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (moved) return;
  }
  await page.evaluate((to) => {
    history.pushState({}, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, bookUrl(path));
}

/**
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string | undefined>} `document.documentElement.dataset.theme`.
 */
export function currentTheme(page) {
  return page.evaluate(() => document.documentElement.dataset.theme);
}

/**
 * Forgets the reader's saved theme choice and emulates `prefers-color-scheme`, so the book
 * follows the system theme; reloads the page.
 *
 * @param {import('playwright-core').Page} page
 * @param {'light' | 'dark'} scheme
 * @returns {Promise<void>}
 */
export async function useSystemTheme(page, scheme) {
  await page.evaluate(() => localStorage.clear());
  await page.emulateMedia({ colorScheme: scheme });
  await page.reload({ waitUntil: 'load' });
}

/**
 * @typedef {object} AxeViolation
 * @property {string} id rule id, e.g. `color-contrast`.
 * @property {string | null} impact 'minor' | 'moderate' | 'serious' | 'critical'.
 * @property {string} help
 * @property {string[]} targets CSS selectors of up to 5 offending nodes.
 */

/**
 * Runs axe-core (every rule of its default set: WCAG 2.x A and AA plus best practices) on the
 * page, or only inside the elements matched by `include`, or only the rules named in `rules`.
 *
 * @param {import('playwright-core').Page} page
 * @param {{ include?: string[], rules?: string[] }} [options] `include`: CSS selectors to
 *   restrict the check to (e.g. `section[data-widget="ngram-explorer"]`); default the whole page.
 *   `rules`: axe rule ids to run (e.g. `['color-contrast']`); default every rule.
 * @returns {Promise<AxeViolation[]>} every violation, any impact.
 */
export async function runAxe(page, { include = [], rules = [] } = {}) {
  let builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  for (const selector of include) builder = builder.include(selector);
  if (rules.length > 0) builder = builder.withRules(rules);
  const result = await builder.analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
}

/**
 * @param {AxeViolation[]} violations
 * @returns {string} one line per violation, for assertion messages.
 */
export function formatViolations(violations) {
  return violations
    .map((v) => `[${v.impact}] ${v.id}: ${v.help}\n      at ${v.targets.join('\n      at ')}`)
    .join('\n  ');
}
