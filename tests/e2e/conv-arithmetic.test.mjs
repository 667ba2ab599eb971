/**
 * WIDGET TESTS (chapter 11): the convolution arithmetic widget.
 *
 * DOM contract: section[data-widget="conv-arithmetic"] with data-outputs (the output length),
 * data-active (the highlighted output, 0-based) and data-playing; the formula's result
 * output[data-metric="output_length"]; matrix rows g[data-row][data-token] (data-token="pad" for
 * zero rows) with data-tap="true" on the rows the active window reads; output positions
 * g[data-output] (role="button", roving tabindex, aria-pressed); the readout p[data-window];
 * controls named after the schema (URL keys `ca.`).
 */
import { expect, test } from '@playwright/test';
import { findChapter, loadChapters } from './lib/chapters.mjs';
import { alertText, openChapterWidget, setControl } from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = findChapter(CHAPTERS, 'convolutional-networks');

/** @type {import('@playwright/test').BrowserContext} */
let context;
test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
});
test.afterAll(async () => {
  await context?.close();
});

/** @param {import('playwright-core').Locator} root */
const outputLength = async (root) =>
  Number(await root.locator('output[data-metric="output_length"]').textContent());

/** The tokens of the rows the active window reads, top to bottom ("pad" for zero rows). */
const tapTokens = async (/** @type {import('playwright-core').Locator} */ root) =>
  root
    .locator('g[data-row][data-tap="true"]')
    .evaluateAll((els) =>
      els
        .sort((a, b) => Number(a.getAttribute('data-row')) - Number(b.getAttribute('data-row')))
        .map((el) => el.getAttribute('data-token')),
    );

test.describe('chapter 11: convolution arithmetic', () => {
  test('renders in the chapter; stride changes the output length; the window follows the output', async () => {
    const { page, log, root } = await openChapterWidget(context, chapter, 'conv-arithmetic');
    await root.locator('g[data-output]').first().waitFor();
    // Default: "The film was not good, but the music was great." = 12 tokens, k = 3, valid.
    expect(await root.getAttribute('data-tokens')).toBe('12');
    expect(await outputLength(root)).toBe(10);
    expect(await root.locator('g[data-output]').count()).toBe(10);
    expect(await tapTokens(root)).toEqual(['The', 'film', 'was']);

    await setControl(root, 'stride', 2);
    await expect.poll(() => outputLength(root)).toBe(5);
    expect(await root.getAttribute('data-outputs')).toBe('5');
    expect(await root.locator('g[data-output]').count()).toBe(5);
    // Output 3 (0-based 2) with stride 2 starts at token 5: "good , but".
    await root.locator('g[data-output="2"]').click();
    expect(await root.getAttribute('data-active')).toBe('2');
    expect(await tapTokens(root)).toEqual(['good', ',', 'but']);
    expect(await root.locator('[data-window]').textContent()).toContain('5, 6, 7');

    // Keyboard: the active output has the tab stop; arrows move it and its window.
    await root.locator('g[data-output="2"]').focus();
    await page.keyboard.press('ArrowDown');
    expect(await root.getAttribute('data-active')).toBe('3');
    expect(await tapTokens(root)).toEqual(['but', 'the', 'music']);
    expect(await root.locator('g[data-output="3"]').getAttribute('tabindex')).toBe('0');
    expect(await root.locator('g[data-output="2"]').getAttribute('tabindex')).toBe('-1');

    // Dilation 2 and one zero row on each side: output 1 reads rows 0, 2, 4 of the padded
    // matrix (pad, film, not), skipping The and was.
    await setControl(root, 'stride', 1);
    await setControl(root, 'padding', 'zeros');
    await setControl(root, 'pad', 1);
    await setControl(root, 'dilation', 2);
    // T_out = floor((12 + 2 - 2*2 - 1) / 1) + 1 = 10
    await expect.poll(() => outputLength(root)).toBe(10);
    await root.locator('g[data-output="0"]').click();
    expect(await tapTokens(root)).toEqual(['pad', 'film', 'not']);
    expect(await root.locator('g[data-row][data-token="pad"]').count()).toBe(2);
    expect(await root.locator('[data-window]').textContent()).toMatch(/Dilation skips 2 rows/);

    // 'same' with a stride above 1 is refused, with a message naming the fix.
    await setControl(root, 'padding', 'same');
    await setControl(root, 'stride', 2);
    await expect.poll(() => alertText(root)).toMatch(/stride 1/);
    expect(await root.locator('output[data-metric="output_length"]').textContent()).toBe(
      'no output',
    );
    await setControl(root, 'stride', 1);
    await expect.poll(() => outputLength(root)).toBe(12);
    log.assertNone('using the convolution arithmetic widget');
    await page.close();
  });

  test('Play steps through the outputs; settings come from the URL', async () => {
    const { page, log, root } = await openChapterWidget(
      context,
      chapter,
      'conv-arithmetic',
      '?ca.kernel=2&ca.stride=2&ca.sentence=the%20plot%20was%20not%20good',
    );
    await root.locator('g[data-output]').first().waitFor();
    // The chapter's worked example with stride 2: two windows, and "not good" is never read.
    expect(await outputLength(root)).toBe(2);
    expect(await tapTokens(root)).toEqual(['the', 'plot']);
    await root.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => root.getAttribute('data-active')).toBe('1');
    expect(await tapTokens(root)).toEqual(['was', 'not']);
    await expect.poll(() => root.getAttribute('data-playing')).toBe('false');
    log.assertNone('playing the convolution arithmetic widget');
    await page.close();
  });

  test('out-of-range settings in the URL are clamped with a message naming the control', async () => {
    const { page, log, root } = await openChapterWidget(
      context,
      chapter,
      'conv-arithmetic',
      '?ca.stride=9&ca.padding=full',
    );
    await root.locator('g[data-output]').first().waitFor();
    const text = await alertText(root);
    expect(text).toMatch(/Stride s 9 is above the maximum 4; using 4/);
    expect(text).toMatch(/Padding: .*full.* is not one of/);
    // Stride 4, valid: floor((12 - 3) / 4) + 1 = 3.
    expect(await outputLength(root)).toBe(3);
    log.assertNone('URL settings out of range');
    await page.close();
  });
});
