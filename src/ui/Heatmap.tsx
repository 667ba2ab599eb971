import {
  memo,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { colorPosition, extent, heatColor, type ColorScheme } from './chartMath';
import { ChartSave } from './ChartSave';
import { HeatCanvas } from './HeatCanvas';
import { formatNumber } from './validate';
import { useElementWidth } from './useElementWidth';

/** Props of {@link Heatmap}. */
export interface HeatmapProps {
  /** Values, `matrix[row][col]`; rows may not be ragged. Non-finite cells are drawn blank. */
  matrix: readonly (readonly number[])[];
  /** Accessible name and caption, e.g. "Attention weights, head 1". */
  label: string;
  /** Labels of the rows (left), e.g. query tokens. Default 1..n. */
  rowLabels?: readonly string[];
  /** Labels of the columns (top), e.g. key tokens. Default 1..m. */
  colLabels?: readonly string[];
  /** Axis titles. */
  rowTitle?: string;
  colTitle?: string;
  /** `sequential` (low to high, one hue) or `diverging` (two hues around 0). Default sequential. */
  scheme?: ColorScheme;
  /** Colour range; default the data's min and max (diverging: symmetric around 0). */
  domain?: readonly [number, number];
  /** Cell value format for text, tooltip and legend. Default 3 significant digits. */
  format?: (v: number) => string;
  /** Print values in cells: `true`, `false`, or `auto` (when cells are wide enough). */
  showValues?: boolean | 'auto';
  /** Largest cell side in rem. Default 3. */
  maxCellRem?: number;
  /**
   * How the cells are drawn: `svg` (one `<rect>` per cell), `canvas` (one `<canvas>`, for large
   * matrices refreshed while a model trains), or `auto` (canvas from
   * {@link CANVAS_FROM_CELLS} cells on when no values are printed). Labels, the highlight, the
   * tooltip and the keyboard reading are the same either way. Default `auto`.
   */
  renderer?: 'svg' | 'canvas' | 'auto';
}

/** `renderer: 'auto'` draws matrices of at least this many cells on a canvas. */
export const CANVAS_FROM_CELLS = 600;

const defaultFormat = (v: number) =>
  Number.isFinite(v) ? formatNumber(Number(v.toPrecision(3))) : '—';

/** Show every k-th axis label so that labels are at least ~1.1 rem apart. */
export function labelStride(cellPx: number, remPx: number): number {
  return Math.max(1, Math.ceil((1.1 * remPx) / Math.max(cellPx, 1e-6)));
}

/** The colour domain used by {@link Heatmap} when none is given. */
export function heatmapDomain(
  matrix: readonly (readonly number[])[],
  scheme: ColorScheme,
): [number, number] {
  const e = extent(matrix) ?? [0, 1];
  if (scheme === 'diverging') {
    const a = Math.max(Math.abs(e[0]), Math.abs(e[1])) || 1;
    return [-a, a];
  }
  return e[0] < e[1] ? e : [e[0] - 1, e[1] + 1];
}

/** Props of one {@link Heatmap} cell (plain values, so that `memo` skips unchanged cells). */
interface HeatCellProps {
  /** Top-left corner in px, relative to the grid. */
  x: number;
  y: number;
  /** Side in px. */
  size: number;
  /** CSS colour (a `color-mix` of theme variables, see `heatColor`). */
  fill: string;
  /** The printed value, or null to print none. */
  text: string | null;
  /** Strong text (on a dark cell). */
  strong: boolean;
}

/** One cell: a rect, and its value when printed. */
const HeatCell = memo(function HeatCell({ x, y, size, fill, text, strong }: HeatCellProps) {
  const rect = <rect x={x} y={y} width={size} height={size} className="ui-cell" style={{ fill }} />;
  if (text == null) return rect;
  return (
    <>
      {rect}
      <text
        x={x + size / 2}
        y={y + size / 2}
        dy="0.32em"
        textAnchor="middle"
        className={strong ? 'ui-cell-text ui-cell-text-strong' : 'ui-cell-text'}
      >
        {text}
      </text>
    </>
  );
});

/**
 * A matrix as coloured cells (e.g. attention weights, confusion matrices, similarity
 * matrices) that scales to its container's width. Colours come from theme variables
 * (`--series-1`, `--series-2` mixed into `--color-surface`), so both themes work. Hover a
 * cell, or focus the map and use the arrow keys (Home/End too), to read row, column and
 * value in a tooltip that is also announced to screen readers. A colour legend shows the
 * domain.
 */
export function Heatmap({
  matrix,
  label,
  rowLabels,
  colLabels,
  rowTitle,
  colTitle,
  scheme = 'sequential',
  domain,
  format = defaultFormat,
  showValues = 'auto',
  maxCellRem = 3,
  renderer = 'auto',
}: HeatmapProps) {
  const id = useId();
  const [ref, { width, rem }] = useElementWidth<HTMLDivElement>();
  const [active, setActive] = useState<{ r: number; c: number } | null>(null);
  const rows = matrix.length;
  const cols = rows ? Math.max(...matrix.map((r) => r.length)) : 0;
  const rl = useMemo(
    () => Array.from({ length: rows }, (_, i) => rowLabels?.[i] ?? String(i + 1)),
    [rows, rowLabels],
  );
  const cl = useMemo(
    () => Array.from({ length: cols }, (_, j) => colLabels?.[j] ?? String(j + 1)),
    [cols, colLabels],
  );
  const dom = useMemo(() => domain ?? heatmapDomain(matrix, scheme), [domain, matrix, scheme]);

  const charW = 0.6 * rem;
  const left = Math.min(
    width * 0.4,
    Math.max(...rl.map((s) => s.length), rowTitle?.length ?? 0, 1) * charW + 0.8 * rem,
  );
  const cell = Math.max(0.5 * rem, Math.min(maxCellRem * rem, (width - left) / Math.max(1, cols)));
  const rotate = cl.some((s) => s.length * charW > cell);
  const longest = Math.max(...cl.map((s) => s.length), 1) * charW;
  const titleH = colTitle ? 1.5 * rem : 0;
  const top = titleH + (rotate ? Math.min(longest * 0.75, 8 * rem) : 0) + 1.4 * rem;
  // Thin out labels on small cells (phones): every k-th label, and always the active one.
  const every = labelStride(cell, rem);
  const gridW = cell * cols;
  const printValues = showValues === 'auto' ? cell >= 2.4 * rem : showValues;

  // Cells are memoised twice: moving the highlight (hover, arrow keys) re-renders none of them,
  // and a new matrix of the same shape re-renders only the cells whose colour or text changed
  // (keyed HeatCell elements keep their DOM nodes; no per-cell closures: the pointer is mapped
  // to a cell by position).
  const onCanvas =
    renderer === 'canvas' ||
    (renderer === 'auto' && !printValues && rows * cols >= CANVAS_FROM_CELLS);
  const cells = useMemo(
    () =>
      onCanvas
        ? null
        : matrix.map((row, i) =>
            row.map((v, j) => {
              const t = colorPosition(v, dom, scheme);
              return (
                <HeatCell
                  key={`${i}-${j}`}
                  x={j * cell}
                  y={i * cell}
                  size={cell}
                  fill={heatColor(t)}
                  text={printValues ? format(v) : null}
                  strong={Math.abs(t) >= 0.55}
                />
              );
            }),
          ),
    [onCanvas, matrix, dom, scheme, cell, printValues, format],
  );
  const svgRef = useRef<SVGSVGElement>(null);
  const hover = (e: PointerEvent<SVGGElement>) => {
    const box = svgRef.current?.getBoundingClientRect();
    if (!box) return;
    const c = Math.floor((e.clientX - box.left - left) / cell);
    const r = Math.floor((e.clientY - box.top - top) / cell);
    if (r < 0 || c < 0 || r >= rows || c >= (matrix[r]?.length ?? 0)) return;
    setActive((a) => (a && a.r === r && a.c === c ? a : { r, c }));
  };

  const move = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!rows || !cols) return;
    const cur = active ?? { r: 0, c: 0 };
    const next = { ...cur };
    if (e.key === 'ArrowUp') next.r = Math.max(0, cur.r - 1);
    else if (e.key === 'ArrowDown') next.r = Math.min(rows - 1, cur.r + 1);
    else if (e.key === 'ArrowLeft') next.c = Math.max(0, cur.c - 1);
    else if (e.key === 'ArrowRight') next.c = Math.min(cols - 1, cur.c + 1);
    else if (e.key === 'Home') next.c = 0;
    else if (e.key === 'End') next.c = cols - 1;
    else if (e.key === 'Escape') return setActive(null);
    else return;
    e.preventDefault();
    setActive(next);
  };
  const activeValue = active ? matrix[active.r]?.[active.c] : undefined;
  const readout =
    active && activeValue !== undefined
      ? `${rowTitle ?? 'row'} ${rl[active.r]}, ${colTitle ?? 'column'} ${cl[active.c]}: ${format(activeValue)}`
      : '';

  return (
    <figure className="ui-chart ui-heatmap">
      <figcaption className="ui-chart-header">
        <span className="ui-chart-title">{label}</span>
        <ChartSave title={label} />
      </figcaption>
      <div
        ref={ref}
        className="ui-chart-plot ui-heatmap-plot"
        tabIndex={0}
        role="group"
        aria-label={`${label}: ${rows} by ${cols}, values ${format(dom[0])} to ${format(dom[1])}. Arrow keys read the cells.`}
        aria-describedby={`${id}-live`}
        onKeyDown={move}
        onFocus={() => setActive((a) => a ?? { r: 0, c: 0 })}
        onBlur={() => setActive(null)}
        onPointerLeave={() => setActive(null)}
      >
        {onCanvas ? (
          <HeatCanvas
            matrix={matrix}
            domain={dom}
            scheme={scheme}
            cell={cell}
            cols={cols}
            left={left}
            top={top}
          />
        ) : null}
        <svg
          ref={svgRef}
          width={width}
          height={top + cell * rows + 0.5 * rem}
          aria-hidden="true"
          className="ui-svg"
          style={onCanvas ? { position: 'relative' } : undefined}
        >
          {colTitle ? (
            <text x={left + gridW / 2} y={1.1 * rem} textAnchor="middle" className="ui-axis-label">
              {colTitle}
            </text>
          ) : null}
          {rowTitle ? (
            <text
              x={left - 0.4 * rem}
              y={top - 0.3 * rem}
              textAnchor="end"
              className="ui-axis-label"
            >
              {rowTitle}
            </text>
          ) : null}
          {cl.map((s, j) =>
            j % every !== 0 && active?.c !== j ? null : (
              <text
                key={j}
                className={active?.c === j ? 'ui-tick ui-tick-active' : 'ui-tick'}
                transform={
                  rotate
                    ? `translate(${left + (j + 0.5) * cell},${top - 0.3 * rem}) rotate(-45)`
                    : `translate(${left + (j + 0.5) * cell},${top - 0.3 * rem})`
                }
                textAnchor={rotate ? 'start' : 'middle'}
              >
                {s}
              </text>
            ),
          )}
          {rl.map((s, i) =>
            i % every !== 0 && active?.r !== i ? null : (
              <text
                key={i}
                className={active?.r === i ? 'ui-tick ui-tick-active' : 'ui-tick'}
                x={left - 0.4 * rem}
                y={top + (i + 0.5) * cell}
                dy="0.32em"
                textAnchor="end"
              >
                {s}
              </text>
            ),
          )}
          <g transform={`translate(${left},${top})`} onPointerMove={hover}>
            {cells ?? (
              <rect width={gridW} height={cell * rows} fill="transparent" data-pointer-area />
            )}
            {active ? (
              <rect
                className="ui-cell-active"
                x={active.c * cell}
                y={active.r * cell}
                width={cell}
                height={cell}
              />
            ) : null}
          </g>
        </svg>
        {active && readout ? (
          <div
            className="ui-tooltip"
            style={{
              left: Math.min(left + (active.c + 1) * cell + 4, Math.max(0, width - 12 * rem)),
              top: top + active.r * cell,
            }}
            aria-hidden="true"
          >
            {readout}
          </div>
        ) : null}
        <p id={`${id}-live`} className="ui-visually-hidden" aria-live="polite">
          {readout}
        </p>
      </div>
      <div className="ui-color-legend" aria-hidden="true">
        <span>{format(dom[0])}</span>
        <span className={`ui-color-ramp ui-color-ramp-${scheme}`} />
        <span>{format(dom[1])}</span>
      </div>
    </figure>
  );
}
