import type { GridCell } from './MatrixGrid';
import { cellBreakdown, formulaLines, type TfidfModel } from './tfidfModel';

/** Props of {@link FormulaPanel}. */
export interface FormulaPanelProps {
  model: TfidfModel;
  /** The active cell, or null for the idle hint. */
  cell: GridCell | null;
}

/**
 * How the active cell's TF-IDF value is computed, one step per line with the numbers the
 * vectorizer computed (count, tf, df, n, idf, product, norm, value). Announced politely to
 * screen readers as the cell changes.
 */
export function FormulaPanel({ model, cell }: FormulaPanelProps) {
  const b = cell ? cellBreakdown(model, cell.r, cell.c) : null;
  return (
    <section className="tm-formula" aria-label="Formula of the selected cell" data-formula="">
      <h4 className="tm-formula-title">
        {b ? `“${b.term}” in document ${b.doc + 1}` : 'How a cell is computed'}
      </h4>
      <div aria-live="polite">
        {b ? (
          <ol className="tm-formula-lines">
            {formulaLines(b, model.settings).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        ) : (
          <p className="w-hint">
            Hover or tap a cell of either matrix (or focus a matrix and use the arrow keys) to see
            its count, tf, df, idf = ln((1 + n) / (1 + df)) + 1, the product, the row&apos;s norm
            and the final value.
          </p>
        )}
      </div>
    </section>
  );
}
