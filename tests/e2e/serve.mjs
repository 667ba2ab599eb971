#!/usr/bin/env node
/**
 * The end-to-end tests' web server (playwright.config.mjs `webServer`): prepares the data and
 * builds the site (skipped with `E2E_SKIP_BUILD=1`), then serves it with `vite preview` on
 * 127.0.0.1 until killed.
 *
 * Usage: node tests/e2e/serve.mjs <port>
 * Environment: E2E_SKIP_BUILD=1 reuses the build; E2E_DIST=dir builds into and serves dir
 * instead of dist/; BASE_PATH=/sub/ builds and serves under a sub-path (read by vite.config.ts).
 */
import { DIST, buildSite, startPreview } from './lib/server.mjs';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`usage: node tests/e2e/serve.mjs <port>  (got "${process.argv[2] ?? ''}")`);
  process.exit(2);
}

/** @param {string} line */
const say = (line) => console.log(`[e2e server] ${line}`);

try {
  await buildSite({ log: say });
  const server = await startPreview({ port });
  say(`Serving ${DIST} at ${server.url}`);
  const stop = () => void server.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`[e2e server] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
