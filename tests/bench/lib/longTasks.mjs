/**
 * Installed in a page before any of its scripts (`context.addInitScript(longTaskObserver)`):
 * records the page's long tasks (over 50 ms; PerformanceObserver 'longtask') as
 * `{ start, duration }` in `window.__benchLongTasks`. Chromium-only; elsewhere the list stays empty.
 */
export function longTaskObserver() {
  /** @type {{ start: number; duration: number }[]} */
  const tasks = [];
  /** @type {any} */ (window).__benchLongTasks = tasks;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // longtask is Chromium-only.
  }
}
