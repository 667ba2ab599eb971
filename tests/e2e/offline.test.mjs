/**
 * OFFLINE AND INSTALLABLE (issue 18): the service worker (scripts/pwa.ts) precaches the app
 * shell and the chapters at the first visit and caches a widget's worker and corpus on first
 * use; after that, with the site unreachable, a chapter loads and its widget trains.
 *
 * "Network off" is real here: this file serves the build with its own `vite preview` on a free
 * port and stops that server, so every request the page or its service worker makes fails
 * unless a cache answers it (Playwright's offline emulation does not reach service workers).
 * The rest of the suite runs with service workers blocked (playwright.config.mjs), so that
 * request interception sees every request.
 */
import { expect, test } from '@playwright/test';
import { waitForHeading } from './lib/book.mjs';
import { until, watchErrors } from './lib/browser.mjs';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import { startPreview } from './lib/server.mjs';
import { alertText, trainerState, widget } from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const preprocessing = findChapter(CHAPTERS, 'preprocessing');
const attention = findChapter(CHAPTERS, 'attention');
const WIDGET = 'sentiment-classifier';

test.describe('offline', () => {
  test.describe.configure({ timeout: 420_000 });

  test('after one visit, with the server stopped, chapters load and a widget trains', async ({
    browser,
  }) => {
    const server = await startPreview();
    let serverUp = true;
    const context = await browser.newContext({ baseURL: server.url, serviceWorkers: 'allow' });
    try {
      const page = await context.newPage();
      // The one request this test makes to fail on purpose (below) is not an error.
      const log = watchErrors(page, { ignore: [/no-such-file-/] });

      await test.step('first visit: the service worker installs, precaches and takes control', async () => {
        await page.goto(`chapters/${preprocessing.slug}?backend=wasm`);
        await waitForHeading(page, preprocessing.title);
        const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
        expect(manifest, 'the page links a web app manifest').toBeTruthy();
        const parsed = await page.evaluate(async (href) => (await fetch(href)).json(), manifest);
        expect(parsed.name).toMatch(/NLP, Live/);
        // Installable: icons of 192 and 512 px that load.
        const sizes = parsed.icons.map((/** @type {{ sizes: string }} */ i) => i.sizes);
        expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
        for (const icon of parsed.icons) {
          // Icon URLs are relative to the manifest's URL.
          const type = await page.evaluate(
            async ([src, from]) => {
              const r = await fetch(new URL(src, new URL(from, location.href)));
              return r.ok ? r.headers.get('content-type') : `HTTP ${r.status}`;
            },
            [icon.src, manifest],
          );
          expect(type, `icon ${icon.src} is an image`).toMatch(/^image\//);
        }
        expect(parsed.display).toBe('standalone');
        await page.evaluate(() => navigator.serviceWorker.ready);
        await until(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
          timeoutMs: 120_000,
          message: 'the service worker never took control of the page',
        });
      });

      await test.step('online, the widget trains once (its worker and corpus are cached on use)', async () => {
        await page.reload();
        await waitForHeading(page, preprocessing.title);
        const root = widget(page, WIDGET);
        await root.scrollIntoViewIfNeeded();
        await root.getByRole('button', { name: /^play/i }).click();
        await until(async () => (await trainerState(root)).step >= 5, {
          timeoutMs: 180_000,
          message: async () => `online training: ${JSON.stringify(await trainerState(root))}`,
        });
        await root.getByRole('button', { name: /^pause/i }).click();
      });

      await test.step('the server stops: a reload still shows the chapter', async () => {
        await server.close();
        serverUp = false;
        const failed = await page.evaluate(() =>
          fetch(`/no-such-file-${Date.now()}.json`).then(
            (r) => `HTTP ${r.status}`,
            () => 'failed',
          ),
        );
        expect(failed, 'with the server stopped, an uncached request fails').toBe('failed');
        await page.reload();
        await waitForHeading(page, preprocessing.title, 60_000);
        await expect(page.locator('.katex').first()).toBeVisible();
      });

      await test.step('offline, the widget trains again', async () => {
        const root = widget(page, WIDGET);
        await root.scrollIntoViewIfNeeded();
        await root.getByRole('button', { name: /^play/i }).click();
        const state = await until(
          async () => {
            const s = await trainerState(root);
            expect(s.status, `training failed offline: ${await alertText(root)}`).not.toBe('error');
            return s.step >= 5 ? s : null;
          },
          {
            timeoutMs: 180_000,
            message: async () => `offline training: ${JSON.stringify(await trainerState(root))}`,
          },
        );
        expect(state.backend).toBe('wasm');
        await root.getByRole('button', { name: /^pause/i }).click();
      });

      await test.step('offline, a chapter never opened before loads from the precache', async () => {
        await page.goto(`chapters/${attention.slug}`);
        await waitForHeading(page, attention.title, 60_000);
        await expect(page.locator('.katex-display').first()).toBeVisible();
      });
      log.assertNone('the offline visit');
    } finally {
      await context.close();
      if (serverUp) await server.close();
    }
  });
});
