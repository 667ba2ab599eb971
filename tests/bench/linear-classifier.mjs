#!/usr/bin/env node
/**
 * Benchmark of the linear (logistic / softmax regression) classifier (not a pass/fail test):
 * training steps per second and documents per second in headless Chromium, per tfjs backend
 * (webgl, wasm, cpu) and per X·W formulation (`sparse`: triples + scatterND gradient; `dense`:
 * the batch densified to [B, V] + matMul), on the SpamAssassin TF-IDF features of the widget's
 * default settings (V = 5,000 terms, about 90 per e-mail) and on the three-class review-source
 * task. It measures what `matmul: 'auto'` in src/models/sparseLinear.ts chooses from.
 *
 * The page imports the project's TypeScript through a Vite dev server, vectorizes once, then for
 * each case trains `--warmup` steps and times at least `--steps` steps and 2 s, reading each
 * step's loss with `await data()` (as the runner does).
 *
 * Then, in the built site (dist/, served by `vite preview`), the widget itself on chapter 4 with
 * `?backend=<b>&tc.speed=full` for each of `--widget-backends` (default wasm): the longest
 * main-thread task (PerformanceObserver 'longtask', as tests/bench/sentiment.mjs) while the
 * widget loads and vectorizes (both in the widget's one Web Worker), and while it trains its 10
 * default epochs at full speed, with the number of long tasks (> 50 ms), the steps trained, the
 * wall time and steps per second, and the 1-minute load average before and after (the machine is
 * shared: compare runs at similar load, and repeat).
 *
 * Usage: node tests/bench/linear-classifier.mjs [--backends webgl,wasm,cpu] [--steps 40]
 *   [--warmup 5] [--batch 32] [--widget-backends wasm]
 * Needs public/data (npm run prepare-data). Builds the site first unless E2E_SKIP_BUILD=1.
 * Writes tests/bench/results/linear-classifier.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { launchBrowser } from './lib/browser.mjs';
import { ROOT, buildSite, startPreview } from './lib/site.mjs';
import { alertText, trainerState, widget } from './lib/widgets.mjs';
import { longTaskObserver } from './lib/longTasks.mjs';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');

/** @param {string[]} argv */
function parseArgs(argv) {
  const o = {
    backends: ['webgl', 'wasm', 'cpu'],
    steps: 40,
    warmup: 5,
    batch: 32,
    widgetBackends: ['wasm'],
  };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    const value = inline ?? argv[++i];
    if (key === '--backends') o.backends = value.split(',').filter(Boolean);
    else if (key === '--steps') o.steps = Number(value);
    else if (key === '--warmup') o.warmup = Number(value);
    else if (key === '--batch') o.batch = Number(value);
    else if (key === '--widget-backends') o.widgetBackends = value ? value.split(',') : [];
    else throw new Error(`unknown option ${key}`);
  }
  return o;
}

const options = parseArgs(process.argv.slice(2));
const server = await createServer({
  root: ROOT,
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  // Pre-bundle the backends up front: discovering them on the first page would make Vite
  // re-optimize and fail that page's dynamic imports.
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-wasm',
      'seedrandom',
    ],
  },
});
await server.listen();
const address = server.httpServer?.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 5173}/`;
const browser = await launchBrowser();
/** @type {Record<string, unknown>[]} */
const rows = [];
try {
  for (const backend of options.backends) {
    const page = await browser.context.newPage();
    await page.goto(`${base}?bench=linear-classifier`, { waitUntil: 'load' });
    const result = await page.evaluate(
      async ({ backend, steps, warmup, batch }) => {
        const train = await import('/src/train/index.ts');
        const info = await train.selectBackend(backend);
        const models = await import('/src/models/index.ts');
        const core = await import('/src/widgets/tfidf-classifier/vectorizeCore.ts');
        const settings = {
          ngram: '1-1',
          min_df: 2,
          max_features: 5000,
          sublinear_tf: false,
          binary: false,
          norm: 'l2',
        };
        const spam = await (await fetch('/data/spam.json')).json();
        const uci = await (await fetch('/data/uci-sentences.json')).json();
        const tasks = [
          ['spam', spam, 2],
          ['source', { texts: uci.texts, labels: uci.sourceIds, splits: uci.splits }, 3],
        ];
        const out = [];
        for (const [name, corpus, k] of tasks) {
          const { result: v } = core.fitCorpus(corpus, settings);
          for (const matmul of ['sparse', 'dense']) {
            const task = models.createLinearClassifier({
              trainX: v.trainX,
              trainY: v.trainY,
              valX: v.valX,
              valY: v.valY,
              numClasses: k,
              batchSize: batch,
              epochs: 100,
              matmul,
            });
            task.init();
            const one = async () => {
              const o = task.step();
              await o.loss.data();
              o.loss.dispose();
              for (const s of Object.values(o.metrics ?? {})) s.dispose();
            };
            const tw = performance.now();
            for (let i = 0; i < warmup; i++) await one();
            const warmupMs = performance.now() - tw;
            const t0 = performance.now();
            let n = 0;
            while (n < steps || performance.now() - t0 < 2000) {
              await one();
              n++;
            }
            const ms = (performance.now() - t0) / n;
            const te = performance.now();
            await task.evaluate();
            const evalMs = performance.now() - te;
            task.dispose();
            out.push({
              task: name,
              features: v.featureNames.length,
              termsPerDoc: Number(v.meanTermsPerDoc.toFixed(1)),
              matmul,
              msPerStep: Number(ms.toFixed(2)),
              stepsPerSecond: Number((1000 / ms).toFixed(1)),
              docsPerSecond: Math.round((1000 / ms) * batch),
              warmupMs: Math.round(warmupMs),
              evaluateMs: Number(evalMs.toFixed(1)),
              steps: n,
            });
          }
        }
        return { info, rows: out };
      },
      { backend, ...options },
    );
    for (const r of result.rows) {
      rows.push({ backend: result.info.name, software: result.info.software, ...r });
    }
    if (result.info.name !== backend) {
      console.warn(`asked for ${backend}, got ${result.info.name} (${result.info.reason})`);
    }
    await page.close();
  }
} finally {
  await server.close();
}

/**
 * The widget on chapter 4 of the built site: long tasks while it loads and vectorizes, and
 * while it trains its default run at full speed on `backend`.
 *
 * @param {string} url the preview server's base URL.
 * @param {string} backend
 */
async function widgetResponsiveness(url, backend) {
  const page = await browser.context.newPage();
  await page.addInitScript(longTaskObserver);
  await page.goto(`${url}chapters/bag-of-words?backend=${backend}&tc.speed=full`);
  const root = widget(page, 'tfidf-classifier');
  await root.waitFor({ timeout: 60_000 });
  // Poll through one element handle: a locator re-runs its selector over the whole (long,
  // KaTeX-heavy) chapter each time, ~10 ms of main-thread work that would count as the page's.
  const handle = await root.elementHandle();
  if (!handle) throw new Error('no widget element');
  const read = () =>
    handle.evaluate((el) => ({
      status: el.getAttribute('data-status'),
      step: Number(el.getAttribute('data-step')),
      backend: el.getAttribute('data-backend'),
    }));
  const now = () => page.evaluate(() => performance.now());
  const tasksSince = (/** @type {number} */ from, /** @type {number} */ to) =>
    page.evaluate(
      ([a, b]) =>
        /** @type {{ start: number; duration: number }[]} */ (
          /** @type {any} */ (window).__benchLongTasks
        ).filter((t) => t.start >= a && t.start < b),
      [from, to],
    );
  const loadAt = await now();
  await root.scrollIntoViewIfNeeded();
  const play = root.getByRole('button', { name: /^play/i }).first();
  for (let i = 0; ; i++) {
    if ((await play.isEnabled()) && (await trainerState(root)).status === 'idle') break;
    if (i > 600) throw new Error(`the widget did not get ready: ${await alertText(root)}`);
    await page.waitForTimeout(200);
  }
  const readyAt = await now();
  // The machine is shared: the 1-minute load average is reported next to the numbers.
  const loadBefore = loadavg()[0];
  await play.click();
  const playAt = await now();
  let state = await read();
  while (state.status !== 'done' && state.status !== 'paused' && (await now()) - playAt < 120_000) {
    if (state.status === 'error') throw new Error(`training failed: ${await alertText(root)}`);
    await page.waitForTimeout(250);
    state = await read();
  }
  const endAt = await now();
  await handle.dispose();
  const summary = (/** @type {{ duration: number }[]} */ tasks) => ({
    longestTaskMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
    longTasks: tasks.length,
  });
  const row = {
    backend: state.backend ?? backend,
    loading: { ms: Math.round(readyAt - loadAt), ...summary(await tasksSince(loadAt, readyAt)) },
    loadAverage: [loadBefore, loadavg()[0]].map((l) => Number(l.toFixed(2))),
    training: {
      ms: Math.round(endAt - playAt),
      steps: state.step,
      stepsPerSecond: Number(((state.step * 1000) / Math.max(1, endAt - playAt)).toFixed(1)),
      status: state.status,
      ...summary(await tasksSince(playAt, endAt + 1)),
    },
  };
  await page.close();
  return row;
}

/** @type {Awaited<ReturnType<typeof widgetResponsiveness>>[]} */
const widgetRows = [];
if (options.widgetBackends.length > 0) {
  await buildSite({ log: (line) => console.log(line) });
  const preview = await startPreview();
  try {
    for (const b of options.widgetBackends)
      widgetRows.push(await widgetResponsiveness(preview.url, b));
  } finally {
    await preview.close();
  }
}
await browser.close();

console.log('backend  software  task    V      matmul  ms/step  steps/s  docs/s  warm-up ms');
for (const r of rows) {
  console.log(
    [
      String(r.backend).padEnd(8),
      String(r.software).padEnd(9),
      String(r.task).padEnd(7),
      String(r.features).padEnd(6),
      String(r.matmul).padEnd(7),
      String(r.msPerStep).padStart(7),
      String(r.stepsPerSecond).padStart(8),
      String(r.docsPerSecond).padStart(7),
      String(r.warmupMs).padStart(11),
    ].join(' '),
  );
}
if (widgetRows.length > 0) {
  console.log('\nwidget on chapter 4 (built site, speed=full): longest main-thread task');
  console.log(
    'backend  phase                 wall ms  steps  steps/s  longest task ms  long tasks  load avg',
  );
  for (const r of widgetRows) {
    for (const [phase, p] of /** @type {const} */ ([
      ['load + vectorize', r.loading],
      ['training (10 epochs)', r.training],
    ])) {
      console.log(
        [
          String(r.backend).padEnd(8),
          phase.padEnd(21),
          String(p.ms).padStart(7),
          String('steps' in p ? p.steps : '').padStart(6),
          String('stepsPerSecond' in p ? p.stepsPerSecond : '').padStart(8),
          String(p.longestTaskMs).padStart(16),
          String(p.longTasks).padStart(11),
          `  ${r.loadAverage.join(' -> ')}`,
        ].join(' '),
      );
    }
  }
}
mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  join(RESULTS, 'linear-classifier.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
      },
      options,
      rows,
      widget: widgetRows,
    },
    null,
    2,
  )}\n`,
);
console.log(`wrote ${join(RESULTS, 'linear-classifier.json')}`);
