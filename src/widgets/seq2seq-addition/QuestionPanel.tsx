import { useId } from 'react';
import { Controls, WidgetMessage, type Hyperparams } from '../../ui';
import { encoderView, type AdditionQuestion, type RejectedQuestion } from './question';
import { additionDecodeSchema, additionSchema, type AdditionSettings } from './schema';
import type { AnswerView } from './spec';
import type { Decoding } from './workerKind';

/** The decoding knobs of the widget's one schema. */
const DECODE_KEYS = Object.keys(additionDecodeSchema) as (keyof typeof additionSchema & string)[];

/** Questions offered as one-click examples (those longer than the run's max digits are hidden). */
const EXAMPLES = ['57+68', '123+45', '999+1', '8+5', '505+496'];

/** Props of {@link QuestionPanel}. */
export interface QuestionPanelProps {
  text: string;
  onText: (text: string) => void;
  parsed: AdditionQuestion | RejectedQuestion;
  /** The model's latest answers (to this question or an earlier one), or null. */
  answer: AnswerView | null;
  /** A model exists (press Play or Step first). */
  hasModel: boolean;
  /** The run's max digits and input order. */
  maxDigits: number;
  reversed: boolean;
  values: AdditionSettings;
  onChange: Hyperparams<typeof additionSchema>['setValue'];
}

const logp = (v: number) => v.toFixed(3);

function Verdict({ d, truth }: { d: Decoding; truth: string }) {
  const ok = d.finished && d.output === truth;
  return (
    <span className={ok ? 's2a-ok' : 's2a-wrong'} aria-label={ok ? 'right' : 'wrong'}>
      {ok ? '✓' : '✗'}
    </span>
  );
}

/**
 * The reader's question answered by the model as it is now: greedy search and beam search side
 * by side, and the beam's finished candidates with log P and the length-normalised score.
 */
export function QuestionPanel({
  text,
  onText,
  parsed,
  answer,
  hasModel,
  maxDigits,
  reversed,
  values,
  onChange,
}: QuestionPanelProps) {
  const id = useId();
  const current = parsed.ok && answer?.question === parsed.text ? answer : null;
  const examples = EXAMPLES.filter((q) => q.split('+').every((n) => n.length <= maxDigits));
  return (
    <section className="w-try s2a-question" aria-label="Ask the model">
      <div className="s2a-ask">
        <label htmlFor={`${id}-q`} className="w-label">
          Your question
        </label>
        <input
          id={`${id}-q`}
          name="question"
          className="s2a-input"
          value={text}
          onChange={(e) => onText(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          inputMode="text"
          maxLength={40}
          aria-invalid={!parsed.ok}
          aria-describedby={`${id}-msg`}
        />
        <span className="s2a-examples">
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
        </span>
      </div>
      <div id={`${id}-msg`} data-question-message>
        {!parsed.ok ? (
          <WidgetMessage tone="info">{parsed.message}</WidgetMessage>
        ) : (
          <p className="w-hint">
            True sum <b data-truth>{parsed.answer}</b>
            {reversed && (
              <>
                ; the encoder reads <code>{encoderView(parsed.text, true)}</code>
              </>
            )}
            .
          </p>
        )}
      </div>
      {parsed.ok && !hasModel && (
        <p className="w-hint">Press Play or Step: the model answers as it trains.</p>
      )}
      {current && (
        <div className="s2a-answers" data-answer-step={current.step} aria-live="polite">
          <div className="s2a-answer">
            <span className="w-label">Greedy search</span>
            <output className="s2a-output" data-output="greedy">
              {current.greedy.output || '∅'}
            </output>{' '}
            <Verdict d={current.greedy} truth={current.answer} />
            <span className="w-hint">log P {logp(current.greedy.logProb)}</span>
          </div>
          <div className="s2a-answer">
            <span className="w-label">Beam search, width {current.beamWidth}</span>
            <output className="s2a-output" data-output="beam">
              {current.beam.output || '∅'}
            </output>{' '}
            <Verdict d={current.beam} truth={current.answer} />
            <span className="w-hint">
              log P {logp(current.beam.logProb)}, score {logp(current.beam.score)}
            </span>
          </div>
          <table className="s2a-candidates" data-candidates={current.beam.candidates.length}>
            <caption className="w-hint">
              The beam&apos;s candidates after step {current.step.toLocaleString('en')}, best score
              first: score = log P / |y|<sup>α</sup>, α = {current.alpha}, |y| counting &lt;/s&gt;.
            </caption>
            <thead>
              <tr>
                <th scope="col">answer</th>
                <th scope="col">log P</th>
                <th scope="col">score</th>
                <th scope="col">P</th>
              </tr>
            </thead>
            <tbody>
              {current.beam.candidates.map((c, i) => (
                <tr key={i} className={c.output === current.answer ? 's2a-right' : undefined}>
                  <td className="s2a-mono">
                    {c.output || '∅'}
                    {c.finished ? ' </s>' : ' …'}
                  </td>
                  <td>{logp(c.logProb)}</td>
                  <td>{logp(c.score)}</td>
                  <td>{Math.exp(c.logProb).toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Controls
        schema={additionSchema}
        keys={DECODE_KEYS}
        values={values}
        onChange={onChange}
        label="Decoding"
      />
    </section>
  );
}
