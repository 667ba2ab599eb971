import { useId, useMemo } from 'react';
import type { SequenceTaskName } from '../../models/transformer/seqTasks';
import { sequenceTaskTarget } from '../../models/transformer/seqTasks';
import { Heatmap, WidgetMessage } from '../../ui';
import { crossAttentionCells, type TsqTranslationView } from './views';

const DOMAIN: readonly [number, number] = [0, 1];
const weight = (v: number) => v.toFixed(2);
const pct = (v: number) => `${Math.round(100 * v)}%`;
/** Digits to cut the example sequences from. */
const LONG_DIGITS = '49382716054938271605493827160549';

/** Props of {@link CrossAttentionPanel}. */
export interface CrossAttentionPanelProps {
  text: string;
  onText: (text: string) => void;
  /** Why the sequence cannot be read (empty, too long, unknown symbols), or null. */
  problem: string | null;
  /** The latest translation (it may be of an earlier text while the next one runs). */
  result: TsqTranslationView | null;
  /** The task of the current run (for the correct output). */
  task: SequenceTaskName;
  /** Shortest and longest training sequence of the current run. */
  minLength: number;
  maxLength: number;
  /** Longest input the model reads. */
  maxInput: number;
  hasModel: boolean;
  onRefresh: () => void;
}

/**
 * The reader's sequence, the model's greedy output beside the correct one, and the
 * cross-attention map of every decoder layer (grid rows) and head: one map row per output token
 * (and `</s>`), one column per input symbol, each cell the weight; under each map, the share of
 * weight on the input symbol that output must copy.
 */
export function CrossAttentionPanel({
  text,
  onText,
  problem,
  result,
  task,
  minLength,
  maxLength,
  maxInput,
  hasModel,
  onRefresh,
}: CrossAttentionPanelProps) {
  const id = useId();
  const cells = useMemo(() => (result ? crossAttentionCells(result, task) : []), [result, task]);
  const longer = LONG_DIGITS.slice(0, Math.min(maxInput, maxLength + 3));
  const examples = [...new Set(['8302517', '55123', longer])];
  const truth = result ? sequenceTaskTarget(task, result.source) : '';
  const ended = result?.outputTokens.at(-1) === '</s>';
  const right = result !== null && ended && result.output === truth;
  return (
    <section className="w-try tsq-panel" aria-label="Your sequence" data-tsq-panel>
      <div className="tsq-row">
        <label className="w-label" htmlFor={`${id}-seq`}>
          A sequence to {task === 'sort' ? 'sort' : 'reverse'}
        </label>
        <input
          id={`${id}-seq`}
          name="sequence"
          className="tsq-input"
          type="text"
          value={text}
          maxLength={64}
          spellCheck={false}
          autoComplete="off"
          inputMode="numeric"
          onChange={(e) => onText(e.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-msg`}
          data-sequence-input
        />
        {examples.map((q) => (
          <button
            key={q}
            type="button"
            className="ui-button ui-button-small"
            onClick={() => onText(q)}
            data-example={q}
          >
            {q}
          </button>
        ))}
        <button
          type="button"
          className="ui-button ui-button-small"
          onClick={onRefresh}
          disabled={!hasModel || problem !== null}
          data-action="refresh-attention"
        >
          Read again
        </button>
      </div>
      <div id={`${id}-msg`}>
        {problem ? (
          <WidgetMessage tone="info">
            <span data-sequence-problem>{problem}</span>
          </WidgetMessage>
        ) : (
          <p className="w-hint">
            Trained on {minLength} to {maxLength} digits
            {Array.from(text).length > maxLength ? '; this one is longer than any it saw' : ''}.
            {hasModel ? '' : ' Press Play or Step: the model reads it once it exists.'}
          </p>
        )}
      </div>
      {result && (
        <p className="tsq-output" data-output={result.output} data-correct={right}>
          <span>{result.source}</span> → <strong>{result.output || '∅'}</strong>{' '}
          <span className={right ? 'tsq-ok' : 'tsq-wrong'}>{right ? '✓' : `✗ (${truth})`}</span>{' '}
          <span className="w-hint">
            after step {result.step.toLocaleString('en')}
            {ended ? '' : ', cut off without </s>'}
          </span>
        </p>
      )}
      {result && (
        <>
          <p className="w-hint">
            The cross-attention of every decoder layer (rows of maps) and head: in each map, rows
            are the output tokens as the decoder writes them, columns the input symbols; darker =
            more weight, each row sums to 1. Under each map, the share of weight on the input symbol
            that output must copy.
          </p>
          <div
            className="tsq-grid"
            data-attention-step={result.step}
            data-layers={result.numLayers}
            data-heads={result.numHeads}
          >
            {cells.map((c) => (
              <figure
                key={`${c.layer}-${c.head}`}
                className="tsq-map"
                data-layer={c.layer}
                data-head={c.head}
                data-alignment={c.alignment.toFixed(4)}
                data-peaks={c.peaks}
              >
                <Heatmap
                  matrix={c.rows}
                  label={`Layer ${c.layer + 1}, head ${c.head + 1}`}
                  rowLabels={result.outputTokens}
                  colLabels={result.sourceTokens}
                  rowTitle="output"
                  colTitle="input"
                  domain={DOMAIN}
                  format={weight}
                  showValues={false}
                  maxCellRem={1.2}
                  renderer="canvas"
                />
                <figcaption className="w-hint">{pct(c.alignment)} on the right symbol</figcaption>
              </figure>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
