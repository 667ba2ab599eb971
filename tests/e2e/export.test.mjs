/**
 * SAVE A CHART (issue 18): every chart's header has "SVG" and "PNG" buttons
 * (src/ui/ChartSave.tsx, src/ui/chartExport.ts). The SVG is standalone (no CSS variables, no
 * classes, the theme's colours written on each element, the title on top, the legend redrawn);
 * the PNG is the same picture at twice the chart's size. Checked on chapter 5's Gibbs toy, whose
 * bar and line charts draw without training; the heatmap's canvas case is checked in
 * positional-encoding.test.mjs.
 */
import { expect, test } from '@playwright/test';
import { waitForHeading } from './lib/book.mjs';
import { openPage, until } from './lib/browser.mjs';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import { download, pngSize } from './lib/downloads.mjs';
import { widget } from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'topic-models');

test('a chart saves as a standalone SVG and as a PNG at twice its size', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ acceptDownloads: true, colorScheme: 'dark' });
  try {
    const { page, log } = await openPage(context, `chapters/${chapter.slug}`);
    await waitForHeading(page, chapter.title);
    const root = widget(page, 'gibbs-toy');
    await root.scrollIntoViewIfNeeded({ timeout: 60_000 });
    const button = (name) => root.getByRole('button', { name, exact: true });
    await button('Step').click();
    await button('Finish the sweep').click();
    await until(async () => (await root.getAttribute('data-sweeps')) === '1');

    const line = root.locator('figure.ui-chart', { hasText: 'after each sweep' });
    await expect(line.locator('svg.ui-svg path').first()).toBeVisible();
    const title = (await line.locator('.ui-chart-title').innerText()).trim();

    await test.step('SVG: standalone, titled, the theme resolved', async () => {
      const svgButton = line.getByRole('button', { name: /as SVG$/ });
      const { name, bytes } = await download(page, svgButton);
      expect(name).toMatch(/^log-p-w-z-after-each-sweep\.svg$/);
      const svg = bytes.toString('utf8');
      expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).toContain(`<title>${title}</title>`);
      expect(svg, 'no CSS variables left').not.toMatch(/var\(--/);
      expect(svg, 'no class names (the page CSS does not travel)').not.toMatch(/\sclass="/);
      expect(svg, 'the curve is there').toMatch(/<path[^>]* d="M/);
      // Dark theme: the background is the page's dark background, not white.
      const bg = await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--color-bg').trim(),
      );
      expect(svg).toContain(`fill="${bg}"`);
      // It is a well-formed SVG document the browser can draw.
      const drawn = await page.evaluate(async (text) => {
        const img = new Image();
        img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
        await img.decode();
        return { w: img.naturalWidth, h: img.naturalHeight };
      }, svg);
      expect(drawn.w).toBeGreaterThan(100);
      expect(drawn.h).toBeGreaterThan(100);
    });

    await test.step('PNG: the same chart at twice its CSS size', async () => {
      const plotWidth = await line
        .locator('svg.ui-svg')
        .evaluate((el) => el.getBoundingClientRect().width);
      const { name, bytes } = await download(page, line.getByRole('button', { name: /as PNG$/ }));
      expect(name).toMatch(/\.png$/);
      const { width, height } = pngSize(bytes);
      expect(width).toBeGreaterThanOrEqual(2 * plotWidth);
      expect(height).toBeGreaterThan(200);
    });

    await test.step('a bar chart saves too, with one rect per bar', async () => {
      const bars = root.locator('figure.ui-bars').first();
      const count = await bars.locator('svg.ui-svg rect').count();
      const { bytes } = await download(page, bars.getByRole('button', { name: /as SVG$/ }));
      const rects = bytes.toString('utf8').match(/<rect\b/g) ?? [];
      expect(rects.length, 'the bars and the background').toBe(count + 1);
    });
    log.assertNone('saving charts');
  } finally {
    await context.close();
  }
});
