import type { DocHit, TermHit } from './protocol';

/**
 * Two lists: the nearest terms (clickable, to select them) and the nearest passages, each with
 * its cosine. `data-list` is "terms" or "docs" (the end-to-end tests read them); a term's item
 * carries `data-term` and its unrounded `data-cos`.
 */
export function NeighbourLists({
  terms,
  docs,
  onSelect,
  name,
}: {
  terms: readonly TermHit[];
  docs: readonly DocHit[];
  onSelect: (selection: string) => void;
  /** What the lists are near, for their accessible names. */
  name: string;
}) {
  return (
    <div className="lsa-lists">
      <div>
        <h5 className="lsa-list-title">Nearest terms</h5>
        <ol className="lsa-terms" data-list="terms" aria-label={`Terms nearest to ${name}`}>
          {terms.map((t) => (
            <li key={t.term} data-term={t.term} data-cos={t.cos}>
              <button type="button" className="lsa-term-button" onClick={() => onSelect(t.term)}>
                {t.term}
              </button>{' '}
              <span className="lsa-cos">{t.cos.toFixed(2)}</span>
            </li>
          ))}
        </ol>
      </div>
      <div>
        <h5 className="lsa-list-title">Nearest passages</h5>
        <ol className="lsa-docs" data-list="docs" aria-label={`Passages nearest to ${name}`}>
          {docs.map((d) => (
            <li key={d.doc} data-doc={d.doc}>
              <button
                type="button"
                className="lsa-term-button"
                onClick={() => onSelect(`#${d.doc}`)}
              >
                #{d.doc}
              </button>{' '}
              <span className="lsa-cos">{d.cos.toFixed(2)}</span>{' '}
              <strong>
                {d.year}, {d.name}:
              </strong>{' '}
              {d.snippet}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
