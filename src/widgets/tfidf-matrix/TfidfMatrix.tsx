import { useDeferredValue, useId, useMemo, useState } from 'react';
import { Controls, WidgetFrame, WidgetMessage, useHyperparams, type ParamValues } from '../../ui';
import '../kit/widgets.css';
import './tfidf.css';
import { FormulaPanel } from './FormulaPanel';
import { MatrixGrid, type GridCell } from './MatrixGrid';
import {
  DOCUMENT_SETS,
  MAX_CHARS,
  MAX_DOCUMENTS,
  TFIDF_PREFIX,
  tfidfPresets,
  tfidfSchema,
} from './schema';
import {
  computeTfidf,
  splitDocuments,
  type TfidfModel,
  type VectorizerSettings,
} from './tfidfModel';

type Values = ParamValues<typeof tfidfSchema>;

/** Maps the widget's controls to vectorizer settings. */
export function settingsOf(v: Values): VectorizerSettings {
  const [lo, hi] = v.ngram.split('-').map(Number);
  return {
    binary: v.binary,
    useIdf: v.use_idf,
    smoothIdf: v.smooth_idf,
    sublinearTf: v.sublinear_tf,
    norm: v.norm === 'none' ? null : v.norm,
    stopWords: v.stop_words,
    ngramRange: [lo, hi],
  };
}

const DEFAULT_TEXT = DOCUMENT_SETS[0].docs.join('\n');

/**
 * Chapter 4's TF-IDF matrix: a few editable documents, their document-term matrix and
 * TF-IDF matrix as heatmaps (documents as rows, terms as columns) with the idf row, every
 * `TfidfVectorizer` option switchable, and the formula of the hovered / focused / tapped cell
 * with the numbers the library computed. Matches scikit-learn 1.2's output for the same
 * documents and options. Settings live in the URL under `tm.` keys.
 */
export function TfidfMatrix() {
  const id = useId();
  const hp = useHyperparams(tfidfSchema, { prefix: TFIDF_PREFIX, presets: tfidfPresets });
  const [text, setText] = useState(DEFAULT_TEXT);
  const [active, setActive] = useState<GridCell | null>(null);
  const deferredText = useDeferredValue(text);
  const settings = useMemo(() => settingsOf(hp.values), [hp.values]);
  const { docs, clipped } = useMemo(() => splitDocuments(deferredText), [deferredText]);
  const result = useMemo((): { model: TfidfModel | null; error: string | null } => {
    if (docs.length === 0) return { model: null, error: null };
    try {
      return { model: computeTfidf(docs, settings), error: null };
    } catch (e) {
      return { model: null, error: e instanceof Error ? e.message : String(e) };
    }
  }, [docs, settings]);
  const model = result.model;
  const cell =
    model && active && active.r < model.n && active.c < model.terms.length ? active : null;
  const rowLabels = docs.map((_, i) => `doc ${i + 1}`);
  const dtmFormat = (v: number) => String(v);
  const tfidfFormat = (v: number) => (v === 0 ? '0' : v.toFixed(2));

  return (
    <div className="w-root">
      <WidgetFrame
        settings={hp}
        id="tfidf-matrix"
        title="Document-term matrix and TF-IDF"
        subtitle="Edit the documents (one per line) and switch the vectorizer's options; hover, tap or arrow-key through a cell to see how its value is computed."
        data={{ terms: model?.terms.length ?? 0, docs: docs.length }}
      >
        {hp.messages.length > 0 && (
          <WidgetMessage tone="warning" onDismiss={hp.dismissMessages}>
            {hp.messages.join(' ')}
          </WidgetMessage>
        )}
        <div className="tm-samples" role="group" aria-label="Sample documents">
          {DOCUMENT_SETS.map((s) => (
            <button
              key={s.name}
              type="button"
              className="ui-button ui-button-small"
              onClick={() => setText(s.docs.join('\n'))}
            >
              {s.label}
            </button>
          ))}
        </div>
        <label htmlFor={`${id}-docs`} className="w-label">
          Documents
        </label>
        <textarea
          id={`${id}-docs`}
          name="documents"
          rows={MAX_DOCUMENTS}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
        <p className="w-hint">
          {docs.length} documents · {model ? `${model.terms.length} terms` : 'no terms'} · tokens
          are runs of 2+ letters or digits, lowercased (scikit-learn&apos;s token_pattern).
        </p>
        {clipped && (
          <WidgetMessage tone="warning">
            Only the first {MAX_DOCUMENTS} lines and {MAX_CHARS.toLocaleString('en')} characters are
            used: the matrices are meant for a handful of short documents. Your text stays in the
            box as it is.
          </WidgetMessage>
        )}
        {docs.length === 0 && (
          <WidgetMessage tone="info">
            There are no documents: type one per line, or pick a sample above.
          </WidgetMessage>
        )}
        {result.error && (
          <WidgetMessage tone="warning">
            No matrix: {result.error}
            {settings.stopWords ? ' Turn stop-word removal off, or add content words.' : ''}
          </WidgetMessage>
        )}
        <div className="w-columns">
          <Controls
            schema={tfidfSchema}
            values={hp.values}
            onChange={hp.setValue}
            presets={tfidfPresets}
            onPreset={hp.applyPreset}
            onReset={hp.reset}
            label="Vectorizer options"
          />
          <div className="w-main tm-main">
            {model ? (
              <>
                <MatrixGrid
                  name="dtm"
                  caption={
                    settings.binary
                      ? 'Document-term matrix (binary: 1 = the term occurs)'
                      : 'Document-term matrix (counts)'
                  }
                  matrix={model.dtm}
                  rowLabels={rowLabels}
                  colLabels={model.terms}
                  active={cell}
                  onActive={setActive}
                  format={dtmFormat}
                />
                <MatrixGrid
                  name="tfidf"
                  caption={tfidfCaption(settings)}
                  matrix={model.values}
                  rowLabels={rowLabels}
                  colLabels={model.terms}
                  active={cell}
                  onActive={setActive}
                  format={tfidfFormat}
                  footer={model.idf ? { label: 'idf', values: model.idf } : undefined}
                />
                <FormulaPanel model={model} cell={cell} />
              </>
            ) : null}
          </div>
        </div>
      </WidgetFrame>
    </div>
  );
}

/** Caption of the weighted matrix, naming the options in force. */
function tfidfCaption(s: VectorizerSettings): string {
  const parts = [
    s.binary ? 'binary tf' : s.sublinearTf ? '1 + ln(tf)' : 'tf',
    s.useIdf ? (s.smoothIdf ? '× smoothed idf' : '× idf') : '(no idf)',
    s.norm ? `${s.norm}-normalised rows` : 'no normalisation',
  ];
  return `${s.useIdf ? 'TF-IDF' : 'TF'} matrix: ${parts.join(', ')}`;
}
