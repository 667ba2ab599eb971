import { useEffect, useId, useRef, useState } from 'react';
import { BarChart, TokenView, WidgetMessage, type TokenItem } from '../../ui';
import type { TextVerdict } from './probes';

/** Longest text the box accepts, in characters. */
export const MAX_TEXT_CHARS = 5000;

/** Props of {@link TryText}. */
export interface TryTextProps {
  /** The text's terms and, once a model exists, its explanation (null before the data). */
  explain: (text: string) => Promise<TextVerdict | null>;
  /** `[K]` class names. */
  classNames: readonly string[];
  /** Changes whenever the model may give a different answer (e.g. the step count). */
  version: number;
  /** Example shown at first. */
  initialText: string;
}

/**
 * "Type a text": the reader's text through the fitted vectorizer (terms outside the vocabulary
 * marked), the predicted probability of each class, and each term's contribution (tf-idf value x
 * weight) to the predicted class's logit, as signed bars.
 */
export function TryText({ explain, classNames, version, initialText }: TryTextProps) {
  const id = useId();
  const [text, setText] = useState(initialText);
  const [scored, setScored] = useState<{
    text: string;
    verdict: TextVerdict | null;
    error?: string;
  }>({
    text: '',
    verdict: null,
  });
  const tooLong = text.length > MAX_TEXT_CHARS;
  const clipped = tooLong ? text.slice(0, MAX_TEXT_CHARS) : text;

  const last = useRef({ text: '', at: 0 });
  useEffect(() => {
    const sinceLast = performance.now() - last.current.at;
    const wait = last.current.text !== clipped ? 150 : Math.max(0, 400 - sinceLast);
    const timer = setTimeout(() => {
      last.current = { text: clipped, at: performance.now() };
      explain(clipped).then(
        (verdict) => setScored({ text: clipped, verdict }),
        (err: Error) => setScored({ text: clipped, verdict: null, error: err.message }),
      );
    }, wait);
    return () => clearTimeout(timer);
  }, [explain, clipped, version]);

  const empty = clipped.trim().length === 0;
  const verdict = scored.text === clipped ? scored.verdict : null;
  const e = verdict?.explanation ?? null;
  const known = new Set(e?.contributions.map((c) => c.term) ?? []);
  const tokens: TokenItem[] = (verdict?.terms ?? []).map((t) => ({
    text: t,
    kind: verdict?.explanation && !known.has(t) ? 'oov' : 'word',
  }));
  const predicted = e ? e.predicted : null;
  // The contribution of each term to the predicted class (for two classes, the sign is flipped
  // for class 0, so that a bar to the right always pushes towards the prediction).
  const toward = (c: number[]) =>
    classNames.length === 2 ? (predicted === 1 ? c[0] : -c[0]) : c[predicted ?? 0];
  const bars = e
    ? [...e.contributions]
        .sort((a, b) => Math.abs(toward(b.contribution)) - Math.abs(toward(a.contribution)))
        .slice(0, 12)
        .map((c) => ({ label: c.term, value: toward(c.contribution) }))
    : [];
  const verdictText =
    e && predicted != null
      ? `${classNames[predicted]} (${(e.probabilities[predicted] * 100).toFixed(1)}%)`
      : scored.text !== clipped
        ? '…'
        : '—';

  return (
    <div className="w-try">
      <label htmlFor={`${id}-text`} className="w-label">
        Type a text
      </label>
      <textarea
        id={`${id}-text`}
        name="try-text"
        rows={3}
        value={text}
        onChange={(ev) => setText(ev.target.value)}
        spellCheck={false}
      />
      {tooLong && (
        <WidgetMessage tone="warning">
          That text has {text.length.toLocaleString('en')} characters; only the first{' '}
          {MAX_TEXT_CHARS.toLocaleString('en')} are used.
        </WidgetMessage>
      )}
      {scored.error && scored.text === clipped && (
        <WidgetMessage tone="error">Your text could not be read: {scored.error}</WidgetMessage>
      )}
      {!empty && <TokenView tokens={tokens} label="Terms of your text" legend />}
      <p className="w-prediction">
        Prediction:{' '}
        <output data-metric="prediction" aria-live="polite">
          {empty ? '—' : verdictText}
        </output>
        {!empty && verdict && !e && (
          <span className="w-hint"> (press Play or Step: there is no trained model yet)</span>
        )}
      </p>
      {e && (
        <>
          <ul className="tc-probs" aria-label="Probability of each class">
            {e.probabilities.map((p, c) => (
              <li key={classNames[c] ?? c}>
                <span>{classNames[c]}</span>
                <span
                  className="w-meter"
                  role="meter"
                  aria-label={`P(${classNames[c]})`}
                  aria-valuemin={0}
                  aria-valuemax={1}
                  aria-valuenow={Number(p.toFixed(3))}
                >
                  <span className="w-meter-fill" style={{ width: `${(p * 100).toFixed(1)}%` }} />
                </span>
                <output data-metric={`p_${c}`}>{p.toFixed(3)}</output>
              </li>
            ))}
          </ul>
          {bars.length > 0 ? (
            <>
              <BarChart
                label={`Which terms pushed it towards “${classNames[predicted ?? 0]}”`}
                valueLabel="contribution to the logit (tf-idf × weight)"
                bars={bars}
                format={(v) => v.toFixed(3)}
              />
              <p className="w-hint">
                Bars to the right push towards the prediction, to the left away from it; with the
                bias ({e.bias.map((b) => b.toFixed(2)).join(', ')}) they add up to the logit.
              </p>
            </>
          ) : (
            <p className="w-hint" role="status">
              None of these terms is in the vocabulary: the prediction is the bias alone.
            </p>
          )}
        </>
      )}
    </div>
  );
}
