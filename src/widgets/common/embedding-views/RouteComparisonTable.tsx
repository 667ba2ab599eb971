import type { ReactNode } from 'react';
import { useRouteResults, type EmbeddingRoute, type RouteResult } from './routeResults';

const ROUTES: readonly { route: EmbeddingRoute; name: string; missing: ReactNode }[] = [
  {
    route: 'word2vec',
    name: 'word2vec (predict)',
    missing: 'not trained yet: train the word2vec widget above',
  },
  { route: 'ppmi-svd', name: 'PPMI + SVD (count)', missing: 'not built yet' },
];

/** Corpus ids as the reader knows them. */
const CORPUS_NAMES: Record<string, string> = { sotu: 'State of the Union', moby: 'Moby Dick' };

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '—');

/** Props of {@link RouteComparisonTable}. */
export interface RouteComparisonTableProps {
  /** Corpus of the widget showing the table; rows on another corpus are flagged. */
  corpus?: string;
}

/**
 * The two routes of chapter 8 side by side, from the {@link publishRouteResult} store: corpus,
 * settings, time, analogy accuracy (with coverage) and Spearman's rho. A route that has not
 * published says what to do. Rows carry `data-route`.
 */
export function RouteComparisonTable({ corpus }: RouteComparisonTableProps) {
  const results = useRouteResults();
  const byRoute = new Map<EmbeddingRoute, Readonly<RouteResult>>(results.map((r) => [r.route, r]));
  const corpora = new Set(results.map((r) => r.corpus));
  return (
    <div
      className="ui-table-scroll ev-compare"
      tabIndex={0}
      role="group"
      aria-label="Comparison of the two routes"
    >
      <table className="ui-table">
        <caption>Counting or predicting: the two routes on this page</caption>
        <thead>
          <tr>
            <th scope="col">route</th>
            <th scope="col">corpus</th>
            <th scope="col">settings</th>
            <th scope="col">time</th>
            <th scope="col">analogies</th>
            <th scope="col">Spearman ρ</th>
          </tr>
        </thead>
        <tbody>
          {ROUTES.map(({ route, name, missing }) => {
            const r = byRoute.get(route);
            if (!r) {
              return (
                <tr key={route} data-route={route} data-missing="">
                  <th scope="row">{name}</th>
                  <td colSpan={5} className="ui-cell-muted">
                    {missing}
                  </td>
                </tr>
              );
            }
            const other = corpus !== undefined && r.corpus !== corpus;
            return (
              <tr key={route} data-route={route}>
                <th scope="row">{name}</th>
                <td className={other ? 'ui-cell-danger' : undefined}>
                  {CORPUS_NAMES[r.corpus] ?? r.corpus}
                </td>
                <td>
                  {r.settings}
                  {r.final === false ? ' (still training)' : ''}
                </td>
                <td className="ev-num">
                  {r.seconds < 10 ? r.seconds.toFixed(1) : Math.round(r.seconds)} s
                </td>
                <td className="ev-num">
                  {pct(r.analogyAccuracy)}
                  {r.analogyCorrect !== undefined && r.analogyAnswered !== undefined
                    ? ` (${r.analogyCorrect} / ${r.analogyAnswered})`
                    : ''}
                  {r.coverage < 1 ? `, ${pct(r.coverage)} covered` : ''}
                </td>
                <td className="ev-num">
                  {Number.isFinite(r.spearman) ? r.spearman.toFixed(3) : '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {corpora.size > 1 && (
        <p className="w-hint">
          The routes were run on different corpora: switch one widget so that both use the same text
          before comparing their scores.
        </p>
      )}
    </div>
  );
}
