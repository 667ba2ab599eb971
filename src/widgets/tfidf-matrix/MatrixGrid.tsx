import { useId, type CSSProperties, type KeyboardEvent } from 'react';
import { colorPosition } from '../../ui/chartMath';

/** A cell position: document row `r`, term column `c`. */
export interface GridCell {
  r: number;
  c: number;
}

/** Props of {@link MatrixGrid}. */
export interface MatrixGridProps {
  /** Values, `matrix[document][term]`. */
  matrix: readonly (readonly number[])[];
  /** Caption: the table's accessible name and visible title. */
  caption: string;
  /** Row labels (documents). */
  rowLabels: readonly string[];
  /** Column labels (terms). */
  colLabels: readonly string[];
  /** The highlighted cell, shared with the other grid and the formula panel. */
  active: GridCell | null;
  /** Hover, tap or arrow keys select a cell. */
  onActive: (cell: GridCell | null) => void;
  /** Text of a cell. */
  format: (v: number) => string;
  /** An extra row under the matrix (e.g. the idf row), with its label. */
  footer?: { label: string; values: readonly (number | null)[] };
  /** `data-matrix` attribute, for tests. */
  name: string;
}

/**
 * A document-term matrix as a heatmap table: terms as columns, documents as rows, cell colour
 * from the theme's sequential scale (0 to the matrix maximum), the value printed in each cell.
 * Unlike `Heatmap` from src/ui it keeps a readable cell size and scrolls sideways when there
 * are many terms (a phone shows about 6 columns at a time, a projector 30 or more), and it
 * reports the active cell so that a formula panel can follow it. Hover or tap a cell, or
 * focus the table and use the arrow keys (Home / End too); Escape clears.
 */
export function MatrixGrid({
  matrix,
  caption,
  rowLabels,
  colLabels,
  active,
  onActive,
  format,
  footer,
  name,
}: MatrixGridProps) {
  const captionId = useId();
  const rows = matrix.length;
  const cols = colLabels.length;
  let hi = 0;
  for (const row of matrix) for (const v of row) if (v > hi) hi = v;
  const domain: [number, number] = [0, hi > 0 ? hi : 1];

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!rows || !cols) return;
    const cur = active ?? { r: 0, c: 0 };
    const next = { ...cur };
    if (e.key === 'ArrowUp') next.r = Math.max(0, cur.r - 1);
    else if (e.key === 'ArrowDown') next.r = Math.min(rows - 1, cur.r + 1);
    else if (e.key === 'ArrowLeft') next.c = Math.max(0, cur.c - 1);
    else if (e.key === 'ArrowRight') next.c = Math.min(cols - 1, cur.c + 1);
    else if (e.key === 'Home') next.c = 0;
    else if (e.key === 'End') next.c = cols - 1;
    else if (e.key === 'Escape') return onActive(null);
    else return;
    e.preventDefault();
    onActive(next);
    // Keep the active cell in view inside the scroller.
    const cell = e.currentTarget.querySelector<HTMLElement>(
      `[data-r="${next.r}"][data-c="${next.c}"]`,
    );
    cell?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  };

  // The caption sits outside the scroller so that it wraps to the visible width (as a table
  // <caption> it is as wide as the table and scrolls away on a phone).
  return (
    <div className="tm-matrix">
      <div className="tm-caption" id={captionId}>
        {caption}
      </div>
      <div
        className="tm-scroll"
        tabIndex={0}
        role="group"
        aria-label={`${caption}: ${rows} documents by ${cols} terms. Arrow keys move between cells; the formula below follows.`}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (!active && rows && cols) onActive({ r: 0, c: 0 });
        }}
        data-matrix={name}
      >
        <table className="tm-grid" aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col" className="tm-corner">
                document
              </th>
              {colLabels.map((t, j) => (
                <th
                  key={t}
                  scope="col"
                  className={active?.c === j ? 'tm-term tm-term-active' : 'tm-term'}
                >
                  <span>{t}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.map((row, i) => (
              <tr key={i}>
                <th scope="row" className={active?.r === i ? 'tm-doc tm-doc-active' : 'tm-doc'}>
                  {rowLabels[i]}
                </th>
                {row.map((v, j) => {
                  const t = colorPosition(v, domain, 'sequential');
                  const isActive = active?.r === i && active.c === j;
                  return (
                    <td
                      key={j}
                      data-r={i}
                      data-c={j}
                      className={
                        (isActive ? 'tm-cell tm-cell-active' : 'tm-cell') +
                        (t >= 0.55 ? ' tm-cell-strong' : '') +
                        (v === 0 ? ' tm-cell-zero' : '')
                      }
                      // The colour is mixed in CSS (tfidf.css), capped per theme for contrast.
                      style={{ '--tm-t': t } as CSSProperties}
                      onPointerEnter={(e) => {
                        if (e.pointerType === 'mouse') onActive({ r: i, c: j });
                      }}
                      onClick={() => onActive({ r: i, c: j })}
                    >
                      {format(v)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          {footer ? (
            <tfoot>
              <tr>
                <th scope="row" className="tm-doc">
                  {footer.label}
                </th>
                {footer.values.map((v, j) => (
                  <td
                    key={j}
                    className={active?.c === j ? 'tm-foot tm-term-active' : 'tm-foot'}
                    data-c={j}
                  >
                    {v === null ? '—' : format(v)}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </div>
  );
}
