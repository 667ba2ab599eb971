import { useMemo } from 'react';
import type { HitView } from './protocol';
import { highlightSegments } from './search';

/** Props of {@link HitList}. */
export interface HitListProps {
  hits: readonly HitView[];
  /** The query's terms (highlighted in the passages). */
  terms: readonly string[];
}

const score = (v: number) => v.toFixed(3);

/**
 * The ranked passages: rank, cosine score, year, President and party, the passage with the
 * query's terms marked, and the terms that contributed most to the score as small bars
 * (query weight × passage weight; the bars of a hit add up to its score).
 */
export function HitList({ hits, terms }: HitListProps) {
  const termSet = useMemo(() => new Set(terms), [terms]);
  return (
    <ol className="ss-hits" data-hits="">
      {hits.map((h, i) => (
        <li key={h.doc} className="ss-hit" data-hit="" data-score={h.score} data-year={h.year}>
          <p className="ss-hit-head">
            <span className="ss-rank">{i + 1}.</span>{' '}
            <strong className="ss-score" title="Cosine similarity of the TF-IDF vectors">
              {score(h.score)}
            </strong>{' '}
            · <span className="ss-year">{h.year}</span> · {h.name}
            {h.party && h.party !== 'none' ? ` (${h.party})` : ''}
          </p>
          {/* The passage scrolls when long: focusable, so that keyboard readers can scroll it. */}
          <p className="ss-passage" tabIndex={0}>
            {highlightSegments(h.text, termSet).map((s, j) =>
              s.hit ? <mark key={j}>{s.text}</mark> : <span key={j}>{s.text}</span>,
            )}
          </p>
          <ul className="ss-contrib" aria-label={`Terms behind the score of hit ${i + 1}`}>
            {h.contributions.slice(0, 5).map((c) => (
              <li key={c.term}>
                <span className="ss-contrib-term">{c.term}</span>
                <span className="ss-contrib-bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(2, (100 * c.product) / h.score)}%` }} />
                </span>
                <span className="ss-contrib-value">
                  {c.queryWeight.toFixed(2)} × {c.docWeight.toFixed(3)} = {c.product.toFixed(3)}
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
