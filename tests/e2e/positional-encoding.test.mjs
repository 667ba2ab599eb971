/**
 * WIDGET TESTS (chapter 15): the positional-encoding explorer, opened on the chapter's route of
 * the production build.
 *
 * DOM contract: section[data-widget="positional-encoding"] with data-dmodel, data-length,
 * data-position, data-offset and data-peak (the position where the drawn curve is largest);
 * the heatmap's focusable plot, whose aria-label says "<rows> by <columns>"; the readout
 * [data-readout] with the pairs k apart in [data-offset-pairs]; the curve's <path> in the line
 * chart; controls named after the schema (URL keys `pe.`).
 */
import { expect, test } from '@playwright/test';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import { download, pngSize } from './lib/downloads.mjs';
import { alertText, openChapterWidget, setControl, statusText } from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'transformer');

/** @type {import('@playwright/test').BrowserContext} */
let context;

test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
});

test.afterAll(async () => {
  await context?.close();
});

/** Opens chapter 15 with `query` and waits for the explorer's heatmap. */
async function open(query = '') {
  const opened = await openChapterWidget(context, chapter, 'positional-encoding', query);
  await opened.root.locator('.ui-heatmap-plot').waitFor({ timeout: 120_000 });
  return opened;
}

/** Rows and columns the heatmap says it draws ("... : 50 by 32, values ..."). */
async function heatmapShape(/** @type {import('playwright-core').Locator} */ root) {
  const label = (await root.locator('.ui-heatmap-plot').getAttribute('aria-label')) ?? '';
  const m = label.match(/: (\d+) by (\d+),/);
  return m ? { rows: Number(m[1]), cols: Number(m[2]) } : null;
}

/** The dot products printed in the readout for the pairs k apart. */
async function pairValues(/** @type {import('playwright-core').Locator} */ root) {
  const text = (await root.locator('[data-offset-pairs]').textContent()) ?? '';
  return [...text.matchAll(/PE\((\d+)\) · PE\((\d+)\) = (-?\d+\.\d+)/g)].map((m) => ({
    a: Number(m[1]),
    b: Number(m[2]),
    value: Number(m[3]),
  }));
}

test.describe('chapter 15: positional-encoding explorer', () => {
  test('d_model sets the columns; the curve peaks at the chosen position', async () => {
    const { page, log, root } = await open();
    // Defaults: T = 50, d_model = 32, p = 20, k = 5.
    expect(await heatmapShape(root)).toEqual({ rows: 50, cols: 32 });
    expect(await root.getAttribute('data-peak')).toBe('20');
    // The readout: PE(20)·PE(20) = d_model / 2, and every pair 5 apart has the same value.
    await expect(root.locator('[data-readout]')).toContainText('PE(20) · PE(20) = 16.00');
    const pairs = await pairValues(root);
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    for (const pr of pairs) {
      expect(pr.b - pr.a).toBe(5);
      expect(pr.value).toBeCloseTo(pairs[0].value, 2);
    }
    expect(pairs[0].value).toBeLessThan(16);

    await setControl(root, 'dModel', 8);
    await expect.poll(() => heatmapShape(root)).toEqual({ rows: 50, cols: 8 });
    await expect(root.locator('[data-readout]')).toContainText('PE(20) · PE(20) = 4.00');
    const path = await root.locator('path.ui-line').first().getAttribute('d');

    await setControl(root, 'position', 37);
    await expect.poll(() => root.getAttribute('data-peak')).toBe('37');
    expect(await root.locator('path.ui-line').first().getAttribute('d')).not.toBe(path);
    await setControl(root, 'length', 20);
    await expect.poll(() => heatmapShape(root)).toEqual({ rows: 20, cols: 8 });
    // p = 37 no longer fits: the last row is used, with a message.
    expect(await root.getAttribute('data-position')).toBe('19');
    expect(await root.getAttribute('data-peak')).toBe('19');
    expect(await statusText(root)).toMatch(/Position 37 is past the last row.*19 is shown/);

    // Keyboard: the heatmap is focusable and the arrow keys read its cells.
    await root.locator('.ui-heatmap-plot').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    // Row 1, column 1: cos(1) = 0.540.
    await expect(root.locator('.ui-heatmap-plot [aria-live]')).toHaveText(
      'pos 1, dimension j (even: sin, odd: cos) 1: 0.540',
    );
    // The d_model slider moves in even steps from the keyboard.
    await root.locator('input[name="dModel-slider"]').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => root.getAttribute('data-dmodel')).toBe('10');
    await expect.poll(() => heatmapShape(root)).toEqual({ rows: 20, cols: 10 });
    log.assertNone('using the positional-encoding explorer');
    await page.close();
  });

  test('the heatmap (cells on a canvas) saves as SVG with the cells embedded, and as PNG', async () => {
    const { page, log, root } = await open();
    const figure = root.locator('figure.ui-heatmap');
    expect(
      await figure.locator('canvas').count(),
      'the default 50 x 32 table is drawn on a canvas',
    ).toBe(1);
    const svgFile = await download(page, figure.getByRole('button', { name: /as SVG$/ }));
    const svg = svgFile.bytes.toString('utf8');
    expect(svg, 'the canvas cells go in as a PNG image').toMatch(
      /<image[^>]* href="data:image\/png;base64,/,
    );
    expect(svg, 'the labels stay vector text').toMatch(
      /<text[^>]*>pos<\/text>|<text[^>]*>[^<]*pos/,
    );
    const canvasWidth = await figure
      .locator('canvas')
      .evaluate((c) => c.getBoundingClientRect().width);
    const { width } = pngSize(
      (await download(page, figure.getByRole('button', { name: /as PNG$/ }))).bytes,
    );
    expect(width).toBeGreaterThanOrEqual(2 * canvasWidth);
    log.assertNone('saving the heatmap');
    await page.close();
  });

  test('out-of-range and odd URL values are clamped with a message', async () => {
    const { page, log, root } = await open('?pe.dModel=1000&pe.length=3&pe.offset=7');
    const alerts = await alertText(root);
    expect(alerts).toMatch(/d_model 1,?000 is above the maximum 128; using 128/);
    expect(alerts).toMatch(/Positions T 3 is below the minimum 8; using 8/);
    expect(await heatmapShape(root)).toEqual({ rows: 8, cols: 128 });
    // The default p = 20 and the offset 7 do not fit 8 rows: p = 7 and k = 7 are shown.
    expect(await root.getAttribute('data-position')).toBe('7');
    expect(await root.getAttribute('data-offset')).toBe('7');
    expect(await root.getAttribute('data-peak')).toBe('7');
    await page.close();

    const odd = await open('?pe.dModel=7');
    expect(await statusText(odd.root)).toMatch(/d_model must be even.*7 is drawn as 8/);
    expect(await heatmapShape(odd.root)).toEqual({ rows: 50, cols: 8 });
    log.assertNone('URL settings out of range');
    odd.log.assertNone('an odd d_model');
    await odd.page.close();
  });
});
