/**
 * Code splitting: the home page must not download TensorFlow.js, the chapters' code or the
 * KaTeX stylesheet; those load with the chapter that needs them.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { waitForHeading } from './lib/book.mjs';
import { bookUrl, launchBrowser } from './lib/browser.mjs';
import { loadChapters } from './lib/chapters.mjs';
import { TFJS_MARKERS, recordDownloads } from './lib/network.mjs';
import { DIST } from './lib/server.mjs';

const { CHAPTERS } = await loadChapters();
const first = CHAPTERS.filter((c) => c.status === 'ready')[0];
const dist = process.env.BOOK_DIST ?? DIST;

/** @type {import('./lib/browser.mjs').Browser} */
let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * Loads a route and returns what it downloaded once its h1 shows and the network is idle.
 *
 * @param {string} path
 * @param {string} heading
 */
async function downloadsOf(path, heading) {
  const page = await browser.context.newPage();
  const recorder = recordDownloads(page);
  await page.goto(bookUrl(path));
  await waitForHeading(page, heading);
  await page.waitForTimeout(500);
  const downloads = await recorder.settled();
  await page.close();
  return downloads;
}

/** @param {string} url */
const fileName = (url) => new URL(url).pathname.split('/').pop() ?? url;

test('the home page downloads no TensorFlow.js code', async () => {
  const downloads = await downloadsOf('', 'NLP, Live');
  const scripts = downloads.filter((d) => d.type === 'script');
  assert.ok(scripts.length >= 1, 'the home page loads at least one script (the recorder works)');
  const withTfjs = scripts.filter((d) => TFJS_MARKERS.test(d.body)).map((d) => fileName(d.url));
  assert.deepEqual(withTfjs, [], `scripts with tfjs code on the home page: ${withTfjs.join(', ')}`);
});

test('the build puts TensorFlow.js in a separate chunk (needs the chapter 1 widgets)', () => {
  const assets = join(dist, 'assets');
  const chunks = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const withTfjs = chunks.filter((f) => TFJS_MARKERS.test(readFileSync(join(assets, f), 'utf8')));
  assert.ok(
    withTfjs.length >= 1,
    `no built chunk contains tfjs (markers ${TFJS_MARKERS}); is any widget using it yet?`,
  );
  const entry = readFileSync(join(dist, 'index.html'), 'utf8');
  for (const chunk of withTfjs) {
    assert.ok(!entry.includes(chunk), `index.html loads or preloads the tfjs chunk ${chunk}`);
  }
});

test("the home page downloads no chapter code; chapter 1's page does", async () => {
  // Vite names a lazily imported module's chunk after its file: chapters/01-preprocessing.mdx
  // becomes assets/01-preprocessing-<hash>.js.
  const chapterChunk = new RegExp(`\\d\\d-${first.slug}[-.]`);
  const home = (await downloadsOf('', 'NLP, Live')).filter((d) => d.type === 'script');
  const homeChapterChunks = home.filter((d) => chapterChunk.test(fileName(d.url)));
  assert.deepEqual(
    homeChapterChunks.map((d) => fileName(d.url)),
    [],
  );
  const chapter = (await downloadsOf(`chapters/${first.slug}`, first.title)).filter(
    (d) => d.type === 'script',
  );
  assert.ok(
    chapter.some((d) => chapterChunk.test(fileName(d.url))),
    `chapter 1 loads its own chunk (${chapterChunk}); got ${chapter.map((d) => fileName(d.url)).join(', ')}`,
  );
});

test('the KaTeX stylesheet is loaded by chapter pages, not by the home page', async () => {
  const isKatexCss = (/** @type {import('./lib/network.mjs').Download} */ d) =>
    d.type === 'stylesheet' && /\.katex\b/.test(d.body);
  const home = await downloadsOf('', 'NLP, Live');
  assert.deepEqual(
    home.filter(isKatexCss).map((d) => fileName(d.url)),
    [],
    'the home page downloads KaTeX CSS',
  );
  const chapter = await downloadsOf(`chapters/${first.slug}`, first.title);
  assert.ok(chapter.some(isKatexCss), 'chapter 1 downloads the KaTeX CSS');
});
