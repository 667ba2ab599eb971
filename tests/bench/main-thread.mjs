#!/usr/bin/env node
/**
 * Main-thread benchmark (part of `npm run bench`; not a pass/fail test): how busy the page's MAIN
 * thread is while each widget does its heavy work. Target: no main-thread task over 50 ms.
 *
 * Builds and serves the site, then for each row of lib/mainThreadWidgets.mjs opens its chapter
 * with `?backend=X` (plus the row's own query: full speed and enough epochs to outlast the
 * window) and gets the widget going. A training widget: wait until it is ready, press Play, wait
 * for the first step and `--warmup` seconds more, then measure while its status is "running".
 * Other rows have their own scenario: an idle page (the baseline), chapter 5's LSA explorer while
 * its worker fits and while the reader moves k and types queries, the Gibbs toy playing at top
 * speed, the convolution arithmetic stepping, chapter 15's positional-encoding explorer's sliders
 * dragged. Every row is measured on its chapter's route of the built site. Over `--seconds`, or
 * until the run ends by itself, it records
 * - long tasks (PerformanceObserver 'longtask', over 50 ms): the longest, per minute, median, mean;
 * - the main thread's busy fraction: the change of CDP Performance.getMetrics' TaskDuration
 *   (seconds the renderer's main thread ran tasks) over the window, split into ScriptDuration,
 *   LayoutDuration and RecalcStyleDuration;
 * - training steps per second (data-step over the window) and the widget's own rate readout;
 * - the machine's 1-minute load average at the start and the end of the window.
 * The window actually measured is reported (shorter than `--seconds` when the run ended).
 *
 * With `--trace` it also records a Chrome trace of each window and attributes the time inside the
 * main thread's long tasks to trace events by self time (lib/trace.mjs); `--save-trace file.json`
 * keeps the raw events (DevTools opens them; one file per widget, the id prefixed);
 * `--categories a,b` adds trace categories (e.g.
 * disabled-by-default-devtools.timeline.invalidationTracking to see what repaints). With
 * `--profile` it records a CPU profile (1 ms sampling) of the main thread and lists the functions
 * by self time (build with `--minify false` to read the names). Tracing and profiling slow the page
 * down: compare busy fractions only between runs with the same flags.
 *
 * Prints a table and writes tests/bench/results/main-thread.json (`--out` another path).
 *
 * Usage: node tests/bench/main-thread.mjs [--widgets char-rnn,word2vec] [--seconds 30]
 *   [--warmup 5] [--backend wasm] [--query "&char.hidden=128"] [--trace] [--save-trace t.json]
 *   [--categories a,b] [--profile] [--style "css"] [--out path.json]
 * `--style` adds a style sheet to every page (try a CSS change, e.g. containment, without a build).
 * Environment: E2E_SKIP_BUILD=1 reuses the built site; E2E_DIST=<folder> serves another build;
 *   CHROME_PATH picks the browser.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { tsLoader } from './lib/loadTs.mjs';
import { longTaskObserver } from './lib/longTasks.mjs';
import { formatTable, median, round, sum } from './lib/stats.mjs';
import { buildSite, startPreview } from './lib/site.mjs';
import { startRecording } from './lib/trace.mjs';
import { WIDGETS, rateReadout, trainScenario } from './lib/mainThreadWidgets.mjs';
import { widget } from './lib/widgets.mjs';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');
/** Main-thread tasks longer than this are long tasks; the target is to have none from training. */
const TARGET_MS = 50;

/** @param {string[]} argv */
function parseArgs(argv) {
  const o = {
    widgets: WIDGETS.map((w) => w.id),
    backend: 'wasm',
    seconds: 30,
    warmup: 5,
    query: '',
    style: '',
    trace: false,
    profile: false,
    saveTrace: '',
    categories: '',
    out: join(RESULTS, 'main-thread.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split(/=(.*)/s);
    if (key === '--trace' || key === '--profile') {
      o[/** @type {'trace' | 'profile'} */ (key.slice(2))] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${key} needs a value.`);
    if (key === '--widgets') o.widgets = value.split(',').filter(Boolean);
    else if (key === '--backend') o.backend = value;
    else if (key === '--query') o.query = value.startsWith('&') ? value : `&${value}`;
    else if (key === '--out') o.out = value;
    else if (key === '--style') o.style = value;
    else if (key === '--categories') o.categories = value;
    else if (key === '--save-trace') {
      o.saveTrace = value;
      o.trace = true;
    } else if (key === '--seconds' || key === '--warmup') {
      const n = Number(value);
      if (!(n >= 0)) throw new Error(`${key} needs a number of seconds >= 0 (got "${value}").`);
      o[/** @type {'seconds' | 'warmup'} */ (key.slice(2))] = n;
    } else
      throw new Error(
        `Unknown option ${argv[i]}. Options: --widgets, --seconds, --warmup, --backend, --query, ` +
          '--trace, --save-trace, --categories, --profile, --style, --out.',
      );
  }
  const unknown = o.widgets.filter((id) => !WIDGETS.some((w) => w.id === id));
  if (unknown.length > 0)
    throw new Error(
      `Unknown widget ${unknown.join(', ')}. Training widgets: ${WIDGETS.map((w) => w.id).join(', ')}.`,
    );
  if (!['webgl', 'wasm', 'cpu'].includes(o.backend))
    throw new Error(`Unknown backend "${o.backend}" (webgl, wasm or cpu).`);
  if (o.seconds <= 0) throw new Error('--seconds must be positive.');
  return o;
}

/** In the page: appends `css` in a <style> to the document's head once it exists. */
function addStyle(/** @type {string} */ css) {
  const add = () => {
    const el = document.createElement('style');
    el.textContent = css;
    document.head.append(el);
  };
  if (document.head) add();
  else document.addEventListener('DOMContentLoaded', add);
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** @param {import('playwright-core').CDPSession} cdp */
async function perfMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/**
 * Opens one widget's chapter, trains it and measures the main thread over the window.
 *
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} siteUrl the served site's root, ending in `/`.
 * @param {(typeof WIDGETS)[number]} spec
 * @param {string} slug the chapter's URL segment.
 * @param {ReturnType<typeof parseArgs>} o
 */
async function measure(context, siteUrl, spec, slug, o) {
  const page = await context.newPage();
  try {
    await page.addInitScript(longTaskObserver);
    // --style: a style sheet added to the page, to try a CSS change without a build.
    if (o.style) await page.addInitScript(addStyle, o.style);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    const query = `?backend=${o.backend}${spec.query ? `&${spec.query}` : ''}${o.query}`;
    const path = `chapters/${slug}`;
    await page.goto(new URL(`${path}${query}`, siteUrl).href);
    const root = widget(page, spec.widget ?? spec.id);
    await root.waitFor({ timeout: 120_000 });
    if (spec.id !== 'idle') await root.scrollIntoViewIfNeeded();
    const scenario = spec.scenario ?? trainScenario;
    await scenario.prepare(page, root, o);

    const recording = await startRecording(cdp, {
      trace: o.trace,
      profile: o.profile,
      categories: o.categories ? o.categories.split(',') : [],
    });
    // Poll through one element handle: a locator runs Playwright's selector engine over the whole
    // chapter's DOM at every poll (about 10 ms of the page's main thread each time, counted here).
    const handle = await root.elementHandle();
    if (!handle) throw new Error(`widget ${spec.id} left the page`);
    const load0 = loadavg()[0];
    const m0 = await perfMetrics(cdp);
    const s0 = await scenario.progress(handle);
    const pageFrom = await page.evaluate(() => performance.now());
    // Poll the progress: a run with an end (epochs, a fit) may stop before the window does.
    let s1 = s0;
    const until = Date.now() + o.seconds * 1000;
    for (let tick = 0; Date.now() < until; tick++) {
      await sleep(Math.min(250, until - Date.now()));
      if (scenario.act) await scenario.act(page, root, tick);
      s1 = await scenario.progress(handle);
      if (!s1.running) break;
    }
    const pageTo = await page.evaluate(() => performance.now());
    const m1 = await perfMetrics(cdp);
    const load1 = loadavg()[0];
    const rate = await rateReadout(root, spec.rate);
    const saveTrace = o.saveTrace
      ? join(dirname(o.saveTrace), `${spec.id}-${basename(o.saveTrace)}`)
      : '';
    const { trace, profileSelfMs } = await recording.stop(m0.Timestamp * 1e6, saveTrace);
    const durations = /** @type {number[]} */ (
      await page.evaluate(
        ([a, b]) =>
          /** @type {any} */ (window).__benchLongTasks
            .filter((/** @type {any} */ t) => t.start >= a && t.start < b)
            .map((/** @type {any} */ t) => t.duration),
        [pageFrom, pageTo],
      )
    );
    const wallS = m1.Timestamp - m0.Timestamp;
    const longest = Math.max(0, ...durations);
    return {
      id: spec.id,
      chapter: spec.chapter,
      url: `${path}${query}`,
      backend: s1.backend ?? null,
      windowS: round(wallS, 2),
      endedBy: s1.running ? 'window' : 'run done',
      loadAverage1m: { start: round(load0, 2), end: round(load1, 2) },
      longestTaskMs: round(longest),
      longTasks: durations.length,
      longTasksPerMinute: round((durations.length * 60) / wallS),
      longTaskMedianMs: round(median(durations)),
      longTaskMeanMs: round(sum(durations) / Math.max(1, durations.length)),
      longTaskBusyFraction: round(sum(durations) / 1000 / wallS, 3),
      mainBusyFraction: round((m1.TaskDuration - m0.TaskDuration) / wallS, 3),
      scriptFraction: round((m1.ScriptDuration - m0.ScriptDuration) / wallS, 3),
      layoutFraction: round((m1.LayoutDuration - m0.LayoutDuration) / wallS, 3),
      styleFraction: round((m1.RecalcStyleDuration - m0.RecalcStyleDuration) / wallS, 3),
      steps: s1.count - s0.count,
      stepsPerSecond: Number.isNaN(s0.count) ? null : round((s1.count - s0.count) / wallS, 2),
      rateReadout: rate,
      meetsTarget: longest <= TARGET_MS,
      jsHeapUsedMB: round(m1.JSHeapUsedSize / 2 ** 20),
      trace,
      profileSelfMs,
    };
  } finally {
    await page.close().catch(() => {});
  }
}

/** @param {any[]} rows results of {@link measure} (or `{ id, error }`). */
function printTable(rows) {
  const head = ['row', 'ch.', 'window s', 'steps/s', 'longest task ms', 'long tasks/min'];
  head.push('busy %', 'load 1m start→end', `≤ ${TARGET_MS} ms`);
  const lines = rows.map((r) =>
    r.error
      ? [r.id, String(r.chapter), `error: ${r.error}`]
      : [
          r.id,
          String(r.chapter),
          `${r.windowS}${r.endedBy === 'window' ? '' : ` (${r.endedBy})`}`,
          r.stepsPerSecond === null ? '–' : String(r.stepsPerSecond),
          String(r.longestTaskMs),
          String(r.longTasksPerMinute),
          (r.mainBusyFraction * 100).toFixed(1),
          `${r.loadAverage1m.start} → ${r.loadAverage1m.end}`,
          r.meetsTarget ? 'yes' : 'no',
        ],
  );
  console.log(
    `\nMain thread while training and on the reader's input (target: no task over ${TARGET_MS} ms)`,
  );
  console.log(formatTable(head, lines));
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`[bench] ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  }
  const ts = await tsLoader();
  const { CHAPTERS } = await ts.load('/src/book/chapters.ts');
  await ts.close();
  await buildSite();
  const server = await startPreview();
  const browser = await launchBrowser();
  /** @type {any[]} */
  const rows = [];
  let userAgent = '';
  try {
    const probe = await browser.context.newPage();
    userAgent = await probe.evaluate(() => navigator.userAgent);
    await probe.close();
    for (const id of o.widgets) {
      const spec = /** @type {(typeof WIDGETS)[number]} */ (WIDGETS.find((w) => w.id === id));
      const slug = CHAPTERS.find((/** @type {any} */ c) => c.number === spec.chapter)?.slug;
      console.log(`[bench] ${id} (chapter ${spec.chapter}): ${o.warmup} s warm-up, ${o.seconds} s`);
      try {
        if (!slug) throw new Error(`no chapter ${spec.chapter} in chapters.ts`);
        rows.push(await measure(browser.context, server.url, spec, slug, o));
      } catch (error) {
        const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
        console.error(`[bench] ${id} failed: ${message}`);
        rows.push({ id, chapter: spec.chapter, error: message });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGB: round(totalmem() / 2 ** 30) },
    userAgent,
    options: {
      backend: o.backend,
      seconds: o.seconds,
      warmup: o.warmup,
      query: o.query,
      style: o.style,
    },
    flags: { trace: o.trace, profile: o.profile },
    targetMs: TARGET_MS,
    widgets: rows,
  };
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, JSON.stringify(result, null, 2));
  printTable(rows);
  for (const r of rows) {
    if (r.trace) {
      console.log(`\n${r.id}: long-task self time by group (ms):`, r.trace.longTaskSelfMsByGroup);
      console.log(`${r.id}: longest tasks:`, JSON.stringify(r.trace.longestTasks.slice(0, 4)));
    }
    if (r.profileSelfMs) console.log(`\n${r.id}: CPU profile self time (ms):`, r.profileSelfMs);
  }
  console.log(`[bench] wrote ${o.out}`);
  if (rows.some((r) => r.error)) process.exit(1);
}

await main();
