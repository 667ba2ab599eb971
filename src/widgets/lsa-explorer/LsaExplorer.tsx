import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Controls, WidgetFrame, WidgetMessage, useHyperparams } from '../../ui';
import { ProjectorExport } from '../common/ProjectorExport';
import { useNearViewport } from '../kit/useRunner';
import '../kit/widgets.css';
import './lsa.css';
import { LatentMap } from './LatentMap';
import { LSA_LIMITS, LSA_VECTORIZER } from './lsaConfig';
import { NeighbourLists } from './NeighbourLists';
import type { FoldView } from './protocol';
import {
  EXAMPLE_QUERIES,
  LSA_PREFIX,
  MAP_DOCS,
  MAP_TERMS,
  lsaControlsSchema,
  lsaSchema,
  type LsaSettings,
} from './schema';
import { Spectrum } from './Spectrum';
import { useLsa, type LsaApi, type LsaPhase } from './useLsa';

/** `value`, once it has stayed the same for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * Chapter 5's LSA explorer: TruncatedSVD (scikit-learn 1.2 semantics, randomized solver) of the
 * TF-IDF matrix of the ~15,000 State of the Union passages, fitted once in a Web Worker with
 * kMax components; the reader picks k (the first k dimensions), two dimensions to map, a point
 * whose nearest terms and passages are listed (cosine over k dimensions), and a query folded in
 * with `transform` (q V_k). Settings live in the URL under `lsa.` keys.
 */
export function LsaExplorer() {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  const hp = useHyperparams(lsaSchema, { prefix: LSA_PREFIX });
  const v = hp.values;
  const query = useDebounced(v.q, 200);
  const sel = useDebounced(v.sel, 200);
  const topn = LSA_LIMITS.topn;
  const requests = useMemo(
    () => ({
      map: (api: LsaApi) => api.map(v.x, v.y, MAP_TERMS, MAP_DOCS),
      neighbours: (api: LsaApi) => api.neighbours(sel, v.k, topn),
      fold: (api: LsaApi) => api.fold(query, v.k, topn),
    }),
    [v.x, v.y, v.k, sel, query, topn],
  );
  const { phase, map, neighbours, fold, retry, termVectors } = useLsa(near, requests);
  const exportVectors = useCallback(
    () => termVectors(v.k).then((t) => ({ words: t.terms, vectors: t.vectors, dim: t.k })),
    [termVectors, v.k],
  );
  const select = useCallback((s: string) => hp.setValue('sel', s), [hp]);
  const onPoint = neighbours?.status === 'ok' ? neighbours : null;
  const mapSel = onPoint
    ? {
        x: onPoint.point[v.x - 1],
        y: onPoint.point[v.y - 1],
        label: onPoint.label,
        kind: onPoint.kind,
      }
    : null;
  const mapQuery =
    fold?.status === 'ok' ? { x: fold.point[v.x - 1], y: fold.point[v.y - 1] } : null;

  return (
    <div className="w-root" ref={ref}>
      <WidgetFrame
        id="lsa-explorer"
        title="Latent semantic analysis of the State of the Union"
        subtitle="TruncatedSVD of the passages' TF-IDF matrix: terms and passages in one k-dimensional space."
        data={{
          phase: phase.phase,
          k: v.k,
          explained:
            phase.phase === 'ready'
              ? phase.info.explainedVarianceRatio.slice(0, v.k).reduce((a, b) => a + b, 0)
              : undefined,
        }}
      >
        {hp.messages.length > 0 && (
          <WidgetMessage tone="warning" onDismiss={hp.dismissMessages}>
            {hp.messages.join(' ')}
          </WidgetMessage>
        )}
        <FitStatus phase={phase} onRetry={retry} />
        <div className="w-columns">
          <div className="lsa-side">
            <Controls
              schema={lsaControlsSchema}
              values={v}
              onChange={(name, value) => hp.setValue(name, value as LsaSettings[typeof name])}
              onReset={hp.reset}
              label="LSA settings"
            />
            {v.x === v.y && (
              <WidgetMessage tone="info">
                Both axes show dimension {v.x}: the map is a diagonal line. Pick two different
                dimensions.
              </WidgetMessage>
            )}
            {phase.phase === 'ready' && <Spectrum info={phase.info} k={v.k} />}
          </div>
          <div className="w-main" aria-busy={phase.phase !== 'ready'}>
            {map && <LatentMap view={map} selected={mapSel} query={mapQuery} onSelect={select} />}
            <label htmlFor={`${id}-sel`} className="w-label">
              Selected point (click the map, or type a term or #N for passage N)
            </label>
            <input
              id={`${id}-sel`}
              name="selection"
              className="ui-text-input lsa-input"
              type="text"
              value={v.sel}
              maxLength={lsaSchema.sel.maxLength}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => hp.setValue('sel', e.target.value)}
            />
            <div data-selection="">
              {neighbours?.status === 'error' && (
                <WidgetMessage tone="info">{neighbours.message}</WidgetMessage>
              )}
              {onPoint && (
                <NeighbourLists
                  terms={onPoint.terms}
                  docs={onPoint.docs}
                  onSelect={select}
                  name={onPoint.label}
                />
              )}
            </div>
            <label htmlFor={`${id}-q`} className="w-label">
              Query, folded into the space as q V<sub>k</sub>
            </label>
            <input
              id={`${id}-q`}
              name="query"
              className="ui-text-input lsa-input"
              type="search"
              value={v.q}
              maxLength={lsaSchema.q.maxLength}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => hp.setValue('q', e.target.value)}
            />
            <div className="lsa-examples" role="group" aria-label="Example queries">
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
            <div data-query="">
              {fold && <FoldResult view={fold} query={query} onSelect={select} />}
            </div>
          </div>
        </div>
        <ProjectorExport
          name="lsa-explorer"
          what={`the term vectors${phase.phase === 'ready' ? ` of all ${phase.info.terms.toLocaleString('en')} terms` : ''} on the first k = ${v.k} latent dimensions (rows of V Σ)`}
          disabledReason={
            phase.phase === 'ready'
              ? null
              : 'Nothing to export yet: the model is fitted once the corpus has loaded.'
          }
          read={exportVectors}
        />
        <p className="w-credit">
          Corpus: the State of the Union addresses, 1790-2021 (public domain), cut into passages of
          at least 100 words. TF-IDF with English stop words left out, min_df{' '}
          {String(LSA_VECTORIZER.minDf)}, max_df {String(LSA_VECTORIZER.maxDf)}, at most{' '}
          {LSA_VECTORIZER.maxFeatures?.toLocaleString('en')} terms; TruncatedSVD with{' '}
          {LSA_LIMITS.kMax} components, 5 power iterations, seed 0, fitted once in a background
          thread. Passages sit at X V (= U Σ), terms at V Σ.
        </p>
      </WidgetFrame>
    </div>
  );
}

function FoldResult({
  view,
  query,
  onSelect,
}: {
  view: FoldView;
  query: string;
  onSelect: (s: string) => void;
}) {
  const quote = (ws: readonly string[]) => ws.map((w) => `“${w}”`).join(', ');
  const msg: Record<Exclude<FoldView['status'], 'ok'>, string> = {
    empty:
      query.trim() === ''
        ? 'The query is empty: type a few words, or pick an example above.'
        : 'The query has no word of two or more letters or digits, so there is nothing to fold in.',
    'too-long': `The query is longer than ${LSA_LIMITS.queryMaxChars} characters: shorten it.`,
    'stop-words-only': `Only stop words (${quote(view.stopWords)}): they are not among the terms, so the query's TF-IDF vector is zero and it has no place in the space.`,
    unknown: `None of the words is among the terms: ${quote(view.unknown)}. Their TF-IDF vector is zero, so the query folds to the origin, where no cosine is defined: LSA cannot place words it never saw in at least 5 passages.`,
  };
  if (view.status !== 'ok') {
    return (
      <WidgetMessage tone="info">
        <span data-fold-status={view.status}>{msg[view.status]}</span>
      </WidgetMessage>
    );
  }
  const ignored = [...view.stopWords, ...view.unknown];
  return (
    <>
      <p className="w-hint" role="status" data-fold-status="ok">
        The query as a pseudo-document.{ignored.length ? ` Left out: ${ignored.join(', ')}.` : ''}
      </p>
      <NeighbourLists terms={view.terms} docs={view.docs} onSelect={onSelect} name="the query" />
    </>
  );
}

function FitStatus({ phase, onRetry }: { phase: LsaPhase; onRetry: () => void }) {
  if (phase.phase === 'failed') {
    return (
      <WidgetMessage tone="error">
        The LSA model could not be built: {phase.message}{' '}
        <button type="button" className="ui-button ui-button-small" onClick={onRetry}>
          Try again
        </button>
      </WidgetMessage>
    );
  }
  if (phase.phase === 'ready') {
    const i = phase.info;
    return (
      <p className="w-hint" data-fit-info="">
        {i.passages.toLocaleString('en')} passages × {i.terms.toLocaleString('en')} terms, {i.kMax}{' '}
        components, fitted in {(i.fitMs / 1000).toFixed(1)} s in a background thread.
      </p>
    );
  }
  let frac: number | null = null;
  let text = 'The corpus (11 MB) loads when this widget comes into view.';
  if (phase.phase === 'download') {
    frac = phase.total ? Math.min(1, phase.loaded / phase.total) : null;
    text = `Loading 11 MB of addresses… ${(phase.loaded / 1e6).toFixed(1)} MB`;
  } else if (phase.phase === 'vectorize') {
    text = `TF-IDF of ${phase.passages.toLocaleString('en')} passages…`;
  } else if (phase.phase === 'svd') {
    frac = phase.done / phase.total;
    text = `Randomized SVD: sparse product ${phase.done} of ${phase.total}…`;
  }
  return (
    <div className="lsa-progress" role="status">
      <p className="w-hint">{text}</p>
      <div className="w-meter" aria-hidden="true">
        <div className="w-meter-fill" style={{ width: `${frac === null ? 5 : frac * 100}%` }} />
      </div>
    </div>
  );
}
