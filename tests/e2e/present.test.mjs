/**
 * PRESENT MODE (WidgetFrame, every widget): enter by the Present button and by P, control a
 * widget by keyboard while presented, leave by Esc with focus back on the button, open a page
 * with `?present=<widget-id>`, and an axe check of the presented widget in both themes.
 *
 * Playwright Test; paths are relative to the config's baseURL.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const CHAPTER_1 = '/chapters/preprocessing';
const CHAPTER_9 = '/chapters/recurrent-networks';

/** @param {import('@playwright/test').Page} page @param {string} id */
const widget = (page, id) => page.locator(`section[data-widget="${id}"]`);

/** @param {import('@playwright/test').Locator} root */
const presentButton = (root) =>
  root.locator('.ui-widget-header').getByRole('button', { name: /^(Present|Leave present mode)$/ });

/**
 * Asserts that `root` is presented: data-present set, covering the viewport, the page's type
 * scaled (html data-presenting) and the rest of the page inert.
 *
 * @param {import('@playwright/test').Page} page
 * @param {import('@playwright/test').Locator} root
 */
async function expectPresented(page, root) {
  await expect(root).toHaveAttribute('data-present', /^(fullscreen|overlay)$/);
  await expect(page.locator('html')).toHaveAttribute('data-presenting', /^(fullscreen|overlay)$/);
  const viewport = page.viewportSize();
  await expect
    .poll(async () => {
      const box = await root.boundingBox();
      return box && [Math.round(box.x), Math.round(box.y), Math.round(box.width)];
    })
    .toEqual([0, 0, viewport?.width]);
  // Everything outside the widget is inert: the page header cannot take focus.
  const outsideInert = await root.evaluate((el) => {
    const header = document.querySelector('body header:not(section header)');
    return header ? header.closest('[inert]') !== null && !el.closest('[inert]') : null;
  });
  expect(outsideInert).toBe(true);
}

/**
 * Asserts that nothing is presented any more.
 *
 * @param {import('@playwright/test').Page} page
 * @param {import('@playwright/test').Locator} root
 */
async function expectNotPresented(page, root) {
  await expect(root).not.toHaveAttribute('data-present', /.*/);
  await expect(page.locator('html')).not.toHaveAttribute('data-presenting', /.*/);
  expect(await page.locator('[inert]').count()).toBe(0);
}

test('the Present button presents a widget at 1.5x type; Esc leaves with focus on the button', async ({
  page,
}) => {
  await page.goto(CHAPTER_1);
  const root = widget(page, 'pipeline-explorer');
  await root.scrollIntoViewIfNeeded();
  const title = root.locator('.ui-widget-title');
  const size = async () => parseFloat(await title.evaluate((el) => getComputedStyle(el).fontSize));
  const before = await size();

  const button = presentButton(root);
  await expect(button).toHaveText('Present');
  await button.click();
  await expectPresented(page, root);
  await expect(button).toHaveText('Leave present mode');
  expect(await size()).toBeGreaterThanOrEqual(1.5 * before);

  await page.keyboard.press('Escape');
  await expectNotPresented(page, root);
  await expect(button).toHaveText('Present');
  await expect(button).toBeFocused();
  expect(await size()).toBeCloseTo(before, 1);
});

test('P presents from inside the widget, not from a text field; controls work by keyboard', async ({
  page,
}) => {
  await page.goto(CHAPTER_1);
  const root = widget(page, 'sentiment-classifier');
  await root.scrollIntoViewIfNeeded();

  // P typed into a text field (a number's text box) is text, not a shortcut.
  const field = root.getByRole('textbox', { name: 'Sequence length (maxlen)', exact: true });
  await field.focus();
  await page.keyboard.press('p');
  await expect(field).toHaveValue(/p$/);
  await expect(root).not.toHaveAttribute('data-present', /.*/);
  await page.keyboard.press('Backspace');

  await root.focus();
  await page.keyboard.press('p');
  await expectPresented(page, root);

  // A slider inside the presented widget answers the arrow keys.
  const slider = root.getByRole('slider', { name: 'Sequence length (maxlen) slider' });
  await slider.focus();
  const start = Number(await slider.inputValue());
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => Number(await slider.inputValue())).toBe(start + 1);
  await expect(field).toHaveValue(String(start + 1));
  await expect.poll(() => new URL(page.url()).searchParams.get('maxlen')).toBe(String(start + 1));

  // Tab stays inside the widget (the page behind is inert).
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const inside = await root.evaluate(
      (el) => document.activeElement === document.body || el.contains(document.activeElement),
    );
    expect(inside, `focus after ${i + 1} Tab presses`).toBe(true);
  }

  await page.keyboard.press('Escape');
  await expectNotPresented(page, root);
  await expect(presentButton(root)).toBeFocused();
});

test('?present=<id> opens the page with the widget presented; leaving keeps the other params', async ({
  page,
}) => {
  await page.goto(`${CHAPTER_9}?char.cell=gru&present=char-rnn`);
  const root = widget(page, 'char-rnn');
  await expect(root).toHaveAttribute('data-present', 'overlay', { timeout: 60_000 });
  await expectPresented(page, root);
  await expect(root.getByText(/F11 .*gives\s+true full screen/)).toBeVisible();
  await expect(root.getByRole('radio', { name: 'GRU' })).toBeChecked();

  // The hint's button goes from the overlay to true full screen (a click is a user gesture).
  await root.getByRole('button', { name: 'Full screen' }).click();
  await expect(root).toHaveAttribute('data-present', 'fullscreen');
  expect(await page.evaluate(() => document.fullscreenElement?.getAttribute('data-widget'))).toBe(
    'char-rnn',
  );

  await page.keyboard.press('Escape');
  await expectNotPresented(page, root);
  await expect(presentButton(root)).toBeFocused();
  const url = new URL(page.url());
  expect(url.searchParams.has('present')).toBe(false);
  expect(url.searchParams.get('char.cell')).toBe('gru');
});

test('where full screen is refused, the overlay covers the window and Esc leaves it', async ({
  page,
}) => {
  await page.addInitScript(() => {
    Element.prototype.requestFullscreen = () =>
      Promise.reject(new TypeError('Permissions check failed'));
  });
  await page.goto(CHAPTER_1);
  const root = widget(page, 'pipeline-explorer');
  await root.scrollIntoViewIfNeeded();
  await presentButton(root).click();
  await expect(root).toHaveAttribute('data-present', 'overlay');
  await expectPresented(page, root);
  expect(await root.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  // The page behind does not scroll.
  await page.mouse.wheel(0, 2000);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe(
    'hidden',
  );
  await page.keyboard.press('Escape');
  await expectNotPresented(page, root);
  await expect(presentButton(root)).toBeFocused();
});

test('a training widget loads when opened presented and keeps training when presented', async ({
  page,
}) => {
  // Opened presented: the widget still sees itself on screen, so it loads its engine.
  await page.goto(`${CHAPTER_1}?present=sentiment-classifier&backend=wasm`);
  const root = widget(page, 'sentiment-classifier');
  await expect(root).toHaveAttribute('data-present', 'overlay', { timeout: 60_000 });
  const play = root.getByRole('button', { name: 'Play' });
  await expect(play).toBeEnabled({ timeout: 90_000 });
  await play.click();
  await expect(root).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  await page.keyboard.press('Escape');
  await expectNotPresented(page, root);

  // Presented while training: not paused as "off screen".
  const step = async () => Number(await root.getAttribute('data-step'));
  await presentButton(root).click();
  await expectPresented(page, root);
  const before = await step();
  await expect.poll(step, { timeout: 30_000 }).toBeGreaterThan(before);
  await expect(root).toHaveAttribute('data-status', 'running');
  await expect(root.getByText('Paused because the widget left the screen')).toHaveCount(0);
});

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('a presented widget is axe-clean', async ({ page }) => {
      await page.goto(`${CHAPTER_1}?present=pipeline-explorer`);
      const root = widget(page, 'pipeline-explorer');
      await expect(root).toHaveAttribute('data-present', 'overlay', { timeout: 60_000 });
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
      const results = await new AxeBuilder({ page })
        .include('section[data-widget="pipeline-explorer"]')
        .analyze();
      // Every finding, minor ones included.
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      expect(summary).toEqual([]);
    });
  });
}
