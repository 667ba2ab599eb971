import { bisector, line, scaleLinear, scaleLog } from 'd3';
import { useId, useMemo, useState, type PointerEvent } from 'react';
import {
  describeSeries,
  downsampleIndices,
  extent,
  formatTick,
  lastFinite,
  logTicks,
  seriesColor,
  yDomain,
  type SeriesData,
  isolatedIndices,
} from './chartMath';
import { ChartSave } from './ChartSave';
import { formatNumber } from './validate';
import { useElementWidth } from './useElementWidth';

/** A labelled horizontal line, e.g. chance level or the loss of a uniform guess (ln 2). */
export interface ReferenceLine {
  y: number;
  label: string;
  /**
   * Where the label goes: `plot` (above the line at its right end, the default) or `legend`
   * (an entry with a dotted swatch, readable when the curves run along the line, e.g. a noise
   * floor the loss converges to; on the plot when the legend is hidden).
   */
  labelIn?: 'plot' | 'legend';
}

/** Props of {@link LineChart}. */
export interface LineChartProps {
  /** Lines to draw; x should increase within a series (steps, epochs). */
  series: readonly SeriesData[];
  /** x-axis label, e.g. "step". */
  xLabel: string;
  /** y-axis label, e.g. "loss". */
  yLabel: string;
  /** Header text and accessible title. Default `${yLabel} by ${xLabel}`. */
  title?: string;
  /**
   * Height of the plot area in CSS px at a 16px root font size; it grows with the root font
   * size (projectors, Present mode) like the text. Default 220.
   */
  height?: number;
  /** Fixed y range; default: the data's range (with reference lines). */
  yDomain?: readonly [number, number];
  /** Horizontal reference lines. */
  references?: readonly ReferenceLine[];
  /** Start with a log y axis. Default false. */
  defaultLogY?: boolean;
  /** Show the "log scale" checkbox in the header. Default true. */
  logToggle?: boolean;
  /** Show the legend. Default: when there is more than one series. */
  legend?: boolean;
  /**
   * Show each series' latest value in the legend. Default true (training curves); turn it off
   * where the last point means nothing (a curve over time, e.g. a forecast).
   */
  legendValues?: boolean;
  /** Points drawn per series at most (min-max decimation above). Default 2 per px of width. */
  maxPoints?: number;
}

const NO_REFERENCES: readonly ReferenceLine[] = [];

interface Hover {
  /** Pixel x inside the plot. */
  px: number;
  /** Nearest data x. */
  x: number;
}

/**
 * A responsive line chart for training curves: d3 scales, React-rendered SVG, one `<path>` per
 * series (only its `d` changes on redraw, so ~10 Hz updates with thousands of points stay
 * cheap; long series are min-max decimated to about 2 points per pixel). Optional log y axis
 * (toggle in the header), fixed domain, reference lines, legend with latest values, a hover
 * readout, and an accessible `<title>`/`<desc>` summary with the latest values. Non-finite
 * values leave gaps; non-positive values are skipped on a log axis.
 */
export function LineChart({
  series,
  xLabel,
  yLabel,
  title,
  height = 220,
  yDomain: fixedDomain,
  references = NO_REFERENCES,
  defaultLogY = false,
  logToggle = true,
  legend,
  legendValues = true,
  maxPoints,
}: LineChartProps) {
  const id = useId();
  const [logY, setLogY] = useState(defaultLogY);
  const [hover, setHover] = useState<Hover | null>(null);
  const [ref, { width, rem }] = useElementWidth<HTMLDivElement>();
  const heading = title ?? `${yLabel} by ${xLabel}`;
  const m = { top: 0.6 * rem, right: 1 * rem, bottom: 2.6 * rem, left: 3.6 * rem };
  const innerW = Math.max(10, width - m.left - m.right);
  const innerH = Math.max(10, Math.round((height * rem) / 16));

  const { xs, ys, xTicks, yTicks, paths } = useMemo(() => {
    const xe = extent(series.map((s) => s.x)) ?? [0, 1];
    const xDom: [number, number] = xe[0] < xe[1] ? xe : [xe[0] - 1, xe[1] + 1];
    const xScale = scaleLinear().domain(xDom).range([0, innerW]);
    const refYs = references.map((r) => r.y);
    const yd = yDomain(series, logY, fixedDomain, refYs);
    const yScale = logY
      ? scaleLog().domain(yd).range([innerH, 0]).clamp(true)
      : scaleLinear().domain(yd).range([innerH, 0]).nice();
    const ticks = logY ? logTicks(yd[0], yd[1]) : yScale.ticks(Math.max(2, innerH / 45));
    const budget = maxPoints ?? Math.max(200, Math.round(innerW * 2));
    const d = series.map((s) => {
      const n = Math.min(s.x.length, s.y.length);
      const idx = downsampleIndices(n === s.y.length ? s.y : s.y.slice(0, n), budget);
      const defined = (i: number) => Number.isFinite(s.y[i]) && (!logY || s.y[i] > 0);
      const gen = line<number>()
        .defined(defined)
        .x((i) => xScale(s.x[i]))
        .y((i) => yScale(s.y[i]));
      const dots = isolatedIndices(idx, defined).map((i) => [xScale(s.x[i]), yScale(s.y[i])]);
      return { d: gen(idx) ?? '', dots };
    });
    // Integer x (steps, epochs, lengths): no ticks between them (e.g. 99.5 around one point).
    const integerX = series.every((s) => s.x.every(Number.isInteger));
    const xTicks = xScale
      .ticks(Math.max(2, innerW / (5 * rem)))
      .filter((t) => !integerX || Number.isInteger(t));
    return { xs: xScale, ys: yScale, xTicks, yTicks: ticks, paths: d };
  }, [series, references, logY, fixedDomain, innerW, innerH, maxPoints, rem]);

  const showLegend = legend ?? series.length > 1;
  const desc = describeSeries(series, xLabel);

  const onPointerMove = (e: PointerEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = Math.min(innerW, Math.max(0, e.clientX - box.left));
    setHover({ px, x: xs.invert(px) });
  };
  const hoverValues = hover
    ? series.map((s) => {
        if (s.x.length === 0) return null;
        const i = Math.min(s.x.length - 1, bisector((v: number) => v).center(s.x, hover.x));
        return { x: s.x[i], y: s.y[i] };
      })
    : [];

  return (
    <figure className="ui-chart" aria-labelledby={`${id}-t`}>
      <figcaption className="ui-chart-header">
        <span id={`${id}-t`} className="ui-chart-title">
          {heading}
        </span>
        <span className="ui-chart-tools">
          {logToggle ? (
            <label className="ui-check">
              <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} />
              log scale
            </label>
          ) : null}
          <ChartSave title={heading} />
        </span>
      </figcaption>
      {showLegend ? (
        <ul className="ui-legend">
          {series.map((s, i) => {
            const last = lastFinite(s);
            return (
              <li key={i} className="ui-legend-item">
                <svg className="ui-legend-swatch" viewBox="0 0 24 8" aria-hidden="true">
                  <line
                    x1="0"
                    x2="24"
                    y1="4"
                    y2="4"
                    style={{ stroke: seriesColor(i, s.color) }}
                    strokeWidth="3"
                    strokeDasharray={s.dashed ? '5 3' : undefined}
                  />
                </svg>
                {s.name}
                {legendValues && last ? (
                  <span className="ui-legend-value"> {formatNumber(last.y)}</span>
                ) : null}
              </li>
            );
          })}
          {references
            .filter((r) => r.labelIn === 'legend')
            .map((r) => (
              <li key={`ref-${r.label}`} className="ui-legend-item ui-reference">
                <svg className="ui-legend-swatch" viewBox="0 0 24 8" aria-hidden="true">
                  <line x1="0" x2="24" y1="4" y2="4" strokeWidth="2" />
                </svg>
                {r.label}
              </li>
            ))}
        </ul>
      ) : null}
      <div ref={ref} className="ui-chart-plot">
        <svg
          width={width}
          height={innerH + m.top + m.bottom}
          role="img"
          aria-labelledby={`${id}-st ${id}-sd`}
          className="ui-svg"
        >
          <title id={`${id}-st`}>{heading}</title>
          <desc id={`${id}-sd`}>{desc}</desc>
          <g transform={`translate(${m.left},${m.top})`}>
            {yTicks.map((t) => (
              <g key={t} transform={`translate(0,${ys(t)})`} className="ui-tick">
                <line x2={innerW} className="ui-grid" />
                <text x={-0.4 * rem} dy="0.32em" textAnchor="end">
                  {formatTick(t)}
                </text>
              </g>
            ))}
            {xTicks.map((t) => (
              <g key={t} transform={`translate(${xs(t)},${innerH})`} className="ui-tick">
                <line y2={0.3 * rem} className="ui-axis" />
                <text y={1.3 * rem} textAnchor="middle">
                  {formatTick(t)}
                </text>
              </g>
            ))}
            <line y1={innerH} y2={innerH} x2={innerW} className="ui-axis" />
            <line y2={innerH} className="ui-axis" />
            <text
              className="ui-axis-label"
              x={innerW / 2}
              y={innerH + 2.4 * rem}
              textAnchor="middle"
            >
              {xLabel}
            </text>
            <text
              className="ui-axis-label"
              transform={`translate(${-3.1 * rem},${innerH / 2}) rotate(-90)`}
              textAnchor="middle"
            >
              {yLabel}
              {logY ? ' (log)' : ''}
            </text>
            {references.map((r) => (
              <g key={r.label} transform={`translate(0,${ys(r.y)})`} className="ui-reference">
                <line x2={innerW} />
                {showLegend && r.labelIn === 'legend' ? null : (
                  <text x={innerW - 0.3 * rem} dy="-0.35em" textAnchor="end">
                    {r.label}
                  </text>
                )}
              </g>
            ))}
            {paths.map(({ d, dots }, i) => (
              <g key={i}>
                <path
                  d={d}
                  className="ui-line"
                  style={{ stroke: seriesColor(i, series[i].color) }}
                  strokeDasharray={series[i].dashed ? '6 4' : undefined}
                />
                {dots.map(([cx, cy], k) => (
                  <circle
                    key={k}
                    cx={cx}
                    cy={cy}
                    r={3.5}
                    className="ui-line-dot"
                    style={{ fill: seriesColor(i, series[i].color) }}
                  />
                ))}
              </g>
            ))}
            {hover ? (
              <line className="ui-hover-rule" x1={hover.px} x2={hover.px} y2={innerH} />
            ) : null}
            <rect
              width={innerW}
              height={innerH}
              className="ui-hover-target"
              onPointerMove={onPointerMove}
              onPointerLeave={() => setHover(null)}
            />
          </g>
        </svg>
        {hover ? (
          <div
            className="ui-tooltip"
            style={{ left: Math.min(m.left + hover.px + 8, width - 10 * rem), top: m.top }}
            aria-hidden="true"
          >
            {series.map((s, i) =>
              hoverValues[i] ? (
                <div key={i}>
                  {s.name}: {formatNumber(hoverValues[i].y)}{' '}
                  <span className="ui-muted">
                    @ {xLabel} {formatNumber(hoverValues[i].x)}
                  </span>
                </div>
              ) : null,
            )}
          </div>
        ) : null}
      </div>
    </figure>
  );
}
