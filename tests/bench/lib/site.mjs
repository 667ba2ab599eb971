/**
 * Building and serving the site for the benchmarks: the same code the end-to-end tests' web server
 * uses (tests/e2e/lib/server.mjs: `buildSite`, `startPreview`, `freePort`, `ROOT`, `DIST`).
 */
export * from '../../e2e/lib/server.mjs';
