/**
 * The book's shell: every route loads cleanly, the table of contents, coming-soon and
 * not-found pages, static deep links, the theme switch, phone widths and accessibility.
 * Independent of the widgets; needs the book shell (src/book).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  currentTheme,
  escapeRegExp,
  formatViolations,
  runAxe,
  useSystemTheme,
  waitForHeading,
} from './lib/book.mjs';
import { bookUrl, launchBrowser, openPage, screenshotOnFailure } from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';
import { DIST } from './lib/server.mjs';

const { CHAPTERS } = await loadChapters();
const READY = CHAPTERS.filter((c) => c.status === 'ready');
const COMING = CHAPTERS.filter((c) => c.status === 'coming');
const BOOK_TITLE = 'NLP, Live';

/** @type {import('./lib/browser.mjs').Browser} */
let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * Opens a route, waits for its h1, checks it logged no error, and returns the page.
 *
 * @param {string} path
 * @param {string} heading text the page's h1 must contain.
 */
async function visit(path, heading) {
  const { page, log } = await openPage(browser.context, bookUrl(path));
  await screenshotOnFailure(page, `site-${path || 'home'}`, async () => {
    await waitForHeading(page, heading);
    log.assertNone(path || 'the home page');
  });
  return { page, log };
}

describe('routes', () => {
  test('the home page loads with no console or page error', async () => {
    const { page } = await visit('', BOOK_TITLE);
    assert.match(await page.title(), new RegExp(escapeRegExp(BOOK_TITLE)));
    await page.close();
  });

  for (const chapter of CHAPTERS) {
    test(`chapter ${chapter.number} (${chapter.slug}, ${chapter.status}) loads with no error`, async () => {
      const { page } = await visit(`chapters/${chapter.slug}`, chapter.title);
      assert.match(
        await page.title(),
        new RegExp(escapeRegExp(chapter.title)),
        'the document title names the chapter',
      );
      const main = page.getByRole('main');
      const mainText = await main.innerText();
      if (chapter.status === 'coming') {
        assert.match(mainText, /coming soon/i, 'a coming chapter says "coming soon"');
        assert.ok(
          mainText.includes(chapter.summary),
          `the coming-soon page shows the summary "${chapter.summary}"`,
        );
      } else {
        assert.ok(
          (await main.locator('p').count()) >= 1,
          'a ready chapter renders its prose (at least one paragraph)',
        );
        const h1 = await main.getByRole('heading', { level: 1 }).first().innerText();
        assert.doesNotMatch(h1, /coming soon/i, 'a ready chapter is not a coming-soon page');
      }
      await page.close();
    });
  }

  test('an unknown route shows a helpful not-found page with a way home', async () => {
    const { page, log } = await openPage(browser.context, bookUrl('chapters/no-such-chapter'));
    await screenshotOnFailure(page, 'site-not-found', async () => {
      await page.getByRole('main').waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      assert.match(await page.getByRole('main').innerText(), /not found|doesn.t exist|no such/i);
      const homeLinks = page.locator('main a[href]');
      assert.ok((await homeLinks.count()) >= 1, 'the not-found page links somewhere useful');
      log.assertNone('the not-found page');
    });
    await page.close();
  });
});

describe('table of contents', () => {
  test('the home page lists every chapter; ready ones link to their page, coming ones are marked', async () => {
    const { page } = await visit('', BOOK_TITLE);
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
      assert.ok(entry.found, `the table of contents lists "${chapter.title}"`);
      const linksToPage = entry.links.some((p) =>
        new RegExp(`/chapters/${escapeRegExp(chapter.slug)}/?$`).test(p),
      );
      if (chapter.status === 'ready') {
        assert.ok(linksToPage, `"${chapter.title}" links to chapters/${chapter.slug}`);
        assert.doesNotMatch(entry.text, /coming soon/i, `"${chapter.title}" is not marked coming`);
      } else {
        assert.match(entry.text, /coming soon/i, `"${chapter.title}" is marked "coming soon"`);
      }
    }
    await page.close();
  });

  test('the in-app link from the home page opens chapter 1', async () => {
    const first = READY[0];
    const { page, log } = await visit('', BOOK_TITLE);
    await page
      .getByRole('main')
      .getByRole('link', { name: new RegExp(escapeRegExp(first.title), 'i') })
      .first()
      .click();
    await waitForHeading(page, first.title);
    assert.match(new URL(page.url()).pathname, new RegExp(`/chapters/${first.slug}/?$`));
    log.assertNone('navigation to chapter 1');
    await page.close();
  });
});

describe('deep links', () => {
  test('the build has a static page for every chapter route and a 404.html', () => {
    const dist = process.env.BOOK_DIST ?? DIST;
    for (const chapter of CHAPTERS) {
      const file = join(dist, 'chapters', chapter.slug, 'index.html');
      assert.ok(existsSync(file), `${file} exists (static hosts serve it for the deep link)`);
    }
    assert.ok(existsSync(join(dist, '404.html')), 'dist/404.html exists');
  });

  test('a chapter URL opened directly, with or without a trailing slash, shows the chapter', async () => {
    for (const path of [`chapters/${READY[0].slug}/`, `chapters/${COMING[0].slug}/`]) {
      const title = path.includes(READY[0].slug) ? READY[0].title : COMING[0].title;
      const { page } = await visit(path, title);
      await page.close();
    }
  });

  test('a link to a section (#id) scrolls to it after the chapter renders (needs chapter 1 prose)', async () => {
    const chapter = READY[0];
    const { page } = await visit(`chapters/${chapter.slug}`, chapter.title);
    const ids = await page.$$eval('main h2[id]', (hs) => hs.map((h) => h.id));
    await page.close();
    assert.ok(
      ids.length >= 2,
      `chapter 1 has at least two h2 sections with ids (found ${ids.length})`,
    );
    // A middle section: the last one may sit too close to the end of the page to reach the top.
    const target = ids[Math.floor(ids.length / 2)];
    const { page: deep } = await visit(`chapters/${chapter.slug}#${target}`, chapter.title);
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
    assert.notEqual(top, null, `#${target} is scrolled into the upper half of the viewport`);
    await deep.close();
  });
});

describe('theme', () => {
  test('follows the system colour scheme until the reader chooses', async () => {
    const { page } = await visit('', BOOK_TITLE);
    for (const scheme of /** @type {const} */ (['dark', 'light'])) {
      await useSystemTheme(page, scheme);
      assert.equal(await currentTheme(page), scheme, `prefers-color-scheme: ${scheme}`);
    }
    await page.close();
  });

  test('the theme switch toggles data-theme, changes the colours and persists across reload', async () => {
    const chapter = READY[0];
    const { page, log } = await visit(`chapters/${chapter.slug}`, chapter.title);
    await useSystemTheme(page, 'light');
    await waitForHeading(page, chapter.title);
    const name = /theme|dark|light/i;
    const banner = page.getByRole('banner');
    const toggle = banner
      .getByRole('button', { name })
      .or(banner.getByRole('switch', { name }))
      .or(banner.getByRole('checkbox', { name }))
      .first();
    assert.ok(await toggle.count(), 'the header has a theme switch (button, switch or checkbox)');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBackground = await background();

    /** Clicks the switch (at most 3 times, for light/dark/system cycles) until `want`. */
    const switchTo = async (/** @type {string} */ want) => {
      for (let i = 0; i < 3 && (await currentTheme(page)) !== want; i++) await toggle.click();
      assert.equal(await currentTheme(page), want, `the switch reaches data-theme="${want}"`);
    };
    await switchTo('dark');
    assert.notEqual(
      await background(),
      lightBackground,
      'the page background changes in dark mode',
    );
    await page.reload();
    await waitForHeading(page, chapter.title);
    assert.equal(await currentTheme(page), 'dark', 'dark persists across reload');
    await switchTo('light');
    await page.reload();
    await waitForHeading(page, chapter.title);
    assert.equal(await currentTheme(page), 'light', 'light persists across reload');
    assert.equal(await background(), lightBackground);
    log.assertNone('theme switching');
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });
});

describe('phone width (360 px)', () => {
  const pages = [
    { path: '', title: BOOK_TITLE },
    ...READY.map((c) => ({ path: `chapters/${c.slug}`, title: c.title })),
    { path: `chapters/${COMING[0].slug}`, title: COMING[0].title },
  ];
  for (const { path, title } of pages) {
    test(`no horizontal overflow on /${path}`, async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(bookUrl(path));
      await screenshotOnFailure(page, `site-360-${path || 'home'}`, async () => {
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
        assert.ok(
          widths.scrollWidth <= 360,
          `scrollWidth ${widths.scrollWidth} > 360; too wide: ${widths.wide.join(', ')}`,
        );
      });
      await page.close();
    });
  }
});

describe('projector width (1920 x 1080)', () => {
  test('widgets use the wide measure, wider than the prose column', async () => {
    const chapter = READY[0];
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(bookUrl(`chapters/${chapter.slug}`));
    await screenshotOnFailure(page, 'site-1920-widget-width', async () => {
      await waitForHeading(page, chapter.title);
      await page.locator('[data-widget]').first().waitFor({ timeout: 60_000 });
      const { prose, widget } = await page.evaluate(() => {
        const p = /** @type {HTMLElement} */ (document.querySelector('.prose > p'));
        const w = /** @type {HTMLElement} */ (document.querySelector('[data-widget]'));
        return { prose: p.getBoundingClientRect().width, widget: w.getBoundingClientRect().width };
      });
      assert.ok(
        widget > prose * 1.2,
        `a widget (${Math.round(widget)} px) is wider than a paragraph (${Math.round(prose)} px)`,
      );
    });
    await page.close();
  });
});

describe('accessibility (axe-core: no serious or critical violations)', () => {
  const pages = [
    { path: '', title: BOOK_TITLE },
    ...READY.map((c) => ({ path: `chapters/${c.slug}`, title: c.title })),
  ];
  for (const { path, title } of pages) {
    for (const scheme of /** @type {const} */ (['light', 'dark'])) {
      test(`/${path} in the ${scheme} theme`, async () => {
        const { page } = await visit(path, title);
        await useSystemTheme(page, scheme);
        await waitForHeading(page, title);
        assert.equal(await currentTheme(page), scheme);
        const violations = (await runAxe(page)).filter(
          (v) => v.impact === 'serious' || v.impact === 'critical',
        );
        assert.equal(
          violations.length,
          0,
          `axe found on /${path} (${scheme}):\n  ${formatViolations(violations)}`,
        );
        await page.close();
      });
    }
  }
});
