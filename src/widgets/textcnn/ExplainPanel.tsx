import { useEffect, useId, useState } from 'react';
import { heatColor } from '../../ui';
import type { ReaderExplanation } from './spec';

/** Props of {@link ExplainPanel}. */
export interface ExplainPanelProps {
  explanation: ReaderExplanation | null;
  labelNames: readonly string[];
  /** Asks for the explanation of a text (debounced here); `version` changes as the model trains. */
  explain: (text: string) => void;
  version: number;
}

/**
 * The reader's sentence: each token shaded by its contribution to the predicted class's margin
 * (blue for, red against), and the window that won each of the strongest filters' max pool.
 */
export function ExplainPanel({ explanation: ex, labelNames, explain, version }: ExplainPanelProps) {
  const id = useId();
  const [text, setText] = useState('The food was not good, but the service was great!');
  useEffect(() => {
    const timer = setTimeout(() => explain(text), 300);
    return () => clearTimeout(timer);
  }, [explain, text, version]);
  const shown = ex && ex.text === text ? ex : null;
  const top = shown ? Math.max(1e-9, ...shown.contributions.map(Math.abs)) : 1;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const words = shown ? sum(shown.contributions.slice(0, shown.length)) : 0;
  const padding = shown ? sum(shown.contributions.slice(shown.length)) : 0;
  const wins = shown
    ? [...shown.filters]
        .filter((f) => f.value > 0)
        .sort((a, b) => b.value - a.value)
        .slice(0, 6)
    : [];
  return (
    <section className="w-try tc-explain" aria-label="Why this prediction" data-explain>
      <label htmlFor={`${id}-text`} className="w-label">
        Your sentence
      </label>
      <textarea
        id={`${id}-text`}
        name="textcnn-text"
        rows={2}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
      />
      {!shown ? (
        <p className="w-hint" role="status">
          Press Play or Step: the explanation appears once the model exists.
        </p>
      ) : (
        <>
          <p className="w-prediction" role="status">
            Prediction: <strong>{labelNames[shown.predicted] ?? shown.predicted}</strong> (
            {(shown.probabilities[shown.predicted] * 100).toFixed(1)}%); margin{' '}
            {shown.margin.toFixed(2)} = words {words.toFixed(2)}
            {shown.length < shown.tokens.length ? ` + padding ${padding.toFixed(2)}` : ''} + biases{' '}
            {shown.bias.toFixed(2)}.
          </p>
          <p className="w-hint" data-legend>
            <span className="tc-token" style={{ background: heatColor(0.6) }}>
              blue
            </span>{' '}
            words push towards “{labelNames[shown.predicted] ?? shown.predicted}”,{' '}
            <span className="tc-token" style={{ background: heatColor(-0.6) }}>
              red
            </span>{' '}
            words push against it; the stronger the colour, the larger the share. Hover a word for
            its number.
          </p>
          <p className="tc-tokens" aria-label="Each word's contribution">
            {shown.tokens.slice(0, shown.length).map((t, i) => {
              const c = shown.contributions[i];
              const shade = Math.sign(c) * Math.min(1, Math.abs(c) / top) * 0.6;
              return (
                <span
                  key={i}
                  className="tc-token"
                  title={`${t}: ${c >= 0 ? '+' : ''}${c.toFixed(3)}`}
                  style={{ background: heatColor(shade) }}
                >
                  {t}
                </span>
              );
            })}
          </p>
          {shown.length < shown.tokens.length && (
            <p className="w-hint">
              + {shown.tokens.length - shown.length} padding tokens, together {padding.toFixed(2)}{' '}
              of the margin.
            </p>
          )}
          <ul className="tc-wins" aria-label="Winning windows of the strongest filters">
            {wins.map((f) => (
              <li key={f.filter}>
                filter #{f.filter} (width {f.width}) fires {f.value.toFixed(2)} on “
                {shown.tokens.slice(f.position, f.position + f.width).join(' ')}” (tokens{' '}
                {f.position}–{f.position + f.width - 1})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
