/**
 * WIDGET TEST (chapter 5): the LSA explorer.
 *
 * DOM contract: section[data-widget="lsa-explorer"] with data-phase ("ready" once fitted) and
 * data-k; controls named k, x, y (URL keys `lsa.`); inputs named "selection" and "query";
 * lists [data-list="terms" | "docs"] inside [data-selection] (the selected point) and
 * [data-query] (the folded query); [data-fold-status] says why a query could not be placed.
 * window.__nlpbookLsaWorkers = { started, terminated, running } counts the LSA workers
 * (src/widgets/lsa-explorer/useLsa.ts).
 */
import { expect, test } from '@playwright/test';
import { navigateInApp, waitForHeading } from './lib/book.mjs';
import { openPage, until } from './lib/browser.mjs';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import { setControl, widget } from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'topic-models');

/**
 * Records the page's long tasks (PerformanceObserver 'longtask') into window.__longTasks as
 * [startTime, duration] pairs, from the first script of every page of the context on.
 *
 * @param {import('@playwright/test').BrowserContext} context
 */
const recordLongTasks = (context) =>
  context.addInitScript(() => {
    /** @type {any} */ (window).__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        /** @type {any} */ (window).__longTasks.push([e.startTime, e.duration]);
      }
    }).observe({ type: 'longtask', buffered: true });
  });

/**
 * The items of one list as text.
 *
 * @param {import('playwright-core').Locator} scope
 * @param {'terms' | 'docs'} list
 */
const items = (scope, list) => scope.locator(`[data-list="${list}"] li`).allInnerTexts();

test.describe('chapter 5 LSA explorer', () => {
  test.describe.configure({ timeout: 420_000 });
  test('fits in a worker, lists neighbours, folds queries, explains odd ones, ends its worker', async ({
    browser,
  }) => {
    const context = await browser.newContext();
    await recordLongTasks(context);
    const { page, log } = await openPage(context, `chapters/${chapter.slug}`, {});
    await waitForHeading(page, chapter.title);
    const root = widget(page, 'lsa-explorer');
    await root.scrollIntoViewIfNeeded({ timeout: 60_000 });
    // The worker's work: TF-IDF of the passages, then the randomized SVD.
    await until(
      async () => ['vectorize', 'svd'].includes((await root.getAttribute('data-phase')) ?? ''),
      {
        timeoutMs: 240_000,
        message: async () => `the fit starts (phase ${await root.getAttribute('data-phase')})`,
      },
    );
    const fitStart = await page.evaluate(() => performance.now());
    await until(async () => (await root.getAttribute('data-phase')) === 'ready', {
      timeoutMs: 300_000,
      message: async () => `the model is fitted (phase ${await root.getAttribute('data-phase')})`,
    });
    const fitEnd = await page.evaluate(() => performance.now());

    await test.step('the fit runs off the main thread', async () => {
      const tasks = await page.evaluate(
        ([a, b]) =>
          /** @type {[number, number][]} */ (/** @type {any} */ (window).__longTasks ?? []).filter(
            ([t]) => t >= a && t <= b,
          ),
        [fitStart, fitEnd],
      );
      const blocked = tasks.reduce((s, [, d]) => s + d, 0);
      console.log(
        `[lsa] fit (TF-IDF + SVD) ${Math.round(fitEnd - fitStart)} ms; long tasks on the page meanwhile: ${tasks.length}, ${Math.round(blocked)} ms, longest ${Math.round(Math.max(0, ...tasks.map(([, d]) => d)))} ms`,
      );
      // Fitted on the page, the SVD would be one task as long as the phase itself.
      expect(blocked).toBeLessThan(0.2 * (fitEnd - fitStart) + 100);
    });

    const selection = root.locator('[data-selection]');
    const query = root.locator('[data-query]');
    await test.step('neighbours of the selected term change with k', async () => {
      await until(async () => (await items(selection, 'terms')).length === 8, {
        message: 'eight nearest terms of "war"',
      });
      expect((await items(selection, 'docs')).length).toBe(8);
      const at20 = await items(selection, 'terms');
      await setControl(root, 'k', 5);
      await until(async () => (await items(selection, 'terms')).join() !== at20.join(), {
        message: 'k = 5 changes the neighbour list',
      });
      // The URL follows the controls after a short debounce.
      await until(async () => page.url().includes('lsa.k=5'), { message: 'the URL has lsa.k=5' });
      await setControl(root, 'k', 20);
    });

    await test.step('clicking a term on the map selects it', async () => {
      const label = root.locator('text.lsa-label').first();
      const word = (await label.textContent()) ?? '';
      await label.click({ force: true });
      await until(
        async () => (await root.locator('input[name="selection"]').inputValue()) === word,
        {
          message: `the selection becomes "${word}"`,
        },
      );
    });

    await test.step('a query is folded in; odd queries get a message', async () => {
      const input = root.locator('input[name="query"]');
      const status = () => query.locator('[data-fold-status]').getAttribute('data-fold-status');
      await input.fill('income tax');
      await until(
        async () => (await status()) === 'ok' && (await items(query, 'docs')).length === 8,
        {
          message: 'the query lists eight passages',
        },
      );
      for (const [text, want, pattern] of [
        ['', 'empty', /empty/],
        ['the the of and', 'stop-words-only', /Only stop words/],
        ['cryptocurrency blockchain', 'unknown', /cryptocurrency/],
      ]) {
        await input.fill(String(text));
        await until(async () => (await status()) === want, {
          message: async () => `"${text}" gives ${want} (got ${await status()})`,
        });
        await expect(query).toContainText(pattern);
      }
      // Longer than the box accepts: cut to its maxLength, still answered.
      await input.fill('war '.repeat(200));
      expect((await input.inputValue()).length).toBeLessThanOrEqual(300);
      await until(async () => (await status()) === 'ok', { message: 'a long query is answered' });
    });

    await test.step('the worker ends when the chapter unmounts', async () => {
      const stats = () => page.evaluate(() => /** @type {any} */ (window).__nlpbookLsaWorkers);
      expect((await stats()).running).toBe(1);
      await navigateInApp(page, 'chapters/bag-of-words');
      await until(async () => (await stats()).running === 0, {
        message: async () => `the LSA worker is terminated: ${JSON.stringify(await stats())}`,
      });
    });
    expect(log.errors).toEqual([]);
    await context.close();
  });
});
