import { scaleBand, scaleLinear } from 'd3';
import { useId, useMemo } from 'react';
import { formatTick, seriesColor } from './chartMath';
import { formatNumber } from './validate';
import { ChartSave } from './ChartSave';
import { useElementWidth } from './useElementWidth';

/** One bar. */
export interface Bar {
  label: string;
  value: number;
  /** CSS colour, e.g. `var(--series-2)`; default `--series-1` (negatives `--series-2`). */
  color?: string;
}

/** Props of {@link BarChart}. */
export interface BarChartProps {
  bars: readonly Bar[];
  /** Accessible name and caption, e.g. "Top words by TF-IDF". */
  label: string;
  /** `horizontal` (labels left, good for words) or `vertical` (columns). Default horizontal. */
  orientation?: 'horizontal' | 'vertical';
  /** Value range; default from 0 (or the smallest negative) to the largest value. */
  domain?: readonly [number, number];
  /** Value format for labels and the summary. Default 3 significant digits. */
  format?: (v: number) => string;
  /** Print values next to the bars. Default true. */
  valueLabels?: boolean;
  /** Title of the value axis. */
  valueLabel?: string;
  /**
   * Vertical orientation only: plot height in CSS px at a 16px root font size (grows with
   * it, like the text). Default 200.
   */
  height?: number;
}

const fmt3 = (v: number) => formatNumber(Number(v.toPrecision(3)));

/** Value-axis domain of a bar chart: always includes 0, so bars diverge from 0. */
export function barDomain(values: readonly number[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo === hi ? [0, 1] : [lo, hi];
}

/**
 * A bar chart for scores such as word counts, TF-IDF weights or class probabilities,
 * horizontal or vertical, responsive to its container. Negative values extend the other way
 * from a zero line (and default to `--series-2`). Value labels; an SVG `<title>`/`<desc>`
 * lists every bar for screen readers.
 */
export function BarChart({
  bars,
  label,
  orientation = 'horizontal',
  domain,
  format = fmt3,
  valueLabels = true,
  valueLabel,
  height = 200,
}: BarChartProps) {
  const id = useId();
  const [ref, { width, rem }] = useElementWidth<HTMLDivElement>();
  const horizontal = orientation === 'horizontal';
  const dom = useMemo(
    () =>
      domain ? ([domain[0], domain[1]] as [number, number]) : barDomain(bars.map((b) => b.value)),
    [domain, bars],
  );
  const charW = 0.6 * rem;
  const labelW = Math.min(
    width * 0.4,
    Math.max(1, ...bars.map((b) => b.label.length)) * charW + 0.6 * rem,
  );
  const valueW = valueLabels ? 3.6 * rem : 0.5 * rem;
  const rowH = 1.7 * rem;
  const rotate =
    !horizontal &&
    bars.some((b) => b.label.length * charW > (width - 3 * rem) / Math.max(1, bars.length));
  const m = horizontal
    ? { top: 0.3 * rem, right: valueW, bottom: valueLabel ? 2.2 * rem : 0.5 * rem, left: labelW }
    : {
        top: valueLabels ? 1.4 * rem : 0.5 * rem,
        right: 0.5 * rem,
        bottom: (rotate ? Math.min(8 * rem, labelW) : 0) + 1.6 * rem,
        left: 3 * rem,
      };
  const innerW = Math.max(10, width - m.left - m.right);
  const innerH = horizontal ? rowH * bars.length : Math.round((height * rem) / 16);
  const band = scaleBand<number>()
    .domain(bars.map((_, i) => i))
    .range(horizontal ? [0, innerH] : [0, innerW])
    .padding(0.2);
  // Room for value labels on whichever side bars extend to.
  const hasNeg = dom[0] < 0;
  const pad = valueLabels ? 3.4 * rem : 0;
  const valRange: [number, number] = horizontal
    ? [hasNeg ? Math.min(pad, innerW / 3) : 0, innerW]
    : [innerH, 0];
  const val = scaleLinear().domain(dom).range(valRange).clamp(true);
  const zero = val(0);
  const desc = bars.map((b) => `${b.label}: ${format(b.value)}`).join('; ');

  return (
    <figure className="ui-chart ui-bars">
      <figcaption className="ui-chart-header">
        <span className="ui-chart-title" id={`${id}-t`}>
          {label}
        </span>
        <ChartSave title={label} />
      </figcaption>
      <div ref={ref} className="ui-chart-plot">
        <svg
          width={width}
          height={innerH + m.top + m.bottom}
          role="img"
          aria-labelledby={`${id}-st ${id}-sd`}
          className="ui-svg"
        >
          <title id={`${id}-st`}>{label}</title>
          <desc id={`${id}-sd`}>{desc || 'No bars.'}</desc>
          <g transform={`translate(${m.left},${m.top})`}>
            {bars.map((b, i) => {
              const pos = band(i) ?? 0;
              const v = Number.isFinite(b.value) ? b.value : 0;
              const end = val(v);
              const color = b.color ?? seriesColor(v < 0 ? 1 : 0);
              const lo = Math.min(zero, end);
              const size = Math.abs(end - zero);
              const text = format(b.value);
              return horizontal ? (
                <g key={i} className="ui-bar">
                  <text
                    x={-0.4 * rem}
                    y={pos + band.bandwidth() / 2}
                    dy="0.32em"
                    textAnchor="end"
                    className="ui-tick"
                  >
                    {b.label}
                  </text>
                  <rect
                    x={lo}
                    y={pos}
                    width={Math.max(size, 1)}
                    height={band.bandwidth()}
                    style={{ fill: color }}
                  />
                  {valueLabels ? (
                    <text
                      x={v < 0 ? lo - 0.3 * rem : lo + size + 0.3 * rem}
                      y={pos + band.bandwidth() / 2}
                      dy="0.32em"
                      textAnchor={v < 0 ? 'end' : 'start'}
                      className="ui-bar-value"
                    >
                      {text}
                    </text>
                  ) : null}
                </g>
              ) : (
                <g key={i} className="ui-bar">
                  <rect
                    x={pos}
                    y={lo}
                    width={band.bandwidth()}
                    height={Math.max(size, 1)}
                    style={{ fill: color }}
                  />
                  {valueLabels ? (
                    <text
                      x={pos + band.bandwidth() / 2}
                      y={v < 0 ? lo + size + 1.0 * rem : lo - 0.3 * rem}
                      textAnchor="middle"
                      className="ui-bar-value"
                    >
                      {text}
                    </text>
                  ) : null}
                  <text
                    className="ui-tick"
                    transform={
                      rotate
                        ? `translate(${pos + band.bandwidth() / 2},${innerH + 0.8 * rem}) rotate(-45)`
                        : `translate(${pos + band.bandwidth() / 2},${innerH + 1.2 * rem})`
                    }
                    textAnchor={rotate ? 'end' : 'middle'}
                  >
                    {b.label}
                  </text>
                </g>
              );
            })}
            {horizontal ? (
              <line x1={zero} x2={zero} y2={innerH} className="ui-axis" />
            ) : (
              <>
                <line y1={zero} y2={zero} x2={innerW} className="ui-axis" />
                {val.ticks(4).map((t) => (
                  <text
                    key={t}
                    x={-0.4 * rem}
                    y={val(t)}
                    dy="0.32em"
                    textAnchor="end"
                    className="ui-tick"
                  >
                    {formatTick(t)}
                  </text>
                ))}
              </>
            )}
            {valueLabel ? (
              horizontal ? (
                <text
                  x={innerW / 2}
                  y={innerH + 1.6 * rem}
                  textAnchor="middle"
                  className="ui-axis-label"
                >
                  {valueLabel}
                </text>
              ) : (
                <text
                  transform={`translate(${-2.4 * rem},${innerH / 2}) rotate(-90)`}
                  textAnchor="middle"
                  className="ui-axis-label"
                >
                  {valueLabel}
                </text>
              )
            ) : null}
          </g>
        </svg>
      </div>
    </figure>
  );
}
