/**
 * The book's shell: every route loads cleanly, the table of contents, coming-soon and
 * not-found pages, static deep links, the theme switch, phone widths and accessibility.
 * Independent of the widgets; needs the book shell (src/book).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  currentTheme,
  escapeRegExp,
  formatViolations,
  runAxe,
  useSystemTheme,
  waitForHeading,
} from './lib/book.mjs';
import { openPage } from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';
import { DIST } from './lib/server.mjs';

const { CHAPTERS } = await loadChapters();
const READY = CHAPTERS.filter((c) => c.status === 'ready');
const COMING = CHAPTERS.filter((c) => c.status === 'coming');
const BOOK_TITLE = 'NLP, Live';

/**
 * Opens a route in a new tab, waits for its h1, checks it logged no error, and returns the page.
 *
 * @param {import('@playwright/test').BrowserContext} context the test's `context` fixture.
 * @param {string} path relative to the site's base ('' for the home page).
 * @param {string} heading text the page's h1 must contain.
 */
async function visit(context, path, heading) {
  const { page, log } = await openPage(context, path);
  await test.step(`/${path} shows its heading and logs no error`, async () => {
    await waitForHeading(page, heading);
    log.assertNone(path || 'the home page');
  });
  return { page, log };
}

test.describe('routes', () => {
  test('the home page loads with no console or page error', async ({ context }) => {
    const { page } = await visit(context, '', BOOK_TITLE);
    await expect(page).toHaveTitle(new RegExp(escapeRegExp(BOOK_TITLE)));
    await page.close();
  });

  test('the notation page is linked from the contents and renders its symbols', async ({
    context,
  }) => {
    const { page, log } = await visit(context, '', BOOK_TITLE);
    await page.locator('.toc-extra').getByRole('link', { name: 'Notation' }).click();
    await waitForHeading(page, 'Notation');
    await expect(page).toHaveTitle(/Notation/);
    const main = page.getByRole('main');
    expect(await main.locator('tbody tr').count(), 'one row per symbol group').toBeGreaterThan(10);
    expect(await main.locator('.katex').count(), 'symbols typeset by KaTeX').toBeGreaterThan(20);
    expect(await main.locator('.katex-error').count(), 'no KaTeX error').toBe(0);
    log.assertNone('the notation page');
    await page.close();
    const direct = await visit(context, 'notation', 'Notation');
    await direct.page.close();
  });

  for (const chapter of CHAPTERS) {
    test(`chapter ${chapter.number} (${chapter.slug}, ${chapter.status}) loads with no error`, async ({
      context,
    }) => {
      const { page } = await visit(context, `chapters/${chapter.slug}`, chapter.title);
      // The title is set once the chapter has rendered: a web-first assertion waits for it.
      await expect(page, 'the document title names the chapter').toHaveTitle(
        new RegExp(escapeRegExp(chapter.title)),
      );
      const main = page.getByRole('main');
      const mainText = await main.innerText();
      if (chapter.status === 'coming') {
        expect(mainText, 'a coming chapter says "coming soon"').toMatch(/coming soon/i);
        expect(
          mainText.includes(chapter.summary),
          `the coming-soon page shows the summary "${chapter.summary}"`,
        ).toBeTruthy();
      } else {
        expect(
          (await main.locator('p').count()) >= 1,
          'a ready chapter renders its prose (at least one paragraph)',
        ).toBeTruthy();
        const h1 = await main.getByRole('heading', { level: 1 }).first().innerText();
        expect(h1, 'a ready chapter is not a coming-soon page').not.toMatch(/coming soon/i);
      }
      await page.close();
    });
  }

  test('an unknown route shows a helpful not-found page with a way home', async ({ context }) => {
    const { page, log } = await openPage(context, 'chapters/no-such-chapter');
    await test.step('site-not-found', async () => {
      await page.getByRole('main').waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('main').innerText()).toMatch(/not found|doesn.t exist|no such/i);
      const homeLinks = page.locator('main a[href]');
      expect(
        (await homeLinks.count()) >= 1,
        'the not-found page links somewhere useful',
      ).toBeTruthy();
      log.assertNone('the not-found page');
    });
    await page.close();
  });
});

test.describe('table of contents', () => {
  test('the home page lists every chapter; ready ones link to their page, coming ones are marked', async ({
    context,
  }) => {
    const { page } = await visit(context, '', BOOK_TITLE);
    const entries = await page.evaluate(
      (/** @type {{ title: string; slug: string }[]} */ chapters) =>
        chapters.map(({ title, slug }) => {
          // The innermost elements whose text contains the title.
          const hits = [...document.querySelectorAll('main *')].filter(
            (el) =>
              el.textContent?.includes(title) &&
              ![...el.children].some((child) => child.textContent?.includes(title)),
          );
          const entry =
            hits[0]?.closest('li, tr, article, [role="listitem"]') ?? hits[0]?.parentElement;
          const links = [...(entry?.querySelectorAll('a[href]') ?? [])].map(
            (a) => new URL(/** @type {HTMLAnchorElement} */ (a).href).pathname,
          );
          const selfLink = hits[0]?.closest('a[href]');
          if (selfLink)
            links.push(new URL(/** @type {HTMLAnchorElement} */ (selfLink).href).pathname);
          return {
            slug,
            found: hits.length > 0,
            text: entry?.textContent ?? '',
            links,
          };
        }),
      CHAPTERS.map(({ title, slug }) => ({ title, slug })),
    );
    for (const [i, chapter] of CHAPTERS.entries()) {
      const entry = entries[i];
      expect(entry.found, `the table of contents lists "${chapter.title}"`).toBeTruthy();
      const linksToPage = entry.links.some((p) =>
        new RegExp(`/chapters/${escapeRegExp(chapter.slug)}/?$`).test(p),
      );
      if (chapter.status === 'ready') {
        expect(linksToPage, `"${chapter.title}" links to chapters/${chapter.slug}`).toBeTruthy();
        expect(entry.text, `"${chapter.title}" is not marked coming`).not.toMatch(/coming soon/i);
      } else {
        expect(entry.text, `"${chapter.title}" is marked "coming soon"`).toMatch(/coming soon/i);
      }
    }
    await page.close();
  });

  test('the in-app link from the home page opens chapter 1', async ({ context }) => {
    const first = READY[0];
    const { page, log } = await visit(context, '', BOOK_TITLE);
    await page
      .getByRole('main')
      .getByRole('link', { name: new RegExp(escapeRegExp(first.title), 'i') })
      .first()
      .click();
    await waitForHeading(page, first.title);
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`/chapters/${first.slug}/?$`));
    log.assertNone('navigation to chapter 1');
    await page.close();
  });
});

test.describe('deep links', () => {
  test('the build has a static page for every chapter route, the notation page and a 404.html', () => {
    const dist = DIST;
    for (const chapter of CHAPTERS) {
      const file = join(dist, 'chapters', chapter.slug, 'index.html');
      expect(
        existsSync(file),
        `${file} exists (static hosts serve it for the deep link)`,
      ).toBeTruthy();
    }
    expect(
      existsSync(join(dist, 'notation', 'index.html')),
      'dist/notation/index.html',
    ).toBeTruthy();
    expect(existsSync(join(dist, '404.html')), 'dist/404.html exists').toBeTruthy();
  });

  test('a chapter URL opened directly, with or without a trailing slash, shows the chapter', async ({
    context,
  }) => {
    for (const path of [`chapters/${READY[0].slug}/`, `chapters/${COMING[0].slug}/`]) {
      const title = path.includes(READY[0].slug) ? READY[0].title : COMING[0].title;
      const { page } = await visit(context, path, title);
      await page.close();
    }
  });

  test('a link to a section (#id) scrolls to it after the chapter renders (needs chapter 1 prose)', async ({
    context,
  }) => {
    const chapter = READY[0];
    const { page } = await visit(context, `chapters/${chapter.slug}`, chapter.title);
    const ids = await page.$$eval('main h2[id]', (hs) => hs.map((h) => h.id));
    await page.close();
    expect(
      ids.length >= 2,
      `chapter 1 has at least two h2 sections with ids (found ${ids.length})`,
    ).toBeTruthy();
    // A middle section: the last one may sit too close to the end of the page to reach the top.
    const target = ids[Math.floor(ids.length / 2)];
    const { page: deep } = await visit(
      context,
      `chapters/${chapter.slug}#${target}`,
      chapter.title,
    );
    const top = await deep
      .waitForFunction(
        (id) => {
          const el = document.getElementById(id);
          const y = el?.getBoundingClientRect().top ?? Infinity;
          // In the upper half of the viewport (a sticky header may sit above it).
          return window.scrollY > 0 && y >= -5 && y < window.innerHeight / 2 ? y : null;
        },
        target,
        { timeout: 10_000 },
      )
      .then((h) => h.jsonValue())
      .catch(() => null);
    expect(top, `#${target} is scrolled into the upper half of the viewport`).not.toBe(null);
    await deep.close();
  });

  test('"On this page" follows a jump: it marks the section jumped to, not the one left', async ({
    context,
  }) => {
    const chapter = READY[0];
    const { page } = await visit(context, `chapters/${chapter.slug}`, chapter.title);
    // The entry to mark: the last outline heading at or above the reading line, 25% down the
    // viewport below the header (the rule the outline states); null above the first heading.
    const expected = () =>
      page.evaluate(() => {
        const header = document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0;
        const line = header + (innerHeight - header) * 0.25;
        const links = [...document.querySelectorAll('a[href*="#"]')];
        const ids = [...document.querySelectorAll('main :is(h2, h3)[id]')]
          .map((h) => h.id)
          .filter((id) => links.some((a) => a.getAttribute('href')?.endsWith(`#${id}`)));
        let id = null;
        for (const x of ids) {
          if ((document.getElementById(x)?.getBoundingClientRect().top ?? Infinity) <= line) id = x;
        }
        return id;
      });
    const current = () =>
      page.evaluate(
        () =>
          document
            .querySelector('[aria-current="location"]')
            ?.getAttribute('href')
            ?.split('#')[1] ?? null,
      );
    // Jumps as a link, a search result or the End/Home keys make, landing between headings
    // (e.g. inside a tall widget): no heading passes the top of the viewport on the way.
    for (const at of [0.55, 0.85, 0.3]) {
      await page.evaluate((f) => window.scrollTo(0, f * document.body.scrollHeight), at);
      await page.waitForTimeout(300);
      const want = await expected();
      expect(want, `a heading lies above ${at * 100}% of the page`).not.toBe(null);
      await expect
        .poll(current, { timeout: 5_000, message: `at ${at * 100}% the outline marks #${want}` })
        .toBe(want);
    }
    await page.close();
  });
});

test.describe('theme', () => {
  test('follows the system colour scheme until the reader chooses', async ({ context }) => {
    const { page } = await visit(context, '', BOOK_TITLE);
    for (const scheme of /** @type {const} */ (['dark', 'light'])) {
      await useSystemTheme(page, scheme);
      expect(await currentTheme(page), `prefers-color-scheme: ${scheme}`).toBe(scheme);
    }
    await page.close();
  });

  test('the theme switch toggles data-theme, changes the colours and persists across reload', async ({
    context,
  }) => {
    const chapter = READY[0];
    const { page, log } = await visit(context, `chapters/${chapter.slug}`, chapter.title);
    await useSystemTheme(page, 'light');
    await waitForHeading(page, chapter.title);
    const name = /theme|dark|light/i;
    const banner = page.getByRole('banner');
    const toggle = banner
      .getByRole('button', { name })
      .or(banner.getByRole('switch', { name }))
      .or(banner.getByRole('checkbox', { name }))
      .first();
    expect(
      await toggle.count(),
      'the header has a theme switch (button, switch or checkbox)',
    ).toBeTruthy();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBackground = await background();

    /** Clicks the switch (at most 3 times, for light/dark/system cycles) until `want`. */
    const switchTo = async (/** @type {string} */ want) => {
      for (let i = 0; i < 3 && (await currentTheme(page)) !== want; i++) await toggle.click();
      expect(await currentTheme(page), `the switch reaches data-theme="${want}"`).toBe(want);
    };
    await switchTo('dark');
    expect(await background(), 'the page background changes in dark mode').not.toBe(
      lightBackground,
    );
    await page.reload();
    await waitForHeading(page, chapter.title);
    expect(await currentTheme(page), 'dark persists across reload').toBe('dark');
    await switchTo('light');
    await page.reload();
    await waitForHeading(page, chapter.title);
    expect(await currentTheme(page), 'light persists across reload').toBe('light');
    expect(await background()).toBe(lightBackground);
    log.assertNone('theme switching');
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });
});

test.describe('phone width (360 px)', () => {
  const pages = [
    { path: '', title: BOOK_TITLE },
    { path: 'notation', title: 'Notation' },
    ...READY.map((c) => ({ path: `chapters/${c.slug}`, title: c.title })),
    { path: `chapters/${COMING[0].slug}`, title: COMING[0].title },
  ];
  for (const { path, title } of pages) {
    test(`no horizontal overflow on /${path}`, async ({ context }) => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(path || './');
      await test.step(`site-360-${path || 'home'}`, async () => {
        await waitForHeading(page, title);
        const widths = await page.evaluate(() => {
          const root = document.documentElement;
          const tooWide = [...document.querySelectorAll('body *')].filter(
            (el) => el.getBoundingClientRect().right > root.clientWidth + 1,
          );
          // Name the outermost offenders only (not every descendant of one wide block).
          const wide = tooWide
            .filter((el) => !tooWide.some((other) => other !== el && other.contains(el)))
            .slice(0, 5)
            .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
          return { scrollWidth: root.scrollWidth, wide };
        });
        expect(
          widths.scrollWidth <= 360,
          `scrollWidth ${widths.scrollWidth} > 360; too wide: ${widths.wide.join(', ')}`,
        ).toBeTruthy();
      });
      await page.close();
    });
  }
});

test.describe('projector width (1920 x 1080)', () => {
  test('widgets use the wide measure, wider than the prose column', async ({ context }) => {
    const chapter = READY[0];
    const page = await context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`chapters/${chapter.slug}`);
    await test.step('site-1920-widget-width', async () => {
      await waitForHeading(page, chapter.title);
      await page.locator('[data-widget]').first().waitFor({ timeout: 60_000 });
      const { prose, widget } = await page.evaluate(() => {
        const p = /** @type {HTMLElement} */ (document.querySelector('.prose > p'));
        const w = /** @type {HTMLElement} */ (document.querySelector('[data-widget]'));
        return { prose: p.getBoundingClientRect().width, widget: w.getBoundingClientRect().width };
      });
      expect(
        widget > prose * 1.2,
        `a widget (${Math.round(widget)} px) is wider than a paragraph (${Math.round(prose)} px)`,
      ).toBeTruthy();
    });
    await page.close();
  });
});

test.describe('accessibility (axe-core: no serious or critical violations)', () => {
  // Every rule in the light theme; in the dark theme only the rules whose outcome depends on
  // colour (the theme changes nothing else), which halves the suite's slowest part.
  const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
  const pages = [
    { path: '', title: BOOK_TITLE },
    { path: 'notation', title: 'Notation' },
    ...READY.map((c) => ({ path: `chapters/${c.slug}`, title: c.title })),
  ];
  for (const { path, title } of pages) {
    test(`/${path} in the light theme, and its colours in the dark theme`, async ({ context }) => {
      const { page } = await visit(context, path, title);
      for (const scheme of /** @type {const} */ (['light', 'dark'])) {
        await useSystemTheme(page, scheme);
        await waitForHeading(page, title);
        expect(await currentTheme(page)).toBe(scheme);
        const rules = scheme === 'dark' ? COLOUR_RULES : [];
        const violations = (await runAxe(page, { rules })).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );
        expect(
          violations.length,
          `axe found on /${path} (${scheme}):\n  ${formatViolations(violations)}`,
        ).toBe(0);
      }
      await page.close();
    });
  }
});
