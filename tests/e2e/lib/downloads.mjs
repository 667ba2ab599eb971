/**
 * Saved charts in the browser tests: click a chart's "Save ... as SVG/PNG" button and read the
 * file the browser downloads, with what the tests check of it.
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
