import { Arrow, Box, FigureSvg, Sub } from './ch08-ch09-shared';

const ID = 'f08-w2v';
/** Context positions drawn for a window of m = 2. */
const CONTEXT = ['wₜ₋₂', 'wₜ₋₁', 'wₜ₊₁', 'wₜ₊₂'];
const ROWS = [70, 120, 170, 220];

/**
 * Figure (chapter 8): word2vec's two architectures for a window of m = 2. Left, skip-gram: the
 * centre word's row of E is its input vector v_c, and each context word o is scored by
 * σ(u_o · v_c). Right, CBOW: the context words' rows of E are averaged into h, and the centre word
 * is scored by σ(u_c · h). Static SVG; its alt text is the `aria-label`.
 */
export function Ch08Word2VecArchitectures() {
  return (
    <FigureSvg
      id={ID}
      width={720}
      height={290}
      minWidth={560}
      label="Two diagrams side by side, for a window of two words on each side. Left, skip-gram: the centre word w t is looked up in the embedding matrix E, giving its input vector v c; four arrows lead from v c to four outputs, one per context word w t minus 2, w t minus 1, w t plus 1 and w t plus 2, each scored by the sigmoid of the dot product of that word's output vector u with v c. Right, CBOW: the four context words are each looked up in E, their vectors are averaged into h, and one output scores the centre word w t by the sigmoid of u of w t dot h."
    >
      <text className="f89-head" x={180} y={24} textAnchor="middle">
        skip-gram
      </text>
      <text className="f89-head" x={545} y={24} textAnchor="middle">
        CBOW
      </text>
      {/* Skip-gram: one input, four outputs. */}
      <Box x={45} y={145} w={60} h={34} text="wₜ" />
      <text className="f89-muted" x={45} y={180} textAnchor="middle">
        centre c
      </text>
      <Arrow
        id={ID}
        points={[
          [75, 145],
          [110, 145],
        ]}
      />
      <Box
        x={150}
        y={145}
        w={76}
        h={40}
        text={<Sub base="v" sub="c" after=" = E[c]" />}
        kind="vec"
      />
      <text className="f89-muted" x={150} y={185} textAnchor="middle">
        row of E
      </text>
      {ROWS.map((y, i) => (
        <g key={`sg${i}`}>
          <Arrow
            id={ID}
            points={[
              [188, 145],
              [246, y],
            ]}
          />
          <Box
            x={290}
            y={y}
            w={84}
            h={32}
            text={<Sub base="σ(u·v" sub="c" after=")" />}
            kind="gate"
          />
          <text className="f89-text" x={340} y={y} dy="0.35em">
            {CONTEXT[i]}
          </text>
        </g>
      ))}
      <text className="f89-muted" x={290} y={262} textAnchor="middle">
        output vectors u
      </text>
      <line className="f89-dashed" x1={375} y1={40} x2={375} y2={270} />
      {/* CBOW: four inputs, one output. */}
      {ROWS.map((y, i) => (
        <g key={`cb${i}`}>
          <Box x={425} y={y} w={60} h={30} text={CONTEXT[i]} />
          <Arrow
            id={ID}
            points={[
              [455, y],
              [515, 145],
            ]}
          />
        </g>
      ))}
      <text className="f89-muted" x={425} y={262} textAnchor="middle">
        rows of E
      </text>
      <Box x={545} y={145} w={56} h={40} text="h" kind="vec" />
      <text className="f89-muted" x={545} y={185} textAnchor="middle">
        average
      </text>
      <Arrow
        id={ID}
        points={[
          [573, 145],
          [600, 145],
        ]}
      />
      <Box x={640} y={145} w={76} h={32} text="σ(u·h)" kind="gate" />
      <text className="f89-text" x={640} y={185} textAnchor="middle">
        wₜ
      </text>
    </FigureSvg>
  );
}
