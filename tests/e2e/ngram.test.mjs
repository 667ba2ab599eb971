/**
 * WIDGET TESTS (chapter 3): the n-gram explorer on Moby Dick.
 *
 * DOM contract: section[data-widget="ngram-explorer"] with data-status (waiting | loading |
 * ready | failed); the context box named "context"; controls named order, method, gamma,
 * discount, temperature, words, seed (URL keys prefixed `ng.`); [data-testid="distribution"]
 * (a BarChart whose SVG <desc> lists "word: p; ..."), [data-testid="context-used"],
 * [data-testid="counts-table"] rows with data-order / data-count, [data-testid="generated"],
 * [data-testid="perplexity-table"] cells td[data-order][data-method][data-value].
 *
 * The expected top word is computed in Node with the same engine (src/widgets/common/ngram-service) on
 * the same corpus file, not hard-coded. NGRAM_E2E_PAGE (default `chapters/language-models`)
 * lets a developer point the test at another page that mounts the widget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { tsLoader } from '../bench/lib/loadTs.mjs';
import { formatViolations, navigateInApp, runAxe } from './lib/book.mjs';
import { bookUrl, openPage, until } from './lib/browser.mjs';
import { ROOT } from './lib/server.mjs';
import { alertText, controlValue, pasteInto, setControl, widget } from './lib/widgets.mjs';

const PAGE = process.env.NGRAM_E2E_PAGE ?? 'chapters/language-models';

/**
 * One browser context for the whole file (from Playwright Test's `browser` fixture, so it has
 * the config's baseURL, viewport, trace and screenshots), as before the move to Playwright Test.
 *
 * @type {import('@playwright/test').BrowserContext}
 */
let context;
/** The same model in Node: top next words for a context. @type {(args: object) => any} */
let nodeDistribution;
/** @type {() => Promise<void>} */
let closeLoader = async () => {};

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  const { load, close } = await tsLoader();
  closeLoader = close;
  const data = await load('/src/data/index.ts');
  const { NgramEngine, splitsOf } = await load('/src/widgets/common/ngram-service/engine.ts');
  const corpus = data.parseMobyDick(
    JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'moby-dick.json'), 'utf8')),
  );
  const engine = NgramEngine.fit(splitsOf(corpus), data.MOBY_DICK_UNK_CUTOFF);
  nodeDistribution = (args) => engine.distribution(args);
});
test.afterAll(async () => {
  await context?.close();
  await closeLoader();
});

/**
 * @param {string} [query]
 * @param {import('@playwright/test').BrowserContext} [inContext] default the file's context.
 */
async function openExplorer(query = '', inContext = context) {
  const { page, log } = await openPage(inContext, `${PAGE}${query}`);
  const root = widget(page, 'ngram-explorer');
  await root.waitFor({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  await until(async () => (await root.getAttribute('data-status')) === 'ready', {
    timeoutMs: 90_000,
    message: async () => `the explorer did not get ready: ${await root.innerText()}`,
  });
  return { page, log, root };
}

/**
 * The bars of the distribution chart, from its SVG description ("word: 0.572; ...").
 * @param {import('playwright-core').Locator} root
 * @returns {Promise<{ label: string; value: number }[]>}
 */
async function bars(root) {
  const desc = await root.locator('[data-testid="distribution"] svg desc').textContent();
  return (desc ?? '')
    .split('; ')
    .filter(Boolean)
    .map((s) => {
      const i = s.lastIndexOf(': ');
      const v = s.slice(i + 2);
      return { label: s.slice(0, i), value: v === '<0.001' ? 0.0005 : Number(v) };
    });
}

/** Waits until the chart's first bar is `label` (for a context just typed). */
async function waitTopBar(root, label, why) {
  let last = [];
  await until(
    async () => {
      last = await bars(root);
      return last[0]?.label === label;
    },
    { timeoutMs: 20_000, message: () => `${why}: top bar ${JSON.stringify(last.slice(0, 3))}` },
  );
  return last;
}

/**
 * axe-core (@axe-core/playwright: WCAG 2.x A/AA and best practices) on the widget only; fails
 * listing every serious or critical violation.
 * @param {import('playwright-core').Page} page
 * @param {string} what
 */
async function assertAxeClean(page, what) {
  const violations = (
    await runAxe(page, { include: ['section[data-widget="ngram-explorer"]'] })
  ).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    violations,
    `axe on the n-gram explorer (${what}):\n  ${formatViolations(violations)}`,
  ).toStrictEqual([]);
}

const generated = (root) => root.locator('[data-testid="generated"]').innerText();

test.describe('n-gram explorer', () => {
  test.describe.configure({ timeout: 300_000 });
  test('typing a context shows a plausible next-word distribution that sums to at most 1', async () => {
    const { page, log, root } = await openExplorer();
    await test.step('ngram-distribution', async () => {
      const box = root.locator('[name="context"]');
      await box.fill('The white');
      const expected = nodeDistribution({
        order: 3,
        method: 'kneser-ney',
        context: 'the white',
        k: 12,
      });
      const shown = await waitTopBar(root, expected.top[0].word, 'KN trigram after "the white"');
      const sum = shown.reduce((a, b) => a + b.value, 0);
      expect(sum <= 1.02, `bars sum to at most 1 (3-digit rounding), got ${sum}`).toBeTruthy();
      expect(
        Math.abs(shown[0].value - expected.top[0].p) < 0.001,
        'same p as in Node',
      ).toBeTruthy();
      expect(await root.locator('[data-testid="context-used"]').innerText()).toMatch(
        /the[\s\S]*white/,
      );

      await box.fill('Call me');
      const next = nodeDistribution({
        order: 3,
        method: 'kneser-ney',
        context: 'call me',
        k: 12,
      });
      await waitTopBar(root, next.top[0].word, 'the bars change with the context');

      // An unknown word shows as <UNK>; a sentence end pads with <s>.
      await box.fill('the zzyzx');
      await until(
        async () =>
          (await root.locator('[data-testid="context-used"]').innerText()).includes('<UNK>'),
        { timeoutMs: 10_000, message: 'unknown word shown as <UNK>' },
      );
      await box.fill('the whale.');
      await until(
        async () =>
          (await root.locator('[data-testid="context-used"]').innerText()).includes('<s>'),
        { timeoutMs: 10_000, message: 'a finished sentence is padded with <s>' },
      );
      // MLE on a context never seen: no bars, a clear note.
      await setControl(root, 'method', 'mle');
      await setControl(root, 'order', 5);
      await box.fill('ishmael and the white');
      await until(
        async () => (await root.innerText()).includes('MLE has never seen this context'),
        {
          timeoutMs: 10_000,
          message: 'MLE on an unseen context explains why nothing can follow',
        },
      );
      const rows = await root
        .locator('[data-testid="counts-table"] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-count'))));
      expect(rows.length, 'one counts row per order').toBe(5);
      expect(rows[4], 'the 4-word context was seen 0 times').toBe(0);
      expect(rows[1] > rows[3], 'counts get sparse as n grows').toBeTruthy();
      await assertAxeClean(page, 'light, MLE on an unseen context');
      log.assertNone('using the n-gram explorer');
    });
    await page.close();
  });

  test('the perplexity table fills in: finite for smoothed models, ∞ for MLE at high n, never NaN', async () => {
    const { page, root } = await openExplorer();
    const table = root.locator('[data-testid="perplexity-table"]');
    await test.step('ngram-perplexity', async () => {
      await until(
        async () => (await table.locator('td[data-value]:not([data-value=""])').count()) === 20,
        { timeoutMs: 120_000, message: async () => `table: ${await table.innerText()}` },
      );
      const cells = await table.locator('td[data-method]').evaluateAll((tds) =>
        tds.map((td) => ({
          order: Number(td.getAttribute('data-order')),
          method: td.getAttribute('data-method'),
          value: Number(td.getAttribute('data-value')),
          text: td.textContent ?? '',
        })),
      );
      for (const c of cells.filter((x) => x.method !== 'mle')) {
        expect(
          Number.isFinite(c.value) && c.value > 1,
          `${c.method} n=${c.order}: ${c.value}`,
        ).toBeTruthy();
      }
      const mle5 = cells.find((c) => c.method === 'mle' && c.order === 5);
      expect(mle5?.value).toBe(Infinity);
      expect(mle5?.text ?? '').toMatch(/∞/);
      expect(await root.innerText()).not.toMatch(/NaN/);
      expect(await table.locator('td[aria-current="true"]').count(), 'current cell marked').toBe(1);
    });
    await page.close();
  });

  test('generation is reproducible with a seed, also after a reload', async () => {
    const { page, root } = await openExplorer('?ng.seed=7&ng.words=25');
    await test.step('ngram-generate', async () => {
      await until(async () => (await generated(root)).trim().length > 0, {
        timeoutMs: 20_000,
        message: 'generated text appears',
      });
      const first = await generated(root);
      await setControl(root, 'seed', 8);
      await until(async () => (await generated(root)) !== first, {
        timeoutMs: 20_000,
        message: 'another seed gives other text',
      });
      await setControl(root, 'seed', 7);
      await until(async () => (await generated(root)) === first, {
        timeoutMs: 20_000,
        message: 'seed 7 again gives the same text',
      });
      const again = await openExplorer('?ng.seed=7&ng.words=25');
      await until(async () => (await generated(again.root)) === first, {
        timeoutMs: 20_000,
        message: 'the same link gives the same text',
      });
      await again.page.close();
    });
    await page.close();
  });

  test('bad values in the URL: a clear message each, clamped or default settings, still working', async () => {
    // Odd Unicode: right-to-left override, zero-width space, emoji, a combining accent, NUL, and
    // bytes that are not UTF-8 (%ED%A0%80, a lone surrogate's encoding: read as U+FFFD).
    const odd = '%E2%80%AEthe%E2%80%8Bwhite%20%F0%9F%90%8B%20whale%CC%81%00%ED%A0%80';
    const long = encodeURIComponent(`call me ${'the sea and '.repeat(1000)}`); // 12,008 characters
    const query = `?ng.order=9&ng.method=foo&ng.discount=2&ng.temperature=-1&ng.words=abc&ng.context=${odd}${long}`;
    // A 30 KB URL is over the preview server's header limit: open chapter 1 and route in-app
    // (the widget reads the URL when it mounts, as after a shared link).
    const { page, log } = await openPage(context, 'chapters/preprocessing');
    await page.evaluate(
      (url) => {
        history.pushState({}, '', url);
        dispatchEvent(new PopStateEvent('popstate'));
      },
      bookUrl(`${PAGE}${query}`),
    );
    const root = widget(page, 'ngram-explorer');
    await root.waitFor({ timeout: 60_000 });
    await root.scrollIntoViewIfNeeded();
    await test.step('ngram-bad-url', async () => {
      await until(async () => (await root.getAttribute('data-status')) === 'ready', {
        timeoutMs: 90_000,
        message: async () => `not ready with bad URL values: ${await root.innerText()}`,
      });
      const alerts = await alertText(root);
      for (const want of [
        /Order n 9 is above the maximum 5; using 5/,
        /Smoothing: "foo" is not one of mle, laplace, lidstone, kneser-ney/,
        /discount D 2 is above the maximum 0\.95; using 0\.95/,
        /Temperature -1 is below the minimum 0\.05; using 0\.05/,
        /Words to generate: "abc" is not a number; using the default 40/,
        /Context is 12,?0\d\d characters long; only the last 300 are used/,
      ]) {
        expect(alerts).toMatch(want);
      }
      expect(await controlValue(root, 'order')).toBe('5');
      expect(await controlValue(root, 'method')).toBe('kneser-ney');
      expect(await controlValue(root, 'discount')).toBe('0.95');
      expect(await controlValue(root, 'temperature')).toBe('0.05');
      const context = /** @type {string} */ (await controlValue(root, 'context'));
      expect(
        context.length <= 300,
        `context cut to 300 characters, got ${context.length}`,
      ).toBeTruthy();
      // The model reads the last words of a context, so the cut keeps the end of the text.
      expect(
        context.endsWith('the sea and '),
        `the end of the context kept: ${context}`,
      ).toBeTruthy();
      // Still a working model on the clamped settings: bars, a sample, a table without NaN.
      const expected = nodeDistribution({
        order: 5,
        method: 'kneser-ney',
        param: 0.95,
        context,
        k: 12,
      });
      await waitTopBar(root, expected.top[0].word, 'KN 5-gram after the cut context');
      await until(async () => (await generated(root)).trim().length > 0, {
        timeoutMs: 20_000,
        message: 'a sample at temperature 0.05',
      });
      expect(await root.innerText()).not.toMatch(/NaN|undefined/);

      // The odd characters alone: they separate words like spaces, the words are read.
      await pasteInto(
        root.locator('[name="context"]'),
        decodeURIComponent(odd.replace('%ED%A0%80', '%EF%BF%BD')),
      );
      await until(
        async () =>
          /the[\s\S]*white/.test(await root.locator('[data-testid="context-used"]').innerText()),
        { timeoutMs: 10_000, message: 'the words among odd Unicode are read' },
      );
      log.assertNone('bad URL values');
    });
    await page.close();
  });

  test('leaving the chapter terminates the n-gram worker; coming back starts a fresh one', async () => {
    const { page, log, root } = await openExplorer();
    /** @type {import('playwright-core').Worker[]} */
    const closed = [];
    const workers = () => page.workers().filter((w) => /ngram/.test(w.url()));
    const stats = () =>
      page.evaluate(() => /** @type {any} */ (window).__nlpbookNgramService ?? null);
    await test.step('ngram-release', async () => {
      expect(workers().length, 'one n-gram worker runs while the explorer is shown').toBe(1);
      workers()[0].once('close', (w) => closed.push(w));
      expect(await stats()).toStrictEqual({
        holders: 1,
        running: true,
        workersStarted: 1,
        workersTerminated: 0,
      });
      // An in-app link (client-side route change: the page and its JS heap stay).
      await navigateInApp(page, 'chapters/preprocessing');
      await until(async () => (await root.count()) === 0, {
        timeoutMs: 20_000,
        message: 'the explorer unmounts on chapter 1',
      });
      await until(async () => closed.length === 1 && workers().length === 0, {
        timeoutMs: 10_000,
        message: async () => `the worker was not terminated: ${JSON.stringify(await stats())}`,
      });
      expect(await stats()).toStrictEqual({
        holders: 0,
        running: false,
        workersStarted: 1,
        workersTerminated: 1,
      });

      await page.goBack();
      await root.waitFor({ timeout: 60_000 });
      await root.scrollIntoViewIfNeeded();
      await until(async () => (await root.getAttribute('data-status')) === 'ready', {
        timeoutMs: 90_000,
        message: async () => `the explorer did not get ready again: ${await root.innerText()}`,
      });
      expect(workers().length, 'a fresh worker').toBe(1);
      // Chapter 3's neural LM also holds the service once it has loaded (its n-gram baselines),
      // which can happen while the page comes back (it is lazily mounted near the viewport): one
      // or two holders, one worker, the first one terminated.
      await expect
        .poll(
          async () => {
            const s = await stats();
            return s && { ...s, holders: s.holders >= 1 && s.holders <= 2 ? '1 or 2' : s.holders };
          },
          { timeout: 15_000, message: 'the service is held again by a fresh worker' },
        )
        .toStrictEqual({
          holders: '1 or 2',
          running: true,
          workersStarted: 2,
          workersTerminated: 1,
        });
      log.assertNone('leaving and re-entering chapter 3');
    });
    await page.close();
  });

  test('fits a 360 px phone in the dark theme without horizontal overflow; axe finds nothing serious', async ({
    browser,
  }) => {
    const phone = await browser.newContext({
      viewport: { width: 360, height: 800 },
      colorScheme: 'dark',
    });
    try {
      const { page, root } = await openExplorer('', phone);
      await until(
        async () => (await root.locator('td[data-value]:not([data-value=""])').count()) === 20,
        {
          timeoutMs: 120_000,
          message: 'table filled',
        },
      );
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      // Wide tables scroll inside their own box, which stays inside the widget.
      const boxes = await root.locator('.ui-table-scroll').evaluateAll((els) =>
        els.map((el) => {
          const widget = /** @type {HTMLElement} */ (el.closest('[data-widget]'));
          return {
            right: el.getBoundingClientRect().right,
            widgetRight: widget.getBoundingClientRect().right,
            scrolls: el.scrollWidth > el.clientWidth,
            overflowX: getComputedStyle(el).overflowX,
          };
        }),
      );
      expect(boxes.length >= 2, 'the counts and perplexity tables are shown').toBeTruthy();
      for (const b of boxes) {
        expect(
          b.right <= b.widgetRight + 0.5,
          `a table box sticks out: ${JSON.stringify(b)}`,
        ).toBeTruthy();
        if (b.scrolls) expect(b.overflowX, 'a wide table scrolls in its box').toBe('auto');
      }
      expect(overflow <= 0, `page overflows horizontally by ${overflow}px`).toBeTruthy();
      await assertAxeClean(page, 'dark, 360 px, the table filled in');
      // For a look: a viewport as tall as the widget, so the element screenshot needs no
      // scrolling (a 4,000 px element in an 800 px viewport times out waiting to be stable).
      const box = await root.boundingBox();
      await page.setViewportSize({
        width: 360,
        height: Math.min(8000, Math.ceil(box?.height ?? 800) + 100),
      });
      await root.screenshot({
        path: test.info().outputPath('ngram-phone-dark.png'),
        animations: 'disabled',
        timeout: 60_000,
      });
    } finally {
      await phone.close();
    }
  });
});
