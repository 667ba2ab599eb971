import './figures.css';

/** One stage of the pipeline: its name, a short note, and what the example looks like after it. */
interface Stage {
  name: string;
  note: string;
  /** The example after this stage: one chip per token or id. */
  chips: readonly string[];
  /** Small labels under the chips (the words behind the ids). */
  under?: readonly string[];
  /** Drawn dashed: the stage is optional and skipped in the example. */
  optional?: boolean;
}

/**
 * The chapter's running example, "The food was NOT good!", encoded with the vocabulary of the
 * section "Integer encoding" (`<OOV>` 1, the 2, was 3, food 4, good 5, ..., not 7) and
 * `num_words = 6`, so "not" becomes the OOV id 1; then pre-padded to `maxlen = 6`.
 */
const STAGES: readonly Stage[] = [
  { name: 'Raw text', note: 'one document', chips: ['“The food was NOT good!”'] },
  {
    name: 'Tokenize',
    note: 'regex, or filters and spaces',
    chips: ['The', 'food', 'was', 'NOT', 'good', '!'],
  },
  {
    name: 'Normalize',
    note: 'NFC, lowercase, drop punctuation',
    chips: ['the', 'food', 'was', 'not', 'good'],
  },
  {
    name: 'Stem, remove stopwords',
    note: 'optional: skipped here',
    chips: [],
    optional: true,
  },
  {
    name: 'Encode',
    note: 'training vocabulary, num_words = 6',
    chips: ['2', '4', '3', '1', '5'],
    under: ['the', 'food', 'was', 'OOV', 'good'],
  },
  { name: 'Pad', note: "maxlen = 6, padding = 'pre'", chips: ['0', '2', '4', '3', '1', '5'] },
  {
    name: 'Embed',
    note: 'look up rows of E',
    chips: ['E[0]', 'E[2]', 'E[4]', 'E[3]', 'E[1]', 'E[5]'],
  },
];

const ROW = 60;
const TOP = 8;
const BOX_X = 8;
const BOX_W = 236;
const BOX_H = 44;
const CHIP_X = 286;
const CHIP_H = 28;
const GAP = 6;
/** Approximate advance of one character at the chips' 14px font, in viewBox units. */
const CHAR_W = 8.2;

const chipWidth = (text: string) => Math.max(30, Math.round(text.length * CHAR_W + 16));

function chipClass(stage: Stage, text: string): string {
  if (stage.name === 'Pad' && text === '0') return 'bookfig-chip bookfig-chip--pad';
  if (stage.name === 'Embed') return 'bookfig-chip bookfig-chip--row';
  if (text === '1' || text === 'OOV' || text === 'E[1]') return 'bookfig-chip bookfig-chip--oov';
  return 'bookfig-chip';
}

/**
 * Figure for Chapter 1: the preprocessing pipeline as seven stages (raw text, tokenize,
 * normalize, the optional stemming and stopword removal, encode, pad, embed), each with the
 * running example "The food was NOT good!" as it leaves that stage: six tokens, five normalized
 * tokens, the ids 2 4 3 1 5 ("not" falls outside num_words = 6 and becomes the OOV id 1), the
 * padded row 0 2 4 3 1 5, and six embedding rows. A static SVG in the theme's colours; its alt
 * text is the `aria-label`.
 */
export function PreprocessingPipelineFigure() {
  const y = (i: number) => TOP + i * ROW;
  const height = TOP + STAGES.length * ROW;
  return (
    <div
      className="bookfig-scroll"
      tabIndex={0}
      role="group"
      aria-label="The preprocessing pipeline (scrolls sideways on narrow screens)"
    >
      <svg
        className="bookfig-svg"
        style={{ minWidth: '540px' }}
        viewBox={`0 0 700 ${height}`}
        role="img"
        aria-label="Seven stages from top to bottom, each with the example as it leaves that stage. Raw text: “The food was NOT good!”. Tokenize: The, food, was, NOT, good, exclamation mark. Normalize (NFC, lowercase, drop punctuation): the, food, was, not, good. Stem and remove stopwords: optional and skipped, since a stopword list would delete “not”. Encode with the training vocabulary and num_words 6: the ids 2, 4, 3, 1, 5, where “not” has become the unknown-word id 1. Pad to length 6 with padding at the start: 0, 2, 4, 3, 1, 5. Embed: each id selects one row of the embedding matrix E, giving six rows for the model."
      >
        <defs>
          <marker
            id="bookfig-pipeline-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" className="bookfig-arrowhead" />
          </marker>
        </defs>
        {STAGES.map((stage, i) => {
          const top = y(i);
          const mid = top + BOX_H / 2;
          let x = CHIP_X;
          return (
            <g key={stage.name}>
              <rect
                className={
                  stage.optional ? 'bookfig-stage bookfig-stage--optional' : 'bookfig-stage'
                }
                x={BOX_X}
                y={top}
                width={BOX_W}
                height={BOX_H}
                rx={6}
              />
              <text className="bookfig-name" x={BOX_X + 12} y={top + 18}>
                {stage.name}
              </text>
              <text className="bookfig-note" x={BOX_X + 12} y={top + 35}>
                {stage.note}
              </text>
              {i < STAGES.length - 1 ? (
                <line
                  className="bookfig-arrow"
                  x1={BOX_X + 40}
                  y1={top + BOX_H}
                  x2={BOX_X + 40}
                  y2={top + ROW - 2}
                  markerEnd="url(#bookfig-pipeline-arrow)"
                />
              ) : null}
              <line
                className="bookfig-link"
                x1={BOX_X + BOX_W + 4}
                y1={mid}
                x2={CHIP_X - 8}
                y2={mid}
              />
              {stage.optional ? (
                <text className="bookfig-note" x={CHIP_X} y={mid} dy="0.35em">
                  a stopword list would delete “not”
                </text>
              ) : null}
              {stage.chips.map((text, j) => {
                const w = chipWidth(text);
                const cx = x;
                x += w + GAP;
                const numeric = /^\d+$|^E\[/.test(text);
                return (
                  <g key={`${text}-${j}`}>
                    <rect
                      className={chipClass(stage, text)}
                      x={cx}
                      y={mid - CHIP_H / 2 - (stage.under ? 5 : 0)}
                      width={w}
                      height={CHIP_H}
                      rx={4}
                    />
                    <text
                      className={numeric ? 'bookfig-num' : 'bookfig-text'}
                      x={cx + w / 2}
                      y={mid - (stage.under ? 5 : 0)}
                      dy="0.35em"
                      textAnchor="middle"
                    >
                      {text}
                    </text>
                    {stage.under ? (
                      <text
                        className="bookfig-small"
                        x={cx + w / 2}
                        y={mid + CHIP_H / 2 + 6}
                        textAnchor="middle"
                      >
                        {stage.under[j]}
                      </text>
                    ) : null}
                  </g>
                );
              })}
              {stage.name === 'Embed' ? (
                <text className="bookfig-note" x={x + 4} y={mid} dy="0.35em">
                  → 6 × d
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
