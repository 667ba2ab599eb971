import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { colorPosition, heatColor } from '../../../src/ui/chartMath';
import { Heatmap, heatmapDomain } from '../../../src/ui/Heatmap';

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
