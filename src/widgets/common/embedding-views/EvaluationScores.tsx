import type { EvaluationResult } from '../../../nlp/embeddings';
import { LineChart, MetricReadout } from '../../../ui';

/** Scores over time, for the optional chart (x: steps, epochs or seconds). */
export interface EvaluationHistory {
  /** x-axis label, e.g. "epoch". */
  xLabel: string;
  x: readonly number[];
  /** Analogy accuracy in [0, 1] at each x. */
  accuracy: readonly number[];
  /** Spearman's rho at each x. */
  spearman: readonly number[];
}

/** Props of {@link EvaluationScores}. */
export interface EvaluationScoresProps {
  /** The latest evaluation (src/nlp/embeddings `evaluate`); null before the first. */
  result: EvaluationResult | null;
  /** Name of the evaluation set, for the caption. */
  setName?: string;
  /** When given (>= 2 points), the scores are also drawn over time with the shared LineChart. */
  history?: EvaluationHistory;
}

/** A fraction as a percentage number for MetricReadout (null, shown as a dash, when NaN). */
const pct = (v: number) => (Number.isFinite(v) ? v * 100 : null);
const oneDecimal = (v: number) => v.toFixed(1);

/**
 * Intrinsic scores of a set of word vectors: analogy accuracy (3CosAdd top-1 over the questions
 * whose words are all in the vocabulary, with that coverage) and Spearman's rho between the
 * cosines and human similarity judgements (with the pairs used), as gensim's
 * `evaluate_word_analogies` / `evaluate_word_pairs` report them; per-family analogy counts in a
 * collapsible list; optionally both scores over time. Outputs carry `data-metric` keys
 * `analogy_accuracy`, `analogy_coverage`, `similarity_spearman`.
 */
export function EvaluationScores({ result, setName, history }: EvaluationScoresProps) {
  const a = result?.analogy;
  const s = result?.similarity;
  return (
    <div className="ev-box" data-view="evaluation">
      <h4 className="ev-heading">Evaluation{setName ? `: ${setName}` : ''}</h4>
      <MetricReadout
        label="Evaluation scores"
        metrics={[
          {
            key: 'analogy_accuracy',
            label: a ? `Analogies (${a.correct} / ${a.answered})` : 'Analogies',
            value: a ? pct(a.accuracy) : null,
            unit: '%',
            format: oneDecimal,
            hint: 'Top-1 accuracy of 3CosAdd over the questions whose four words are in the vocabulary.',
          },
          {
            key: 'analogy_coverage',
            label: 'Questions covered',
            value: a ? pct(a.coverage) : null,
            unit: '%',
            format: oneDecimal,
            hint: `${a ? `${a.answered} of ${a.total}` : 'The'} questions have all four words in the vocabulary.`,
          },
          {
            key: 'similarity_spearman',
            label: s ? `Spearman ρ (${s.used} / ${s.total} pairs)` : 'Spearman ρ',
            value: s && Number.isFinite(s.spearman) ? s.spearman.toFixed(3) : null,
            hint: 'Rank correlation of the cosines with human similarity judgements.',
          },
        ]}
      />
      {history && history.x.length >= 2 && (
        <LineChart
          title="Scores during training"
          xLabel={history.xLabel}
          yLabel="score"
          height={180}
          yDomain={[0, 1]}
          logToggle={false}
          legend
          series={[
            { name: 'analogy accuracy', x: history.x, y: history.accuracy },
            { name: 'Spearman ρ', x: history.x, y: history.spearman },
          ]}
        />
      )}
      {a && Object.keys(a.byFamily).length > 0 && (
        <details className="ev-details">
          <summary>Analogies by family</summary>
          <ul className="ev-families">
            {Object.entries(a.byFamily).map(([fam, c]) => (
              <li key={fam}>
                {fam}: {c.correct} / {c.answered}
                {c.answered < c.total ? ` (${c.total - c.answered} not covered)` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
