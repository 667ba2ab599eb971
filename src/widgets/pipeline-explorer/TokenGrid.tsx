import type { StageToken } from './pipeline';
import { TOKENS_SHOWN } from './Stage';

/** Documents shown in the grid before "and N more". */
export const GRID_DOCS_SHOWN = 4;

/** Props of {@link TokenGrid}. */
export interface TokenGridProps {
  /** Stage 1 tokens per document. */
  tokens: readonly (readonly StageToken[])[];
  /** Stage 2, aligned with `tokens`. */
  normalized: readonly (readonly StageToken[])[];
  /** Stage 3, aligned with `tokens`. */
  stems: readonly (readonly StageToken[])[];
  /** Stage 4 with removed tokens marked `kind: 'removed'`, aligned with `tokens`. */
  marked: readonly (readonly StageToken[])[];
}

const ROWS = [
  { stage: 'tokens', label: '1. token' },
  { stage: 'normalized', label: '2. normalized' },
  { stage: 'stems', label: '3. stem' },
  { stage: 'no-stopwords', label: '4. kept' },
] as const;

const KIND_LABEL: Partial<Record<string, string>> = {
  punct: 'punct',
  number: 'num',
  special: 'special',
};

/**
 * Stages 1-4 of the pipeline, aligned: one small table per document, one column per token,
 * one row per stage, so a reader can follow a single word down its column ("Ponies" →
 * "ponies" → "poni" → kept). Cells that changed are highlighted; removed tokens are struck
 * through (and say "removed" to screen readers). At most {@link TOKENS_SHOWN} columns per
 * document are drawn, then a line says how many more tokens the document has.
 */
export function TokenGrid({ tokens, normalized, stems, marked }: TokenGridProps) {
  const stages = [tokens, normalized, stems, marked];
  return (
    <div className="pe-grids">
      {tokens.slice(0, GRID_DOCS_SHOWN).map((doc, d) => (
        <div
          key={d}
          className="pe-grid-scroll"
          tabIndex={0}
          role="group"
          aria-label={`Document ${d + 1}`}
        >
          <table className="pe-grid">
            <caption className="ui-visually-hidden">
              Document {d + 1}: each column is one token through stages 1 to 4
            </caption>
            <tbody>
              {ROWS.map((row, r) => (
                <tr key={row.stage} data-stage={row.stage}>
                  <th scope="row">{row.label}</th>
                  {doc.length === 0 && r === 0 ? (
                    <td className="pe-cell-empty">(no tokens)</td>
                  ) : null}
                  {stages[r][d].slice(0, TOKENS_SHOWN).map((t, i) => {
                    const prev = r > 0 ? stages[r - 1][d][i]?.text : null;
                    const changed = r > 0 && r < 3 && prev !== t.text;
                    const removed = t.kind === 'removed';
                    const cls = [
                      'pe-cell',
                      changed ? 'pe-cell-changed' : '',
                      removed ? 'pe-cell-removed' : '',
                    ]
                      .filter(Boolean)
                      .join(' ');
                    const kind = r === 0 ? KIND_LABEL[t.kind] : undefined;
                    return (
                      <td key={i} className={cls} title={t.title}>
                        {removed ? <del>{t.text}</del> : t.text}
                        {removed && <span className="ui-visually-hidden"> (removed)</span>}
                        {kind && <span className="pe-kind">{kind}</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {doc.length > TOKENS_SHOWN && (
            <p className="w-hint">
              … and {(doc.length - TOKENS_SHOWN).toLocaleString('en')} more tokens in this document
            </p>
          )}
        </div>
      ))}
      {tokens.length > GRID_DOCS_SHOWN && (
        <p className="w-hint">… and {tokens.length - GRID_DOCS_SHOWN} more documents</p>
      )}
    </div>
  );
}
