import { useDeferredValue, useId, useMemo, useState } from 'react';
import {
  Controls,
  DataTable,
  WidgetFrame,
  WidgetMessage,
  useHyperparams,
  type Cell,
} from '../../ui';
import '../kit/widgets.css';
import './similarity.css';
import { compareTexts, mostSimilarPair, type Comparison } from './compare';
import {
  MAX_TEXT_CHARS,
  SIMILARITY_PREFIX,
  TEXT_PRESETS,
  similaritySchema,
  type TextPreset,
} from './schema';

const NAMES = ['A', 'B', 'C'];
const MEASURES = ['cosine', 'euclidean', 'jaccard'] as const;
const fmt = (v: number) => String(Number(v.toFixed(3)));
/** "Text A has" / "Texts A and C have". */
const textsHave = (names: readonly string[]) =>
  names.length > 1 ? `Texts ${names.join(' and ')} have` : `Text ${names[0]} has`;

/**
 * Chapter 4's similarity explorer: two or three short texts, their count or TF-IDF vectors
 * side by side, and for each pair the cosine similarity, Euclidean distance and Jaccard
 * similarity, with presets where the measures disagree and a line on why. Settings live in
 * the URL under `sx.` keys.
 */
export function SimilarityExplorer() {
  const id = useId();
  const hp = useHyperparams(similaritySchema, { prefix: SIMILARITY_PREFIX });
  const [preset, setPreset] = useState<TextPreset | null>(TEXT_PRESETS[0]);
  const [texts, setTexts] = useState<string[]>([...TEXT_PRESETS[0].texts]);
  const deferred = useDeferredValue(texts);
  const used = useMemo(
    () =>
      deferred
        .map((t, i) => ({ name: NAMES[i], text: t.slice(0, MAX_TEXT_CHARS) }))
        .filter((t) => t.text.trim().length > 0),
    [deferred],
  );
  const kind = hp.values.vectors;
  const stop = hp.values.stop_words;
  const result = useMemo((): { cmp: Comparison | null; error: string | null } => {
    if (used.length < 2) return { cmp: null, error: null };
    try {
      return {
        cmp: compareTexts(
          used.map((t) => t.text),
          kind,
          stop,
        ),
        error: null,
      };
    } catch (e) {
      return { cmp: null, error: e instanceof Error ? e.message : String(e) };
    }
  }, [used, kind, stop]);
  const cmp = result.cmp;
  const clipped = texts.some((t) => t.length > MAX_TEXT_CHARS);

  const setText = (i: number, value: string) => {
    setPreset(null);
    setTexts((old) => old.map((t, j) => (j === i ? value : t)));
  };
  // Texts with no token (e.g. only emoji or punctuation) have a zero vector, and texts in
  // decomposed form (NFD) have accents that split words: both are said, not left to puzzle.
  const noTokens = cmp
    ? used.filter((_, i) => cmp.tokenSets[i].length === 0).map((t) => t.name)
    : [];
  const decomposed = used.filter((t) => t.text !== t.text.normalize('NFC')).map((t) => t.name);
  const best = cmp
    ? Object.fromEntries(MEASURES.map((m) => [m, mostSimilarPair(cmp.pairs, m)]))
    : {};

  return (
    <div className="w-root">
      <WidgetFrame
        settings={hp}
        id="similarity-explorer"
        title="Cosine, Euclidean and Jaccard"
        subtitle="Compare two or three short texts as vectors and as sets of words."
        data={{ pairs: cmp?.pairs.length ?? 0 }}
      >
        {hp.messages.length > 0 && (
          <WidgetMessage tone="warning" onDismiss={hp.dismissMessages}>
            {hp.messages.join(' ')}
          </WidgetMessage>
        )}
        <div className="sx-presets" role="group" aria-label="Example texts">
          {TEXT_PRESETS.map((p) => (
            <button
              key={p.name}
              type="button"
              className="ui-button ui-button-small"
              aria-pressed={preset?.name === p.name}
              onClick={() => {
                setPreset(p);
                setTexts([...p.texts]);
              }}
            >
              {p.label}
            </button>
          ))}
        </div>
        <div className="sx-texts">
          {texts.map((t, i) => (
            <div key={i}>
              <label htmlFor={`${id}-t${i}`} className="w-label">
                Text {NAMES[i]}
                {i === 2 ? ' (optional)' : ''}
              </label>
              <textarea
                id={`${id}-t${i}`}
                name={`text-${NAMES[i].toLowerCase()}`}
                rows={3}
                value={t}
                onChange={(e) => setText(i, e.target.value)}
                spellCheck={false}
              />
            </div>
          ))}
        </div>
        {clipped && (
          <WidgetMessage tone="warning">
            Only the first {MAX_TEXT_CHARS.toLocaleString('en')} characters of each text are
            compared: the widget is meant for short texts.
          </WidgetMessage>
        )}
        {used.length < 2 && (
          <WidgetMessage tone="info">
            Type at least two texts to compare (the third box is optional).
          </WidgetMessage>
        )}
        {result.error && (
          <WidgetMessage tone="warning">
            <span data-sx-message="">
              No vectors: {result.error}
              {stop
                ? ' Turn stop-word removal off, or add content words.'
                : ' No text has a word of two or more letters or digits (the token pattern).'}
            </span>
          </WidgetMessage>
        )}
        {noTokens.length > 0 && (
          <WidgetMessage tone="info">
            <span data-sx-message="">
              {textsHave(noTokens)} no word of two or more letters or digits
              {stop ? ' that is not a stop word' : ''}: its vector is all zeros, and its cosine with
              any text is 0 (scikit-learn's convention for a zero vector).
            </span>
          </WidgetMessage>
        )}
        {decomposed.length > 0 && (
          <WidgetMessage tone="info">
            <span data-sx-message="">
              {textsHave(decomposed)} combining accents (Unicode NFD, e.g. e + ◌́): the token pattern
              splits words at them, as scikit-learn does. Normalise to NFC (é as one character) to
              keep such words whole.
            </span>
          </WidgetMessage>
        )}
        <div className="w-columns">
          <Controls
            schema={similaritySchema}
            values={hp.values}
            onChange={hp.setValue}
            onReset={hp.reset}
            label="Vector options"
          />
          <div className="w-main sx-main">
            {cmp ? (
              <>
                <div data-measures="">
                  <DataTable
                    caption="Similarity of each pair (best pair per measure marked)"
                    columns={[
                      'pair',
                      { label: 'cosine ↑', align: 'end', format: fmt },
                      { label: 'Euclidean ↓', align: 'end', format: fmt },
                      { label: 'Jaccard ↑', align: 'end', format: fmt },
                    ]}
                    rows={cmp.pairs.map((p): Cell[] => [
                      `${used[p.a].name}–${used[p.b].name}`,
                      p.cosine,
                      p.euclidean,
                      p.jaccard,
                    ])}
                    cellTone={(_v, r, c) =>
                      c > 0 && best[MEASURES[c - 1]] === cmp.pairs[r] && cmp.pairs.length > 1
                        ? 'accent'
                        : undefined
                    }
                  />
                </div>
                <ul className="sx-explain">
                  {(preset?.explain ?? []).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                  {kind === 'tfidf' && preset?.name !== 'repeat' ? (
                    <li>
                      TF-IDF rows have length 1 here, so Euclidean distance = √(2 − 2 cos): the two
                      measures rank pairs the same way.
                    </li>
                  ) : null}
                </ul>
                <div data-vectors="">
                  <DataTable
                    caption={`Vectors: ${kind === 'count' ? 'term counts' : 'TF-IDF, l2 rows'}`}
                    columns={[
                      'term',
                      ...used.map((t) => ({ label: t.name, align: 'end' as const, format: fmt })),
                    ]}
                    rows={cmp.terms.map((term, j): Cell[] => [
                      term,
                      ...cmp.vectors.map((v) => v[j]),
                    ])}
                    maxRows={15}
                    mono
                    cellTone={(v) => (v === 0 ? 'muted' : undefined)}
                  />
                </div>
                <p className="w-hint">
                  Jaccard compares the sets of words:{' '}
                  {cmp.tokenSets.map((s, i) => `${used[i].name} = {${s.join(', ')}}`).join('; ')}.
                </p>
              </>
            ) : null}
          </div>
        </div>
      </WidgetFrame>
    </div>
  );
}
