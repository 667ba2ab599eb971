/**
 * SEARCH THE BOOK (src/book/search): "/" focuses the header's search box; for every ready
 * chapter, a heading's words find that section, listed with its chapter, and the result's link
 * opens the chapter scrolled to that heading.
 *
 * The term of each chapter is its longest h2-h4 heading, read from its MDX here, so the test
 * follows the chapters as they change.
 *
 * Playwright Test; paths are relative to the config's baseURL.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadChapters } from './lib/chapters.mjs';
import { ROOT } from './lib/server.mjs';

const { CHAPTERS } = await loadChapters();
const READY = CHAPTERS.filter((/** @type {{ status: string }} */ c) => c.status === 'ready');
const FILES = readdirSync(join(ROOT, 'chapters'));

/**
 * The longest markdown heading (h2-h4) of a chapter, as text (code spans unwrapped), outside
 * fenced code.
 *
 * @param {string} slug
 * @returns {string}
 */
function longestHeading(slug) {
  const file = FILES.find((f) => f.endsWith(`-${slug}.mdx`));
  if (!file) throw new Error(`no chapters/NN-${slug}.mdx`);
  let fenced = false;
  const headings = [];
  for (const line of readFileSync(join(ROOT, 'chapters', file), 'utf8').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = !fenced && /^#{2,4}\s+(.+?)\s*$/.exec(line);
    if (m) headings.push(m[1].replace(/`([^`]*)`/g, '$1'));
  }
  return headings.reduce((a, b) => (b.length > a.length ? b : a), '');
}

test('"/" focuses the search box; a term of every chapter is found and its link jumps to the heading', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('');
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search the book' });
  await expect(box).toBeFocused();
  await expect(box).toHaveValue(''); // the "/" is not typed into it

  for (const chapter of READY) {
    const heading = longestHeading(chapter.slug);
    await box.fill(heading);
    const result = page
      .locator('.search__result')
      .filter({ hasText: `Chapter ${chapter.number} · ${chapter.title}` })
      .filter({ has: page.locator('.search__heading', { hasText: heading }) });
    await expect(result, `${chapter.slug}: "${heading}"`).toHaveCount(1);
    // Among the first three results.
    const rank = await page
      .locator('.search__result')
      .evaluateAll(
        (links, h) =>
          links.findIndex((a) => a.querySelector('.search__heading')?.textContent === h),
        heading,
      );
    expect(rank, `${chapter.slug}: rank of "${heading}"`).toBeLessThan(3);
    await result.click();

    await expect(page).toHaveURL(new RegExp(`/chapters/${chapter.slug}#`));
    const anchor = decodeURIComponent(new URL(page.url()).hash.slice(1));
    const target = page.locator(`[id="${anchor}"]`);
    await expect(target).toHaveText(new RegExp(heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    expect(await target.evaluate((el) => /^H[2-4]$/.test(el.tagName))).toBe(true);
    await expect(target).toBeInViewport();
    // The results closed and the box is empty for the next search.
    await expect(page.locator('.search__panel')).toHaveCount(0);
    await expect(box).toHaveValue('');
  }
});

test('no result says so; Esc clears the box', async ({ page }) => {
  await page.goto('');
  const box = page.getByRole('searchbox', { name: 'Search the book' });
  await box.fill('qwxzzyv');
  await expect(page.getByRole('status').filter({ hasText: 'No section mentions' })).toBeVisible();
  await box.press('Escape');
  await expect(box).toHaveValue('');
  await expect(page.locator('.search__panel')).toHaveCount(0);
});
