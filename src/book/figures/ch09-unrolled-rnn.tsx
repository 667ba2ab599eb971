import { Arrow, Box, FigureSvg } from './ch08-ch09-shared';

const ID = 'f09-unrolled';
const STEPS = ['₁', '₂', '₃'];
const X0 = 300;
const DX = 120;

/**
 * Figure (chapter 9): a recurrent network folded (a cell with a loop) and unrolled over three
 * steps: x_t enters each copy through W_xh, h_{t−1} through W_hh, and each h_t leaves upwards to the
 * output layer and rightwards to the next step. The copies share their weights. Static SVG.
 */
export function Ch09UnrolledRnn() {
  return (
    <FigureSvg
      id={ID}
      width={720}
      height={250}
      minWidth={540}
      label="Left, a recurrent cell drawn folded: input x t enters from below, the hidden state h t leaves upwards, and a loop arrow labelled W h h feeds h back into the cell. An equals sign. Right, the same network unrolled over three time steps: h 0 enters the first copy of the cell from the left; each copy reads its input x 1, x 2, x 3 from below through W x h, passes its state h 1, h 2 to the next copy through W h h, and sends h 1, h 2, h 3 upwards to the output layer, giving y hat 1 to 3. All copies have the same weights."
    >
      {/* Folded. */}
      <Box x={90} y={125} w={70} h={46} text="RNN" kind="cell" />
      <Arrow
        id={ID}
        points={[
          [90, 205],
          [90, 150],
        ]}
      />
      <text className="f89-text" x={90} y={222} textAnchor="middle">
        xₜ
      </text>
      <Arrow
        id={ID}
        points={[
          [90, 100],
          [90, 55],
        ]}
      />
      <text className="f89-text" x={90} y={45} textAnchor="middle">
        hₜ
      </text>
      <path
        className="f89-line"
        d="M 90 78 C 160 78, 160 172, 127 135"
        markerEnd={`url(#${ID}-arrow)`}
      />
      <text className="f89-muted" x={152} y={120}>
        Wₕₕ
      </text>
      <text className="f89-head" x={200} y={130} textAnchor="middle">
        =
      </text>
      {/* Unrolled. */}
      <text className="f89-text" x={232} y={125} dy="0.35em" textAnchor="middle">
        h₀
      </text>
      <Arrow
        id={ID}
        points={[
          [246, 125],
          [X0 - 38, 125],
        ]}
      />
      {STEPS.map((s, i) => {
        const x = X0 + i * DX;
        return (
          <g key={s}>
            <Box x={x} y={125} w={70} h={46} text="RNN" kind="cell" />
            <Arrow
              id={ID}
              points={[
                [x, 205],
                [x, 150],
              ]}
            />
            <text className="f89-text" x={x} y={222} textAnchor="middle">
              {`x${s}`}
            </text>
            <text className="f89-muted" x={x + 6} y={185}>
              Wₓₕ
            </text>
            <Arrow
              id={ID}
              points={[
                [x, 100],
                [x, 55],
              ]}
            />
            <text className="f89-text" x={x} y={45} textAnchor="middle">
              {`ŷ${s}`}
            </text>
            <text className="f89-muted" x={x + 6} y={80}>
              {`h${s}`}
            </text>
            <Arrow
              id={ID}
              points={[
                [x + 37, 125],
                [x + DX - 38, 125],
              ]}
            />
            <text className="f89-muted" x={x + DX / 2} y={116} textAnchor="middle">
              Wₕₕ
            </text>
          </g>
        );
      })}
      <text className="f89-text" x={X0 + 3 * DX - 25} y={125} dy="0.35em">
        …
      </text>
    </FigureSvg>
  );
}
