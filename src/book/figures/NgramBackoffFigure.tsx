import './ch03-ch04.css';

const BOX_W = 200;
const BOX_H = 38;
const ROWS = [
  { y: 56, label: 'P(whale | the big)', order: 'trigram' },
  { y: 130, label: 'P(whale | big)', order: 'bigram' },
  { y: 204, label: 'P(whale)', order: 'unigram' },
];
const LAMBDAS = ['λ₃', 'λ₂', 'λ₁'];
const LEFT = 40;
const RIGHT = 370;
const SUM = { x: 612, y: 149, r: 16 };

/** A downward (or any) arrow from (x1, y1) to (x2, y2) with a small filled head. */
function Arrow({ x1, y1, x2, y2 }: { x1: number; y1: number; x2: number; y2: number }) {
  const a = Math.atan2(y2 - y1, x2 - x1);
  const h = 7;
  const p = (da: number) => `${x2 - h * Math.cos(a + da)},${y2 - h * Math.sin(a + da)}`;
  return (
    <g>
      <line className="bf-line" x1={x1} y1={y1} x2={x2} y2={y2} />
      <polygon className="bf-arrowhead" points={`${x2},${y2} ${p(0.45)} ${p(-0.45)}`} />
    </g>
  );
}

/**
 * Figure (chapter 3): backoff and interpolation side by side, for the next word "whale" after
 * "the big". Backoff walks down the orders and uses the first one whose n-gram was seen (here the
 * bigram); interpolation always mixes all three estimates with weights λ₃ + λ₂ + λ₁ = 1.
 * A static SVG in the theme's colours; its alt text is the `aria-label`.
 */
export function NgramBackoffFigure() {
  return (
    <div
      className="bf-scroll"
      tabIndex={0}
      role="group"
      aria-label="Backoff and interpolation (scrolls sideways on narrow screens)"
    >
      <svg
        className="bf-svg"
        style={{ minWidth: '520px' }}
        viewBox="0 0 680 290"
        role="img"
        aria-label="Two panels for predicting whale after the big. Left, backoff: three boxes stacked from trigram P(whale | the big) to bigram P(whale | big) to unigram P(whale). The trigram was never seen, so an arrow marked unseen leads down to the bigram, which was seen and is the one estimate used, highlighted. Right, interpolation: the same three estimates each feed, with weights lambda 3, lambda 2 and lambda 1, into one sum, which gives the interpolated probability; every order contributes."
      >
        <text className="bf-head" x={LEFT + BOX_W / 2} y={24} textAnchor="middle">
          {'Backoff: one order is used'}
        </text>
        <text className="bf-head" x={RIGHT + 130} y={24} textAnchor="middle">
          {'Interpolation: all orders are mixed'}
        </text>
        {ROWS.map((r, i) => (
          <g key={r.order}>
            <rect
              className={i === 1 ? 'bf-box-on' : 'bf-box'}
              x={LEFT}
              y={r.y}
              width={BOX_W}
              height={BOX_H}
              rx={6}
            />
            <text
              className="bf-text"
              x={LEFT + BOX_W / 2}
              y={r.y + BOX_H / 2}
              dy="0.35em"
              textAnchor="middle"
            >
              {r.label}
            </text>
            <text className="bf-note" x={LEFT + BOX_W + 10} y={r.y + BOX_H / 2} dy="0.35em">
              {i === 0 ? 'count 0: unseen' : i === 1 ? 'seen: use it' : 'not needed'}
            </text>
            <rect className="bf-box" x={RIGHT} y={r.y} width={BOX_W} height={BOX_H} rx={6} />
            <text
              className="bf-text"
              x={RIGHT + BOX_W / 2}
              y={r.y + BOX_H / 2}
              dy="0.35em"
              textAnchor="middle"
            >
              {r.label}
            </text>
            <Arrow
              x1={RIGHT + BOX_W}
              y1={r.y + BOX_H / 2}
              x2={SUM.x - SUM.r * 1.1}
              y2={SUM.y + (i - 1) * 6}
            />
            <text
              className="bf-text"
              x={RIGHT + BOX_W + 4}
              y={r.y + BOX_H / 2 + (i === 2 ? 22 : -9)}
              fontStyle="italic"
            >
              {LAMBDAS[i]}
            </text>
          </g>
        ))}
        <Arrow x1={LEFT + BOX_W / 2} y1={ROWS[0].y + BOX_H} x2={LEFT + BOX_W / 2} y2={ROWS[1].y} />
        <line
          className="bf-dashed"
          x1={LEFT + BOX_W / 2}
          y1={ROWS[1].y + BOX_H}
          x2={LEFT + BOX_W / 2}
          y2={ROWS[2].y}
        />
        <text className="bf-note" x={LEFT + BOX_W / 2 + 8} y={ROWS[0].y + BOX_H + 22}>
          {'back off to a shorter context'}
        </text>
        <circle className="bf-box" cx={SUM.x} cy={SUM.y} r={SUM.r} />
        <text className="bf-text" x={SUM.x} y={SUM.y} dy="0.35em" textAnchor="middle" fontSize="18">
          {'+'}
        </text>
        <Arrow x1={SUM.x} y1={SUM.y + SUM.r} x2={SUM.x} y2={262} />
        <text className="bf-text" x={SUM.x} y={280} textAnchor="end" fontWeight="700">
          {'P̂(whale | the big)'}
        </text>
        <text className="bf-note" x={LEFT} y={280}>
          {'the highlighted estimate is the answer (discounted)'}
        </text>
      </svg>
    </div>
  );
}
