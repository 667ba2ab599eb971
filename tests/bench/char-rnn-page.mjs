#!/usr/bin/env node
/**
 * Chapter 9 page benchmark (part of `npm run bench`; not a pass/fail test): how busy the page's
 * MAIN thread is while the character-model widget trains in its Web Worker. Builds and serves the
 * site like the e2e harness, opens /chapters/recurrent-networks?backend=X, presses Play on the
 * char-rnn widget (default settings), skips `--warmup` seconds and then, for `--seconds`, records
 * - long tasks (PerformanceObserver 'longtask', over 50 ms): per minute, median, mean, longest;
 * - the main thread's busy fraction: the change of CDP Performance.getMetrics' TaskDuration
 *   (seconds the renderer's main thread ran tasks) over the wall-clock window, split into
 *   ScriptDuration, LayoutDuration and RecalcStyleDuration;
 * - training characters per second (data-step over the window × the characters per step the
 *   widget states in its data line) and the widget's own chars/s readout;
 * - the machine's 1-minute load average at the start and the end (2 shared cores: noisy).
 * With `--trace` it also records a Chrome trace of the window (CDP Tracing, devtools.timeline
 * categories) and attributes the time inside the main thread's long tasks to trace events by
 * self time (FunctionCall = JavaScript, MinorGC/MajorGC, UpdateLayoutTree, Layout, Paint, ...),
 * and lists the biggest event names per long task. With `--profile` it records a CPU profile
 * (CDP Profiler, 1 ms sampling) of the page's main thread and lists the functions by self time
 * (build with `--minify false` to read the names). Tracing and profiling slow the page down:
 * compare busy fractions only between runs with the same flags.
 *
 * Prints a summary and writes tests/bench/results/char-rnn-page.json (with `--out` another path).
 *
 * Usage: node tests/bench/char-rnn-page.mjs [--backend wasm] [--seconds 60] [--warmup 10]
 *   [--trace] [--save-trace trace.json] [--profile] [--query "&char.hidden=128"] [--out path.json]
 *   [--categories a,b] (--save-trace also writes the raw trace events, which DevTools opens;
 *   --categories adds trace categories, e.g.
 *   disabled-by-default-devtools.timeline.invalidationTracking to see what repaints)
 * Environment: E2E_SKIP_BUILD=1 reuses the built site; E2E_DIST=<folder> serves another build;
 *   CHROME_PATH picks the browser.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../e2e/lib/browser.mjs';
import { buildSite, startPreview } from '../e2e/lib/server.mjs';
import { readMetric, trainerState, waitForReady, widget } from '../e2e/lib/widgets.mjs';
import { longTaskObserver } from './lib/longTasks.mjs';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results');
const CHAPTER = 'chapters/recurrent-networks';

/** @param {string[]} argv */
function parseArgs(argv) {
  const o = {
    backend: 'wasm',
    seconds: 60,
    warmup: 10,
    trace: false,
    profile: false,
    query: '',
    out: join(RESULTS, 'char-rnn-page.json'),
    saveTrace: '',
    categories: '',
  };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split(/=(.*)/s);
    if (key === '--trace' || key === '--profile') {
      o[/** @type {'trace' | 'profile'} */ (key.slice(2))] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (key === '--backend') o.backend = value;
    else if (key === '--query') o.query = value;
    else if (key === '--out') o.out = value;
    else if (key === '--categories') o.categories = value;
    else if (key === '--save-trace') {
      o.saveTrace = value;
      o.trace = true;
    } else if (key === '--seconds' || key === '--warmup') {
      const n = Number(value);
      if (!(n >= 0)) throw new Error(`${key} needs a number of seconds >= 0 (got "${value}")`);
      o[/** @type {'seconds' | 'warmup'} */ (key.slice(2))] = n;
    } else
      throw new Error(
        `Unknown option ${argv[i]}. Options: --backend, --seconds, --warmup, --trace, --save-trace, --categories, --profile, --query, --out.`,
      );
  }
  if (!['webgl', 'wasm', 'cpu'].includes(o.backend))
    throw new Error(`Unknown backend "${o.backend}".`);
  if (o.seconds <= 0) throw new Error('--seconds must be positive.');
  return o;
}

const median = (/** @type {number[]} */ a) => {
  if (a.length === 0) return 0;
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (/** @type {number} */ v, d = 1) => Number(v.toFixed(d));

/** @param {import('playwright-core').CDPSession} cdp */
async function perfMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Event names grouped for the summary (everything else keeps its own name). */
const GROUPS = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  RunMicrotasks: 'script',
  'v8.run': 'script',
  'V8.Execute': 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  MinorGC: 'gc',
  MajorGC: 'gc',
  BlinkGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  UpdateLayoutTree: 'style+layout',
  Layout: 'style+layout',
  RecalculateStyles: 'style+layout',
  PrePaint: 'paint+composite',
  Paint: 'paint+composite',
  Layerize: 'paint+composite',
  UpdateLayer: 'paint+composite',
  CompositeLayers: 'paint+composite',
  Commit: 'paint+composite',
  RunTask: 'task (unattributed)',
  'ThreadControllerImpl::RunTask': 'task (unattributed)',
};

/**
 * Self time per trace event name inside the main thread's long tasks (> 50 ms RunTask).
 * @param {any[]} events all trace events
 * @param {number} fromUs window start (trace clock, µs)
 */
function attribute(events, fromUs) {
  const names = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') {
      names.set(`${e.pid}:${e.tid}`, 0);
    }
  }
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && names.has(k)) names.set(k, names.get(k) + (e.dur ?? 0));
  }
  // The page's main thread: the renderer main thread that ran the most.
  const main = [...names.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const evs = events
    .filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.ts >= fromUs && e.dur != null)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  /** @type {Map<string, number>} */
  const selfByName = new Map();
  /** @type {Map<string, number>} */
  const selfByGroup = new Map();
  /** Self time by group over every main-thread task of the window, long or not. */
  /** @type {Map<string, number>} */
  const allByGroup = new Map();
  /** @type {{ ts: number; dur: number; top: [string, number][] }[]} */
  const longTasks = [];
  /** @type {{ e: any; self: number }[]} */
  let stack = [];
  /** @type {Map<string, number> | null} */
  let current = null;
  let busyUs = 0;
  const close = (/** @type {{ e: any; self: number }} */ f) => {
    const group = GROUPS[f.e.name] ?? f.e.name;
    allByGroup.set(group, (allByGroup.get(group) ?? 0) + f.self);
    if (!current) return;
    const n =
      f.e.name === 'FunctionCall' && f.e.args?.data?.functionName
        ? `FunctionCall ${f.e.args.data.functionName}`
        : f.e.name;
    current.set(n, (current.get(n) ?? 0) + f.self);
    selfByName.set(n, (selfByName.get(n) ?? 0) + f.self);
    const g = GROUPS[f.e.name] ?? f.e.name;
    selfByGroup.set(g, (selfByGroup.get(g) ?? 0) + f.self);
  };
  const finishTask = () => {
    if (!current) return;
    const task = longTasks[longTasks.length - 1];
    task.top = [...current.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([n, us]) => [n, round(us / 1000)]);
    current = null;
  };
  for (const e of evs) {
    while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur <= e.ts) {
      close(/** @type {any} */ (stack.pop()));
    }
    if (stack.length === 0) {
      finishTask();
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') busyUs += e.dur;
      if ((e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur > 50_000) {
        current = new Map();
        longTasks.push({ ts: e.ts, dur: round(e.dur / 1000), top: [] });
      }
    } else {
      stack[stack.length - 1].self -= e.dur;
    }
    stack.push({ e, self: e.dur });
  }
  while (stack.length) close(/** @type {any} */ (stack.pop()));
  finishTask();
  const ms = (/** @type {Map<string, number>} */ m, n = 30) =>
    Object.fromEntries(
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, us]) => [k, round(us / 1000)]),
    );
  return {
    traceBusyMs: round(busyUs / 1000),
    allTaskSelfMsByGroup: ms(allByGroup),
    longTaskSelfMsByGroup: ms(selfByGroup),
    longTaskSelfMsByEvent: ms(selfByName),
    longestTasks: [...longTasks].sort((a, b) => b.dur - a.dur).slice(0, 8),
  };
}

/** Self time per function of a CDP CPU profile (main thread), top `n`. */
function profileSelf(/** @type {any} */ profile, n = 40) {
  const byId = new Map(profile.nodes.map((/** @type {any} */ node) => [node.id, node]));
  /** @type {Map<string, number>} */
  const self = new Map();
  const dts = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const f = node.callFrame;
    const file = f.url ? f.url.split('/').pop() : '';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dts[i + 1] ?? 0));
  }
  return Object.fromEntries(
    [...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => [k, round(us / 1000)]),
  );
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  await buildSite();
  const server = await startPreview();
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    await page.addInitScript(longTaskObserver);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    await page.goto(new URL(`${CHAPTER}?backend=${o.backend}${o.query}`, server.url).href);
    const root = widget(page, 'char-rnn');
    await root.waitFor({ timeout: 60_000 });
    await root.scrollIntoViewIfNeeded();
    await waitForReady(root);
    await root.getByRole('button', { name: /^play/i }).click();
    const t0 = Date.now();
    while ((await trainerState(root)).step < 1) {
      if (Date.now() - t0 > 180_000) throw new Error('no training step after 180 s');
      await page.waitForTimeout(200);
    }
    await page.waitForTimeout(o.warmup * 1000);
    const info = (await root.locator('[data-data-info]').textContent()) ?? '';
    const charsPerStep = Number(/A step reads ([\d,]+)/.exec(info)?.[1].replace(/,/g, '') ?? NaN);

    /** @type {any[]} */
    const traceEvents = [];
    if (o.trace) {
      cdp.on('Tracing.dataCollected', (d) => traceEvents.push(...d.value));
      await cdp.send('Tracing.start', {
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'v8.execute',
          'blink.user_timing',
          'toplevel',
          ...(o.categories ? o.categories.split(',') : []),
        ].join(','),
        transferMode: 'ReportEvents',
      });
    }
    if (o.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
    }
    const load0 = loadavg()[0];
    const m0 = await perfMetrics(cdp);
    const s0 = { t: Date.now(), ...(await trainerState(root)) };
    const pageFrom = await page.evaluate(() => performance.now());
    await page.waitForTimeout(o.seconds * 1000);
    const pageTo = await page.evaluate(() => performance.now());
    const s1 = { t: Date.now(), ...(await trainerState(root)) };
    const m1 = await perfMetrics(cdp);
    const load1 = loadavg()[0];
    const widgetCps = await readMetric(root, 'chars_per_second');
    let profile = null;
    if (o.profile) profile = (await cdp.send('Profiler.stop')).profile;
    let trace = null;
    if (o.trace) {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await done;
      const fromUs = m0.Timestamp * 1e6;
      if (o.saveTrace) writeFileSync(o.saveTrace, JSON.stringify({ traceEvents }));
      trace = attribute(traceEvents, fromUs);
    }
    if (s1.status !== 'running') throw new Error(`the widget stopped training (${s1.status})`);
    const tasks = /** @type {{ start: number; duration: number }[]} */ (
      await page.evaluate(
        ([a, b]) =>
          /** @type {any} */ (window).__benchLongTasks.filter(
            (/** @type {any} */ t) => t.start >= a && t.start < b,
          ),
        [pageFrom, pageTo],
      )
    );
    const wallS = m1.Timestamp - m0.Timestamp;
    const durations = tasks.map((t) => t.duration);
    const result = {
      date: new Date().toISOString(),
      backend: s1.backend,
      query: o.query,
      seconds: round(wallS, 2),
      flags: { trace: o.trace, profile: o.profile },
      cpus: cpus().length,
      loadAverage1m: { start: round(load0, 2), end: round(load1, 2) },
      longTasksPerMinute: round((tasks.length * 60) / wallS),
      longTaskMedianMs: round(median(durations)),
      longTaskMeanMs: round(durations.reduce((a, b) => a + b, 0) / Math.max(1, durations.length)),
      longestTaskMs: round(Math.max(0, ...durations)),
      longTaskBusyFraction: round(durations.reduce((a, b) => a + b, 0) / 1000 / wallS, 3),
      mainBusyFraction: round((m1.TaskDuration - m0.TaskDuration) / wallS, 3),
      scriptFraction: round((m1.ScriptDuration - m0.ScriptDuration) / wallS, 3),
      layoutFraction: round((m1.LayoutDuration - m0.LayoutDuration) / wallS, 3),
      styleFraction: round((m1.RecalcStyleDuration - m0.RecalcStyleDuration) / wallS, 3),
      steps: s1.step - s0.step,
      charsPerStep,
      charsPerSecond: round(((s1.step - s0.step) * charsPerStep * 1000) / (s1.t - s0.t), 0),
      widgetCharsPerSecond: widgetCps,
      jsHeapUsedMB: round(m1.JSHeapUsedSize / 2 ** 20),
      trace,
      profileSelfMs: profile ? profileSelf(profile) : null,
    };
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, JSON.stringify(result, null, 2));
    const { trace: t, profileSelfMs, ...summary } = result;
    console.log(JSON.stringify(summary, null, 2));
    if (t) {
      console.log('all tasks, self time by group (ms):', t.allTaskSelfMsByGroup);
      console.log('long-task self time by group (ms):', t.longTaskSelfMsByGroup);
      console.log('long-task self time by event (ms):', t.longTaskSelfMsByEvent);
      console.log('longest tasks:', JSON.stringify(t.longestTasks, null, 1));
    }
    if (profileSelfMs) console.log('CPU profile self time (ms):', profileSelfMs);
    console.log(`[bench] wrote ${o.out}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
