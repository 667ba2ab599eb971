import './ch03-ch04.css';

/** The chapter's three reviews as counts (CountVectorizer's defaults; columns sorted). */
const TERMS = ['and', 'bread', 'cold', 'food', 'good', 'not', 'service', 'soup', 'the', 'was'];
const COUNTS = [
  [0, 0, 0, 1, 1, 0, 0, 0, 1, 1],
  [0, 0, 0, 0, 1, 1, 1, 0, 1, 1],
  [1, 1, 2, 0, 0, 0, 0, 1, 2, 2],
];
const DOCS = [
  'The food was good.',
  'The service was not good.',
  'The soup was cold and the bread was cold.',
];

const X0 = 112;
const Y0 = 64;
const CW = 54;
const RH = 36;
const MARK_ROW = 2;
const MARK_COL = 4;

/**
 * Figure (chapter 4): the document-term matrix of the three reviews, one row per document and
 * one column per term, zeros greyed; the row of review 3 (its bag of words as a vector) and the
 * column of "good" (the documents that contain it) are outlined. A static SVG in the theme's
 * colours; its alt text is the `aria-label`.
 */
export function DocumentTermMatrixFigure() {
  const right = X0 + TERMS.length * CW;
  const bottom = Y0 + COUNTS.length * RH;
  return (
    <div
      className="bf-scroll"
      tabIndex={0}
      role="group"
      aria-label="The document-term matrix (scrolls sideways on narrow screens)"
    >
      <svg
        className="bf-svg"
        style={{ minWidth: '560px' }}
        viewBox={`0 0 ${right + 20} ${bottom + 92}`}
        role="img"
        aria-label="A grid of 3 rows and 10 columns. The columns are the terms in alphabetical order: and, bread, cold, food, good, not, service, soup, the, was. Row 1, The food was good: food 1, good 1, the 1, was 1. Row 2, The service was not good: good 1, not 1, service 1, the 1, was 1. Row 3, The soup was cold and the bread was cold: and 1, bread 1, cold 2, soup 1, the 2, was 2. Every other cell is 0, shown in grey: 15 of the 30 cells. Row 3 is outlined as a document vector, and the column of good is outlined: it is non-zero in reviews 1 and 2."
      >
        <text className="bf-head" x={(X0 + right) / 2} y={18} textAnchor="middle">
          {'terms: the vocabulary |V| = 10, sorted'}
        </text>
        {TERMS.map((t, j) => (
          <text
            key={t}
            className="bf-text"
            x={X0 + j * CW + CW / 2}
            y={Y0 - 12}
            textAnchor="middle"
            fontWeight={j === MARK_COL ? 700 : 400}
          >
            {t}
          </text>
        ))}
        {COUNTS.map((row, i) => (
          <g key={DOCS[i]}>
            <text
              className="bf-text"
              x={X0 - 10}
              y={Y0 + i * RH + RH / 2}
              dy="0.35em"
              textAnchor="end"
            >
              {`review ${i + 1}`}
            </text>
            {row.map((v, j) => (
              <g key={TERMS[j]}>
                <rect className="bf-box" x={X0 + j * CW} y={Y0 + i * RH} width={CW} height={RH} />
                <text
                  className={v === 0 ? 'bf-zero' : 'bf-num'}
                  x={X0 + j * CW + CW / 2}
                  y={Y0 + i * RH + RH / 2}
                  dy="0.35em"
                  textAnchor="middle"
                  fontWeight={v === 0 ? 400 : 700}
                >
                  {String(v)}
                </text>
              </g>
            ))}
          </g>
        ))}
        <rect
          className="bf-mark"
          x={X0 - 2}
          y={Y0 + MARK_ROW * RH - 2}
          width={TERMS.length * CW + 4}
          height={RH + 4}
          rx={3}
        />
        <rect
          className="bf-mark"
          x={X0 + MARK_COL * CW - 2}
          y={Y0 - 30}
          width={CW + 4}
          height={COUNTS.length * RH + 32}
          rx={3}
          strokeDasharray="6 3"
        />
        <text className="bf-note" x={X0} y={bottom + 24}>
          {'row: review 3 as a vector, its bag of words (cold 2, the 2, was 2, and, bread, soup)'}
        </text>
        <text className="bf-note" x={X0} y={bottom + 46}>
          {'dashed column: where good occurs (reviews 1 and 2)'}
        </text>
        <text className="bf-note" x={X0} y={bottom + 68}>
          {'grey zeros: 15 of the 30 cells; in a real collection, more than 99%'}
        </text>
        <text className="bf-note" x={12} y={Y0 - 12}>
          {'documents'}
        </text>
      </svg>
    </div>
  );
}
