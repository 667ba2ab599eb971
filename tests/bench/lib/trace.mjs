/**
 * Where the main thread's time goes, from CDP recordings of a page (used by main-thread.mjs with
 * `--trace` and `--profile`):
 * - {@link attribute}: a Chrome trace (CDP Tracing, devtools.timeline categories) reduced to the
 *   self time of each event name inside the main thread's long tasks (FunctionCall = JavaScript,
 *   MinorGC/MajorGC, UpdateLayoutTree, Layout, Paint, ...), grouped and per long task;
 * - {@link profileSelf}: a CDP CPU profile reduced to self time per function;
 * - {@link startRecording}: starts and stops both on a page's CDP session.
 * Times are in ms, rounded to 0.1.
 */

import { writeFileSync } from 'node:fs';
import { round } from './stats.mjs';

/** Trace categories recorded by `--trace` (more can be added with `--categories`). */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'toplevel',
];

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
export function attribute(events, fromUs) {
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
export function profileSelf(/** @type {any} */ profile, n = 40) {
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

/**
 * Starts a Chrome trace and/or a CPU profile of a page through its CDP session.
 *
 * @param {import('playwright-core').CDPSession} cdp
 * @param {{ trace: boolean; profile: boolean; categories: string[] }} what `categories` are added
 *   to {@link TRACE_CATEGORIES}.
 * @returns {Promise<{ stop: (fromUs: number, saveTo?: string) => Promise<{ trace: ReturnType<typeof
 *   attribute> | null; profileSelfMs: Record<string, number> | null }> }>} `stop` ends both,
 *   writes the raw trace events to `saveTo` when given (DevTools opens the file) and returns
 *   {@link attribute}'s summary from `fromUs` (trace clock, µs) and {@link profileSelf}'s.
 */
export async function startRecording(cdp, { trace, profile, categories }) {
  /** @type {any[]} */
  const events = [];
  if (trace) {
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    await cdp.send('Tracing.start', {
      categories: [...TRACE_CATEGORIES, ...categories].join(','),
      transferMode: 'ReportEvents',
    });
  }
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  return {
    async stop(fromUs, saveTo = '') {
      const cpu = profile ? (await cdp.send('Profiler.stop')).profile : null;
      if (!trace) return { trace: null, profileSelfMs: cpu ? profileSelf(cpu) : null };
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await done;
      if (saveTo) writeFileSync(saveTo, JSON.stringify({ traceEvents: events }));
      return { trace: attribute(events, fromUs), profileSelfMs: cpu ? profileSelf(cpu) : null };
    },
  };
}
