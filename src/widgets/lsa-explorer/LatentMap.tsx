import { scaleLinear } from 'd3';
import { memo, useCallback, useEffect, useId, useMemo, useRef } from 'react';
import { ChartSave, useElementWidth } from '../../ui';
import { docScale, legibleLabels, robustDomain } from './mapGeometry';
import type { MapView } from './protocol';
import { ERAS, MAP_LABELS, eraColor } from './schema';

/** Props of {@link LatentMap}. */
export interface LatentMapProps {
  view: MapView;
  /** The selected point's coordinates on the two dimensions, its label and kind. */
  selected: { x: number; y: number; label: string; kind: 'term' | 'doc' } | null;
  /** The folded query's coordinates (a document's kind), when it has some. */
  query: { x: number; y: number } | null;
  /** Called with a term, or `#N` for passage N, when the reader clicks a point. */
  onSelect: (selection: string) => void;
}

/** Where everything goes on a map of `width` × `height` px: the scales, the terms, the labels. */
export function mapLayout(view: MapView, width: number, height: number, fontPx: number) {
  const pad = 10;
  // Documents are drawn scaled by one factor (directions kept) to the terms' spread.
  const ds = docScale(view.terms, view.docs);
  const all = [...view.terms, ...view.docs.map((d) => ({ x: d.x * ds, y: d.y * ds }))];
  const x = scaleLinear()
    .domain(robustDomain(all.map((p) => p.x)))
    .range([pad, width - pad])
    .clamp(true);
  const y = scaleLinear()
    .domain(robustDomain(all.map((p) => p.y)))
    .range([height - pad, pad])
    .clamp(true);
  const termPts = view.terms.map((t) => ({ word: t.term, px: x(t.x), py: y(t.y) }));
  const labels = legibleLabels(termPts, MAP_LABELS, fontPx, width, height);
  return { pad, ds, x, y, termPts, labels, r: Math.max(3, fontPx * 0.25) };
}

type Layout = ReturnType<typeof mapLayout>;

/**
 * The map's 760 points and their labels, memoised: they change only with the map's answer (the
 * two dimensions) or its size, not with k, the selection or the query, which re-render the rest of
 * the widget on every key and slider step (each re-render of this layer cost 760 elements and two
 * quantile sorts). `onSelect` must be stable.
 */
export const MapPoints = memo(function MapPoints({
  view,
  layout,
  onSelect,
}: {
  view: MapView;
  layout: Layout;
  onSelect: (selection: string) => void;
}) {
  const { ds, x, y, termPts, labels, r } = layout;
  return (
    <g>
      {view.docs.map((d) => (
        <circle
          key={`d${d.doc}`}
          className="lsa-doc"
          cx={x(d.x * ds)}
          cy={y(d.y * ds)}
          r={r * 0.7}
          fill={eraColor(d.year)}
          onClick={() => onSelect(`#${d.doc}`)}
        >
          <title>{`Passage #${d.doc} (${d.year})`}</title>
        </circle>
      ))}
      {termPts.map((p) => (
        <circle
          key={`t${p.word}`}
          className="lsa-term"
          cx={p.px}
          cy={p.py}
          r={r}
          onClick={() => onSelect(p.word)}
        >
          <title>{p.word}</title>
        </circle>
      ))}
      {labels.map((l) => (
        <text
          key={`l${l.index}`}
          className="lsa-label"
          x={l.x}
          y={l.y}
          dominantBaseline="middle"
          onClick={() => onSelect(view.terms[l.index].term)}
        >
          {view.terms[l.index].term}
        </text>
      ))}
    </g>
  );
});

/**
 * Terms (accent dots, the farthest labelled) and passages (small dots coloured by era) on two
 * latent dimensions, with the selected point ringed and the query as a diamond. d3 scales, SVG.
 */
export function LatentMap({ view, selected, query, onSelect }: LatentMapProps) {
  const id = useId();
  const [ref, { width, rem }] = useElementWidth<HTMLDivElement>(640);
  const fontPx = Math.max(12, Math.round(rem * (width < 480 ? 0.75 : 0.82)));
  const height = Math.round(Math.min(520, Math.max(300, width * 0.7)));
  const layout = useMemo(
    () => mapLayout(view, width, height, fontPx),
    [view, width, height, fontPx],
  );
  const { pad, ds, x, y, labels, r } = layout;
  // The points call the latest onSelect through a stable function (the memoised layer keeps it).
  const latest = useRef(onSelect);
  useEffect(() => {
    latest.current = onSelect;
  }, [onSelect]);
  const select = useCallback((s: string) => latest.current(s), []);
  const sel =
    selected && (selected.kind === 'doc' ? { x: selected.x * ds, y: selected.y * ds } : selected);
  const [dx, dy] = view.dims;
  return (
    <div className="lsa-map" ref={ref}>
      <div className="lsa-map-tools">
        <ChartSave title={`LSA map, dimensions ${dx} and ${dy}`} container=".lsa-map" />
      </div>
      <svg
        className="ui-svg lsa-svg"
        width={width}
        height={height}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        style={{ fontSize: `${fontPx}px` }}
      >
        <title id={`${id}-t`}>
          Terms and passages on latent dimensions {dx} (horizontal) and {dy} (vertical)
        </title>
        <desc id={`${id}-d`}>
          {view.terms.length} terms and {view.docs.length} of the passages (passages scaled by{' '}
          {ds.toFixed(1)}; points beyond the frame pinned to its edge). Labelled:{' '}
          {labels.map((l) => view.terms[l.index].term).join(', ')}.
        </desc>
        <line className="lsa-axis" x1={x(0)} x2={x(0)} y1={pad} y2={height - pad} />
        <line className="lsa-axis" x1={pad} x2={width - pad} y1={y(0)} y2={y(0)} />
        <MapPoints view={view} layout={layout} onSelect={select} />
        {selected && sel && (
          <circle
            className="lsa-selected"
            cx={x(sel.x)}
            cy={y(sel.y)}
            r={r * 2.2}
            data-selected={selected.label}
          />
        )}
        {query && (
          <path
            className="lsa-query"
            d={`M${x(query.x * ds)},${y(query.y * ds) - r * 2.2}l${r * 2.2},${r * 2.2}l${-r * 2.2},${r * 2.2}l${-r * 2.2},${-r * 2.2}z`}
          >
            <title>the query</title>
          </path>
        )}
      </svg>
      <ul className="lsa-legend" aria-label="Legend">
        <li>
          <span className="lsa-swatch lsa-swatch-term" aria-hidden /> terms
        </li>
        {ERAS.map((e) => (
          <li key={e.label}>
            <span className="lsa-swatch" style={{ background: e.color }} aria-hidden /> passages{' '}
            {e.label}
          </li>
        ))}
        <li>
          <span className="lsa-swatch lsa-swatch-query" aria-hidden /> query
        </li>
      </ul>
    </div>
  );
}
