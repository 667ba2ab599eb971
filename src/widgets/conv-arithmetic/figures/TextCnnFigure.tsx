import '../figures.css';

const TOKENS = ['the', 'film', 'was', 'not', 'good', 'at', 'all'];
const T = TOKENS.length;
const D = 6;
/** Filter widths and, for each, the window shown on the matrix (start row). */
const GROUPS = [
  { k: 2, start: 3, color: 'var(--series-1)' },
  { k: 3, start: 3, color: 'var(--series-2)' },
  { k: 4, start: 2, color: 'var(--series-3)' },
];
/** Feature maps per width drawn (F). */
const F = 2;

const ROW = 26;
const TOP = 40;
const MX = 70;
const CELL = 13;
const GX = 250;
const GW = 62;
const PX = 500;
const OX = 640;

/**
 * Figure: Kim's (2014) multi-width TextCNN. A 7-token sentence matrix (d = 6); filters of widths
 * 2, 3 and 4 (two of each) give feature maps of lengths 6, 5 and 4; max over time keeps one
 * number per map; the six are concatenated into z, dropout is applied while training, and a
 * linear layer with softmax gives the class probabilities. Static SVG in the theme's colours.
 */
export function TextCnnFigure() {
  const y = (i: number) => TOP + i * ROW;
  const pooledY = (g: number, f: number) => TOP + 20 + (g * F + f) * 26;
  const outY = (c: number) => TOP + 50 + c * 60;
  return (
    <div
      className="fig-scroll"
      tabIndex={0}
      role="group"
      aria-label="The TextCNN architecture (scrolls sideways on narrow screens)"
    >
      <svg
        className="fig-svg"
        style={{ minWidth: '560px' }}
        viewBox="0 0 720 270"
        role="img"
        aria-label="TextCNN. Left: the sentence “the film was not good at all” as a matrix of 7 rows by 6 columns. Middle: filters of widths 2, 3 and 4, two of each, slide down the matrix; a width-2 window on “not good”, a width-3 window on “not good at” and a width-4 window on “was not good at” are marked. Each filter gives a feature map, a column of 6, 5 or 4 numbers. Max over time keeps the largest number of each map, six numbers in all, which are concatenated into one vector z; dropout zeroes some of them during training. A fully connected layer with softmax maps z to two class probabilities, positive and negative."
      >
        <text className="fig-head" x={MX + (D * CELL) / 2} y={18} textAnchor="middle">
          X: T × d
        </text>
        <text className="fig-head" x={GX + (3 * GW) / 2 - 10} y={18} textAnchor="middle">
          feature maps (ReLU)
        </text>
        <text className="fig-head" x={PX + 8} y={18} textAnchor="middle">
          max → z
        </text>
        <text className="fig-head" x={OX + 30} y={18} textAnchor="middle">
          softmax
        </text>
        {TOKENS.map((t, i) => (
          <g key={t}>
            <text className="fig-label" x={MX - 6} y={y(i) + ROW / 2} dy="0.35em" textAnchor="end">
              {t}
            </text>
            {Array.from({ length: D }, (_, c) => (
              <rect
                key={c}
                className="fig-cell"
                x={MX + c * CELL}
                y={y(i) + 2}
                width={CELL - 1}
                height={ROW - 4}
              />
            ))}
          </g>
        ))}
        {GROUPS.map((g, gi) => {
          const n = T - g.k + 1;
          const bx = MX + D * CELL + 6 + gi * 7;
          const top = y(g.start) + 3;
          const bottom = y(g.start + g.k) - 3;
          const cellY = (i: number) => y(i) + (g.k * ROW) / 2;
          return (
            <g key={g.k} style={{ color: g.color }}>
              <path className="fig-bracket" d={`M${bx - 4},${top} H${bx} V${bottom} H${bx - 4}`} />
              <line
                className="fig-link"
                x1={bx}
                y1={(top + bottom) / 2}
                x2={GX + gi * GW}
                y2={cellY(g.start)}
              />
              {Array.from({ length: F }, (_, f) =>
                Array.from({ length: n }, (_, i) => (
                  <rect
                    key={`${f}-${i}`}
                    className={i === g.start ? 'fig-fmap fig-fmap-on' : 'fig-fmap'}
                    x={GX + gi * GW + f * 16}
                    y={cellY(i) - ROW / 2 + 3}
                    width={14}
                    height={ROW - 6}
                  />
                )),
              )}
              <text className="fig-small" x={GX + gi * GW + 15} y={y(T) + 16} textAnchor="middle">
                k = {g.k}
              </text>
              {Array.from({ length: F }, (_, f) => (
                <g key={f}>
                  <line
                    className="fig-link"
                    x1={GX + gi * GW + f * 16 + 14}
                    y1={cellY(g.start)}
                    x2={PX}
                    y2={pooledY(gi, f) + 10}
                  />
                  <rect
                    className={gi * F + f === 3 ? 'fig-fmap fig-dropped' : 'fig-fmap fig-fmap-on'}
                    x={PX}
                    y={pooledY(gi, f)}
                    width={18}
                    height={20}
                  />
                </g>
              ))}
            </g>
          );
        })}
        <text className="fig-small" x={PX + 26} y={pooledY(1, 1) + 10} dy="0.35em">
          ✕ dropout
        </text>
        {[0, 1].map((c) => (
          <g key={c}>
            {Array.from({ length: GROUPS.length * F }, (_, j) => (
              <line
                key={j}
                className="fig-dense"
                x1={PX + 18}
                y1={TOP + 30 + j * 26}
                x2={OX}
                y2={outY(c) + 14}
              />
            ))}
            <rect className="fig-cell fig-map" x={OX} y={outY(c)} width={60} height={28} rx={4} />
            <text
              className="fig-small"
              x={OX + 30}
              y={outY(c) + 14}
              dy="0.35em"
              textAnchor="middle"
            >
              {c === 0 ? 'positive' : 'negative'}
            </text>
          </g>
        ))}
        <text className="fig-small" x={PX + 9} y={y(T) + 16} textAnchor="middle">
          3F = 6
        </text>
      </svg>
    </div>
  );
}
