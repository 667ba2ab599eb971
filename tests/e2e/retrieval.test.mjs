/**
 * WIDGET TESTS (chapter 4): the TF-IDF matrix, the SOTU search and the similarity explorer.
 *
 * DOM contract: section[data-widget="tfidf-matrix" | "sotu-search" | "similarity-explorer"].
 * TF-IDF matrix: a textarea named "documents", tables [data-matrix="dtm" | "tfidf"] whose body
 * cells are td[data-r][data-c], a formula panel [data-formula], controls named binary, use_idf,
 * smooth_idf, sublinear_tf, norm, stop_words, ngram (URL keys `tm.`). SOTU search: an input
 * named "query", hits li[data-hit] with data-score and data-year, [data-empty-query] for a
 * query with nothing to rank, data-phase on the section ("ready" once indexed). Similarity
 * explorer: [data-measures] table with the columns cosine, Euclidean, Jaccard; its notes about
 * odd texts are [data-sx-message]. window.__nlpbookSotuWorkers = { started, terminated,
 * running } counts the SOTU search workers (src/widgets/sotu-search/useSotuIndex.ts).
 */
import { expect, test } from '@playwright/test';
import {
  formatViolations,
  runAxe,
  navigateInApp,
  useSystemTheme,
  waitForHeading,
} from './lib/book.mjs';
import { openPage, until } from './lib/browser.mjs';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import { controlValue, setControl, widget } from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'bag-of-words');
const chapter1 = findChapter(CHAPTERS, 'preprocessing');

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

/**
 * Opens chapter 4 and scrolls widget `id` into view.
 *
 * @param {string} id
 * @param {string} [query]
 */
async function openWidget(id, query = '') {
  const { page, log } = await openPage(context, `chapters/${chapter.slug}${query}`);
  await waitForHeading(page, chapter.title);
  const root = widget(page, id);
  await root.waitFor({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  return { page, log, root };
}

const IDS = ['tfidf-matrix', 'sotu-search', 'similarity-explorer'];

/**
 * Waits until the SOTU index is built.
 *
 * @param {import('playwright-core').Locator} root
 */
const sotuReady = (root) =>
  until(async () => (await root.getAttribute('data-phase')) === 'ready', {
    timeoutMs: 120_000,
    message: async () => `the index is built (phase ${await root.getAttribute('data-phase')})`,
  });

/**
 * The page's SOTU worker counters.
 *
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ started: number; terminated: number; running: number } | null>}
 */
const sotuWorkers = (page) =>
  page.evaluate(() => /** @type {any} */ (window).__nlpbookSotuWorkers ?? null);

/**
 * axe-core (@axe-core/playwright) on this chapter's three widgets only (WCAG A/AA and best
 * practices).
 *
 * @param {import('playwright-core').Page} page
 * @returns {Promise<import('./lib/book.mjs').AxeViolation[]>}
 */
const axeOnWidgets = (page) =>
  runAxe(page, { include: IDS.map((id) => `section[data-widget="${id}"]`) });

/**
 * A matrix table's body cells as text, one array per document row.
 *
 * @param {import('playwright-core').Locator} root
 * @param {string} name
 * @returns {Promise<string[][]>}
 */
const matrixText = (root, name) =>
  root
    .locator(`[data-matrix="${name}"]`)
    .evaluate((el) =>
      [...el.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()),
      ),
    );

test.describe('chapter 4 retrieval widgets', () => {
  test.describe.configure({ timeout: 240_000 });
  test('TF-IDF matrix: renders, shows a cell formula, and changes with the options', async () => {
    const { page, log, root } = await openWidget('tfidf-matrix');
    await test.step('tfidf-matrix', async () => {
      const docs = root.locator('textarea[name="documents"]');
      await docs.fill('the whale the sea\nthe ship');
      // Terms: sea, ship, the, whale. Counts by hand.
      await until(
        async () =>
          JSON.stringify(await matrixText(root, 'dtm')) ===
          JSON.stringify([
            ['1', '0', '2', '1'],
            ['0', '1', '1', '0'],
          ]),
        { timeoutMs: 10_000, message: 'the document-term matrix shows the counts' },
      );
      const before = await matrixText(root, 'tfidf');
      // "the" is in both documents: idf = ln(3/3) + 1 = 1; whale in one: ln(3/2) + 1.
      const cell = root.locator('[data-matrix="tfidf"] td[data-r="0"][data-c="3"]');
      await cell.click();
      const formula = root.locator('[data-formula]');
      await until(async () => /ln\(3 \/ 2\) \+ 1 = 1\.4055/.test(await formula.innerText()), {
        timeoutMs: 10_000,
        message: async () => `the formula shows idf of "whale": ${await formula.innerText()}`,
      });
      await setControl(root, 'norm', 'none');
      await until(
        async () => JSON.stringify(await matrixText(root, 'tfidf')) !== JSON.stringify(before),
        { timeoutMs: 10_000, message: 'norm none changes the TF-IDF matrix' },
      );
      const raw = await matrixText(root, 'tfidf');
      // Without the norm, the TF-IDF of "the" in doc 1 is tf 2 × idf 1 = 2.
      expect(raw[0][2]).toBe('2.00');
      await setControl(root, 'use_idf', false);
      await until(async () => (await matrixText(root, 'tfidf'))[0][3] === '1.00', {
        timeoutMs: 10_000,
        message: 'TF only: whale = 1',
      });
      await setControl(root, 'stop_words', true);
      await until(async () => (await matrixText(root, 'dtm'))[0].length === 3, {
        timeoutMs: 10_000,
        message: 'stop words on: "the" is gone (3 terms)',
      });
      log.assertNone('using the TF-IDF matrix');
    });
    await page.close();
  });

  test('SOTU search: ranked hits with years, and a message for an empty query', async () => {
    const { page, log, root } = await openWidget('sotu-search');
    await test.step('sotu-search', async () => {
      await until(async () => (await root.getAttribute('data-phase')) === 'ready', {
        timeoutMs: 120_000,
        message: async () => `the index is built (phase ${await root.getAttribute('data-phase')})`,
      });
      const input = root.locator('input[name="query"]');
      await input.fill('income tax');
      const hits = root.locator('li[data-hit]');
      await until(
        async () =>
          (await hits.count()) === 10 &&
          /income|tax/i.test((await hits.first().locator('mark').allInnerTexts()).join(' ')),
        { timeoutMs: 20_000, message: 'ten hits with the query terms marked' },
      );
      const rows = await hits.evaluateAll((els) =>
        els.map((el) => ({
          score: Number(el.getAttribute('data-score')),
          year: Number(el.getAttribute('data-year')),
          text: el.textContent ?? '',
        })),
      );
      for (let i = 1; i < rows.length; i++) {
        expect(rows[i].score <= rows[i - 1].score, `scores descend at hit ${i + 1}`).toBeTruthy();
      }
      for (const r of rows) {
        expect(r.score > 0 && r.score <= 1 + 1e-9, `score ${r.score} in (0, 1]`).toBeTruthy();
        expect(r.year >= 1790 && r.year <= 2021, `year ${r.year} shown`).toBeTruthy();
        expect(r.text.includes(String(r.year)), 'the year is printed').toBeTruthy();
      }
      await input.fill('');
      await root
        .locator('[data-empty-query]')
        .filter({ hasText: /empty/i })
        .waitFor({ timeout: 10_000 });
      await input.fill('the of and');
      await root
        .locator('[data-empty-query]')
        .filter({ hasText: /stop words/i })
        .waitFor({ timeout: 10_000 });
      log.assertNone('searching the SOTU corpus');
    });
    await page.close();
  });

  test('similarity explorer: the table shows cosine, Euclidean and Jaccard', async () => {
    const { page, log, root } = await openWidget('similarity-explorer');
    await test.step('similarity-explorer', async () => {
      const table = root.locator('[data-measures] table');
      await table.waitFor({ timeout: 10_000 });
      const head = (await table.locator('thead').innerText()).toLowerCase();
      for (const m of ['cosine', 'euclidean', 'jaccard']) expect(head.includes(m), m).toBeTruthy();
      await root.locator('textarea[name="text-a"]').fill('whale sea');
      await root.locator('textarea[name="text-b"]').fill('whale sea whale sea');
      await root.locator('textarea[name="text-c"]').fill('');
      await until(
        async () => {
          const cells = await table.locator('tbody tr').first().locator('td').allInnerTexts();
          // A–B: cosine 1, Euclidean √2 = 1.414, Jaccard 1 (counts).
          return JSON.stringify(cells.slice(-3)) === JSON.stringify(['1', '1.414', '1']);
        },
        { timeoutMs: 10_000, message: 'cosine 1, Euclidean 1.414, Jaccard 1 for A–B' },
      );
      // The table follows the texts a moment later (deferred rendering): wait for one pair.
      await until(async () => (await table.locator('tbody tr').count()) === 1, {
        timeoutMs: 10_000,
        message: 'two texts: one pair',
      });
      log.assertNone('using the similarity explorer');
    });
    await page.close();
  });

  test('leaving the chapter terminates the SOTU worker and nothing of the widgets keeps running', async () => {
    const { page, log, root } = await openWidget('sotu-search');
    const workers = () => page.workers().filter((w) => /sotu/.test(w.url()));
    await test.step('sotu-unmount', async () => {
      await sotuReady(root);
      await root.locator('input[name="query"]').fill('railroads');
      await root.locator('li[data-hit]').first().waitFor({ timeout: 20_000 });
      expect(workers().length, 'one SOTU worker while the widget is shown').toBe(1);
      expect(await sotuWorkers(page)).toStrictEqual({ started: 1, terminated: 0, running: 1 });
      /** @type {import('playwright-core').Worker[]} */
      const closed = [];
      workers()[0].once('close', (w) => closed.push(w));
      // The app's own link to chapter 1 (a client-side route: the page and its heap stay).
      await navigateInApp(page, 'chapters/preprocessing');
      await waitForHeading(page, chapter1.title);
      await until(
        async () => {
          for (const id of IDS) if ((await widget(page, id).count()) > 0) return false;
          return true;
        },
        { timeoutMs: 20_000, message: 'the three chapter 4 widgets unmount on chapter 1' },
      );
      await until(async () => closed.length === 1 && workers().length === 0, {
        timeoutMs: 10_000,
        message: async () =>
          `the worker was not terminated: ${JSON.stringify(await sotuWorkers(page))}`,
      });
      expect(await sotuWorkers(page)).toStrictEqual({ started: 1, terminated: 1, running: 0 });
      // Nothing restarts it while chapter 1 is shown.
      await page.waitForTimeout(1_500);
      expect(workers().length, 'no SOTU worker comes back on chapter 1').toBe(0);
      expect((await sotuWorkers(page))?.started).toBe(1);
      log.assertNone('leaving chapter 4');
    });
    await page.close();
  });

  test('bad URL values and odd texts give a message and a working widget', async () => {
    // 10,000 characters of query (words, so the cut query still searches), a year below the
    // corpus, a year that is not a number, an unknown norm and n-gram range, an unknown kind.
    const longQuery = 'tax+'.repeat(2_500);
    const query =
      `?ss.q=${longQuery}&ss.from=1500&ss.to=abc&tm.norm=foo&tm.ngram=9-9&tm.binary=maybe` +
      `&sx.vectors=bogus&sx.stop_words=2`;
    const { page, log, root } = await openWidget('sotu-search', query);
    await test.step('retrieval-bad-url', async () => {
      const text = async (/** @type {import('playwright-core').Locator} */ r) =>
        (await r.innerText()).replace(/\s+/g, ' ');
      // SOTU search: the query is cut to 200 characters, the years fall back to the range.
      const sotuText = await text(root);
      expect(sotuText).toMatch(/Query is 10000 characters long; only the first 200 are used/);
      expect(sotuText).toMatch(/From year 1500 is below the minimum 1790; using 1790/);
      expect(sotuText).toMatch(/To year: .*abc.* using the default 2021/);
      const input = root.locator('input[name="query"]');
      expect((await input.inputValue()).length).toBe(200);
      expect(await controlValue(root, 'from')).toBe('1790');
      expect(await controlValue(root, 'to')).toBe('2021');
      await sotuReady(root);
      await until(async () => (await root.locator('li[data-hit]').count()) === 10, {
        timeoutMs: 20_000,
        message: 'the cut query ranks passages',
      });
      // From after To: said, and searched as the range between them.
      await setControl(root, 'from', 2000);
      await setControl(root, 'to', 1900);
      await root.locator('[data-year-swap]').waitFor({ timeout: 10_000 });
      await until(
        async () => {
          const years = await root
            .locator('li[data-hit]')
            .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-year'))));
          return years.length > 0 && years.every((y) => y >= 1900 && y <= 2000);
        },
        { timeoutMs: 20_000, message: 'hits come from 1900-2000' },
      );

      // TF-IDF matrix: unknown norm, n-gram range and boolean fall back to the defaults.
      const tm = widget(page, 'tfidf-matrix');
      const tmText = await text(tm);
      expect(tmText).toMatch(
        /norm \(of each document row\): .*foo.* is not one of .*using the default l2/,
      );
      expect(tmText).toMatch(/ngram_range: .*9-9.* using the default 1-1/);
      expect(tmText).toMatch(/binary .*maybe.* is not true or false/);
      expect(await controlValue(tm, 'norm')).toBe('l2');
      expect(
        (await tm.locator('[data-matrix="tfidf"] td[data-r]').count()) > 0,
        'matrix shown',
      ).toBeTruthy();

      // Similarity explorer: unknown kind, then texts with odd Unicode.
      const sx = widget(page, 'similarity-explorer');
      await sx.scrollIntoViewIfNeeded();
      expect(await text(sx)).toMatch(/Vectors: .*bogus.* using the default count/);
      const a = sx.locator('textarea[name="text-a"]');
      const b = sx.locator('textarea[name="text-b"]');
      await sx.locator('textarea[name="text-c"]').fill('');
      const firstRow = () =>
        sx.locator('[data-measures] tbody tr').first().locator('td').allInnerTexts();
      // Emoji, a right-to-left override, a zero-width joiner, a NUL and a lone surrogate: no word.
      await a.fill('😀🎉 \u202E\u200D\u0000 \uD800 ?!');
      await b.fill('whale sea');
      await sx
        .locator('[data-sx-message]')
        .filter({ hasText: /Text A has no word/ })
        .waitFor({ timeout: 10_000 });
      await until(async () => (await firstRow())[1] === '0', {
        timeoutMs: 10_000,
        message: 'cosine with a zero vector is 0',
      });
      // Decomposed accents split words (as in scikit-learn), and the widget says why.
      await a.fill('e\u0301te\u0301 whale');
      await sx
        .locator('[data-sx-message]')
        .filter({ hasText: /combining accents/ })
        .waitFor({ timeout: 10_000 });
      // Only symbols in both: no vectors, a message, no crash; then words bring the table back.
      await b.fill('🐋 🌊');
      await a.fill('🐋');
      await sx
        .locator('[data-sx-message]')
        .filter({ hasText: /No vectors/ })
        .waitFor({ timeout: 10_000 });
      expect(await sx.locator('[data-measures]').count()).toBe(0);
      await a.fill('whale sea');
      await b.fill('whale ship');
      await until(async () => (await firstRow())[1] === '0.5', {
        timeoutMs: 10_000,
        message: 'cos(whale sea, whale ship) = 0.5 with counts',
      });
      log.assertNone('bad URL values and odd texts');
    });
    await page.close();
  });

  for (const scheme of /** @type {const} */ (['light', 'dark'])) {
    test(`axe: no serious or critical violations in the three widgets (${scheme})`, async () => {
      const { page, log } = await openWidget('sotu-search');
      await useSystemTheme(page, scheme);
      await test.step(`retrieval-axe-${scheme}`, async () => {
        const sotu = widget(page, 'sotu-search');
        await sotu.scrollIntoViewIfNeeded();
        await sotuReady(sotu);
        await sotu.locator('input[name="query"]').fill('income tax');
        await sotu.locator('li[data-hit]').first().waitFor({ timeout: 20_000 });
        const tm = widget(page, 'tfidf-matrix');
        await tm.scrollIntoViewIfNeeded();
        await tm.locator('[data-matrix="tfidf"] td[data-r="0"][data-c="0"]').click();
        await widget(page, 'similarity-explorer').scrollIntoViewIfNeeded();
        const serious = (await axeOnWidgets(page)).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );
        expect(serious.length, `axe (${scheme}):\n  ${formatViolations(serious)}`).toBe(0);
        log.assertNone(`axe run (${scheme})`);
      });
      await page.close();
    });
  }
});
