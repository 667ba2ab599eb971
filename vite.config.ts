/// <reference types="vitest/config" />
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import mdx from '@mdx-js/rollup';
import react from '@vitejs/plugin-react';
import rehypeKatex from 'rehype-katex';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { defineConfig, type Plugin } from 'vite';
import { CHAPTERS } from './src/book/chapters.ts';
import { bookPwa } from './scripts/pwa.ts';
import { searchIndexPlugin } from './scripts/search-index.ts';

/**
 * Base path of the deployed site. Set `BASE_PATH=/nlp-book/` to serve the book from a
 * sub-path of a static host; the default is the site root.
 */
const base = process.env.BASE_PATH ?? '/';

/**
 * Copies index.html to every chapter route (dist/chapters/<slug>/index.html), to the notation
 * page (dist/notation/index.html) and to 404.html,
 * so that deep links work on any static host without server-side rewrites.
 */
function staticRoutes(): Plugin {
  let dist = join(process.cwd(), 'dist');
  let failed = false;
  return {
    name: 'nlp-book-static-routes',
    apply: 'build',
    configResolved(config) {
      // The configured output folder (`vite build --outDir X`), absolute.
      dist = resolve(config.root, config.build.outDir);
    },
    buildEnd(error) {
      failed = error !== undefined && error !== null;
    },
    closeBundle() {
      const index = join(dist, 'index.html');
      // After a failed build there is no index.html: copying it would bury the real error under
      // an ENOENT. Let the build's own error be the one reported.
      if (failed || !existsSync(index)) return;
      for (const route of [...CHAPTERS.map((c) => `chapters/${c.slug}`), 'notation']) {
        const dir = join(dist, route);
        mkdirSync(dir, { recursive: true });
        copyFileSync(index, join(dir, 'index.html'));
      }
      copyFileSync(index, join(dist, '404.html'));
    },
  };
}

export default defineConfig({
  base,
  plugins: [
    {
      enforce: 'pre',
      ...mdx({
        remarkPlugins: [remarkGfm, remarkMath],
        rehypePlugins: [rehypeSlug, [rehypeKatex, { strict: 'ignore' }]],
      }),
    },
    react(),
    staticRoutes(),
    searchIndexPlugin(resolve(import.meta.dirname, 'chapters'), CHAPTERS),
    bookPwa(base),
  ],
  build: {
    target: 'es2022',
    // dist/.vite/manifest.json: the benchmark reads the chunk graph from it.
    manifest: true,
    chunkSizeWarningLimit: 2500,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
