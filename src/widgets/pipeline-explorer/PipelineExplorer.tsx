import { useDeferredValue, useId, useMemo, useState } from 'react';
import {
  Controls,
  DataTable,
  WidgetFrame,
  WidgetMessage,
  useHyperparams,
  type ParamValues,
  type TokenItem,
} from '../../ui';
import { matrixToArrays } from '../../nlp';
import '../kit/widgets.css';
import './explorer.css';
import {
  MAX_EXPLORER_CHARS,
  MAX_EXPLORER_DOCUMENTS,
  runPipeline,
  type PipelineOptions,
} from './pipeline';
import { EXPLORER_PREFIX, SAMPLES, explorerSchema } from './schema';
import { Stage, TokenLists } from './Stage';
import { TokenGrid } from './TokenGrid';

type Values = ParamValues<typeof explorerSchema>;

/** Maps the explorer's controls to {@link runPipeline} options. */
export function pipelineOptions(v: Values): PipelineOptions {
  return {
    tokenizer: v.tokenizer,
    filters: v.filters,
    lowercase: v.lowercase,
    normalization: v.normalization,
    koreanParticles: v.korean,
    stemming: v.stemming,
    removeStopwords: v.stopwords,
    stopwordLanguage: v.stopword_lang,
    dropPunctuation: true,
    oovToken: v.oov_token.length > 0 ? v.oov_token : null,
    numWords: v.num_words,
    maxlen: v.maxlen,
    padding: v.padding,
    truncating: v.truncating,
  };
}

/**
 * Chapter 1's pipeline explorer: the reader edits a text (one document per line, any
 * language) and sees every preprocessing stage, from tokens to the padded id matrix that a
 * model receives. Runs in the page with no model and no TensorFlow.js.
 * Settings live in the URL under `pe.` keys.
 */
export function PipelineExplorer() {
  const id = useId();
  const hp = useHyperparams(explorerSchema, { prefix: EXPLORER_PREFIX });
  const [text, setText] = useState(SAMPLES[0].text);
  const deferredText = useDeferredValue(text);
  const deferredValues = useDeferredValue(hp.values);
  const result = useMemo(
    () => runPipeline(deferredText, pipelineOptions(deferredValues)),
    [deferredText, deferredValues],
  );
  const v = hp.values;
  const oovId = result.tokenizer.oovToken ? 1 : null;
  const empty = result.documents.length === 0;

  const seqItems: TokenItem[][] = result.sequences.map((seq) =>
    seq.map((i) => ({
      text: result.tokenizer.indexWord.get(i) ?? '?',
      id: i,
      kind: i === oovId ? 'oov' : 'word',
    })),
  );
  const oovCount = result.sequences.flat().filter((i) => i === oovId).length;
  const matrixRows = matrixToArrays(result.padded);

  return (
    <div className="w-root">
      <WidgetFrame
        id="pipeline-explorer"
        title="Preprocessing pipeline explorer"
        subtitle="Edit the text (one document per line) and follow it from characters to a padded matrix of ids."
      >
        {hp.messages.length > 0 && (
          <WidgetMessage tone="warning" onDismiss={hp.dismissMessages}>
            {hp.messages.join(' ')}
          </WidgetMessage>
        )}
        <div className="pe-samples" role="group" aria-label="Sample texts">
          {SAMPLES.map((s) => (
            <button
              key={s.name}
              type="button"
              className="ui-button ui-button-small"
              onClick={() => setText(s.text)}
            >
              {s.label}
            </button>
          ))}
        </div>
        <label htmlFor={`${id}-text`} className="w-label">
          Text
        </label>
        <textarea
          id={`${id}-text`}
          name="text"
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
        />
        <p className="w-hint">
          {text.length.toLocaleString('en')} characters · {result.documents.length} documents ·{' '}
          <span data-testid="counts">
            {result.tokenCount} tokens (N) · {result.typeCount} types (|V|)
          </span>
        </p>
        {result.clipped && (
          <WidgetMessage tone="warning">
            This text is long: only the first {MAX_EXPLORER_CHARS.toLocaleString('en')} characters
            and {MAX_EXPLORER_DOCUMENTS} lines are processed. Your text is kept in the box as it is.
          </WidgetMessage>
        )}
        {empty ? (
          <WidgetMessage tone="info">
            The text is empty: type or paste something, or pick a sample above.
          </WidgetMessage>
        ) : null}
        <div className="w-columns">
          <Controls
            schema={explorerSchema}
            values={v}
            onChange={hp.setValue}
            onReset={hp.reset}
            label="Pipeline options"
          />
          <div className="pe-stages">
            <section className="pe-stage" aria-label="Stages 1 to 4: tokens to kept tokens">
              <h4 className="pe-stage-title">1–4. Tokens → normalized → stems → kept</h4>
              <p className="w-hint">
                {v.tokenizer === 'keras'
                  ? 'Keras tokenizer: every filter character becomes a space, then the text is split on spaces. '
                  : 'Unicode word tokenizer: words, numbers, URLs, emails, emoji and punctuation are told apart. '}
                Then Unicode {v.normalization === 'none' ? '(no normalization)' : v.normalization}
                {v.lowercase ? ' and lowercasing' : ', case kept'};{' '}
                {v.stemming ? 'Porter stems' : 'no stemming'}; punctuation
                {v.stopwords
                  ? ` and ${v.stopword_lang === 'en' ? 'English' : 'Korean'} stopwords (stopwords-iso)`
                  : ''}{' '}
                removed. Highlighted cells changed at that stage; hover a cell to see why.
              </p>
              <TokenGrid
                tokens={result.tokens}
                normalized={result.normalized}
                stems={result.stems}
                marked={result.marked}
              />
            </section>
            <Stage
              id="vocabulary"
              title="5. Vocabulary"
              description={`Ranked by count (ties: first seen first). Index 0 is reserved for padding${oovId ? `; the OOV token ${v.oov_token} has index 1` : ''}. ${v.num_words > 0 ? `num_words = ${v.num_words} keeps indices below ${v.num_words}.` : 'No num_words limit.'}`}
            >
              <DataTable
                caption="Vocabulary (word_index)"
                columns={['word', 'count', 'documents', 'index', 'kept']}
                rows={result.vocabulary.map((r) => [
                  r.word,
                  r.oov ? null : r.count,
                  r.oov ? null : r.docs,
                  r.index,
                  r.kept ? 'yes' : 'no → OOV',
                ])}
                maxRows={12}
                cellTone={(val, _r, c) => (c === 4 && val !== 'yes' ? 'danger' : undefined)}
              />
            </Stage>
            <Stage
              id="sequences"
              title="6. Integer sequences"
              description={
                oovId
                  ? `Each token becomes its index; ${oovCount} tokens fall outside the vocabulary and become 1 (OOV).`
                  : `Without an OOV token, unknown words are silently dropped (${result.kept.flat().length - result.sequences.flat().length} tokens lost).`
              }
            >
              <TokenLists docs={seqItems} label="Id sequences" />
            </Stage>
            <Stage
              id="padded"
              title="7. Padded matrix"
              description={`Shape ${result.padded.rows} × ${result.padded.cols}: padding="${v.padding}", truncating="${v.truncating}". Zeros (PAD) are dimmed.`}
            >
              <DataTable
                caption={`Padded matrix (${result.padded.rows} × ${result.padded.cols})`}
                columns={Array.from({ length: result.padded.cols }, (_, j) => ({
                  label: String(j),
                  align: 'end' as const,
                }))}
                rows={matrixRows}
                rowHeaders={matrixRows.map((_, i) => `doc ${i + 1}`)}
                maxRows={DOCS_MATRIX}
                mono
                cellTone={(val) => (val === 0 ? 'muted' : val === oovId ? 'danger' : undefined)}
              />
            </Stage>
          </div>
        </div>
      </WidgetFrame>
    </div>
  );
}

const DOCS_MATRIX = 12;
