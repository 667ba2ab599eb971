import { useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { tokenAt, type ConvLayout } from './convArithmetic';

/** Props of {@link SentenceMatrix}. */
export interface SentenceMatrixProps {
  /** The sentence's tokens, one row each (T of them). */
  tokens: readonly string[];
  /** The embedding rows drawn for the tokens, `[T][d]`, values in [-1, 1]. */
  vectors: readonly (readonly number[])[];
  /** Padding, windows and output length of the convolution drawn. */
  layout: ConvLayout;
  /** The highlighted output position (0-based). */
  active: number;
  /** Hover, focus, click or arrow keys on an output position select it. */
  onActive: (i: number) => void;
}

const ROW_H = 26;
const CELL_W = 24;
const LABEL_W = 100;
const TOP = 30;
const FAN = 64;
const OUT_W = 44;

/** Tokens a window reads, as the widget writes them: words in quotes, zero rows as ⟨0⟩. */
export function windowText(tokens: readonly string[], layout: ConvLayout, i: number): string {
  return layout.windows[i]
    .map((row) => {
      const t = tokenAt(layout, row);
      return t === null ? '⟨0⟩' : tokens[t];
    })
    .join(' ');
}

/**
 * The sentence matrix as an SVG: one row per token (zero rows of padding dashed above and below),
 * d embedding cells per row coloured by value, and the output positions in a column on the right,
 * each centred on the rows its window spans. The active output's taps are outlined and joined to
 * it by lines; the rows its span skips (dilation) and the rows outside it are faded. Output
 * positions are a roving-tabindex group: Tab reaches the active one, arrow keys (Home, End) move,
 * and hover or click selects.
 */
export function SentenceMatrix({ tokens, vectors, layout, active, onActive }: SentenceMatrixProps) {
  const refs = useRef<(SVGGElement | null)[]>([]);
  const d = vectors[0]?.length ?? 0;
  const n = layout.outputLength;
  const taps = new Set(layout.windows[active] ?? []);
  const first = layout.windows[active]?.[0] ?? 0;
  const matrixRight = LABEL_W + d * CELL_W;
  const outX = matrixRight + FAN;
  const width = outX + OUT_W + 8;
  const height = TOP + layout.paddedLength * ROW_H + 6;
  const rowY = (q: number) => TOP + q * ROW_H;
  const centerOf = (i: number) => {
    const w = layout.windows[i];
    return (rowY(w[0]) + rowY(w[w.length - 1]) + ROW_H) / 2;
  };

  const move = (e: KeyboardEvent<SVGGElement>, i: number) => {
    let next = i;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = Math.min(n - 1, i + 1);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') next = Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else if (e.key === 'Enter' || e.key === ' ') next = i;
    else return;
    e.preventDefault();
    e.stopPropagation();
    onActive(next);
    refs.current[next]?.focus();
  };

  return (
    <svg
      className="ca-svg"
      // In rem, so that Present mode (which scales the root font size) enlarges the drawing.
      style={{ width: `${width / 16}rem`, height: `${height / 16}rem` }}
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-label={`Sentence matrix: ${layout.paddedLength} rows (${layout.length} tokens and ${layout.paddedLength - layout.length} zero rows of padding) by ${d} columns, and ${n} output positions. Arrow keys move between output positions.`}
    >
      <text className="ca-head" x={LABEL_W - 8} y={TOP - 10} textAnchor="end">
        token
      </text>
      <text className="ca-head" x={LABEL_W + (d * CELL_W) / 2} y={TOP - 10} textAnchor="middle">
        d = {d}
      </text>
      <text className="ca-head" x={outX + OUT_W / 2} y={TOP - 10} textAnchor="middle">
        output
      </text>
      {Array.from({ length: layout.paddedLength }, (_, q) => {
        const t = tokenAt(layout, q);
        const isTap = taps.has(q);
        const inSpan = q >= first && q < first + layout.span;
        const cls =
          'ca-row' +
          (t === null ? ' ca-row-pad' : '') +
          (isTap ? ' ca-row-tap' : inSpan ? ' ca-row-gap' : ' ca-row-out');
        return (
          <g
            key={q}
            className={cls}
            data-row={q}
            data-token={t === null ? 'pad' : tokens[t]}
            data-tap={isTap ? 'true' : undefined}
          >
            <text x={LABEL_W - 8} y={rowY(q) + ROW_H / 2} dy="0.35em" textAnchor="end">
              {t === null ? '0 (pad)' : clip(tokens[t])}
            </text>
            {Array.from({ length: d }, (_, c) => {
              const v = t === null ? 0 : vectors[t][c];
              return (
                <rect
                  key={c}
                  className="ca-cell"
                  x={LABEL_W + c * CELL_W + 1}
                  y={rowY(q) + 1}
                  width={CELL_W - 2}
                  height={ROW_H - 2}
                  style={
                    {
                      '--ca-t': Math.abs(v),
                      '--ca-hue': v < 0 ? 'var(--series-2)' : 'var(--series-1)',
                    } as CSSProperties
                  }
                />
              );
            })}
          </g>
        );
      })}
      {n > 0 ? (
        <g className="ca-window" aria-hidden="true">
          <rect
            className="ca-span"
            x={LABEL_W - 3}
            y={rowY(first) - 2}
            width={d * CELL_W + 6}
            height={layout.span * ROW_H + 4}
          />
          {[...taps].map((q) => (
            <line
              key={q}
              className="ca-fan"
              x1={matrixRight + 4}
              y1={rowY(q) + ROW_H / 2}
              x2={outX}
              y2={centerOf(active)}
            />
          ))}
        </g>
      ) : null}
      {layout.windows.map((_, i) => {
        const cy = centerOf(i);
        const on = i === active;
        return (
          <g
            key={i}
            ref={(el) => {
              refs.current[i] = el;
            }}
            className={on ? 'ca-out ca-out-active' : 'ca-out'}
            role="button"
            tabIndex={on ? 0 : -1}
            aria-pressed={on}
            aria-label={`Output ${i + 1} of ${n}`}
            data-output={i}
            onFocus={() => onActive(i)}
            onClick={() => onActive(i)}
            onPointerEnter={(e) => {
              if (e.pointerType === 'mouse') onActive(i);
            }}
            onKeyDown={(e) => move(e, i)}
          >
            <rect x={outX} y={cy - ROW_H / 2 + 2} width={OUT_W} height={ROW_H - 4} rx={4} />
            <text x={outX + OUT_W / 2} y={cy} dy="0.35em" textAnchor="middle">
              y{i + 1}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A token label that fits the label column. */
function clip(s: string): string {
  return s.length > 11 ? `${s.slice(0, 10)}…` : s;
}
