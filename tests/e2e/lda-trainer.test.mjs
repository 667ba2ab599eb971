/**
 * WIDGET TESTS (chapter 5): the LDA trainer fits LDA on the State of the Union passages in its
 * Web Worker (src/widgets/lda-trainer/lda.worker.ts, which also loads and vectorizes the
 * corpus); its tensors are read through the widget's test hook
 * `__nlpbookWorkers['lda-trainer'].memory()`.
 *
 * Written against the widget DOM contract (section[data-widget="lda-trainer"] with data-status /
 * data-step / data-backend / data-perplexity / data-view-step; Play/Pause, Step, Reset;
 * [role="alert"] messages), the top-words panel ([data-topics], one li[data-topic] per topic),
 * the prevalence chart ([data-prevalence]), the distance map ([data-map], g[data-map-topic])
 * and the relevance list ([data-relevance], tr[data-term]).
 */
import { expect, test } from '@playwright/test';
import { navigateInApp, waitForHeading } from './lib/book.mjs';
import { until } from './lib/browser.mjs';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import { download } from './lib/downloads.mjs';
import {
  alertText,
  openChapterWidget,
  stepAndWait,
  trainerButtons,
  trainerState,
  waitForReady,
  widgetWorkerMemory,
} from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'topic-models');
const chapter4 = findChapter(CHAPTERS, 'bag-of-words');
const WIDGET = 'lda-trainer';

/** @type {import('@playwright/test').BrowserContext} */
let context;
test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
});
test.afterAll(async () => {
  await context?.close();
});

/** @param {import('playwright-core').Page} page */
const workerMemory = (page) => widgetWorkerMemory(page, 'lda-trainer');

/** @param {import('playwright-core').Page} page */
const ldaWorkers = (page) => page.workers().filter((w) => /lda\.worker/.test(w.url()));

/**
 * The perplexity after each new step until `n` steps, read from data-perplexity.
 * @param {import('playwright-core').Locator} root
 * @param {number} n
 * @param {number} timeoutMs
 */
async function perplexities(root, n, timeoutMs) {
  /** @type {number[]} */
  const seen = [];
  let last = 0;
  await until(
    async () => {
      const { status, step } = await trainerState(root);
      expect(status, `training failed: ${await alertText(root)}`).not.toBe('error');
      const p = Number(await root.getAttribute('data-perplexity'));
      if (step > last && Number.isFinite(p) && p > 0) {
        seen.push(p);
        last = step;
      }
      return seen.length >= n;
    },
    {
      timeoutMs,
      intervalMs: 250,
      message: async () =>
        `${n} iterations (step ${(await trainerState(root)).step}, perplexities ${JSON.stringify(seen)})`,
    },
  );
  return seen;
}

/**
 * Trains on `backend`: perplexity falls, the top words fill and change, the map and the
 * relevance list fill, a Step leaks no tensor in the worker, unmount ends the worker.
 * @param {'wasm' | 'webgl'} backend
 * @param {string} query
 */
async function trainsOn(backend, query) {
  const { page, root, log } = await openChapterWidget(context, chapter, WIDGET, query);
  try {
    await waitForReady(root);
    await trainerButtons(root).play.click();
    const perps = await perplexities(root, 3, 480_000);
    expect(perps.every(Number.isFinite), JSON.stringify(perps)).toBeTruthy();
    expect(perps[2] < perps[0], `perplexity falls: ${JSON.stringify(perps)}`).toBeTruthy();
    expect((await trainerState(root)).backend).toBe(backend);
    if ((await trainerButtons(root).pause.count()) > 0) await trainerButtons(root).pause.click();
    await until(async () => (await trainerState(root)).status !== 'running', {
      timeoutMs: 120_000,
      message: 'Pause stops the run',
    });
    // Pause shows 'paused' at once and publishes the step that was in flight when it ends, so
    // the step is read again until the views have caught up with it.
    const viewsAtStep = async () =>
      Number(await root.getAttribute('data-view-step')) === (await trainerState(root)).step;
    const topics = root.locator('[data-topics] li[data-topic]');
    await until(viewsAtStep, {
      timeoutMs: 120_000,
      message: async () =>
        `the views are read at step ${(await trainerState(root)).step} (views at ${await root.getAttribute('data-view-step')})`,
    });
    const words = await topics.allTextContents();
    expect(words.length, 'one line per topic').toBe(4);
    for (const w of words)
      expect(w, `a topic line: "${w}"`).toMatch(/^\d+\s+\d+\.\d% (\S+ ){9}\S+ \(peak \d{4}s\)$/);
    expect(await root.locator('[data-prevalence] path').count()).toBe(4);
    expect(await root.locator('[data-map] g[data-map-topic]').count()).toBe(4);
    // The prevalence chart saves as a standalone SVG with its four areas (issue 18).
    const saved = await download(
      page,
      root.locator('[data-prevalence]').getByRole('button', { name: /as SVG$/ }),
    );
    expect(saved.name).toBe('topic-prevalence-by-decade.svg');
    const svg = saved.bytes.toString('utf8');
    expect(svg).toContain('<title>Topic prevalence by decade</title>');
    expect(svg.match(/<path\b/g)?.length ?? 0).toBeGreaterThanOrEqual(4);
    expect(svg).not.toMatch(/var\(--/);
    // The relevance slider re-ranks the selected topic's terms.
    await topics.nth(1).getByRole('button').click();
    const terms = () =>
      root
        .locator('[data-relevance] tr[data-term]')
        .evaluateAll((r) => r.map((e) => e.getAttribute('data-term')));
    await root.getByRole('slider', { name: 'Relevance weight lambda' }).fill('1');
    const byProb = await terms();
    await root.getByRole('slider', { name: 'Relevance weight lambda' }).fill('0');
    const byLift = await terms();
    expect(byProb.length).toBe(12);
    expect(byLift, 'λ = 0 ranks other terms than λ = 1').not.toEqual(byProb);

    // One more Step: the worker's tensors are the same before and after (no leak per step).
    const before = (await workerMemory(page)).numTensors;
    await stepAndWait(root, 240_000);
    await until(viewsAtStep, {
      timeoutMs: 120_000,
      message: async () =>
        `the views are read after Step (views at ${await root.getAttribute('data-view-step')}, step ${(await trainerState(root)).step})`,
    });
    await page.waitForTimeout(500);
    const after = (await workerMemory(page)).numTensors;
    expect(after, `the worker's numTensors unchanged by a step (${before} -> ${after})`).toBe(
      before,
    );

    await navigateInApp(page, 'chapters/bag-of-words');
    await waitForHeading(page, chapter4.title);
    await until(async () => ldaWorkers(page).length === 0, {
      timeoutMs: 20_000,
      message: 'the LDA worker is terminated on unmount',
    });
    const hook = await page.evaluate(
      () => /** @type {any} */ (window).__nlpbookWorkers?.['lda-trainer'] ?? null,
    );
    expect(hook, 'the test hook is removed with the widget').toBe(null);
    log.assertNone(`training LDA on ${backend}`);
  } finally {
    await page.close();
  }
}

test.describe('LDA trainer', () => {
  test.describe.configure({ timeout: 600_000 });
  test('trains on wasm in its worker: perplexity falls, the topics, map and relevance fill, no leak per step, unmount ends the worker', async () => {
    await trainsOn('wasm', '?backend=wasm&lda.k=4&lda.iterations=20');
  });
  test('trains on webgl (SwiftShader) in its worker', async () => {
    await trainsOn('webgl', '?backend=webgl&lda.k=4&lda.iterations=20&lda.passages=tenth');
  });
});
