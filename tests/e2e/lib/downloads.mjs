/**
 * Downloads in the browser tests: click a chart's "Save ... as SVG/PNG" button (or any button that
 * downloads one or more files) and read what the browser saves, with what the tests check of it.
 */
import { readFile } from 'node:fs/promises';

/**
 * Clicks `button` and returns the downloaded file's suggested name and bytes.
 *
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} button
 * @returns {Promise<{ name: string; bytes: Buffer }>}
 */
export async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

/**
 * Clicks `button` and returns the `count` files the click downloads, in the order they start,
 * each with its suggested name and text (UTF-8).
 *
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Locator} button
 * @param {number} count
 * @param {number} [timeoutMs] how long to wait for all of them (default 60 s).
 * @returns {Promise<{ name: string; text: string }[]>}
 * @throws {Error} naming the files seen when fewer than `count` start in time.
 */
export async function downloadAll(page, button, count, timeoutMs = 60_000) {
  /** @type {import('playwright-core').Download[]} */
  const seen = [];
  /** @param {import('playwright-core').Download} d */
  const onDownload = (d) => void seen.push(d);
  page.on('download', onDownload);
  try {
    await button.click();
    const start = Date.now();
    while (seen.length < count) {
      if (Date.now() - start > timeoutMs) {
        const names = seen.map((d) => d.suggestedFilename()).join(', ') || 'none';
        throw new Error(`${count} downloads expected within ${timeoutMs} ms; started: ${names}`);
      }
      await page.waitForTimeout(100);
    }
  } finally {
    page.off('download', onDownload);
  }
  return Promise.all(
    seen.map(async (d) => ({
      name: d.suggestedFilename(),
      text: await readFile(await d.path(), 'utf8'),
    })),
  );
}

/**
 * Width and height of a PNG from its IHDR chunk.
 *
 * @param {Buffer} bytes
 * @returns {{ width: number; height: number }}
 * @throws {Error} when the bytes are not a PNG.
 */
export function pngSize(bytes) {
  const signature = '89504e470d0a1a0a';
  if (bytes.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG file');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
