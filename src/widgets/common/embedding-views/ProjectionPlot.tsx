import { scaleLinear } from 'd3';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ChartSave, seriesColor, useElementWidth, WidgetMessage } from '../../../ui';
import { useProjection, type ProjectionInput } from './useProjection';
import { addWords, groupIndex, splitKnown, type WordGroup } from './wordSets';
import { placeLabels } from './labels';

/** Props of {@link ProjectionPlot}. */
export interface ProjectionPlotProps {
  /** The reader's word list, in and out of the vocabulary (the chips). */
  words: readonly string[];
  /** Called with the new list when the reader adds, removes or resets words. */
  onWordsChange: (words: string[]) => void;
  /** Whether the vocabulary has a word; null while it is not known yet (nothing is flagged). */
  hasWord: ((word: string) => boolean) | null;
  /** Vocabulary size and the min count that built it, for the out-of-vocabulary message. */
  vocabSize?: number;
  minCount?: number;
  /**
   * The latest vectors of the in-vocabulary words of `words` (any order; rows of words no longer
   * in `words` are ignored); null before the first. Pass a new object on each refresh: every
   * refresh is re-projected and animated.
   */
  input: ProjectionInput | null;
  /** Word groups, for colours and the legend (e.g. {@link SOTU_WORD_GROUPS}). */
  groups?: readonly WordGroup[];
  /** The list "Reset words" restores (default: the words of `groups`). */
  defaultWords?: readonly string[];
  /** Heading of the plot. Default "Projection of the word vectors (PCA)". */
  title?: string;
  /** A line under the plot, e.g. "after 12,000 steps". */
  caption?: ReactNode;
  /** Animation between refreshes in ms (default 450; reduced motion jumps). */
  animationMs?: number;
}

/**
 * A 2-D PCA projection of a chosen set of word vectors (d3 scales, SVG, theme colours), with an
 * editor for the word set (text field and removable chips, clear messages for words outside the
 * vocabulary) and the explained variance of the two axes. Each refresh is re-projected by
 * {@link pca2d}, aligned to the previous frame by orthogonal Procrustes and animated, so a
 * projection refreshed 1-2 times per second while word2vec trains moves smoothly.
 *
 * Points carry `data-word` attributes (browser tests read them); the SVG has an accessible
 * summary, and the coordinates are listed in a collapsible table.
 */
export function ProjectionPlot({
  words,
  onWordsChange,
  hasWord,
  vocabSize,
  minCount,
  input,
  groups = [],
  defaultWords,
  title = 'Projection of the word vectors (PCA)',
  caption,
  animationMs = 450,
}: ProjectionPlotProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [sizeRef, { width, rem }] = useElementWidth<HTMLDivElement>(560);

  // Only the rows of words still chosen, in the chosen order.
  const filtered = useMemo<ProjectionInput | null>(() => {
    if (!input) return null;
    const at = new Map(input.words.map((w, i) => [w, i]));
    const keep = words.filter((w) => at.has(w));
    if (keep.length === input.words.length && keep.every((w, i) => input.words[i] === w)) {
      return input;
    }
    const vectors = new Float32Array(keep.length * input.dim);
    keep.forEach((w, i) => {
      const j = at.get(w) as number;
      vectors.set(input.vectors.subarray(j * input.dim, (j + 1) * input.dim), i * input.dim);
    });
    return { words: keep, vectors, dim: input.dim };
  }, [input, words]);
  const frame = useProjection(filtered, animationMs);

  const { unknown } = hasWord ? splitKnown(words, hasWord) : { unknown: [] as string[] };
  const groupOf = useMemo(() => groupIndex(groups), [groups]);
  const groupNames = useMemo(() => groups.map((g) => g.name), [groups]);
  const colorOf = (w: string) => {
    const g = groupOf.get(w);
    return g === undefined ? 'var(--color-fg)' : seriesColor(groupNames.indexOf(g));
  };
  const resetTo = defaultWords ?? groups.flatMap((g) => g.words);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = addWords(words, draft);
    if (r.added.length === 0 && r.dropped.length === 0) {
      setNote(
        draft.trim() === ''
          ? 'Type a word to add it.'
          : 'Those words are already shown (or the text has no word).',
      );
    } else {
      setNote(
        r.dropped.length > 0
          ? `At most ${r.words.length} words fit legibly: not added: ${r.dropped.join(', ')}.`
          : null,
      );
    }
    if (r.added.length) onWordsChange(r.words);
    setDraft('');
  };

  // Geometry.
  const fontPx = Math.max(12, Math.round(rem * (width < 480 ? 0.78 : 0.85)));
  const height = Math.round(Math.min(560, Math.max(280, width * 0.7)));
  const pad = { l: 12, r: 12, t: 14, b: 14 };
  const n = frame.words.length;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    xs.push(frame.coords[2 * i]);
    ys.push(frame.coords[2 * i + 1]);
  }
  const ext = (v: number[]) => {
    const lo = Math.min(...v, 0),
      hi = Math.max(...v, 0);
    const span = hi - lo || 1;
    return [lo - span * 0.06, hi + span * 0.06] as const;
  };
  const [x0, x1] = ext(xs);
  const [y0, y1] = ext(ys);
  // Labels sit to the right of points: leave room on the right of the plot for them.
  const labelRoom = Math.min(width * 0.28, fontPx * 6);
  const x = scaleLinear()
    .domain([x0, x1])
    .range([pad.l, width - pad.r - labelRoom]);
  const y = scaleLinear()
    .domain([y0, y1])
    .range([height - pad.b, pad.t]);
  const points = frame.words.map((w, i) => ({ word: w, px: x(xs[i]), py: y(ys[i]) }));
  const labels = placeLabels(points, fontPx, width, height);
  const [e1, e2] = frame.explained;
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

  return (
    <div className="ev-projection">
      <div className="ev-heading-row">
        <h4 className="ev-heading">{title}</h4>
        <ChartSave title={title} container=".ev-projection" />
      </div>
      <form className="ev-word-form" onSubmit={submit}>
        <label htmlFor={`${id}-add`} className="w-label">
          Add words (separate by spaces or commas)
        </label>
        <div className="ev-row">
          <input
            id={`${id}-add`}
            className="ui-text-input ev-word-input"
            type="text"
            value={draft}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="ui-button ui-button-small">
            Add
          </button>
          <button
            type="button"
            className="ui-button ui-button-small ui-button-quiet"
            onClick={() => {
              setNote(null);
              onWordsChange([...resetTo]);
            }}
          >
            Reset words
          </button>
        </div>
      </form>
      {note && (
        <p className="w-hint" role="status" data-word-note="">
          {note}
        </p>
      )}
      <ul className="ev-chips" aria-label="Words in the projection">
        {words.map((w) => {
          const oov = unknown.includes(w);
          return (
            <li key={w} className={oov ? 'ev-chip ev-chip-oov' : 'ev-chip'} data-chip={w}>
              <span className="ev-chip-swatch" style={{ background: colorOf(w) }} aria-hidden />
              {w}
              <button
                type="button"
                className="ev-chip-remove"
                aria-label={`Remove ${w}`}
                onClick={() => onWordsChange(words.filter((v) => v !== w))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {unknown.length > 0 && (
        <WidgetMessage tone="info">
          <span data-oov="">
            Not in the vocabulary, so not plotted: {unknown.map((w) => `“${w}”`).join(', ')}. The
            vocabulary
            {vocabSize !== undefined
              ? ` has ${vocabSize.toLocaleString('en-US')} words: those`
              : ' has the words'}{' '}
            that occur at least {minCount ?? 5} times in the corpus (minCount).
          </span>
        </WidgetMessage>
      )}
      {frame.error && (
        <WidgetMessage tone="warning">
          The projection could not be updated: {frame.error}
        </WidgetMessage>
      )}
      <div className="ev-plot" ref={sizeRef}>
        {n < 2 ? (
          <p className="w-placeholder">
            {input ? 'Choose at least two words in the vocabulary to project.' : 'No vectors yet.'}
          </p>
        ) : (
          <svg
            className="ui-svg ev-svg"
            width={width}
            height={height}
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
            style={{ fontSize: `${fontPx}px` }}
          >
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-desc`}>
              {n} words on the first two principal components ({pct(e1)} and {pct(e2)} of their
              variance). The coordinates are listed in the table below the plot.
            </desc>
            <line className="ev-axis" x1={x(0)} x2={x(0)} y1={pad.t} y2={height - pad.b} />
            <line
              className="ev-axis"
              x1={pad.l}
              x2={width - pad.r - labelRoom}
              y1={y(0)}
              y2={y(0)}
            />
            {points.map((p, i) => (
              <g key={p.word} data-word={p.word}>
                <circle cx={p.px} cy={p.py} r={Math.max(4, fontPx * 0.32)} fill={colorOf(p.word)} />
                <text
                  className="ev-label"
                  x={labels[i].x}
                  y={labels[i].y}
                  dominantBaseline="middle"
                >
                  {p.word}
                </text>
              </g>
            ))}
          </svg>
        )}
      </div>
      {groups.length > 0 && (
        <ul className="ev-legend" aria-label="Colours">
          {groups.map((g, i) => (
            <li key={g.name}>
              <span className="ev-chip-swatch" style={{ background: seriesColor(i) }} aria-hidden />
              {g.name}
            </li>
          ))}
        </ul>
      )}
      {n >= 2 && (
        <p className="w-hint" data-explained={`${e1.toFixed(4)} ${e2.toFixed(4)}`}>
          The plane of the first two principal components of these {n} vectors: PC1 holds {pct(e1)}{' '}
          and PC2 {pct(e2)} of their variance ({pct(e1 + e2)} together; the rest is in the other
          dimensions, so words that look close here may not be). Each refresh is turned to match the
          previous one, so the axes have no fixed direction.
          {caption ? <> {caption}</> : null}
        </p>
      )}
      {n >= 2 && (
        <details className="ev-details">
          <summary>Coordinates</summary>
          <table className="ui-table ev-coords">
            <thead>
              <tr>
                <th scope="col">word</th>
                <th scope="col">x</th>
                <th scope="col">y</th>
              </tr>
            </thead>
            <tbody>
              {frame.words.map((w, i) => (
                <tr key={w}>
                  <th scope="row">{w}</th>
                  <td>{xs[i].toFixed(3)}</td>
                  <td>{ys[i].toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
