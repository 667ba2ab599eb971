/**
 * WIDGET TESTS (chapter 1): the pipeline explorer.
 *
 * Written against the widget DOM contract: section[data-widget="pipeline-explorer"], a textarea
 * named "Text", stage outputs [data-stage="tokens" | "normalized" | "stems" | "no-stopwords" |
 * "vocabulary" | "sequences" | "padded"], controls named lowercase, num_words, maxlen, padding,
 * truncating, oov_token (URL keys prefixed `pe.`). Expected id sequences are derived by hand
 * from the Keras Tokenizer / pad_sequences conventions: 0 = padding, 1 = OOV token (when set),
 * then words by descending frequency; num_words keeps ids below num_words.
 */
import { expect, test } from '@playwright/test';
import { waitForHeading } from './lib/book.mjs';
import { openPage, until } from './lib/browser.mjs';
import { firstReadyChapter, loadChapters } from './lib/chapters.mjs';
import { alertText, controlValue, pasteInto, setControl, widget } from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = firstReadyChapter(CHAPTERS);
const STAGES = [
  'tokens',
  'normalized',
  'stems',
  'no-stopwords',
  'vocabulary',
  'sequences',
  'padded',
];

/**
 * One browser context for the whole file, as under the old harness: a page opened in a describe
 * block's beforeAll lives across its tests, and localStorage persists from test to test. It comes
 * from Playwright Test's `browser` fixture, so it has the config's baseURL, viewport, and a trace
 * and screenshot on failure.
 *
 * @type {import('@playwright/test').BrowserContext}
 */
let context;
test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
});
test.afterAll(async () => {
  await context?.close();
});

/** @param {string} [query] */
async function openExplorer(query = '') {
  const { page, log } = await openPage(context, `chapters/${chapter.slug}${query}`);
  await waitForHeading(page, chapter.title);
  const root = widget(page, 'pipeline-explorer');
  await root.waitFor({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  const text = root.getByRole('textbox', { name: 'Text', exact: true });
  return { page, log, root, text };
}

/**
 * The padded matrix as numbers, one array per row (table body cells, row headers excluded).
 *
 * @param {import('playwright-core').Locator} root
 * @returns {Promise<number[][]>}
 */
function paddedMatrix(root) {
  return root
    .locator('[data-stage="padded"]')
    .evaluate((stage) =>
      [...stage.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => Number((td.textContent ?? '').trim())),
      ),
    );
}

/**
 * Waits until the padded matrix equals `expected`.
 *
 * @param {import('playwright-core').Locator} root
 * @param {number[][]} expected
 * @param {string} why
 */
async function expectMatrix(root, expected, why) {
  /** @type {number[][]} */
  let last = [];
  await until(
    async () => {
      last = await paddedMatrix(root);
      return JSON.stringify(last) === JSON.stringify(expected);
    },
    {
      timeoutMs: 10_000,
      message: () => `${why}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(last)}`,
    },
  );
}

/**
 * The text of a stage; per-document stages (tokens ... no-stopwords) repeat once per line.
 *
 * @param {import('playwright-core').Locator} root
 * @param {string} stage
 */
const stageText = async (root, stage) =>
  (await root.locator(`[data-stage="${stage}"]`).allInnerTexts()).join('\n');

test.describe('pipeline explorer', () => {
  test.describe.configure({ timeout: 180_000 });
  test('every stage shows the text as it moves through the pipeline', async () => {
    const { page, log, root, text } = await openExplorer();
    await test.step('explorer-stages', async () => {
      await text.fill('The cats sat on the mat.\nDogs ran quickly!');
      await until(async () => (await stageText(root, 'tokens')).includes('quickly'), {
        timeoutMs: 10_000,
        message: 'the tokens stage shows the new text',
      });
      for (const stage of STAGES) {
        const shown = (await stageText(root, stage)).trim();
        expect(shown.length > 0, `stage "${stage}" shows something`).toBeTruthy();
      }
      expect((await paddedMatrix(root)).length, 'one padded row per line (document)').toBe(2);
      log.assertNone('editing the explorer text');
    });
    await page.close();
  });

  test('lowercase folds case in the normalized stage', async () => {
    const { page, root, text } = await openExplorer();
    await text.fill('The THE the');
    await setControl(root, 'lowercase', true);
    await until(async () => !(await stageText(root, 'normalized')).includes('THE'), {
      timeoutMs: 10_000,
      message: 'lowercase on: no "THE" in the normalized stage',
    });
    await setControl(root, 'lowercase', false);
    await until(async () => (await stageText(root, 'normalized')).includes('THE'), {
      timeoutMs: 10_000,
      message: 'lowercase off: "THE" stays in the normalized stage',
    });
    await page.close();
  });

  test('num_words and the OOV token give the Keras ids; padding and truncating sides work', async () => {
    const { page, log, root, text } = await openExplorer();
    await test.step('explorer-ids', async () => {
      await text.fill('a a a b b c');
      await setControl(root, 'oov_token', '<OOV>');
      await setControl(root, 'num_words', 3);
      await setControl(root, 'maxlen', 6);
      await setControl(root, 'padding', 'pre');
      await setControl(root, 'truncating', 'pre');
      // word_index: <OOV> 1, a 2, b 3, c 4; num_words 3 keeps ids < 3, the rest become 1.
      await expectMatrix(root, [[2, 2, 2, 1, 1, 1]], 'OOV token, num_words 3');
      // Without an OOV token: a 1, b 2, c 3; c (id 3) is dropped; padded at the front.
      await setControl(root, 'oov_token', '');
      await expectMatrix(root, [[0, 1, 1, 1, 2, 2]], 'no OOV token, padding pre');
      await setControl(root, 'padding', 'post');
      await expectMatrix(root, [[1, 1, 1, 2, 2, 0]], 'padding post');
      // Truncation: maxlen 3 of [1, 1, 1, 2, 2]; "pre" drops from the front, "post" from the end.
      await setControl(root, 'maxlen', 3);
      await expectMatrix(root, [[1, 2, 2]], 'truncating pre');
      await setControl(root, 'truncating', 'post');
      await expectMatrix(root, [[1, 1, 1]], 'truncating post');
      await setControl(root, 'maxlen', 9);
      expect((await paddedMatrix(root))[0].length, 'maxlen 9 gives 9 columns').toBe(9);
      log.assertNone('changing the explorer controls');
    });
    await page.close();
  });

  test('a shared URL restores the settings: ?pe.maxlen=8&pe.padding=post', async () => {
    const { page, log, root } = await openExplorer('?pe.maxlen=8&pe.padding=post');
    expect(Number(await controlValue(root, 'maxlen'))).toBe(8);
    expect(await controlValue(root, 'padding')).toBe('post');
    const rows = await paddedMatrix(root);
    expect(
      rows.length > 0 && rows.every((r) => r.length === 8),
      'the padded matrix is 8 wide',
    ).toBeTruthy();
    expect(await alertText(root), 'valid settings raise no alert').toBe('');
    log.assertNone('?pe.maxlen=8&pe.padding=post');
    await page.close();
  });

  test('an empty text shows a message, not an error', async () => {
    const { page, log, root, text } = await openExplorer();
    await text.fill('');
    await root
      .locator('[role="status"], [role="alert"]')
      .filter({ hasText: /empty|type|paste/i })
      .first()
      .waitFor({ timeout: 10_000 });
    log.assertNone('an empty text');
    await page.close();
  });

  test('a 5 MB paste shows a clear message and the page stays responsive', async () => {
    const { page, log, root, text } = await openExplorer();
    await test.step('explorer-5mb', async () => {
      const line = 'The quick brown fox jumps over the lazy dog. ';
      const huge = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
      const start = Date.now();
      await pasteInto(text, huge);
      await until(async () => /long|characters|first/i.test(await alertText(root)), {
        timeoutMs: 20_000,
        message: async () => `a message about the size; alerts: "${await alertText(root)}"`,
      });
      const elapsed = Date.now() - start;
      expect(elapsed < 10_000, `the message appears within 10 s (took ${elapsed} ms)`).toBeTruthy();
      const t0 = Date.now();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      expect(Date.now() - t0 < 2_000, 'the page still paints frames').toBeTruthy();
      await text.fill('hello brave new world');
      await until(async () => (await stageText(root, 'tokens')).includes('brave'), {
        timeoutMs: 10_000,
        message: 'after the paste, a short edit updates the stages',
      });
      log.assertNone('a 5 MB paste');
    });
    await page.close();
  });
});
