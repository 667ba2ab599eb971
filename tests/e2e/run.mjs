#!/usr/bin/env node
/**
 * End-to-end test harness (`npm run test:e2e`): finds (or installs) Chromium, builds the site,
 * serves dist/ with `vite preview`, runs `node --test` over tests/e2e/*.test.mjs one file at a
 * time with BOOK_URL, BOOK_DIST and CHROME_PATH set, stops the server and exits with the tests'
 * exit code.
 *
 * Usage: node tests/e2e/run.mjs [name ...] [-- node-test-args]
 *   name            only the test files whose name contains it (e.g. `site`, `classifier`)
 *   -- args         passed to node --test (e.g. -- --test-name-pattern=theme)
 * Environment: E2E_SKIP_BUILD=1 reuses dist/; E2E_DIST=dir builds into and serves dir instead of
 * dist/; BASE_PATH=/sub/ builds and serves under a sub-path; CHROME_PATH picks the browser.
 */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCREENSHOT_DIR } from './lib/browser.mjs';
import { findChrome } from './lib/chrome.mjs';
import { DIST, ROOT, buildSite, startPreview } from './lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dashes = process.argv.indexOf('--');
const filters = process.argv.slice(2, dashes === -1 ? undefined : dashes);
const nodeTestArgs = dashes === -1 ? [] : process.argv.slice(dashes + 1);

const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

/** @param {string} line */
const say = (line) => console.log(`[e2e] ${line}`);

async function main() {
  say(`NLP, Live end-to-end tests: ${files.length} file(s): ${files.join(', ') || '(none)'}`);
  if (files.length === 0) {
    say(`No test file matches ${filters.join(', ')}.`);
    return 1;
  }
  // Only this run's failure screenshots are left in tests/e2e/screenshots.
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  const chrome = findChrome({ log: say });
  say(`Browser: ${chrome}`);
  await buildSite({ log: say });
  const server = await startPreview();
  say(`Serving ${DIST} at ${server.url}`);
  const stop = async () => {
    await server.close().catch(() => {});
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(143)));
  try {
    say('Running node --test (one file at a time)...');
    return await new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--test',
          '--test-concurrency=1',
          '--test-reporter=tap',
          ...nodeTestArgs,
          ...files.map((f) => join(here, f)),
        ],
        {
          cwd: ROOT,
          stdio: 'inherit',
          env: { ...process.env, BOOK_URL: server.url, BOOK_DIST: DIST, CHROME_PATH: chrome },
        },
      );
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await stop();
    say('Server stopped.');
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
