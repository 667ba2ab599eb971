/**
 * The book as an installable, offline-capable web app (a PWA), through vite-plugin-pwa and
 * Workbox (https://vite-pwa-org.netlify.app/).
 *
 * What is cached, and when:
 * - **Precached at the first visit** (in the background, after the page has loaded): the app
 *   shell, every chapter's code, the KaTeX fonts, the search index and tfjs's WASM binaries:
 *   every `.js`, `.css`, `.html`, `.wasm`, `.svg` and `.woff2` file of the build except the ones
 *   below (about 12 MB).
 * - **Cached on first use:** the training workers (`*.worker-<hash>.js`, about 2 MB each, since
 *   each bundles tfjs: precaching all of them would triple the first download) with
 *   cache-first, as their names change with their content; and the corpora under `data/`
 *   (the State of the Union file alone is 11 MB) with stale-while-revalidate, so a corpus
 *   the reader has opened once loads offline and is refreshed when the network is back.
 *
 * So after one visit every chapter reads offline, and every widget the reader has trained once
 * trains offline.
 *
 * Updates: `registerType: 'prompt'` without a prompt. A new version's service worker waits
 * until every tab of the book is closed, then takes over at the next visit: a page is never
 * switched to new code (or reloaded) while a model trains in it. At the very first visit the
 * service worker claims the open page at once, so that what that page loads is cached too.
 */
import { VitePWA } from 'vite-plugin-pwa';
import type { PluginOption } from 'vite';

/** Escapes a string for use inside a RegExp. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The PWA plugin for the book's Vite config.
 *
 * @param base The site's base path (`/` or `/sub/`), as in vite.config.ts.
 */
export function bookPwa(base: string): PluginOption {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: 'script-defer',
    includeAssets: ['favicon.svg', 'icon-192.png', 'icon-512.png'],
    manifest: {
      name: 'NLP, Live: an interactive textbook',
      short_name: 'NLP, Live',
      description:
        'An interactive NLP textbook: from raw text to the Transformer, with models training live in your browser.',
      lang: 'en',
      start_url: base,
      scope: base,
      display: 'standalone',
      theme_color: '#0a58a8',
      background_color: '#fcfcfb',
      // PNGs at the two sizes browsers require to install an app (rendered from favicon.svg),
      // and the SVG for any other size.
      icons: [
        { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,wasm,svg,woff2,png}'],
      // Workers and corpora are cached on first use (runtimeCaching); 404.html and the copies of
      // index.html at each route are served by the navigation fallback.
      globIgnores: ['**/*.worker-*.js', 'data/**', '404.html', 'chapters/**', 'notation/**'],
      // The largest precached chunk (chapter 5 with its figures) is about 1 MB; the default
      // limit of 2 MiB would silently drop a file that grows past it, so fail loudly at 4 MiB.
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      clientsClaim: true,
      cleanupOutdatedCaches: true,
      navigateFallback: `${base}index.html`,
      navigateFallbackDenylist: [new RegExp(`^${escapeRegExp(base)}data/`)],
      runtimeCaching: [
        {
          urlPattern: /\.worker-[\w-]+\.js$/,
          handler: 'CacheFirst',
          options: { cacheName: 'nlp-live-workers', expiration: { maxEntries: 60 } },
        },
        {
          urlPattern: new RegExp(`^[^?#]*${escapeRegExp(base)}data/`),
          handler: 'StaleWhileRevalidate',
          options: { cacheName: 'nlp-live-corpora', expiration: { maxEntries: 30 } },
        },
      ],
    },
    devOptions: { enabled: false },
  });
}
