/**
 * Pure geometry of the LSA map: the axis domain of a set of points, and which labels to show so
 * that none overlaps another (the farthest points have priority). No React, no DOM.
 */
import { placeLabels, type LabelPlace } from '../common/embedding-views/labels';

/** [min, max] of `values` and 0, padded by `pad` of the span on each side. */
export function paddedDomain(values: readonly number[], pad = 0.06): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo || 1;
  return [lo - span * pad, hi + span * pad];
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
