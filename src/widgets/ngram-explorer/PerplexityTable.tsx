import { useId } from 'react';
import {
  SMOOTHING_METHODS,
  type PerplexityResult,
  type SmoothingMethod,
} from '../common/ngram-service';
import { formatPerplexity, methodHeader, perplexityGrid, type PerplexityGrid } from './tables';

/** "n = 2: 1,234; n = 3: ... (of 17,092 targets)" for the infinite cells (MLE), in order. */
function zeroCounts(grid: PerplexityGrid): string {
  const cells = grid.rows.flatMap((r) => r.cells).filter((c) => c.result?.perplexity === Infinity);
  const list = cells
    .map(
      (c) =>
        `${c.method === 'mle' ? '' : `${c.method} `}n = ${c.order}: ${c.result?.zeroProbability.toLocaleString('en')}`,
    )
    .join('; ');
  const of = cells[0]?.result?.targets;
  return of === undefined ? list : `${list} (of ${of.toLocaleString('en')} targets)`;
}

/** Props of {@link PerplexityTable}. */
export interface PerplexityTableProps {
  /** Cells computed so far (any order). */
  cells: readonly PerplexityResult[];
  /** The explorer's current order and method (highlighted). */
  current: { order: number; method: SmoothingMethod };
  /** Lidstone gamma and Kneser-Ney discount of their columns. */
  params: { lidstone: number; kneserNey: number };
  /** Held-out targets scored (for the caption), or null before loading. */
  targets: number | null;
  running: boolean;
  error: string | null;
}

/**
 * Held-out perplexity of orders 1-5 x four smoothing methods, filled in cell by cell as the
 * worker computes them. Infinite perplexities (MLE) read "∞" with a footnote and a tooltip that
 * count the zero-probability targets; the current setting is highlighted (and named for screen
 * readers).
 */
export function PerplexityTable({
  cells,
  current,
  params,
  targets,
  running,
  error,
}: PerplexityTableProps) {
  const id = useId();
  const grid = perplexityGrid(cells, current, params);
  return (
    <section
      className="ng-table"
      aria-labelledby={`${id}-h`}
      data-testid="perplexity-table"
      aria-busy={running}
    >
      <h4 id={`${id}-h`} className="ng-h">
        Held-out perplexity{' '}
        {running || grid.done < grid.total ? (
          <span className="ng-progress" role="status">
            computing {grid.done}/{grid.total}…
          </span>
        ) : null}
      </h4>
      {running || grid.done < grid.total ? (
        <progress
          className="ng-progress-bar"
          max={grid.total}
          value={grid.done}
          aria-label="Perplexity cells computed"
        />
      ) : null}
      {error ? (
        <p className="ng-error" role="alert">
          {error}
        </p>
      ) : null}
      <div
        className="ui-table-scroll ng-scroll ng-ppl-scroll"
        role="region"
        aria-labelledby={`${id}-cap`}
        tabIndex={0}
      >
        <table className="ui-table ng-ppl">
          <caption id={`${id}-cap`}>
            Perplexity on {targets ? targets.toLocaleString('en') : 'the'} held-out targets (lower
            is better); your setting is highlighted
          </caption>
          <thead>
            <tr>
              <th scope="col">n</th>
              {SMOOTHING_METHODS.map((m) => (
                <th key={m} scope="col" className="ui-align-end">
                  {methodHeader(m, params)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => (
              <tr key={row.order}>
                <th scope="row">{row.order}</th>
                {row.cells.map((c) => {
                  const v = c.result?.perplexity;
                  const inf = v === Infinity;
                  const title = inf
                    ? `${c.result?.zeroProbability.toLocaleString('en')} of ${c.result?.targets.toLocaleString('en')} held-out targets get probability 0, so the perplexity is infinite.`
                    : undefined;
                  return (
                    <td
                      key={c.method}
                      className={`ui-align-end${c.current ? ' ng-current' : ''}${v !== undefined && v === grid.best ? ' ng-best' : ''}`}
                      data-order={c.order}
                      data-method={c.method}
                      data-value={v === undefined ? '' : String(v)}
                      title={title}
                      aria-current={c.current ? 'true' : undefined}
                    >
                      {formatPerplexity(v)}
                      {inf ? <sup aria-hidden="true">*</sup> : null}
                      {c.current ? (
                        <span className="ui-visually-hidden"> (your setting)</span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {grid.anyInfinite ? (
        <p className="w-hint ng-footnote" data-testid="infinite-footnote">
          * ∞: MLE gives probability 0 to every n-gram it never saw in training, and one zero makes
          the perplexity infinite (2 to the power of an infinite cross-entropy). Targets that get
          probability 0: {zeroCounts(grid)}. Smoothing keeps every probability above 0.
        </p>
      ) : null}
      {grid.best !== null ? (
        <p className="w-hint">Best: {formatPerplexity(grid.best)} (bold). </p>
      ) : null}
    </section>
  );
}
