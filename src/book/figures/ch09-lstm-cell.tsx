import { Arrow, Box, FigureSvg, OpNode } from './ch08-ch09-shared';

const ID = 'f09-lstm';
/** y of the cell-state line (top) and of the bus carrying [h_{t−1}, x_t] (bottom). */
const TOP = 70;
const BUS = 262;
const GATE = 195;
/** The gates' x positions: forget, input, candidate, output. */
const G = { f: 170, i: 250, g: 330, o: 430 };

/**
 * Figure (chapter 9): one LSTM step in PyTorch's form. The cell state runs along the top (accent
 * colour): multiplied by the forget gate f_t, then added to i_t ⊙ g_t. Below, the four gates read
 * h_{t−1} and x_t; the output gate filters tanh(c_t) into h_t. Static SVG; alt text in `label`.
 */
export function Ch09LstmCell() {
  return (
    <FigureSvg
      id={ID}
      width={660}
      height={330}
      minWidth={520}
      label="An LSTM cell. Along the top runs the cell state, from c t minus 1 on the left to c t on the right: it is first multiplied element-wise by the forget gate f t, then the product of the input gate i t and the candidate g t is added to it. Along the bottom, the previous hidden state h t minus 1 and the input x t feed four boxes: f t, i t and o t are sigmoids, g t is a tanh. On the right, the new cell state passes through a tanh and is multiplied by the output gate o t, giving the new hidden state h t, which leaves to the right (to the next step and to the output layer)."
    >
      <rect className="f89-cell" x={95} y={35} width={470} height={255} rx={12} />
      {/* Cell state. */}
      <text className="f89-text" x={20} y={TOP} dy="0.35em">
        cₜ₋₁
      </text>
      <Arrow
        id={ID}
        accent
        points={[
          [58, TOP],
          [G.f - 13, TOP],
        ]}
      />
      <OpNode x={G.f} y={TOP} op="×" />
      <Arrow
        id={ID}
        accent
        points={[
          [G.f + 13, TOP],
          [G.g - 13, TOP],
        ]}
      />
      <OpNode x={G.g} y={TOP} op="+" />
      <Arrow
        id={ID}
        accent
        points={[
          [G.g + 13, TOP],
          [615, TOP],
        ]}
      />
      <text className="f89-text" x={620} y={TOP} dy="0.35em">
        cₜ
      </text>
      {/* Bus: h_{t−1} from the left, x_t from below. */}
      <text className="f89-text" x={20} y={BUS} dy="0.35em">
        hₜ₋₁
      </text>
      <polyline className="f89-line" points={`58,${BUS} ${G.o},${BUS}`} />
      <text className="f89-text" x={120} y={318} textAnchor="middle">
        xₜ
      </text>
      <polyline className="f89-line" points={`120,305 120,${BUS}`} />
      <circle className="f89-arrowhead" cx={120} cy={BUS} r={3} />
      {/* Gates. */}
      {(
        [
          ['f', 'σ'],
          ['i', 'σ'],
          ['g', 'tanh'],
          ['o', 'σ'],
        ] as const
      ).map(([name, fn]) => (
        <g key={name}>
          <Arrow
            id={ID}
            points={[
              [G[name], BUS],
              [G[name], GATE + 17],
            ]}
          />
          <Box x={G[name]} y={GATE} w={48} h={32} text={fn} kind="gate" />
          <text className="f89-muted" x={G[name] - 30} y={GATE - 22} textAnchor="end">
            {`${name}ₜ`}
          </text>
        </g>
      ))}
      <Arrow
        id={ID}
        points={[
          [G.f, GATE - 16],
          [G.f, TOP + 12],
        ]}
      />
      {/* i ⊙ g, added to the cell state. */}
      <OpNode x={G.g} y={135} op="×" />
      <Arrow
        id={ID}
        points={[
          [G.i, GATE - 16],
          [G.i, 135],
          [G.g - 13, 135],
        ]}
      />
      <Arrow
        id={ID}
        points={[
          [G.g, GATE - 16],
          [G.g, 147],
        ]}
      />
      <Arrow
        id={ID}
        points={[
          [G.g, 123],
          [G.g, TOP + 12],
        ]}
      />
      {/* Output: o ⊙ tanh(c_t). */}
      <Arrow
        id={ID}
        points={[
          [510, TOP],
          [510, 108],
        ]}
      />
      <Box x={510} y={125} w={48} h={30} text="tanh" />
      <Arrow
        id={ID}
        points={[
          [510, 140],
          [510, GATE - 12],
        ]}
      />
      <OpNode x={510} y={GATE} op="×" />
      <Arrow
        id={ID}
        points={[
          [G.o + 24, GATE],
          [497, GATE],
        ]}
      />
      <Arrow
        id={ID}
        points={[
          [522, GATE],
          [615, GATE],
        ]}
      />
      <text className="f89-text" x={620} y={GATE} dy="0.35em">
        hₜ
      </text>
    </FigureSvg>
  );
}
