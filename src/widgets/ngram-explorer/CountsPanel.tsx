import type { CountsResult } from '../common/ngram-service';

/** Props of {@link CountsPanel}. */
export interface CountsPanelProps {
  counts: CountsResult | null;
}

const ctxText = (ctx: readonly string[]) => (ctx.length ? ctx.join(' ') : '(none)');

/**
 * The training counts behind the typed context at every order 1..n: how often the last n − 1
 * words were seen, how many different words followed them, and the most frequent ones. Shows
 * counts getting sparse as n grows. Below 640 px the rows reflow into one block per order
 * (the cells' `data-label` names them), so nothing scrolls sideways on a phone.
 */
export function CountsPanel({ counts }: CountsPanelProps) {
  if (!counts) return null;
  return (
    <div
      className="ui-table-scroll ng-scroll ng-counts-scroll"
      role="region"
      aria-label="Counts of the context"
      tabIndex={0}
    >
      <table className="ui-table ng-counts" data-testid="counts-table">
        <caption>Training counts of the context, order by order</caption>
        <thead>
          <tr>
            <th scope="col">n</th>
            <th scope="col">context (last n − 1 words)</th>
            <th scope="col" className="ui-align-end">
              seen
            </th>
            <th scope="col" className="ui-align-end">
              distinct next words
            </th>
            <th scope="col">most frequent next words (count)</th>
          </tr>
        </thead>
        <tbody>
          {counts.rows.map((r) => (
            <tr key={r.order} data-order={r.order} data-count={r.contextCount}>
              <th scope="row">{r.order}</th>
              <td className="ng-mono" data-label="context">
                {ctxText(r.context)}
              </td>
              <td
                className={`ui-align-end${r.contextCount === 0 ? ' ng-zero' : ''}`}
                data-label="seen"
              >
                {r.contextCount.toLocaleString('en')}
                {r.order > 1 ? ' ×' : ' tokens'}
              </td>
              <td className="ui-align-end" data-label="distinct next words">
                {r.distinct.toLocaleString('en')}
              </td>
              <td className="ng-mono" data-label="most frequent next">
                {r.contextCount === 0
                  ? 'a context seen 0 times: no counts to go on'
                  : r.continuations.map((c) => `${c.word} (${c.count})`).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
