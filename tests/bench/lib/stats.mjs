/** Small number and table helpers shared by the benchmarks. */

/** `v` rounded to `d` decimals (default 1), as a number. */
export const round = (/** @type {number} */ v, d = 1) => Number(v.toFixed(d));

/** Sum of `a` (0 when empty). */
export const sum = (/** @type {number[]} */ a) => a.reduce((x, y) => x + y, 0);

/** Median of `a` (0 when empty). */
export const median = (/** @type {number[]} */ a) => {
  if (a.length === 0) return 0;
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * A plain-text table: a header line, a rule, then one line per row, columns padded to their
 * widest cell and separated by " | ". Rows may be shorter than the header (e.g. an error row).
 *
 * @param {string[]} head
 * @param {string[][]} rows
 * @returns {string}
 */
export function formatTable(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((l) => (l[i] ?? '').length)));
  const fmt = (/** @type {string[]} */ l) => l.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(fmt)].join('\n');
}
