import {
  area,
  max,
  scaleLinear,
  stack,
  stackOrderNone,
  stackOffsetNone,
  type SeriesPoint,
} from 'd3';
import { useMemo } from 'react';
import { ChartSave, useElementWidth } from '../../ui';
import type { LdaView } from './ldaTask';
import { topicColor } from './colors';

const H = 220;
const M = { top: 8, right: 24, bottom: 26, left: 36 };

/**
 * Topic prevalence by decade as a d3 stacked area chart: for each decade, the mean topic mixture
 * of its passages (a sample of every 4th passage), stacked to 1. The selected topic is drawn
 * fully, the others lighter; clicking a band selects its topic.
 */
export function PrevalenceChart({
  view,
  selected,
  onSelect,
}: {
  view: LdaView | null;
  selected: number;
  onSelect: (k: number) => void;
}) {
  const [ref, { width }] = useElementWidth<HTMLDivElement>();
  const w = Math.max(280, width || 560);
  const paths = useMemo(() => {
    if (!view) return null;
    const { K, decades, prevalence } = view;
    const rows = decades.map((d, i) => {
      const row: Record<string, number> = { decade: d };
      for (let k = 0; k < K; k++) row[k] = prevalence[i * K + k];
      return row;
    });
    const keys = Array.from({ length: K }, (_, k) => String(k));
    const series = stack<Record<string, number>>()
      .keys(keys)
      .order(stackOrderNone)
      .offset(stackOffsetNone)(rows);
    const x = scaleLinear()
      .domain([decades[0], max(decades) ?? decades[0] + 10])
      .range([M.left, w - M.right]);
    const y = scaleLinear()
      .domain([0, 1])
      .range([H - M.bottom, M.top]);
    const a = area<SeriesPoint<Record<string, number>>>()
      .x((p) => x(p.data.decade))
      .y0((p) => y(p[0]))
      .y1((p) => y(p[1]));
    const ticks = x.ticks(Math.max(2, Math.floor(w / 90))).filter((t) => t % 10 === 0);
    return { series: series.map((s) => a(s) ?? ''), x, y, ticks };
  }, [view, w]);
  return (
    <figure className="lda-prevalence" ref={ref} data-prevalence={view?.step ?? ''}>
      <figcaption className="lda-caption">
        <span>Topic prevalence by decade (mean mixture of the decade's passages)</span>
        <ChartSave title="Topic prevalence by decade" />
      </figcaption>
      {paths && view ? (
        <svg
          width={w}
          height={H}
          role="img"
          aria-label="Stacked area chart of topic shares per decade"
        >
          {paths.series.map((d, k) => (
            <path
              key={k}
              d={d}
              fill={topicColor(k, view.K)}
              opacity={k === selected ? 1 : 0.45}
              stroke={k === selected ? 'var(--color-fg, #000)' : 'none'}
              strokeWidth={k === selected ? 1 : 0}
              onClick={() => onSelect(k)}
            >
              <title>Topic {k + 1}</title>
            </path>
          ))}
          <g className="lda-axis">
            {paths.ticks.map((t) => (
              <text key={t} x={paths.x(t)} y={H - 8} textAnchor="middle">
                {t}s
              </text>
            ))}
            {[0, 0.5, 1].map((t) => (
              <text key={t} x={M.left - 4} y={paths.y(t) + 4} textAnchor="end">
                {t}
              </text>
            ))}
          </g>
        </svg>
      ) : (
        <p className="w-hint">Train (or Step) to see the topics over time.</p>
      )}
    </figure>
  );
}
