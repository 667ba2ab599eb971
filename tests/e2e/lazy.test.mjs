/**
 * Code splitting: the home page must not download TensorFlow.js, the chapters' code or the
 * KaTeX stylesheet; those load with the chapter that needs them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { waitForHeading } from './lib/book.mjs';
import { firstReadyChapter, loadChapters } from './lib/chapters.mjs';
import { TFJS_MARKERS, recordDownloads } from './lib/network.mjs';
import { DIST } from './lib/server.mjs';

const { CHAPTERS } = await loadChapters();
const first = firstReadyChapter(CHAPTERS);
/** The build the web server serves (playwright.config.mjs: dist/, or E2E_DIST). */
const dist = DIST;

/**
 * Loads a route in a new tab and returns what it downloaded once its h1 shows and the network
 * is idle.
 *
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} path relative to the site's base ('' for the home page).
 * @param {string} heading
 */
async function downloadsOf(context, path, heading) {
  const page = await context.newPage();
  const recorder = recordDownloads(page);
  await page.goto(path || './');
  await waitForHeading(page, heading);
  await page.waitForTimeout(500);
  const downloads = await recorder.settled();
  await page.close();
  return downloads;
}

/** @param {string} url */
const fileName = (url) => new URL(url).pathname.split('/').pop() ?? url;

test('the home page downloads no TensorFlow.js code', async ({ context }) => {
  const downloads = await downloadsOf(context, '', 'NLP, Live');
  const scripts = downloads.filter((d) => d.type === 'script');
  expect(
    scripts.length,
    'the home page loads at least one script (the recorder works)',
  ).toBeGreaterThanOrEqual(1);
  const withTfjs = scripts.filter((d) => TFJS_MARKERS.test(d.body)).map((d) => fileName(d.url));
  expect(withTfjs, 'scripts with tfjs code on the home page').toEqual([]);
});

test('the build puts TensorFlow.js in a separate chunk (needs the chapter 1 widgets)', () => {
  const assets = join(dist, 'assets');
  const chunks = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const withTfjs = chunks.filter((f) => TFJS_MARKERS.test(readFileSync(join(assets, f), 'utf8')));
  expect(
    withTfjs.length,
    `no built chunk contains tfjs (markers ${TFJS_MARKERS}); is any widget using it yet?`,
  ).toBeGreaterThanOrEqual(1);
  const entry = readFileSync(join(dist, 'index.html'), 'utf8');
  for (const chunk of withTfjs) {
    expect(entry, `index.html loads or preloads the tfjs chunk ${chunk}`).not.toContain(chunk);
  }
});

test("the home page downloads no chapter code; chapter 1's page does", async ({ context }) => {
  // Vite names a lazily imported module's chunk after its file: chapters/01-preprocessing.mdx
  // becomes assets/01-preprocessing-<hash>.js.
  const chapterChunk = new RegExp(`\\d\\d-${first.slug}[-.]`);
  const home = (await downloadsOf(context, '', 'NLP, Live')).filter((d) => d.type === 'script');
  const homeChapterChunks = home.filter((d) => chapterChunk.test(fileName(d.url)));
  expect(homeChapterChunks.map((d) => fileName(d.url))).toEqual([]);
  const chapter = (await downloadsOf(context, `chapters/${first.slug}`, first.title)).filter(
    (d) => d.type === 'script',
  );
  expect(
    chapter.some((d) => chapterChunk.test(fileName(d.url))),
    `chapter 1 loads its own chunk (${chapterChunk}); got ${chapter.map((d) => fileName(d.url)).join(', ')}`,
  ).toBe(true);
});

test('the KaTeX stylesheet is loaded by chapter pages, not by the home page', async ({
  context,
}) => {
  const isKatexCss = (/** @type {import('./lib/network.mjs').Download} */ d) =>
    d.type === 'stylesheet' && /\.katex\b/.test(d.body);
  const home = await downloadsOf(context, '', 'NLP, Live');
  expect(
    home.filter(isKatexCss).map((d) => fileName(d.url)),
    'the home page downloads KaTeX CSS',
  ).toEqual([]);
  const chapter = await downloadsOf(context, `chapters/${first.slug}`, first.title);
  expect(chapter.some(isKatexCss), 'chapter 1 downloads the KaTeX CSS').toBe(true);
});
