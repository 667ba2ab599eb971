import { Heatmap } from '../../ui';
import { attentionRows, type AttendResult } from './views';

/**
 * Side of one heatmap cell in rem: room for every character label (the Heatmap thins labels
 * below ~1.1 rem); in rem so that it grows with the type in Present mode and on projectors.
 */
const CELL_REM = 1.6;
const DOMAIN: readonly [number, number] = [0, 1];
const shown = (ch: string) => (ch === ' ' ? '␣' : ch);
const weight = (v: number) => v.toFixed(2);
/** Per output row, `input index:weight` of its largest weight (tests and the book's numbers read it). */
const peaks = (rows: number[][]) =>
  rows
    .map((r) => {
      const j = r.indexOf(Math.max(...r));
      return `${j}:${r[j].toFixed(2)}`;
    })
    .join(' ');

/** Props of {@link AttentionPanel}. */
export interface AttentionPanelProps {
  /** The reader's date as typed. */
  text: string;
  onText: (text: string) => void;
  /** Why the date cannot be converted (empty, too long, unknown characters), or null. */
  problem: string | null;
  /** The latest conversion of the date (it may be of an earlier text while the next one runs). */
  result: AttendResult | null;
  /** Whether the current run has attention (no heatmap without). */
  attention: boolean;
  /** A model exists to read. */
  hasModel: boolean;
  onRefresh: () => void;
}

/**
 * The reader's date, its greedy conversion and the attention heatmap: one row per output
 * character (and `</s>`), one column per input character, each cell's shade the weight a_tj.
 */
export function AttentionPanel({
  text,
  onText,
  problem,
  result,
  attention,
  hasModel,
  onRefresh,
}: AttentionPanelProps) {
  const rows = result && attention ? attentionRows(result) : null;
  return (
    <section className="w-try da-attend" aria-label="Your date" data-attend>
      <label className="w-label" htmlFor="date-attention-input">
        A date to convert
      </label>
      <div className="da-row">
        <input
          id="date-attention-input"
          className="da-input"
          type="text"
          value={text}
          maxLength={64}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onText(e.target.value)}
          aria-invalid={problem !== null}
          data-date-input
        />
        <button
          type="button"
          className="ui-button ui-button-small"
          onClick={onRefresh}
          disabled={!hasModel || problem !== null}
          data-action="refresh-attention"
        >
          Convert
        </button>
      </div>
      {problem ? (
        <p className="w-hint da-bad" role="alert" data-date-problem>
          {problem}
        </p>
      ) : !hasModel ? (
        <p className="w-hint">Press Play or Step: the model converts it once it exists.</p>
      ) : null}
      {result && (
        <p className="da-output" data-date-output={result.output}>
          <span className="da-in">{result.input}</span> →{' '}
          <strong className="da-out">{result.output || '(nothing)'}</strong>{' '}
          <span className="w-hint">
            after step {result.step.toLocaleString('en')}
            {result.outputTokens.at(-1) === '</s>' ? '' : ', cut off without </s>'}
          </span>
        </p>
      )}
      {rows && result ? (
        <div className="da-scroll" data-attention-heatmap data-peaks={peaks(rows)}>
          <div style={{ width: `${(result.inputTokens.length + 6) * CELL_REM}rem` }}>
            <Heatmap
              matrix={rows}
              label={`Attention weights of “${result.input}” (after step ${result.step.toLocaleString('en')})`}
              rowLabels={result.outputTokens.map(shown)}
              colLabels={result.inputTokens.map(shown)}
              rowTitle="output character"
              colTitle="input character"
              domain={DOMAIN}
              format={weight}
              showValues={false}
            />
          </div>
        </div>
      ) : (
        result &&
        !attention && (
          <p className="w-hint" data-no-attention>
            This run has no attention: every output character is read from the decoder’s state,
            which saw the input only through its first state, one vector of 128 numbers. There is no
            heatmap to draw.
          </p>
        )
      )}
    </section>
  );
}
