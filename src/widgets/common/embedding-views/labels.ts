/**
 * Greedy placement of point labels in a scatter plot: each label goes to the right of its point,
 * or to the left / above / below when that overlaps fewer labels already placed or the edge.
 * Pure; widths are estimated from the character count (0.6 em per character).
 */

/** A point in pixels with its label text. */
export interface LabelPoint {
  word: string;
  px: number;
  py: number;
}

/** Where a label's text starts (x) and its vertical centre (y), in px; `anchor` is always start. */
export interface LabelPlace {
  x: number;
  y: number;
}

/**
 * @param points the points, in drawing order.
 * @param fontPx label font size in px.
 * @param width plot width in px; height plot height in px (labels are kept inside).
 */
export function placeLabels(
  points: readonly LabelPoint[],
  fontPx: number,
  width: number,
  height: number,
): LabelPlace[] {
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const gap = fontPx * 0.5;
  return points.map((p) => {
    const w = p.word.length * fontPx * 0.6;
    const h = fontPx * 1.1;
    const candidates = [
      { x: p.px + gap, y: p.py },
      { x: p.px - gap - w, y: p.py },
      { x: p.px - w / 2, y: p.py - h },
      { x: p.px - w / 2, y: p.py + h },
      { x: p.px + gap, y: p.py - h * 0.8 },
      { x: p.px + gap, y: p.py + h * 0.8 },
    ];
    let best = candidates[0];
    let bestCost = Infinity;
    for (const c of candidates) {
      const box = { x0: c.x, x1: c.x + w, y0: c.y - h / 2, y1: c.y + h / 2 };
      let cost = 0;
      for (const b of placed) {
        const ox = Math.min(box.x1, b.x1) - Math.max(box.x0, b.x0);
        const oy = Math.min(box.y1, b.y1) - Math.max(box.y0, b.y0);
        if (ox > 0 && oy > 0) cost += ox * oy;
      }
      const out =
        Math.max(0, -box.x0) +
        Math.max(0, box.x1 - width) +
        Math.max(0, -box.y0) +
        Math.max(0, box.y1 - height);
      cost += out * h * 4;
      if (cost < bestCost - 1e-9) {
        best = c;
        bestCost = cost;
      }
    }
    const x = Math.max(0, Math.min(width - w, best.x));
    const y = Math.max(h / 2, Math.min(height - h / 2, best.y));
    placed.push({ x0: x, x1: x + w, y0: y - h / 2, y1: y + h / 2 });
    return { x, y };
  });
}
