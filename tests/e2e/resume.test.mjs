/**
 * SAVED RUNS AND WEIGHTS FILES (the training-widget kit, on chapter 1's sentiment classifier):
 * a run saved on Pause/Step continues after a reload at the same step with the same predictions,
 * and its next step has the loss the uninterrupted run has; downloaded weights load back, after
 * Reset, with the same predictions; a save made with other settings is refused with a message.
 *
 * Driven through the widget DOM contract (data-step / data-status, the trainer's buttons, the
 * "Your sentence" box and its meter) and the notice's Continue / Discard buttons. WASM backend:
 * deterministic and quick for a few steps.
 */
import { expect, test } from '@playwright/test';
import { waitForHeading } from './lib/book.mjs';
import { download } from './lib/downloads.mjs';
import { openPage, until } from './lib/browser.mjs';
import { firstReadyChapter, loadChapters } from './lib/chapters.mjs';
import { alertText, readMetric, trainerState, widget } from './lib/widgets.mjs';

const { CHAPTERS } = await loadChapters();
const chapter = firstReadyChapter(CHAPTERS);
const WIDGET = 'sentiment-classifier';
const PROBE = 'The food was not good, but the service was great!';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

/** @type {import('@playwright/test').BrowserContext} */
let context;
/** @type {import('@playwright/test').Page} */
let page;
test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ acceptDownloads: true });
  ({ page } = await openPage(context, `chapters/${chapter.slug}?backend=wasm`));
});
test.afterAll(async () => {
  await context?.close();
});

const root = () => widget(page, WIDGET);
const button = (name) => root().getByRole('button', { name, exact: true });

/** Goes to chapter 1 with `query` (a fresh page load: a reload) and waits for the widget. */
async function visit(query) {
  await page.goto(`chapters/${chapter.slug}${query}`);
  await waitForHeading(page, chapter.title);
  await root().waitFor({ timeout: 60_000 });
  await root().scrollIntoViewIfNeeded();
}

/** Waits until the widget shows `step` and is paused. */
async function atStep(step) {
  await until(
    async () => {
      const s = await trainerState(root());
      return s.step === step && s.status === 'paused';
    },
    { timeoutMs: 90_000, message: `the widget is paused at step ${step}` },
  );
}

/** Clicks Step `n` times, each after the previous one has been taken. */
async function steps(n) {
  for (let i = 0; i < n; i++) {
    const { step } = await trainerState(root());
    await button('Step').click();
    await atStep(step + 1);
  }
}

/**
 * P(positive) of the probe sentence (3 decimals, the meter's aria-valuenow), scored afresh: another
 * text is scored first, so a prediction of the probe made before is never read.
 */
async function probe() {
  const box = root().getByRole('textbox', { name: 'Your sentence' });
  const output = root().locator('output[data-metric="prediction"]');
  const meter = root().getByRole('meter', { name: 'Predicted probability of positive' });
  for (const text of ['great', PROBE]) {
    await box.fill(text);
    await until(async () => /\d/.test((await output.textContent()) ?? ''), {
      timeoutMs: 30_000,
      message: `a prediction for "${text}"`,
    });
  }
  return Number(await meter.getAttribute('aria-valuenow'));
}

/** The step of the run saved in IndexedDB for the widget, or null. */
function savedStep() {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('nlp-live-saves', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('saved-runs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('saved-runs').objectStore('saved-runs').get(key);
          get.onsuccess = () => {
            resolve(get.result?.step ?? null);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    `run:${WIDGET}`,
  );
}

/** @type {{ p5: number; loss6: number | null; p6: number; file: { name: string; bytes: Buffer } }} */
const seen = /** @type {never} */ ({});

test('a run paused at step 5 continues after a reload at step 5 with the same predictions', async () => {
  await visit('?backend=wasm');
  await until(async () => await button('Step').isEnabled(), { message: 'the trainer is ready' });
  await steps(5);
  seen.p5 = await probe();
  await until(async () => (await savedStep()) === 5, { message: 'the run is saved at step 5' });

  await visit('?backend=wasm');
  const notice = root().getByRole('status').filter({ hasText: 'Continue the run saved at step 5' });
  await notice.waitFor({ timeout: 30_000 });
  expect((await trainerState(root())).step).toBe(0);
  await button('Continue').click();
  await atStep(5);
  await expect(notice).toHaveCount(0);
  expect(await probe()).toBe(seen.p5);
  await steps(1);
  seen.loss6 = await readMetric(root(), 'loss');
  seen.p6 = await probe();
  expect(seen.loss6).not.toBeNull();
});

test('downloaded weights load back after Reset with the same predictions', async () => {
  seen.file = await download(page, button('Download weights'));
  expect(seen.file.name).toBe(`${WIDGET}-step6.safetensors`);
  const size = Number(seen.file.bytes.readBigUInt64LE(0));
  const header = JSON.parse(seen.file.bytes.subarray(8, 8 + size).toString('utf8'));
  expect(header['dense/kernel'].dtype).toBe('F32');
  expect(header.__metadata__.widget).toBe(WIDGET);

  await button('Reset').click();
  await until(async () => (await trainerState(root())).status === 'idle', { message: 'reset' });
  await until(async () => (await savedStep()) === null, { message: 'Reset deletes the save' });
  await root().locator('input[type="file"]').setInputFiles({
    name: seen.file.name,
    mimeType: 'application/octet-stream',
    buffer: seen.file.bytes,
  });
  await root().getByText(`Loaded the weights of ${seen.file.name}`).waitFor({ timeout: 30_000 });
  await atStep(0);
  expect(await probe()).toBe(seen.p6);
});

test('the resumed run is the uninterrupted one: step 6 has the same loss', async () => {
  await button('Reset').click();
  await until(async () => (await trainerState(root())).status === 'idle', { message: 'reset' });
  await steps(6);
  expect(await readMetric(root(), 'loss')).toBe(seen.loss6);
  expect(await probe()).toBe(seen.p6);
});

test('a save made with other settings is refused with a message and never loaded', async () => {
  await until(async () => (await savedStep()) === 6, { message: 'the run is saved at step 6' });
  await visit('?backend=wasm&lr=0.1');
  // A note (role="status"), not an alert: other settings in the URL are not an error.
  const note = root().getByRole('status').filter({ hasText: 'was not loaded' });
  await note.waitFor({ timeout: 30_000 });
  expect(await note.textContent()).toMatch(
    /The run saved at step 6 .* was not loaded: it was trained with other settings: Learning rate [\d.]+ \(here 0\.1\)/,
  );
  expect(await alertText(root())).toBe('');
  await expect(button('Continue')).toHaveCount(0);
  expect((await trainerState(root())).step).toBe(0);
  // A weights file of other settings is refused too.
  await root().locator('input[type="file"]').setInputFiles({
    name: seen.file.name,
    mimeType: 'application/octet-stream',
    buffer: seen.file.bytes,
  });
  await until(
    async () =>
      /safetensors was not loaded: it was trained with other settings/.test(
        await alertText(root()),
      ),
    {
      message: 'the weights file is refused',
    },
  );
  expect((await trainerState(root())).status).not.toBe('paused');
  await button('Discard the saved run').click();
  await until(async () => (await savedStep()) === null, { message: 'Discard deletes the save' });
});
