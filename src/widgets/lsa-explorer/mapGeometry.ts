/**
 * Pure geometry of the LSA map: the axis domain of a set of points, and which labels to show so
 * that none overlaps another (the farthest points have priority). No React, no DOM.
 */
import { placeLabels, type LabelPlace } from '../common/embedding-views/labels';

/** The `q`-quantile (0..1, nearest rank) of `values`; 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * A robust axis domain: from the `q` lower to the `1 − q` upper quantile of `values` (0
 * always inside), padded by `pad` of the span on each side. Points outside are pinned to the
 * edge by the caller (d3's `clamp`), so one extreme term cannot squeeze the rest into a corner.
 */
export function robustDomain(values: readonly number[], q = 0.01, pad = 0.08): [number, number] {
  const lo = Math.min(0, quantile(values, q));
  const hi = Math.max(0, quantile(values, 1 - q));
  const span = hi - lo || 1;
  return [lo - span * pad, hi + span * pad];
}

/**
 * The factor that gives documents the same typical distance from the origin as terms (the
 * medians of their radii): documents (X V, norms at most 1) and terms (V Σ) differ in scale,
 * and a common factor per kind keeps every point's direction, which is what cosine measures.
 */
export function docScale(
  terms: readonly { x: number; y: number }[],
  docs: readonly { x: number; y: number }[],
): number {
  const r = (ps: readonly { x: number; y: number }[]) =>
    quantile(
      ps.map((p) => Math.hypot(p.x, p.y)),
      0.5,
    );
  const rd = r(docs);
  return rd > 0 ? r(terms) / rd || 1 : 1;
}

/** A label that will be drawn: which point, and where its text starts. */
export interface ShownLabel extends LabelPlace {
  /** Index into the points passed in. */
  index: number;
}

/**
 * Places labels for the first `max` points (in priority order) and keeps only those whose box
 * does not overlap a kept one or leave the plot; widths are estimated as 0.6 em per character.
 */
export function legibleLabels(
  points: readonly { word: string; px: number; py: number }[],
  max: number,
  fontPx: number,
  width: number,
  height: number,
): ShownLabel[] {
  const head = points.slice(0, max);
  const places = placeLabels(head, fontPx, width, height);
  const kept: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const out: ShownLabel[] = [];
  places.forEach((p, index) => {
    const w = head[index].word.length * fontPx * 0.6;
    const h = fontPx * 1.1;
    const box = { x0: p.x, x1: p.x + w, y0: p.y - h / 2, y1: p.y + h / 2 };
    if (box.x0 < 0 || box.x1 > width || box.y0 < 0 || box.y1 > height) return;
    if (kept.some((b) => box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1)) return;
    kept.push(box);
    out.push({ ...p, index });
  });
  return out;
}
