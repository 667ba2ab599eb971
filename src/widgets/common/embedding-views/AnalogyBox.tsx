import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { WordScore } from '../../../nlp/embeddings';
import { parseWordInput } from './wordSets';
import { queryErrorMessage, type EmbeddingQueries } from './queries';
import { ScoreList } from './NeighboursBox';

/** An analogy question a : b :: c : ?. */
export interface AnalogyTriple {
  a: string;
  b: string;
  c: string;
}

/** Props of {@link AnalogyBox}. */
export interface AnalogyBoxProps {
  /** Where to ask; null while no vectors exist yet. */
  source: Pick<EmbeddingQueries, 'analogy'> | null;
  /** First question (default he : his :: she : ?, which both routes answer on SOTU). */
  initial?: AnalogyTriple;
  /** Answers shown (default 5). */
  topn?: number;
  /** Bump to re-ask the current question (e.g. while training). */
  version?: number;
  minCount?: number;
  /** Example questions offered as buttons. */
  examples?: readonly AnalogyTriple[];
}

type Answer =
  | { status: 'idle' }
  | { status: 'ok'; q: AnalogyTriple; hits: WordScore[] }
  | { status: 'error'; message: string };

const FIELDS = ['a', 'b', 'c'] as const;

/**
 * "a is to b as c is to ?" by 3CosAdd (Mikolov, Yih & Zweig 2013; `KeyedVectors.analogy`):
 * the words nearest to b - a + c, the three question words excluded, which the box says (Linzen
 * 2016: without the exclusion the answer is often c itself). The answer list has `data-analogy`.
 */
export function AnalogyBox({
  source,
  initial = { a: 'he', b: 'his', c: 'she' },
  topn = 5,
  version = 0,
  minCount,
  examples = [],
}: AnalogyBoxProps) {
  const id = useId();
  const [draft, setDraft] = useState<AnalogyTriple>(initial);
  const [q, setQ] = useState<AnalogyTriple>(initial);
  const [answer, setAnswer] = useState<Answer>({ status: 'idle' });
  const ask = useRef(0);

  useEffect(() => {
    if (!source || !q.a || !q.b || !q.c) return;
    const n = ++ask.current;
    let live = true;
    Promise.resolve()
      .then(() => source.analogy(q.a, q.b, q.c, topn))
      .then(
        (hits) => live && n === ask.current && setAnswer({ status: 'ok', q, hits }),
        (e: unknown) =>
          live &&
          n === ask.current &&
          setAnswer({ status: 'error', message: queryErrorMessage(e, minCount) }),
      );
    return () => {
      live = false;
    };
  }, [source, q, topn, version, minCount]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = {
      a: parseWordInput(draft.a)[0] ?? '',
      b: parseWordInput(draft.b)[0] ?? '',
      c: parseWordInput(draft.c)[0] ?? '',
    };
    if (!parsed.a || !parsed.b || !parsed.c) {
      setAnswer({ status: 'error', message: 'Fill in all three words: a is to b as c is to ?' });
      return;
    }
    setQ(parsed);
  };

  return (
    <div className="ev-box" data-view="analogy">
      <h4 className="ev-heading">Analogies (3CosAdd)</h4>
      <form className="ev-analogy-form" onSubmit={submit}>
        {FIELDS.map((f, i) => (
          <span key={f} className="ev-analogy-field">
            <label htmlFor={`${id}-${f}`} className="ui-visually-hidden">
              {f === 'a' ? 'a (is to)' : f === 'b' ? 'b (as)' : 'c (is to ?)'}
            </label>
            <input
              id={`${id}-${f}`}
              className="ui-text-input ev-analogy-input"
              type="text"
              name={f}
              value={draft[f]}
              maxLength={60}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
            />
            <span className="ev-analogy-sep" aria-hidden>
              {i === 0 ? ':' : i === 1 ? '::' : ': ?'}
            </span>
          </span>
        ))}
        <button type="submit" className="ui-button ui-button-small" disabled={!source}>
          Answer
        </button>
      </form>
      {examples.length > 0 && (
        <div className="ev-examples" role="group" aria-label="Example analogies">
          {examples.map((t) => (
            <button
              key={`${t.a}-${t.b}-${t.c}`}
              type="button"
              className="ui-button ui-button-small ui-button-quiet"
              onClick={() => {
                setDraft(t);
                setQ(t);
              }}
            >
              {t.a} : {t.b} :: {t.c} : ?
            </button>
          ))}
        </div>
      )}
      <div aria-live="polite">
        {!source ? (
          <p className="w-hint">No vectors yet.</p>
        ) : answer.status === 'error' ? (
          <p className="ev-error" data-analogy-error="">
            {answer.message}
          </p>
        ) : answer.status === 'ok' ? (
          <>
            <p className="w-hint">
              Words nearest to <strong>{answer.q.b}</strong> − <strong>{answer.q.a}</strong> +{' '}
              <strong>{answer.q.c}</strong> (unit vectors), by cosine;{' '}
              <em>
                {answer.q.a}, {answer.q.b} and {answer.q.c}
              </em>{' '}
              themselves are excluded, as in word2vec&apos;s evaluation.
            </p>
            <ScoreList
              hits={answer.hits}
              label={`${answer.q.a} is to ${answer.q.b} as ${answer.q.c} is to`}
              attr="analogy"
            />
          </>
        ) : (
          <p className="w-hint">Asking…</p>
        )}
      </div>
    </div>
  );
}
