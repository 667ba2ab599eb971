import { useEffect, useId, useRef, useState } from 'react';
import { TokenView, WidgetMessage, type TokenItem } from '../../ui';
import type { Prediction } from './spec';

/** Longest sentence the box accepts, in characters. */
export const MAX_SENTENCE_CHARS = 2000;

/** Props of {@link TryYourOwn}. */
export interface TryYourOwnProps {
  /** Tokens, ids and P(positive) of a text (see `predictSentence`). */
  predict: (text: string) => Promise<Prediction | null>;
  /** Changes whenever the model may give a different answer: the step, and the checkpoint (weights loaded from a file change the model at step 0). */
  version: number | string;
}

/**
 * "Try your own sentence": the reader's text through the run's tokenizer (tokens, ids, OOV
 * marked) and the model's P(positive), updated as the model trains.
 */
export function TryYourOwn({ predict, version }: TryYourOwnProps) {
  const id = useId();
  const [text, setText] = useState('The food was not good, but the service was great!');
  const [scored, setScored] = useState<{ text: string; prediction: Prediction | null }>({
    text: '',
    prediction: null,
  });
  const tooLong = text.length > MAX_SENTENCE_CHARS;
  const clipped = tooLong ? text.slice(0, MAX_SENTENCE_CHARS) : text;

  // Typing is debounced (120 ms); while the model trains, `version` changes every frame and
  // the prediction is refreshed at most every 300 ms.
  const last = useRef({ text: '', at: 0 });
  useEffect(() => {
    const sinceLast = performance.now() - last.current.at;
    const wait = last.current.text !== clipped ? 120 : Math.max(0, 300 - sinceLast);
    const timer = setTimeout(() => {
      last.current = { text: clipped, at: performance.now() };
      predict(clipped).then(
        // Each result carries its text, so a late one cannot be shown for another text.
        (p) => setScored({ text: clipped, prediction: p }),
        () => setScored({ text: clipped, prediction: null }),
      );
    }, wait);
    return () => clearTimeout(timer);
  }, [predict, clipped, version]);

  const empty = clipped.trim().length === 0;
  // A prediction for an older text is not shown for the new one (it is being computed).
  const prediction = scored.text === clipped ? scored.prediction : null;
  const pending = scored.text !== clipped;
  const tokens: TokenItem[] = prediction
    ? prediction.tokens.map((t, i) => ({
        text: t,
        id: prediction.ids[i],
        kind: prediction.ids[i] === 1 ? 'oov' : 'word',
      }))
    : [];
  const p = prediction?.probability ?? null;
  const verdict =
    p == null ? (pending ? '…' : '—') : `${p.toFixed(2)} ${p >= 0.5 ? 'positive' : 'negative'}`;

  return (
    <div className="w-try">
      <label htmlFor={`${id}-text`} className="w-label">
        Your sentence
      </label>
      <textarea
        id={`${id}-text`}
        name="try-text"
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
      />
      {tooLong && (
        <WidgetMessage tone="warning">
          That text has {text.length.toLocaleString('en')} characters; only the first{' '}
          {MAX_SENTENCE_CHARS.toLocaleString('en')} are used (the model reads at most maxlen tokens
          anyway).
        </WidgetMessage>
      )}
      {empty ? (
        <p className="w-hint" role="status">
          Type a sentence to see its tokens, ids and predicted sentiment.
        </p>
      ) : (
        <>
          <TokenView tokens={tokens} label="Tokens and ids of your sentence" legend />
          {prediction && prediction.ids.length === 0 && (
            <p className="w-hint" role="status">
              No word tokens: Keras&apos; filters removed everything (punctuation only?).
            </p>
          )}
        </>
      )}
      <p className="w-prediction">
        P(positive) ={' '}
        <output data-metric="prediction" aria-live="polite">
          {empty ? '—' : verdict}
        </output>
        {!empty && !pending && p == null && (
          <span className="w-hint"> (press Play or Step: there is no trained model yet)</span>
        )}
      </p>
      {p != null && (
        <div
          className="w-meter"
          role="meter"
          aria-label="Predicted probability of positive"
          aria-valuemin={0}
          aria-valuemax={1}
          aria-valuenow={Number(p.toFixed(3))}
        >
          <div className="w-meter-fill" style={{ width: `${(p * 100).toFixed(1)}%` }} />
          <div className="w-meter-mid" />
        </div>
      )}
    </div>
  );
}
