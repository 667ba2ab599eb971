/**
 * Chapter 1 renders its mathematics with KaTeX at build time (remark-math + rehype-katex).
 * Needs chapter 1's prose (chapters/01-preprocessing.mdx) to contain inline and display math.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { useSystemTheme, waitForHeading } from './lib/book.mjs';
import { bookUrl, launchBrowser, openPage, screenshotOnFailure } from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';

const { CHAPTERS } = await loadChapters();
const first = CHAPTERS.filter((c) => c.status === 'ready')[0];

/** @type {import('./lib/browser.mjs').Browser} */
let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('chapter 1 renders KaTeX: inline and display math, no errors, styles and fonts applied', async () => {
  const { page, log } = await openPage(browser.context, bookUrl(`chapters/${first.slug}`));
  await screenshotOnFailure(page, 'math-chapter1', async () => {
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
    assert.ok(stats.katex >= 2, `at least two math expressions render (found ${stats.katex})`);
    assert.ok(stats.display >= 1, `at least one display-math block (found ${stats.display})`);
    assert.deepEqual(stats.errors, [], 'no .katex-error (TeX that failed to parse)');
    assert.equal(stats.mathml, stats.katex, 'every expression carries MathML for screen readers');
    assert.match(stats.font, /KaTeX_Main/, 'the KaTeX stylesheet is applied');
    const fontsOk = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded');
    });
    assert.ok(fontsOk, 'KaTeX fonts load');
    log.assertNone('chapter 1');
  });
  await page.close();
});

test('math is readable in the dark theme (its colour follows the text colour)', async () => {
  const { page } = await openPage(browser.context, bookUrl(`chapters/${first.slug}`));
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
  assert.ok(colours.math, 'chapter 1 has math');
  assert.equal(colours.math, colours.text, 'KaTeX inherits the prose colour');
  assert.notEqual(colours.math, colours.background);
  await page.evaluate(() => localStorage.clear());
  await page.close();
});
