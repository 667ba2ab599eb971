import '../figures.css';

/** The chapter's worked example: five tokens, d = 2 (Section "A filter by hand"). */
const TOKENS = ['the', 'plot', 'was', 'not', 'good'];
const X = [
  [0, 0.5],
  [1, 0],
  [0, 0.5],
  [-0.5, 2],
  [2, 0],
];
/** Filter rows w_1 (first token of the window), w_2 (second); the bias is b = -1. */
const W = [
  [0, 1],
  [1, 0],
];
const C = [0.5, 0, 0, 3];

const ROW = 36;
const TOP = 44;
const CW = 44;
const MX = 78;
const WX = 250;
const CX = 420;
const PX = 530;

const num = (v: number) => (v < 0 ? `−${Math.abs(v)}` : String(v));

/**
 * Figure: the sentence matrix of the worked example with a width-2 window on "not good", the
 * filter W and bias, the feature map c = ReLU(window · W + b) = (0.5, 0, 0, 3) and its max pool 3.
 * A static SVG in the theme's colours; its alt text is the `aria-label`.
 */
export function SlidingWindowFigure() {
  const y = (i: number) => TOP + i * ROW;
  const active = 3;
  return (
    <div
      className="fig-scroll"
      tabIndex={0}
      role="group"
      aria-label="The worked example (scrolls sideways on narrow screens)"
    >
      <svg
        className="fig-svg"
        style={{ minWidth: '480px' }}
        viewBox="0 0 600 250"
        role="img"
        aria-label="A five-row sentence matrix for “the plot was not good”, two columns per row: the (0, 0.5), plot (1, 0), was (0, 0.5), not (−0.5, 2), good (2, 0). A window of two rows is outlined on “not good”. Beside it the filter W has rows (0, 1) and (1, 0) and bias −1. The window's products add to 4, minus 1 gives 3. The feature map, one value per window position, is 0.5, 0, 0, 3; max pooling keeps 3, from “not good”."
      >
        <text className="fig-head" x={MX + CW} y={20} textAnchor="middle">
          X (T = 5, d = 2)
        </text>
        <text className="fig-head" x={WX + CW} y={20} textAnchor="middle">
          filter W (k = 2), b = −1
        </text>
        <text className="fig-head" x={CX + 22} y={20} textAnchor="middle">
          c = ReLU(…)
        </text>
        <text className="fig-head" x={PX + 22} y={20} textAnchor="middle">
          max
        </text>
        {TOKENS.map((t, i) => (
          <g key={t} className={i >= active && i < active + 2 ? 'fig-on' : undefined}>
            <text className="fig-label" x={MX - 8} y={y(i) + ROW / 2} dy="0.35em" textAnchor="end">
              {t}
            </text>
            {X[i].map((v, c) => (
              <g key={c}>
                <rect
                  className="fig-cell"
                  x={MX + c * CW}
                  y={y(i) + 2}
                  width={CW - 2}
                  height={ROW - 4}
                />
                <text
                  className="fig-num"
                  x={MX + c * CW + CW / 2 - 1}
                  y={y(i) + ROW / 2}
                  dy="0.35em"
                  textAnchor="middle"
                >
                  {num(v)}
                </text>
              </g>
            ))}
          </g>
        ))}
        <rect
          className="fig-window"
          x={MX - 4}
          y={y(active) - 1}
          width={2 * CW + 6}
          height={2 * ROW + 2}
          rx={5}
        />
        {W.map((row, j) =>
          row.map((v, c) => (
            <g key={`${j}-${c}`}>
              <rect
                className="fig-cell fig-filter"
                x={WX + c * CW}
                y={y(active + j) + 2}
                width={CW - 2}
                height={ROW - 4}
              />
              <text
                className="fig-num"
                x={WX + c * CW + CW / 2 - 1}
                y={y(active + j) + ROW / 2}
                dy="0.35em"
                textAnchor="middle"
              >
                {num(v)}
              </text>
            </g>
          )),
        )}
        <text
          className="fig-op"
          x={(MX + 2 * CW + WX) / 2}
          y={y(active) + ROW}
          dy="0.35em"
          textAnchor="middle"
        >
          ⊙, sum
        </text>
        <text className="fig-small" x={WX + CW} y={y(active) - 10} textAnchor="middle">
          w₁ · x₄ + w₂ · x₅ + b = 2 + 2 − 1
        </text>
        {C.map((v, i) => {
          const cy = y(i) + ROW;
          return (
            <g key={i} className={i === active ? 'fig-on' : undefined}>
              <rect
                className="fig-cell fig-map"
                x={CX}
                y={cy - ROW / 2 + 3}
                width={44}
                height={ROW - 6}
              />
              <text className="fig-num" x={CX + 22} y={cy} dy="0.35em" textAnchor="middle">
                {num(v)}
              </text>
              <text className="fig-small" x={CX - 6} y={cy} dy="0.35em" textAnchor="end">
                c{i + 1}
              </text>
            </g>
          );
        })}
        <line
          className="fig-arrow"
          x1={WX + 2 * CW + 4}
          y1={y(active) + ROW}
          x2={CX - 24}
          y2={y(active) + ROW}
          markerEnd="url(#fig-sw-arrow)"
        />
        <line
          className="fig-arrow"
          x1={CX + 48}
          y1={y(active) + ROW}
          x2={PX - 4}
          y2={y(active) + ROW}
          markerEnd="url(#fig-sw-arrow)"
        />
        <g className="fig-on">
          <rect
            className="fig-cell fig-map"
            x={PX}
            y={y(active) + ROW / 2 + 3}
            width={44}
            height={ROW - 6}
          />
          <text className="fig-num" x={PX + 22} y={y(active) + ROW} dy="0.35em" textAnchor="middle">
            3
          </text>
        </g>
        <defs>
          <marker
            id="fig-sw-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" className="fig-arrowhead" />
          </marker>
        </defs>
      </svg>
    </div>
  );
}
