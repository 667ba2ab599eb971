import { Arrow, Box, FigureSvg, OpNode } from './ch08-ch09-shared';

const ID = 'f09-gru';
/** y of the state line (top), the gates, the [h_{t−1}, x_t] bus and the x_t line. */
const TOP = 60;
const GATE = 200;
const BUS = 262;
const X_LINE = 290;
/** x positions: reset gate, update gate, candidate, z ⊙ h_{t−1}, 1 − z, sum. */
const R = 160;
const Z = 260;
const N = 380;
const ZH = 440;
const ONE = 520;
const SUM = 600;

/**
 * Figure (chapter 9): one GRU step in PyTorch's form (reset applied after the recurrent product).
 * The state runs along the top: z_t ⊙ h_{t−1} is added to (1 − z_t) ⊙ n_t. The reset gate r_t
 * scales h_{t−1}'s contribution to the candidate n_t. Static SVG; alt text in `label`.
 */
export function Ch09GruCell() {
  return (
    <FigureSvg
      id={ID}
      width={680}
      height={320}
      minWidth={540}
      label="A GRU cell. Along the top runs the hidden state from h t minus 1 on the left to h t on the right. Below, h t minus 1 and the input x t feed two sigmoid gates, the reset gate r t and the update gate z t. The reset gate multiplies the recurrent contribution of h t minus 1 before it enters the tanh box that computes the candidate n t, which also reads x t. The update gate multiplies h t minus 1 on the top line; one minus z t multiplies the candidate; the two products are added to give h t."
    >
      <rect className="f89-cell" x={90} y={28} width={545} height={275} rx={12} />
      <text className="f89-text" x={14} y={TOP} dy="0.35em">
        hₜ₋₁
      </text>
      <Arrow
        id={ID}
        accent
        points={[
          [52, TOP],
          [ZH - 13, TOP],
        ]}
      />
      <OpNode x={ZH} y={TOP} op="×" />
      <Arrow
        id={ID}
        accent
        points={[
          [ZH + 13, TOP],
          [SUM - 13, TOP],
        ]}
      />
      <OpNode x={SUM} y={TOP} op="+" />
      <Arrow
        id={ID}
        accent
        points={[
          [SUM + 13, TOP],
          [650, TOP],
        ]}
      />
      <text className="f89-text" x={652} y={TOP - 16} textAnchor="end">
        hₜ
      </text>
      {/* h_{t−1} down to the bus; x_t up to the bus and along its own line to the candidate. */}
      <polyline className="f89-line" points={`110,${TOP} 110,${BUS} ${Z},${BUS}`} />
      <text className="f89-text" x={130} y={314} textAnchor="middle">
        xₜ
      </text>
      <polyline className="f89-line" points={`130,302 130,${BUS}`} />
      <circle className="f89-arrowhead" cx={130} cy={BUS} r={3} />
      <Arrow
        id={ID}
        points={[
          [130, X_LINE],
          [N, X_LINE],
          [N, GATE + 17],
        ]}
      />
      <circle className="f89-arrowhead" cx={130} cy={X_LINE} r={3} />
      {/* Gates r and z. */}
      {(
        [
          [R, 'rₜ'],
          [Z, 'zₜ'],
        ] as const
      ).map(([x, name]) => (
        <g key={name}>
          <Arrow
            id={ID}
            points={[
              [x, BUS],
              [x, GATE + 17],
            ]}
          />
          <Box x={x} y={GATE} w={44} h={32} text="σ" kind="gate" />
          <text className="f89-muted" x={x - 28} y={GATE - 20} textAnchor="end">
            {name}
          </text>
        </g>
      ))}
      {/* Reset: r ⊙ (h_{t−1} W_hn + b_hn) into the candidate. */}
      <OpNode x={R} y={130} op="×" />
      <Arrow
        id={ID}
        points={[
          [R, GATE - 16],
          [R, 142],
        ]}
      />
      <Arrow
        id={ID}
        points={[
          [R, TOP],
          [R, 118],
        ]}
      />
      <Arrow
        id={ID}
        points={[
          [R + 12, 130],
          [N, 130],
          [N, GATE - 17],
        ]}
      />
      <Box x={N} y={GATE} w={52} h={32} text="tanh" kind="gate" />
      <text className="f89-muted" x={N + 32} y={GATE + 28}>
        nₜ
      </text>
      {/* Update: z ⊙ h_{t−1} on top, (1 − z) ⊙ n below. */}
      <polyline className="f89-line" points={`${Z},${GATE - 16} ${Z},95 ${ONE},95`} />
      <Arrow
        id={ID}
        points={[
          [ZH, 95],
          [ZH, TOP + 12],
        ]}
      />
      <Arrow
        id={ID}
        points={[
          [ONE, 95],
          [ONE, 138],
        ]}
      />
      <OpNode x={ONE} y={150} op="1−" />
      <OpNode x={SUM} y={GATE} op="×" />
      <Arrow
        id={ID}
        points={[
          [ONE, 162],
          [ONE, GATE],
          [SUM - 13, GATE],
        ]}
      />
      <Arrow
        id={ID}
        points={[
          [N + 26, GATE + 8],
          [470, GATE + 8],
          [470, 240],
          [SUM, 240],
          [SUM, GATE + 12],
        ]}
      />
      <Arrow
        id={ID}
        points={[
          [SUM, GATE - 12],
          [SUM, TOP + 12],
        ]}
      />
    </FigureSvg>
  );
}
