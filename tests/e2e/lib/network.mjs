/**
 * Records the JavaScript and CSS a page downloads, and recognises TensorFlow.js code in it.
 */

/**
 * Strings that survive minification in any bundle containing tfjs-core or a tfjs backend:
 * kernel names registered as string constants, the package scope, and the tfjs-core module
 * name in its error messages / licence banners.
 */
export const TFJS_MARKERS =
  /UnsortedSegmentSum|_FusedMatMul|FusedDepthwiseConv2D|@tensorflow\/tfjs|tfjs-core/;

/**
 * @typedef {object} Download
 * @property {string} url
 * @property {'script' | 'stylesheet'} type
 * @property {string} body the response text.
 * @property {number} bytes encoded body size as sent (may be gzip), from the response headers
 *   when known, else the text's UTF-8 length.
 * @property {number} time ms since {@link recordDownloads} was called.
 */

/**
 * Starts recording the scripts (including module preloads) and stylesheets the page downloads.
 *
 * @param {import('playwright-core').Page} page
 * @returns {{ downloads: Download[]; settled: () => Promise<Download[]> }} `downloads` fills in
 *   as responses arrive; `settled()` waits for bodies still being read.
 */
export function recordDownloads(page) {
  const start = Date.now();
  /** @type {Download[]} */
  const downloads = [];
  /** @type {Promise<void>[]} */
  const pending = [];
  page.on('response', (response) => {
    const request = response.request();
    const kind = request.resourceType();
    const url = response.url();
    const type =
      kind === 'script' || /\.m?js(\?|$)/.test(url)
        ? 'script'
        : kind === 'stylesheet' || /\.css(\?|$)/.test(url)
          ? 'stylesheet'
          : null;
    if (!type || !response.ok()) return;
    const time = Date.now() - start;
    pending.push(
      response
        .text()
        .then((body) => {
          const length = Number(response.headers()['content-length']);
          downloads.push({
            url,
            type,
            body,
            bytes: Number.isFinite(length) && length > 0 ? length : Buffer.byteLength(body),
            time,
          });
        })
        .catch(() => {}),
    );
  });
  return {
    downloads,
    settled: async () => {
      await Promise.all(pending);
      return downloads;
    },
  };
}
