/**
 * The LSA map's render cost (src/widgets/lsa-explorer/LatentMap.tsx): its 760 points and labels
 * sit in a memoised layer laid out once per map answer, so that k, the selection and the query,
 * which re-render the widget on every key and slider step, do not re-render or re-lay them out
 * (tests/bench/main-thread.mjs, row lsa-explorer:input).
 */
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LatentMap, MapPoints, mapLayout } from '../../../src/widgets/lsa-explorer/LatentMap';
import type { MapView } from '../../../src/widgets/lsa-explorer/protocol';
import { MAP_DOCS, MAP_LABELS, MAP_TERMS } from '../../../src/widgets/lsa-explorer/schema';

/** A map answer of the widget's size: MAP_TERMS terms and MAP_DOCS passages on a spiral. */
function view(): MapView {
  const at = (i: number, n: number) => [Math.cos(i) * (i / n), Math.sin(i) * (i / n)];
  return {
    dims: [1, 2],
    terms: Array.from({ length: MAP_TERMS }, (_, i) => {
      const [x, y] = at(i, MAP_TERMS);
      return { term: `t${i}`, x, y };
    }),
    docs: Array.from({ length: MAP_DOCS }, (_, i) => {
      const [x, y] = at(i + 0.5, MAP_DOCS);
      return { doc: i, year: 1790 + (i % 230), x: x / 10, y: y / 10 };
    }),
  };
}

describe('LSA map', () => {
  it('keeps its points in a memoised layer (React.memo, shallow props)', () => {
    const memo = MapPoints as unknown as { $$typeof: symbol; compare: unknown };
    expect(memo.$$typeof).toBe(Symbol.for('react.memo'));
    expect(memo.compare ?? null).toBeNull();
  });

  it('lays the points out from the view and size only', () => {
    const v = view();
    const a = mapLayout(v, 640, 448, 13);
    const b = mapLayout(v, 640, 448, 13);
    expect(a.termPts).toEqual(b.termPts);
    expect(a.labels).toEqual(b.labels);
    expect(a.labels.length).toBeGreaterThan(0);
    expect(a.labels.length).toBeLessThanOrEqual(MAP_LABELS);
    for (const p of a.termPts) {
      expect(p.px).toBeGreaterThanOrEqual(0);
      expect(p.px).toBeLessThanOrEqual(640);
    }
  });

  it('draws every point once, plus the selection ring and the query diamond', () => {
    const html = renderToString(
      h(LatentMap, {
        view: view(),
        selected: { x: 0.1, y: 0.1, label: 't3', kind: 'term' },
        query: { x: 0.01, y: 0.02 },
        onSelect: () => {},
      }),
    );
    expect(html.match(/class="lsa-doc"/g)?.length).toBe(MAP_DOCS);
    expect(html.match(/class="lsa-term"/g)?.length).toBe(MAP_TERMS);
    expect(html).toContain('data-selected="t3"');
    expect(html).toContain('class="lsa-query"');
  });
});
