import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { WordScore } from '../../../nlp/embeddings';
import { parseWordInput } from './wordSets';
import { queryErrorMessage, type EmbeddingQueries } from './queries';

/** Props of {@link NeighboursBox}. */
export interface NeighboursBoxProps {
  /** Where to ask (a KeyedVectors or async functions); null while no vectors exist yet. */
  source: Pick<EmbeddingQueries, 'mostSimilar'> | null;
  /** Word asked first (default "war"). */
  initialWord?: string;
  /** Number of neighbours (default 10). */
  topn?: number;
  /**
   * Bump to re-ask the current word (e.g. every few seconds while the vectors train); the shown
   * answer stays until the new one arrives.
   */
  version?: number;
  /** min count of the vocabulary, for the out-of-vocabulary message. */
  minCount?: number;
  /** Example words offered as buttons. */
  examples?: readonly string[];
}

type Answer =
  | { status: 'idle' }
  | { status: 'ok'; word: string; hits: WordScore[] }
  | { status: 'error'; word: string; message: string };

/**
 * Word -> its `topn` nearest neighbours by cosine, with scores (gensim `most_similar`). Answers
 * from a KeyedVectors or an async query function, so it works while the vectors change: the
 * latest question wins, and a `version` bump re-asks it. Out-of-vocabulary words get a message
 * naming the min count. The result list has `data-neighbours` for browser tests.
 */
export function NeighboursBox({
  source,
  initialWord = 'war',
  topn = 10,
  version = 0,
  minCount,
  examples = [],
}: NeighboursBoxProps) {
  const id = useId();
  const [draft, setDraft] = useState(initialWord);
  const [word, setWord] = useState(initialWord);
  const [answer, setAnswer] = useState<Answer>({ status: 'idle' });
  const ask = useRef(0);

  useEffect(() => {
    if (!source || word === '') return;
    const n = ++ask.current;
    let live = true;
    Promise.resolve()
      .then(() => source.mostSimilar(word, topn))
      .then(
        (hits) => live && n === ask.current && setAnswer({ status: 'ok', word, hits }),
        (e: unknown) =>
          live &&
          n === ask.current &&
          setAnswer({ status: 'error', word, message: queryErrorMessage(e, minCount) }),
      );
    return () => {
      live = false;
    };
  }, [source, word, topn, version, minCount]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const w = parseWordInput(draft)[0] ?? '';
    if (w === '') setAnswer({ status: 'error', word: '', message: 'Type a word first.' });
    setWord(w);
  };

  return (
    <div className="ev-box" data-view="neighbours">
      <h4 className="ev-heading">Nearest neighbours</h4>
      <form className="ev-row" onSubmit={submit}>
        <label htmlFor={`${id}-w`} className="ui-visually-hidden">
          Word
        </label>
        <input
          id={`${id}-w`}
          className="ui-text-input ev-word-input"
          type="text"
          name="word"
          value={draft}
          maxLength={60}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="ui-button ui-button-small" disabled={!source}>
          Neighbours
        </button>
      </form>
      {examples.length > 0 && (
        <div className="ev-examples" role="group" aria-label="Example words">
          {examples.map((w) => (
            <button
              key={w}
              type="button"
              className="ui-button ui-button-small ui-button-quiet"
              aria-pressed={word === w}
              onClick={() => {
                setDraft(w);
                setWord(w);
              }}
            >
              {w}
            </button>
          ))}
        </div>
      )}
      <div aria-live="polite">
        {!source ? (
          <p className="w-hint">No vectors yet.</p>
        ) : answer.status === 'error' ? (
          <p className="ev-error" data-neighbours-error="">
            {answer.message}
          </p>
        ) : answer.status === 'ok' ? (
          <ScoreList
            hits={answer.hits}
            label={`Nearest neighbours of ${answer.word}`}
            attr="neighbours"
          />
        ) : (
          <p className="w-hint">Asking…</p>
        )}
      </div>
    </div>
  );
}

/**
 * A ranked list of words with cosine scores and a bar per score; each item carries `data-hit`
 * and its unrounded `data-score` (the browser tests compare exported vectors with it).
 */
export function ScoreList({
  hits,
  label,
  attr,
}: {
  hits: readonly WordScore[];
  label: string;
  attr: string;
}) {
  return (
    <ol
      className="ev-scores"
      aria-label={label}
      {...{ [`data-${attr}`]: hits.map((h) => h.word).join(' ') }}
    >
      {hits.map((h) => (
        <li key={h.word} data-hit={h.word} data-score={h.score}>
          <span className="ev-score-word">{h.word}</span>
          <span className="ev-score-bar" aria-hidden>
            <span style={{ width: `${Math.max(0, Math.min(1, h.score)) * 100}%` }} />
          </span>
          <span className="ev-score-value">
            {Number.isFinite(h.score) ? h.score.toFixed(3) : '—'}
          </span>
        </li>
      ))}
    </ol>
  );
}
