/**
 * Chapter 1 renders its mathematics with KaTeX at build time (remark-math + rehype-katex).
 * Needs chapter 1's prose (chapters/01-preprocessing.mdx) to contain inline and display math.
 */
import { expect, test } from '@playwright/test';
import { useSystemTheme, waitForHeading } from './lib/book.mjs';
import { openPage } from './lib/browser.mjs';
import { firstReadyChapter, loadChapters } from './lib/chapters.mjs';

const { CHAPTERS } = await loadChapters();
const first = firstReadyChapter(CHAPTERS);

test('chapter 1 renders KaTeX: inline and display math, no errors, styles and fonts applied', async ({
  context,
}) => {
  const { page, log } = await openPage(context, `chapters/${first.slug}`);
  await waitForHeading(page, first.title);
  const stats = await page.evaluate(() => {
    const katex = document.querySelectorAll('main .katex');
    const sample = katex[0];
    return {
      katex: katex.length,
      display: document.querySelectorAll('main .katex-display').length,
      errors: [...document.querySelectorAll('main .katex-error')].map((e) => e.textContent),
      mathml: document.querySelectorAll('main .katex .katex-mathml math').length,
      font: sample ? getComputedStyle(sample).fontFamily : '',
    };
  });
  expect(stats.katex, 'at least two math expressions render').toBeGreaterThanOrEqual(2);
  expect(stats.display, 'at least one display-math block').toBeGreaterThanOrEqual(1);
  expect(stats.errors, 'no .katex-error (TeX that failed to parse)').toEqual([]);
  expect(stats.mathml, 'every expression carries MathML for screen readers').toBe(stats.katex);
  expect(stats.font, 'the KaTeX stylesheet is applied').toMatch(/KaTeX_Main/);
  const fontsOk = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded');
  });
  expect(fontsOk, 'KaTeX fonts load').toBe(true);
  log.assertNone('chapter 1');
});

test('math is readable in the dark theme (its colour follows the text colour)', async ({
  context,
}) => {
  const { page } = await openPage(context, `chapters/${first.slug}`);
  await waitForHeading(page, first.title);
  await useSystemTheme(page, 'dark');
  await waitForHeading(page, first.title);
  const colours = await page.evaluate(() => {
    const math = document.querySelector('main .katex');
    const text = math?.closest('p, div, li') ?? document.body;
    return {
      math: math ? getComputedStyle(math).color : null,
      text: getComputedStyle(text).color,
      background: getComputedStyle(document.body).backgroundColor,
    };
  });
  expect(colours.math, 'chapter 1 has math').toBeTruthy();
  expect(colours.math, 'KaTeX inherits the prose colour').toBe(colours.text);
  expect(colours.math).not.toBe(colours.background);
});
