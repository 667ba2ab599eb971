/**
 * PRINT (src/book/styles/print.css, src/ui/styles/share.css): a chapter printed in the dark
 * theme keeps its prose, math and figures on white, without the site's header, sidebar and
 * footer; each widget prints its title and a one-line note instead of its controls; external
 * links print their address; page.pdf() makes a multi-page PDF.
 *
 * Playwright Test; paths are relative to the config's baseURL.
 */
import { expect, test } from '@playwright/test';
import { widget } from './lib/widgets.mjs';

const CHAPTER_11 = 'chapters/convolutional-networks';

test('a chapter prints its prose and math on white without navigation or widget controls', async ({
  page,
}, testInfo) => {
  await page.goto(CHAPTER_11);
  await page.getByRole('switch', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const root = widget(page, 'conv-arithmetic');
  await root.locator('[name="kernel"]').first().waitFor();
  const math = page.locator('.chapter-body .katex-display').first();
  await expect(math).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.chapter-sidebar')).toBeHidden();
  await expect(page.locator('.prev-next')).toBeHidden();
  await expect(page.locator('.site-footer')).toBeHidden();
  // Widgets: the title and a note; no controls, no trainer bar, no buttons.
  await expect(root.locator('.ui-widget-title')).toBeVisible();
  await expect(root.locator('.ui-print-note')).toBeVisible();
  await expect(root.locator('[name="kernel"]').first()).toBeHidden();
  await expect(root.getByRole('button', { name: 'Copy link' })).toBeHidden();
  await expect(
    widget(page, 'textcnn')
      .getByRole('button', { name: /Play|Train/ })
      .first(),
  ).toBeHidden();
  // Prose and math are there, dark text on white although the dark theme is on.
  await expect(math).toBeVisible();
  await expect(page.locator('.chapter-body p').first()).toBeVisible();
  const colours = await page.evaluate(() => ({
    body: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(
      document.querySelector('.chapter-body > p:not(.eyebrow)') ?? document.body,
    ).color,
  }));
  expect(colours).toEqual({ body: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });
  // An external link prints where it goes (no chapter has one yet: one is added for the test).
  const after = await page.evaluate(() => {
    const p = document.createElement('p');
    p.innerHTML = 'See <a href="https://example.org/paper">the paper</a>.';
    document.querySelector('.chapter-body')?.append(p);
    const content = getComputedStyle(
      /** @type {Element} */ (p.firstElementChild),
      '::after',
    ).content;
    p.remove();
    return content;
  });
  expect(after).toBe('" (https://example.org/paper)"');
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.site-header')).toBeVisible();

  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await testInfo.attach('chapter-11.pdf', { body: pdf, contentType: 'application/pdf' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThan(5);
});
