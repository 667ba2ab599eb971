import type { ReactNode } from 'react';
import './ch08-ch09.css';

/** Props of {@link FigureSvg}. */
export interface FigureSvgProps {
  /** Unique id prefix for the arrow markers (several figures share a page). */
  id: string;
  /** The viewBox width and height, in SVG units (about CSS pixels at full width). */
  width: number;
  height: number;
  /** Below this width (px) the figure scrolls sideways instead of shrinking its text. */
  minWidth: number;
  /** The alt text: what the figure shows, in words. */
  label: string;
  children: ReactNode;
}

/**
 * The frame of chapters 8 and 9's static figures: a sideways-scrolling wrapper, an SVG with
 * role="img" and `label` as its alt text, and two arrowhead markers, `${id}-arrow` (foreground)
 * and `${id}-arrow-accent` (the accent colour, for memory paths).
 */
export function FigureSvg({ id, width, height, minWidth, label, children }: FigureSvgProps) {
  return (
    <div
      className="f89-scroll"
      tabIndex={0}
      role="group"
      aria-label="Figure (scrolls sideways on narrow screens)"
    >
      <svg
        className="f89-svg"
        style={{ minWidth: `${minWidth}px` }}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
      >
        <defs>
          {(['', '-accent'] as const).map((suffix) => (
            <marker
              key={suffix}
              id={`${id}-arrow${suffix}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className={`f89-arrowhead${suffix}`} />
            </marker>
          ))}
        </defs>
        {children}
      </svg>
    </div>
  );
}

/** A circle with an operator in it (×, +, 1−): an element-wise operation. */
export function OpNode({ x, y, op, r = 12 }: { x: number; y: number; op: string; r?: number }) {
  return (
    <g>
      <circle className="f89-node" cx={x} cy={y} r={r} />
      <text
        className="f89-text"
        x={x}
        y={y}
        dy="0.35em"
        textAnchor="middle"
        fontSize={op.length > 1 ? 11 : 15}
      >
        {op}
      </text>
    </g>
  );
}

/** A labelled box centred at (x, y): a gate, a layer or a word. */
export function Box({
  x,
  y,
  w,
  h,
  text,
  kind = 'box',
}: {
  x: number;
  y: number;
  w: number;
  h: number;
  text: ReactNode;
  kind?: 'box' | 'gate' | 'vec' | 'cell';
}) {
  return (
    <g>
      <rect className={`f89-${kind}`} x={x - w / 2} y={y - h / 2} width={w} height={h} rx={5} />
      <text className="f89-text" x={x} y={y} dy="0.35em" textAnchor="middle">
        {text}
      </text>
    </g>
  );
}

/** A polyline through `points` with an arrowhead at its end (marker `${id}-arrow`). */
export function Arrow({
  id,
  points,
  accent = false,
  dashed = false,
}: {
  id: string;
  points: [number, number][];
  accent?: boolean;
  dashed?: boolean;
}) {
  return (
    <polyline
      className={accent ? 'f89-memory' : dashed ? 'f89-dashed' : 'f89-line'}
      points={points.map(([x, y]) => `${x},${y}`).join(' ')}
      markerEnd={`url(#${id}-arrow${accent ? '-accent' : ''})`}
    />
  );
}

/** `base` with a subscript `sub` (for letters Unicode has no subscript of), inside an SVG text. */
export function Sub({ base, sub, after = '' }: { base: string; sub: string; after?: string }) {
  return (
    <>
      {base}
      <tspan fontSize="0.72em" dy="0.3em">
        {sub}
      </tspan>
      {after ? <tspan dy="-0.3em">{after}</tspan> : null}
    </>
  );
}
