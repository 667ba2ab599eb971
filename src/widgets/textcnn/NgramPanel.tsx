import type { FilterNgrams } from '../../models/textcnn/inspect';

/** Filters listed, strongest first (by their top activation). */
const SHOWN_FILTERS = 12;
/** Of those, the ones shown open; the rest sit in a closed "more filters" disclosure. */
const OPEN_FILTERS = 6;

/** One filter: its number and width, then its n-grams with their activations. */
function card(f: FilterNgrams) {
  return (
    <li key={f.filter} className="tc-filter" data-filter={f.filter}>
      <span className="tc-filter-name">
        #{f.filter} <small>width {f.width}</small>
      </span>{' '}
      {f.ngrams.map((n, i) => (
        <span key={i} className="tc-ngram">
          “{(n.words ?? n.ids.map(String)).join(' ')}” <small>{n.activation.toFixed(2)}</small>
        </span>
      ))}
    </li>
  );
}

/**
 * For the filters with the highest top activation, the validation n-grams that activate them
 * most: each filter reads as an n-gram detector. `step` is the training step they were read at.
 */
export function NgramPanel({
  ngrams,
  step,
}: {
  ngrams: FilterNgrams[] | null;
  step: number | null;
}) {
  const ranked = (ngrams ?? [])
    .filter((f) => f.ngrams.length > 0)
    .sort((a, b) => b.ngrams[0].activation - a.ngrams[0].activation)
    .slice(0, SHOWN_FILTERS);
  const silent = (ngrams ?? []).filter((f) => f.ngrams.length === 0).length;
  return (
    <section className="w-try tc-ngrams" aria-label="Top n-grams per filter" data-ngrams>
      <span className="w-label">
        What each filter detects: its strongest validation n-grams
        {step != null && ` (step ${step})`}
      </span>
      {!ngrams ? (
        <p className="w-hint">Press Play or Step: the filters are read once the model exists.</p>
      ) : (
        <>
          <p className="w-hint">
            Filter number, its width in tokens, then its n-grams with their activations.
          </p>
          {/* Cards in columns, not a table: two columns on a wide screen, and on a phone the
              n-grams get the whole width instead of a third of it. */}
          <ul className="tc-filters">{ranked.slice(0, OPEN_FILTERS).map(card)}</ul>
          {ranked.length > OPEN_FILTERS && (
            <details className="tc-more">
              <summary>{ranked.length - OPEN_FILTERS} more filters</summary>
              <ul className="tc-filters">{ranked.slice(OPEN_FILTERS).map(card)}</ul>
            </details>
          )}
          <p className="w-hint">
            {ranked.length} of {ngrams.length} filters listed, strongest first.
            {silent > 0 && ` ${silent} filters are silent (ReLU 0) on every validation text.`}
          </p>
        </>
      )}
    </section>
  );
}
