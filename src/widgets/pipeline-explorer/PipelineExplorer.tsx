import { useId, useMemo, useRef, useState } from 'react';
import { Controls, WidgetFrame, WidgetMessage, useHyperparams, type ParamValues } from '../../ui';
import '../kit/widgets.css';
import './explorer.css';
import type { PipelineOptions, PipelineResult } from './pipeline';
import { PipelineStages } from './PipelineStages';
import { EXPLORER_PREFIX, SAMPLES, explorerSchema } from './schema';
import { usePipeline } from './usePipeline';
import { useLongInsert } from './useLongInsert';
import { RESPLIT_CHARS, splitForBox, type BoxSplit } from './boxText';

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
  // A long text: the box holds its head, the rest is kept beside it (./boxText.ts says why). The
  // cut moves only when the box grows past RESPLIT_CHARS (a paste), not at every keystroke, so
  // typing never moves the caret.
  const [box, setBox] = useState<BoxSplit>({ head: SAMPLES[0].text, tail: '' });
  const [wholeInBox, setWholeInBox] = useState(false);
  const text = useMemo(() => box.head + box.tail, [box]);
  const edit = (value: string) =>
    setBox((b) => {
      if (wholeInBox || value.length <= RESPLIT_CHARS) return { head: value, tail: b.tail };
      const split = splitForBox(value);
      return { head: split.head, tail: split.tail + b.tail };
    });
  const setText = (value: string) => {
    setWholeInBox(false);
    setBox(splitForBox(value));
  };
  const textarea = useRef<HTMLTextAreaElement>(null);
  useLongInsert(textarea, edit);
  const options = useMemo(() => pipelineOptions(hp.values), [hp.values]);
  const { result, pending, error } = usePipeline(text, options);
  const v = hp.values;
  const empty = !/\S/.test(text);

  return (
    <div className="w-root">
      <WidgetFrame
        settings={hp}
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
          ref={textarea}
          id={`${id}-text`}
          name="text"
          rows={5}
          value={box.head}
          onChange={(e) => edit(e.target.value)}
          spellCheck={false}
        />
        <p className="w-hint" aria-busy={pending}>
          {text.length.toLocaleString('en')} characters ·{' '}
          {result.clipped
            ? `${result.documents.length.toLocaleString('en')} of ${result.totalDocuments.toLocaleString('en')} documents processed`
            : `${result.documents.length} documents`}{' '}
          ·{' '}
          <span data-testid="counts">
            {result.tokenCount} tokens (N) · {result.typeCount} types (|V|)
          </span>
          {pending && <span className="pe-pending"> · processing…</span>}
        </p>
        {box.tail.length > 0 && (
          <KeptNotice
            box={box}
            onShowAll={() => {
              setWholeInBox(true);
              setBox({ head: text, tail: '' });
            }}
            onDiscard={() => setBox({ head: box.head, tail: '' })}
          />
        )}
        {error !== null && <WidgetMessage tone="error">{error}</WidgetMessage>}
        {result.clipped && !empty && <ClipNotice result={result} />}
        {empty && (
          <WidgetMessage tone="info">
            The text is empty: type or paste something, or pick a sample above.
          </WidgetMessage>
        )}
        <div className="w-columns">
          <Controls
            schema={explorerSchema}
            values={v}
            onChange={hp.setValue}
            onReset={hp.reset}
            label="Pipeline options"
          />
          <PipelineStages result={result} values={v} />
        </div>
      </WidgetFrame>
    </div>
  );
}

/** Says that the box holds only the head of a long text, and offers the rest back or away. */
function KeptNotice({
  box,
  onShowAll,
  onDiscard,
}: {
  box: BoxSplit;
  onShowAll: () => void;
  onDiscard: () => void;
}) {
  const n = (x: number) => x.toLocaleString('en');
  return (
    <WidgetMessage tone="info">
      <span data-testid="kept-notice">
        The box shows the first {n(box.head.length)} characters; the other {n(box.tail.length)} are
        kept after them, unchanged (in the box, a text that long would freeze the page at every
        keystroke).
      </span>{' '}
      <button type="button" className="ui-button ui-button-small" onClick={onShowAll}>
        Show all in the box (slow)
      </button>{' '}
      <button type="button" className="ui-button ui-button-small" onClick={onDiscard}>
        Discard the other {n(box.tail.length)}
      </button>
    </WidgetMessage>
  );
}

/** Says how much of a long text was processed, of how much. */
function ClipNotice({ result: r }: { result: PipelineResult }) {
  const n = (x: number) => x.toLocaleString('en');
  return (
    <WidgetMessage tone="warning">
      <span data-testid="clip-notice">
        This text is long: the explorer processed the first {n(r.processedChars)} of{' '}
        {n(r.totalChars)} characters ({n(r.documents.length)} of {n(r.totalDocuments)} documents).
        To process another part, move it to the top.
      </span>
    </WidgetMessage>
  );
}
