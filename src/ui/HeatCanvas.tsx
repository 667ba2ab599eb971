import { useEffect, useRef, useSyncExternalStore } from 'react';
import { colorPosition, heatColor, type ColorScheme } from './chartMath';

/**
 * The theme attributes a canvas drawing depends on: the colours come from CSS variables that
 * change with `<html data-theme>`, and Present mode (`data-presenting`) may restyle the page.
 */
const THEME_ATTRIBUTES = ['data-theme', 'data-presenting'];

function subscribeTheme(onChange: () => void): () => void {
  if (typeof MutationObserver === 'undefined') return () => {};
  const mo = new MutationObserver(onChange);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: THEME_ATTRIBUTES });
  return () => mo.disconnect();
}

function themeKey(): string {
  const el = document.documentElement;
  return THEME_ATTRIBUTES.map((a) => el.getAttribute(a) ?? '').join('|');
}

/** A string that changes whenever the page's theme (or Present mode) does; '' on the server. */
export function useThemeKey(): string {
  return useSyncExternalStore(subscribeTheme, themeKey, () => '');
}

/** Number of colour steps on each side of the scale: {@link heatColor} rounds to whole percents. */
const STEPS = 100;

/**
 * The resolved colours of {@link heatColor} for every step, read once per theme through a hidden
 * probe element inside `host` (so variables set on the widget, e.g. by Present mode, apply):
 * index `STEPS + round(t * STEPS)` for t in [-1, 1], and the last entry for NaN. Canvas cannot
 * read CSS variables, so the `color-mix` of theme variables is resolved by the browser here.
 */
function resolvePalette(host: Element): string[] {
  // All the probes are styled first and read afterwards: one style recalculation for all of
  // them (a read after each write would recalculate the chapter's styles 200 times).
  const box = document.createElement('div');
  box.style.display = 'none';
  const colors: string[] = [];
  for (let i = -STEPS; i <= STEPS; i++) colors.push(heatColor(i / STEPS));
  colors.push(heatColor(Number.NaN), 'var(--color-surface)');
  for (const c of colors) {
    const probe = document.createElement('span');
    probe.style.color = c;
    box.appendChild(probe);
  }
  host.appendChild(box);
  try {
    return Array.from(box.children, (el) => getComputedStyle(el).color);
  } finally {
    box.remove();
  }
}

/** Palette index of a colour-scale position: {@link resolvePalette}'s order, NaN last but one. */
function paletteIndex(t: number, colors: readonly string[]): number {
  return Number.isNaN(t) ? colors.length - 2 : STEPS + Math.round(t * STEPS);
}

/**
 * Fills one square per cell of `matrix` (`cell` CSS px a side, a 1 px gap from 4 px up), grouped
 * by colour: `fillStyle` is set once per colour used (at most the palette's 202) instead of once
 * per cell. Setting it parses a CSS colour (the theme's `oklab(...)`, off the fast path), which
 * for a 32 x 200 gate heatmap was most of a 30-40 ms draw on the main thread.
 *
 * @param colors - the resolved palette ({@link resolvePalette}: 2·STEPS + 1 scale steps, the NaN
 *   colour, the surface colour).
 * @returns the number of colours used (`fillStyle` assignments).
 */
export function drawHeatCells(
  ctx: Pick<CanvasRenderingContext2D, 'fillStyle' | 'fillRect'>,
  matrix: readonly (readonly number[])[],
  domain: readonly [number, number],
  scheme: ColorScheme,
  colors: readonly string[],
  cell: number,
): number {
  // Row and column of every cell, bucketed by palette index.
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < matrix.length; i++) {
    const row = matrix[i];
    for (let j = 0; j < row.length; j++) {
      const k = paletteIndex(colorPosition(row[j], domain, scheme), colors);
      const bucket = buckets.get(k);
      if (bucket) bucket.push(i, j);
      else buckets.set(k, [i, j]);
    }
  }
  const gap = cell >= 4 ? 1 : 0;
  for (const [k, cells] of buckets) {
    ctx.fillStyle = colors[k];
    for (let n = 0; n < cells.length; n += 2) {
      ctx.fillRect(
        cells[n + 1] * cell + gap / 2,
        cells[n] * cell + gap / 2,
        cell - gap,
        cell - gap,
      );
    }
  }
  return buckets.size;
}

/** Props of {@link HeatCanvas}. */
export interface HeatCanvasProps {
  matrix: readonly (readonly number[])[];
  /** Colour domain and scheme, as {@link colorPosition} takes them. */
  domain: readonly [number, number];
  scheme: ColorScheme;
  /** Side of one cell in CSS px. */
  cell: number;
  /** Number of columns (the longest row). */
  cols: number;
  /** Top-left corner of the grid inside the plot, in CSS px. */
  left: number;
  top: number;
}

/**
 * The cells of a {@link Heatmap} drawn on one `<canvas>` instead of one SVG `<rect>` each: for
 * large matrices (the character RNN's gate activations are 16-32 units x up to 200 characters),
 * where thousands of SVG nodes cost tens of milliseconds of style, paint and garbage collection
 * on the main thread at every refresh. Same colours as the SVG cells (the theme's `color-mix`,
 * resolved once per theme), a 1 px gap in the surface colour between cells, drawn at the
 * device's pixel ratio. Positioned absolutely under the heatmap's SVG, which keeps the labels,
 * the highlight and the pointer handling. `data-cells` holds the number of cells drawn.
 */
export function HeatCanvas({ matrix, domain, scheme, cell, cols, left, top }: HeatCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useThemeKey();
  const palette = useRef<{ key: string; colors: string[] } | null>(null);
  const rows = matrix.length;
  const w = cell * cols;
  const h = cell * rows;

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !canvas.parentElement) return;
    if (palette.current?.key !== theme) {
      palette.current = { key: theme, colors: resolvePalette(canvas.parentElement) };
    }
    const colors = palette.current.colors;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = colors[colors.length - 1];
    ctx.fillRect(0, 0, w, h);
    drawHeatCells(ctx, matrix, domain, scheme, colors, cell);
    canvas.dataset.cells = String(rows * cols);
  }, [matrix, domain, scheme, cell, cols, rows, w, h, theme]);

  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  return (
    <canvas
      ref={ref}
      className="ui-heatmap-canvas"
      width={Math.max(1, Math.round(w * dpr))}
      height={Math.max(1, Math.round(h * dpr))}
      style={{ position: 'absolute', left, top, width: w, height: h }}
      aria-hidden="true"
    />
  );
}
