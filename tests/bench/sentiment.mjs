#!/usr/bin/env node
/**
 * Chapter 1 benchmark (part of `npm run bench`; not a pass/fail test): builds and serves the site like the e2e
 * harness, then for each tfjs backend opens chapter 1 with `?backend=X`, trains the sentiment
 * classifier for a fixed number of steps and records
 * - ms per training step and samples per second (wall time between data-step values, after
 *   warm-up steps that include shader compilation / wasm start-up; at least `--steps` steps and
 *   at least 3 s), next to the widget's own steps_per_second readout;
 * - the longest main-thread task while training (PerformanceObserver 'longtask');
 * - the JavaScript downloaded (gzip bytes of the served files, gzipped here with node:zlib) before the
 *   chapter's text is readable (h1 and first paragraph visible), and the JavaScript loaded
 *   lazily after that (widgets, tfjs), plus the .wasm binaries fetched.
 * Prints a table and writes tests/bench/results/sentiment.json with machine information.
 *
 * Usage: node tests/bench/sentiment.mjs [--backends webgl,wasm,cpu] [--steps 50] [--warmup 5] [--batch 32]
 * Environment: E2E_SKIP_BUILD=1 reuses dist/; CHROME_PATH picks the browser.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from './lib/browser.mjs';
import { findChrome } from '../e2e/lib/chrome.mjs';
import { DIST, ROOT, buildSite, startPreview } from './lib/site.mjs';
import { readMetric, trainerState, waitForReady, widget } from './lib/widgets.mjs';
import { longTaskObserver } from './lib/longTasks.mjs';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');
const CHAPTER = 'chapters/preprocessing';

/**
 * @param {string[]} argv
 * @returns {{ backends: string[]; steps: number; warmup: number; batch: number }}
 */
function parseArgs(argv) {
  const options = { backends: ['webgl', 'wasm', 'cpu'], steps: 50, warmup: 5, batch: 32 };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    const value = inline ?? argv[++i];
    if (key === '--backends') options.backends = value.split(',');
    else if (key === '--steps' || key === '--warmup' || key === '--batch') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < (key === '--warmup' ? 0 : 1)) {
        throw new Error(`${key} needs a positive integer (got "${value}")`);
      }
      options[/** @type {'steps' | 'warmup' | 'batch'} */ (key.slice(2))] = n;
    } else
      throw new Error(
        `Unknown option ${argv[i]}. Options: --backends, --steps, --warmup, --batch.`,
      );
  }
  for (const b of options.backends) {
    if (!['webgl', 'wasm', 'cpu'].includes(b)) throw new Error(`Unknown backend "${b}".`);
  }
  return options;
}

/**
 * The JavaScript that must run before chapter 1's text can render, from Vite's build manifest:
 * the entry (index.html) and the chapter page and chapter 1 chunks, each with its static
 * imports, transitively. Exact by construction, unlike timing which chunks arrived first (the
 * widgets' chunks are requested in the same render that shows the text).
 *
 * @returns {{ files: string[]; raw: number; gzip: number }} gzip at level 6 of the built files.
 */
function criticalJs() {
  /** @type {Record<string, { file: string; imports?: string[]; isEntry?: boolean; src?: string }>} */
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8'));
  const roots = Object.keys(manifest).filter(
    (k) =>
      manifest[k].isEntry ||
      k.endsWith('src/book/ChapterPage.tsx') ||
      k.endsWith('chapters/01-preprocessing.mdx'),
  );
  if (roots.length < 3) throw new Error(`manifest: expected 3 roots, found ${roots.join(', ')}`);
  const seen = new Set();
  const visit = (/** @type {string} */ key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) visit(i);
  };
  roots.forEach(visit);
  const files = [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const body = readFileSync(join(DIST, f));
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { files: files.map((f) => f.split('/').pop() ?? f), raw, gzip };
}

/**
 * Trains on one backend and measures.
 *
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} siteUrl
 * @param {string} backend
 * @param {{ steps: number; warmup: number; batch: number }} options
 */
async function benchBackend(context, siteUrl, backend, { steps, warmup, batch }) {
  const page = await context.newPage();
  await page.addInitScript(longTaskObserver);
  /** @type {{ url: string; time: number; kind: string; raw: number; gzip: number }[]} */
  const responses = [];
  /** @type {Promise<void>[]} */
  const bodies = [];
  const t0 = Date.now();
  page.on('response', (r) => {
    const kind = r.request().resourceType();
    const url = r.url();
    if (r.ok() && (kind === 'script' || /\.m?js$|\.wasm$/.test(new URL(url).pathname))) {
      const time = Date.now() - t0;
      // Sizes of the bytes actually served, gzipped here (level 6, as static hosts typically do).
      bodies.push(
        r
          .body()
          .then((body) => {
            const wasm = new URL(url).pathname.endsWith('.wasm');
            const gzip = gzipSync(body).length;
            responses.push({ url, time, kind: wasm ? 'wasm' : 'script', raw: body.length, gzip });
          })
          .catch(() => {}),
      );
    }
  });
  // Full speed (no pace cap) and enough epochs (7,500 steps at batch 32) for the window below.
  await page.goto(
    new URL(`${CHAPTER}?backend=${backend}&batch=${batch}&epochs=100&speed=full`, siteUrl).href,
  );
  await page.locator('main h1').first().waitFor({ state: 'visible', timeout: 60_000 });
  // Readable: a visible paragraph of real prose (not a short loading message) in <main>.
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('main p')].some(
        (p) => (p.textContent ?? '').trim().length >= 100 && p.getBoundingClientRect().height > 0,
      ),
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  const readableMs = Date.now() - t0;
  const root = widget(page, 'sentiment-classifier');
  await root.waitFor({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  await waitForReady(root);
  const playAt = await page.evaluate(() => performance.now());
  await root.getByRole('button', { name: /^play/i }).click();

  /** Reads (wall time, step, status, backend). */
  const sample = async () => ({ t: Date.now(), ...(await trainerState(root)) });
  const deadline = Date.now() + 300_000;
  let first = await sample();
  while (first.step < 1) {
    if (first.status === 'error') throw new Error(`training failed on ${backend}`);
    if (Date.now() > deadline) throw new Error(`${backend}: no step after 300 s`);
    await page.waitForTimeout(20);
    first = await sample();
  }
  let start = first;
  while (start.step < warmup && start.status === 'running') {
    await page.waitForTimeout(20);
    start = await sample();
  }
  // Measure over at least 3 s and `steps` steps (fast backends do hundreds of steps a second,
  // slow ones a few), or until the run ends; at most 120 s.
  let end = start;
  for (;;) {
    await page.waitForTimeout(50);
    const s = await sample();
    if (s.status === 'error') throw new Error(`training failed on ${backend}`);
    if (s.status !== 'running') break;
    end = s;
    const enough = end.t - start.t >= 3000 && end.step - start.step >= steps;
    if (enough || end.t - start.t > 120_000) break;
  }
  if (end.step <= start.step) throw new Error(`${backend}: no steps measured`);
  const widgetRate = await readMetric(root, 'steps_per_second');
  await root
    .getByRole('button', { name: /^pause/i })
    .click()
    .catch(() => {});
  const msPerStep = (end.t - start.t) / (end.step - start.step);
  const longTasks = await page.evaluate(
    (since) =>
      /** @type {{ start: number; duration: number }[]} */ (
        /** @type {any} */ (window).__benchLongTasks
      ).filter((t) => t.start >= since),
    playAt,
  );
  const renderer = await page.evaluate(() => {
    // The WebGL renderer string, probed the way tfjs asks for a context.
    const gl = document
      .createElement('canvas')
      .getContext('webgl2', { failIfMajorPerformanceCaveat: true });
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : null;
  });
  await Promise.all(bodies);
  await page.close();

  const sum = (/** @type {typeof responses} */ list) =>
    list.reduce((acc, r) => ({ raw: acc.raw + r.raw, gzip: acc.gzip + r.gzip }), {
      raw: 0,
      gzip: 0,
    });
  const unique = [...new Map(responses.map((r) => [r.url, r])).values()];
  const critical = criticalJs();
  const criticalNames = new Set(critical.files);
  const isCritical = (/** @type {{ url: string }} */ r) =>
    criticalNames.has(new URL(r.url).pathname.split('/').pop() ?? '');
  const lazy = unique.filter((r) => r.kind === 'script' && !isCritical(r));
  const wasm = unique.filter((r) => r.kind === 'wasm');
  return {
    backend,
    activeBackend: end.backend,
    renderer,
    batch,
    warmupSteps: warmup,
    measuredSteps: end.step - start.step,
    firstStepAfterPlayMs: first.t - t0 - readableMs,
    msPerStep: Number(msPerStep.toFixed(2)),
    samplesPerSecond: Number(((batch * 1000) / msPerStep).toFixed(1)),
    widgetStepsPerSecond: widgetRate,
    longestTaskMs: longTasks.length ? Math.max(...longTasks.map((t) => t.duration)) : 0,
    longTasks: longTasks.length,
    readableMs,
    initialJs: { files: critical.files.length, raw: critical.raw, gzip: critical.gzip },
    lazyJs: { files: lazy.length, ...sum(lazy) },
    wasm: { files: wasm.length, ...sum(wasm) },
    lazyFiles: lazy.map((r) => new URL(r.url).pathname.split('/').pop()),
  };
}

/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  console.log(
    `[bench] NLP, Live benchmarks: backends ${options.backends.join(', ')}, ` +
      `${options.steps} steps after ${options.warmup} warm-up steps, batch ${options.batch}`,
  );
  const chrome = findChrome({ log: (l) => console.log(`[bench] ${l}`) });
  await buildSite({ log: (l) => console.log(`[bench] ${l}`) });
  const server = await startPreview();
  const browser = await launchBrowser({ executablePath: chrome });
  /** @type {Record<string, unknown>[]} */
  const results = [];
  try {
    for (const backend of options.backends) {
      console.log(`[bench] ${backend}...`);
      try {
        results.push(await benchBackend(browser.context, server.url, backend, options));
      } catch (error) {
        console.error(
          `[bench] ${backend} failed: ${error instanceof Error ? error.message : error}`,
        );
        results.push({ backend, error: String(error instanceof Error ? error.message : error) });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const version = spawnSync(chrome, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? null;
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
  } catch {
    // not a git checkout
  }
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    browser: version,
    renderer: /** @type {any} */ (results.find((r) => r.renderer))?.renderer ?? null,
  };
  // Ratio of each backend's time per step to WASM's (the fastest without a GPU; on a real GPU
  // WebGL's ratio is the one to watch). Stored with the results.
  const wasmMs = /** @type {number | undefined} */ (
    results.find((r) => r.backend === 'wasm' && !r.error)?.msPerStep
  );
  for (const r of results) {
    if (!r.error && wasmMs) r.msPerStepVsWasm = Number((Number(r.msPerStep) / wasmMs).toFixed(2));
  }
  console.log('');
  console.table(
    results.map((r) =>
      r.error
        ? { backend: r.backend, error: r.error }
        : {
            backend: r.backend,
            active: r.activeBackend,
            'ms/step': r.msPerStep,
            'x wasm': r.msPerStepVsWasm ?? '',
            'samples/s': r.samplesPerSecond,
            'widget steps/s': r.widgetStepsPerSecond,
            'longest task ms': r.longestTaskMs,
            'long tasks': r.longTasks,
            'readable ms': r.readableMs,
            'initial JS gz': kb(/** @type {any} */ (r.initialJs).gzip),
            'lazy JS gz': kb(/** @type {any} */ (r.lazyJs).gzip),
            'wasm gz': kb(/** @type {any} */ (r.wasm).gzip),
          },
    ),
  );
  console.log(
    `Machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.browser}, renderer ${machine.renderer}`,
  );
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'sentiment.json');
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), commit, machine, options, results }, null, 2)}\n`,
  );
  console.log(`[bench] wrote ${file}`);
  return results.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[bench] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
