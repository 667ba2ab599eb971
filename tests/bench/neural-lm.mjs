#!/usr/bin/env node
/**
 * Benchmark of chapter 3's neural language model widget (not a pass/fail test): builds and serves
 * the site like the e2e harness, then for each tfjs backend opens /chapters/language-models with
 * `?backend=X`, presses Play and records
 * - ms per training step, steps/s and words/s (wall time between data-step values after warm-up
 *   steps that include shader compilation / wasm start-up; at least `--seconds` s and `--steps`
 *   steps, at most 240 s), next to the widget's own steps/s readout; evaluations (every 50 steps,
 *   2,000 held-out targets) are included, as a reader experiences them;
 * - the held-out perplexity reached and the 3-gram Kneser-Ney baseline shown by the widget;
 * - the longest main-thread task while training and the number of long tasks (> 50 ms,
 *   PerformanceObserver 'longtask'), next to the 1-minute load average before and after (the
 *   machine may be shared: long tasks are wall time, and grow with the load).
 * Prints a table and writes tests/bench/results/neural-lm.json with machine information.
 *
 * Usage: node tests/bench/neural-lm.mjs [--backends webgl,wasm,cpu] [--steps 30] [--warmup 3]
 *        [--seconds 20] [--query "nlm.hidden=64"] [--dist /tmp/my-dist]
 * `--dist DIR` serves an existing build (`npx vite build --outDir DIR`) instead of building dist/.
 * Environment: E2E_SKIP_BUILD=1 reuses dist/; CHROME_PATH picks the browser.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { findChrome } from '../e2e/lib/chrome.mjs';
import { ROOT, buildSite, freePort, startPreview } from './lib/site.mjs';
import { readMetric, trainerState, waitForReady, widget } from './lib/widgets.mjs';
import { longTaskObserver } from './lib/longTasks.mjs';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');
const CHAPTER = 'chapters/language-models';

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = {
    backends: ['webgl', 'wasm', 'cpu'],
    steps: 30,
    warmup: 3,
    seconds: 20,
    query: '',
    dist: '',
  };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    if (key === '--backends') options.backends = value.split(',');
    else if (key === '--query') options.query = argv[i].includes('=') ? argv[i].slice(8) : value;
    else if (key === '--dist') options.dist = value;
    else if (['--steps', '--warmup', '--seconds'].includes(key)) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${key} needs a whole number >= 0`);
      options[/** @type {'steps' | 'warmup' | 'seconds'} */ (key.slice(2))] = n;
    } else throw new Error(`Unknown option ${argv[i]}.`);
  }
  for (const b of options.backends) {
    if (!['webgl', 'wasm', 'cpu'].includes(b)) throw new Error(`Unknown backend "${b}".`);
  }
  return options;
}

/**
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} siteUrl
 * @param {string} backend
 * @param {ReturnType<typeof parseArgs>} options
 */
async function benchBackend(context, siteUrl, backend, { steps, warmup, seconds, query }) {
  const page = await context.newPage();
  await page.addInitScript(longTaskObserver);
  const extra = query ? `&${query}` : '';
  await page.goto(new URL(`${CHAPTER}?backend=${backend}${extra}`, siteUrl).href);
  const root = widget(page, 'neural-lm');
  await root.waitFor({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  await waitForReady(root);
  const loadBefore = loadavg()[0];
  const playAt = await page.evaluate(() => performance.now());
  const t0 = Date.now();
  await root.getByRole('button', { name: /^play/i }).click();
  const sample = async () => ({ t: Date.now(), ...(await trainerState(root)) });
  let start = await sample();
  while (start.step < Math.max(1, warmup)) {
    if (start.status === 'error') throw new Error(`training failed on ${backend}`);
    if (Date.now() - t0 > 300_000) throw new Error(`${backend}: no step after 300 s`);
    await page.waitForTimeout(50);
    start = await sample();
  }
  const firstStepsMs = start.t - t0;
  let end = start;
  for (;;) {
    await page.waitForTimeout(100);
    const s = await sample();
    if (s.status === 'error') throw new Error(`training failed on ${backend}`);
    if (s.status !== 'running') break;
    end = s;
    const enough = end.t - start.t >= seconds * 1000 && end.step - start.step >= steps;
    if (enough || end.t - start.t > 240_000) break;
  }
  if (end.step <= start.step) throw new Error(`${backend}: no steps measured`);
  const widgetRate = await readMetric(root, 'steps_per_second');
  const perplexity = await readMetric(root, 'val_perplexity');
  const kneserNey = await readMetric(root, 'kn_perplexity');
  const params = await readMetric(root, 'params');
  await root
    .getByRole('button', { name: /^pause/i })
    .click()
    .catch(() => {});
  const longTasks = await page.evaluate(
    (since) =>
      /** @type {{ start: number; duration: number }[]} */ (
        /** @type {any} */ (window).__benchLongTasks
      ).filter((t) => t.start >= since),
    playAt,
  );
  // 64: NEURAL_LM_DEFAULTS.batchSize (src/models/neuralLmConfig.ts).
  const batch = Number(new URL(page.url()).searchParams.get('nlm.batch') ?? 64);
  await page.close();
  const msPerStep = (end.t - start.t) / (end.step - start.step);
  return {
    backend,
    activeBackend: end.backend,
    batch,
    params,
    warmupSteps: start.step,
    warmupMs: firstStepsMs,
    measuredSteps: end.step - start.step,
    measuredSeconds: Number(((end.t - start.t) / 1000).toFixed(1)),
    msPerStep: Number(msPerStep.toFixed(1)),
    stepsPerSecond: Number((1000 / msPerStep).toFixed(2)),
    wordsPerSecond: Math.round((batch * 1000) / msPerStep),
    widgetStepsPerSecond: widgetRate,
    heldoutPerplexity: perplexity,
    kneserNey3: kneserNey,
    atStep: end.step,
    longestTaskMs: longTasks.length ? Math.max(...longTasks.map((t) => t.duration)) : 0,
    longTasks: longTasks.length,
    loadAverage: [loadBefore, loadavg()[0]].map((x) => Number(x.toFixed(2))),
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  console.log(`[bench] neural LM: backends ${options.backends.join(', ')}`);
  const chrome = findChrome({ log: (l) => console.log(`[bench] ${l}`) });
  let server;
  if (options.dist) {
    const { preview } = await import('vite');
    const vite = await preview({
      root: ROOT,
      logLevel: 'warn',
      build: { outDir: options.dist },
      preview: { host: '127.0.0.1', port: await freePort(), strictPort: true, open: false },
    });
    const local = vite.resolvedUrls?.local[0];
    if (!local) throw new Error('vite preview reported no local URL.');
    server = { url: local.endsWith('/') ? local : `${local}/`, close: () => vite.close() };
  } else {
    await buildSite({ log: (l) => console.log(`[bench] ${l}`) });
    server = await startPreview();
  }
  const browser = await launchBrowser({ executablePath: chrome });
  /** @type {Record<string, unknown>[]} */
  const results = [];
  try {
    for (const backend of options.backends) {
      console.log(`[bench] ${backend}...`);
      try {
        results.push(await benchBackend(browser.context, server.url, backend, options));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`[bench] ${backend} failed: ${message}`);
        results.push({ backend, error: message });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
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
    browser: spawnSync(chrome, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? null,
  };
  console.table(
    results.map((r) =>
      r.error
        ? { backend: r.backend, error: r.error }
        : {
            backend: r.backend,
            active: r.activeBackend,
            'ms/step': r.msPerStep,
            'words/s': r.wordsPerSecond,
            'widget steps/s': r.widgetStepsPerSecond,
            'ppl (step)': `${r.heldoutPerplexity ?? '—'} (${r.atStep})`,
            'KN 3-gram': r.kneserNey3,
            'longest task ms': r.longestTaskMs,
            'long tasks': r.longTasks,
            load: r.loadAverage.join(' → '),
          },
    ),
  );
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'neural-lm.json');
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), commit, machine, options, results }, null, 2)}\n`,
  );
  console.log(`[bench] wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
