/**
 * SHARING A WIDGET (WidgetFrame's "Copy link", the `<TryIt>` MDX link): the copied link carries
 * the widget's settings and its `#widget-<id>` anchor and, opened in a new page, reproduces the
 * widget's controls, scrolled to and focused; a denied clipboard shows the link to copy by hand;
 * a TryIt link in chapter 11's "What to try" sets the widget's controls and the URL.
 *
 * Playwright Test; paths are relative to the config's baseURL.
 */
import { expect, test } from '@playwright/test';
import { controlValue, setControl, widget } from './lib/widgets.mjs';

const CHAPTER_11 = 'chapters/convolutional-networks';

test('Copy link copies the settings and the anchor; the link reproduces the widget, focused', async ({
  browser,
}) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(CHAPTER_11);
  const root = widget(page, 'conv-arithmetic');
  await root.scrollIntoViewIfNeeded();
  await setControl(root, 'kernel', 5);
  await setControl(root, 'padding', 'same');
  await setControl(root, 'stride', 2);
  // At once, before the debounced URL write: the link is built from the widget's own values.
  await root.getByRole('button', { name: 'Copy link' }).click();
  await expect(root.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(copied);
  expect(url.hash).toBe('#widget-conv-arithmetic');
  expect(url.searchParams.get('ca.kernel')).toBe('5');
  expect(url.searchParams.get('ca.padding')).toBe('same');
  expect(url.searchParams.get('ca.stride')).toBe('2');

  const fresh = await context.newPage();
  await fresh.goto(copied);
  const shared = widget(fresh, 'conv-arithmetic');
  await expect(shared).toBeFocused();
  await expect(shared).toBeInViewport();
  expect(await controlValue(shared, 'kernel')).toBe('5');
  expect(await controlValue(shared, 'padding')).toBe('same');
  expect(await controlValue(shared, 'stride')).toBe('2');
  // Same state: the same output length as the widget the link was copied from.
  const length = (/** @type {import('@playwright/test').Locator} */ r) =>
    r.locator('output[data-metric="output_length"]').textContent();
  expect(await length(shared)).toBe(await length(root));
  await context.close();
});

test('a denied clipboard shows the link, selected, to copy by hand', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
  });
  await page.goto(CHAPTER_11);
  const root = widget(page, 'conv-arithmetic');
  await root.scrollIntoViewIfNeeded();
  await setControl(root, 'dilation', 2);
  await root.getByRole('button', { name: 'Copy link' }).click();
  const alert = root.getByRole('alert').filter({ hasText: 'copy this link by hand' });
  await expect(alert).toBeVisible();
  const field = alert.getByRole('textbox');
  const value = await field.inputValue();
  // The whole link is selected, ready for Ctrl+C.
  const selection = await field.evaluate((el) => {
    const input = /** @type {HTMLInputElement} */ (el);
    return [input.selectionStart, input.selectionEnd];
  });
  expect(selection).toEqual([0, value.length]);
  expect(new URL(value).searchParams.get('ca.dilation')).toBe('2');
  expect(value).toContain('#widget-conv-arithmetic');
  await alert.getByRole('button', { name: 'Close' }).click();
  await expect(alert).toHaveCount(0);
});

test('a TryIt link sets the widget, writes the URL and moves focus to the widget', async ({
  page,
}) => {
  await page.goto(CHAPTER_11);
  const root = widget(page, 'conv-arithmetic');
  await root.waitFor();
  expect(await controlValue(root, 'kernel')).toBe('3');
  const link = page.locator('a[data-try-it="conv-arithmetic"]', {
    hasText: 'change the kernel width from 3 to 4',
  });
  await link.scrollIntoViewIfNeeded();
  await link.click();
  await expect.poll(() => controlValue(root, 'kernel')).toBe('4');
  expect(await controlValue(root, 'padding')).toBe('same');
  await expect(root).toBeFocused();
  await expect(root).toBeInViewport();
  await expect.poll(() => new URL(page.url()).searchParams.get('ca.kernel')).toBe('4');
  expect(new URL(page.url()).searchParams.get('ca.padding')).toBe('same');
  expect(new URL(page.url()).hash).toBe('#widget-conv-arithmetic');

  // A training widget (TrainingShell) on the same page: a text setting.
  const cnn = widget(page, 'textcnn');
  const widths = page.locator('a[data-try-it="textcnn"]', { hasText: 'set the widths to' });
  await widths.scrollIntoViewIfNeeded();
  await widths.click();
  await expect.poll(() => controlValue(cnn, 'widths')).toBe('2');
  await expect(cnn).toBeFocused();
  await expect.poll(() => new URL(page.url()).searchParams.get('cnn.widths')).toBe('2');
  // The first widget keeps what its TryIt set.
  expect(new URL(page.url()).searchParams.get('ca.kernel')).toBe('4');
});
