import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { colorPosition, heatColor } from '../../../src/ui/chartMath';
import { drawHeatCells } from '../../../src/ui/HeatCanvas';
import { CANVAS_FROM_CELLS, Heatmap, heatmapDomain } from '../../../src/ui/Heatmap';

/** The cells of a rendered heatmap in document order: position, size, fill and printed text. */
function cells(html: string) {
  const out: { x: number; y: number; size: number; fill: string; text: string | null }[] = [];
  const re =
    /<rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="[^"]+" class="ui-cell" style="fill:([^"]+)"><\/rect>(?:<text[^>]*>([^<]*)<\/text>)?/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    out.push({ x: +m[1], y: +m[2], size: +m[3], fill: m[4], text: m[5] ?? null });
  }
  return out;
}

const unescape = (s: string) => s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"');

describe('Heatmap cells', () => {
  const matrix = [
    [0, 0.5, 1],
    [0.25, Number.NaN, 0.75],
  ];

  it('one cell per value, row-major on a square grid, coloured by value', () => {
    const html = renderToString(h(Heatmap, { matrix, label: 'M', showValues: false }));
    const cs = cells(html);
    expect(cs).toHaveLength(6);
    const size = cs[0].size;
    expect(size).toBeGreaterThan(0);
    const dom = heatmapDomain(matrix, 'sequential');
    cs.forEach((c, k) => {
      const [i, j] = [Math.floor(k / 3), k % 3];
      expect(c.x).toBeCloseTo(j * size, 6);
      expect(c.y).toBeCloseTo(i * size, 6);
      expect(unescape(c.fill)).toBe(heatColor(colorPosition(matrix[i][j], dom, 'sequential')));
      expect(c.text).toBeNull();
    });
    // The lowest and highest values get different colours; the missing one the blank colour.
    expect(cs[0].fill).not.toBe(cs[2].fill);
    expect(unescape(cs[4].fill)).toBe('var(--color-surface-2)');
  });

  it('prints the formatted values when asked, a dash for a missing one', () => {
    const html = renderToString(
      h(Heatmap, { matrix, label: 'M', showValues: true, format: (v: number) => v.toFixed(2) }),
    );
    expect(cells(html).map((c) => c.text)).toEqual(['0.00', '0.50', '1.00', '0.25', 'NaN', '0.75']);
    const dflt = renderToString(h(Heatmap, { matrix, label: 'M', showValues: true }));
    expect(cells(dflt)[4].text).toBe('—');
  });

  it('a diverging map colours negative and positive values with different hues', () => {
    const html = renderToString(
      h(Heatmap, { matrix: [[-1, 0, 1]], label: 'D', scheme: 'diverging', showValues: false }),
    );
    const fills = cells(html).map((c) => unescape(c.fill));
    expect(fills[0]).toContain('--series-2');
    expect(fills[2]).toContain('--series-1');
    expect(fills[1]).toBe(heatColor(0));
  });
});

describe('Heatmap renderer', () => {
  const big = Array.from({ length: 16 }, (_, i) =>
    Array.from({ length: 50 }, (_, j) => Math.sin(i + j)),
  );

  it('auto: large matrices draw on one canvas (no rects), small ones as SVG rects', () => {
    expect(16 * 50).toBeGreaterThanOrEqual(CANVAS_FROM_CELLS);
    const large = renderToString(h(Heatmap, { matrix: big, label: 'G', showValues: false }));
    expect(cells(large)).toHaveLength(0);
    expect(large.match(/<canvas[^>]*class="ui-heatmap-canvas"/g)).toHaveLength(1);
    // The pointer still has a target over the grid, and the labels stay SVG text.
    expect(large).toContain('data-pointer-area');
    expect(large.match(/class="ui-tick/g)?.length ?? 0).toBeGreaterThan(0);
    const small = renderToString(h(Heatmap, { matrix: [[1, 2]], label: 'S', showValues: false }));
    expect(small).not.toContain('<canvas');
    expect(cells(small)).toHaveLength(2);
  });

  it('printed values and an explicit renderer keep the SVG cells', () => {
    const printed = renderToString(h(Heatmap, { matrix: big, label: 'G', showValues: true }));
    expect(printed).not.toContain('<canvas');
    const svg = renderToString(
      h(Heatmap, { matrix: big, label: 'G', showValues: false, renderer: 'svg' }),
    );
    expect(cells(svg)).toHaveLength(16 * 50);
    const canvas = renderToString(
      h(Heatmap, { matrix: [[1, 2]], label: 'S', showValues: false, renderer: 'canvas' }),
    );
    expect(canvas).toContain('<canvas');
  });
});

describe('drawHeatCells (the canvas renderer)', () => {
  /** A 2D context that records each fillRect with the fillStyle in effect. */
  function recorder() {
    const rects: { x: number; y: number; w: number; h: number; fill: string }[] = [];
    const ctx = {
      fillStyle: '' as string | CanvasGradient | CanvasPattern,
      styleSets: 0,
      fillRect(x: number, y: number, w: number, hh: number) {
        rects.push({ x, y, w, h: hh, fill: String(ctx.fillStyle) });
      },
    };
    const tracked = new Proxy(ctx, {
      set(target, key, value) {
        if (key === 'fillStyle') target.styleSets++;
        return Reflect.set(target, key, value);
      },
    });
    return { ctx: tracked, rects };
  }
  // The palette as resolvePalette orders it, left as heatColor's CSS (no browser to resolve it).
  const palette = [
    ...Array.from({ length: 201 }, (_, i) => heatColor((i - 100) / 100)),
    heatColor(Number.NaN),
    'var(--color-surface)',
  ];

  it('draws every cell once, where the SVG renderer puts it, in the SVG cell colour', () => {
    const matrix = [
      [-0.93, 0.12, 0.12, Number.NaN],
      [0.12, 0.61, -0.93, 0.33],
    ];
    const dom = [-1, 1] as const;
    const { ctx, rects } = recorder();
    const used = drawHeatCells(ctx, matrix, dom, 'diverging', palette, 10);
    expect(rects).toHaveLength(8);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 4; j++) {
        const r = rects.filter((q) => q.x === j * 10 + 0.5 && q.y === i * 10 + 0.5);
        expect(r).toHaveLength(1);
        expect(r[0]).toMatchObject({ w: 9, h: 9 });
        expect(r[0].fill).toBe(heatColor(colorPosition(matrix[i][j], dom, 'diverging')));
      }
    }
    // Five colours (0.12 three times, -0.93 twice, 0.61, 0.33, NaN): one fillStyle each.
    expect(used).toBe(5);
    expect(ctx.styleSets).toBe(5);
  });

  it('leaves no gap between cells under 4 px', () => {
    const { ctx, rects } = recorder();
    drawHeatCells(ctx, [[0, 1]], [0, 1], 'sequential', palette, 3);
    expect(rects.map((r) => [r.x, r.y, r.w])).toEqual([
      [0, 0, 3],
      [3, 0, 3],
    ]);
  });
});
