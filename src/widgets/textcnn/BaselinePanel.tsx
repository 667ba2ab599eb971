import type { RunnerState } from '../../train';
import type { BaselinesState } from './baselineRun';
import type { BaselineName } from './baselines';

/** Props of {@link BaselinePanel}. */
export interface BaselinePanelProps {
  /** The TextCNN's runner state: its latest evaluation fills the first row. */
  state: RunnerState | null;
  /** The TextCNN's parameter count. */
  parameters: number;
  baselines: BaselinesState | null;
  /** Whether the button may start the baselines (a TextCNN task exists). */
  canRun: boolean;
  onRun: () => void;
}

const pct = (v: number | null | undefined) => (v == null ? '–' : `${(v * 100).toFixed(1)}%`);
const loss = (v: number | null | undefined) => (v == null ? '–' : v.toFixed(3));
const count = (v: number | null | undefined) =>
  v == null || !Number.isFinite(v) ? '–' : v.toLocaleString('en');
const last = (a: readonly number[] | undefined) => (a && a.length ? a[a.length - 1] : null);

const ROWS: { name: BaselineName; model: string; hint: string }[] = [
  {
    name: 'averaged',
    model: 'Averaged embeddings (ch. 1)',
    hint: 'Embedding 16 → mean over positions → sigmoid; the TextCNN’s ids; Adam 0.01, batch 32',
  },
  {
    name: 'tfidf',
    model: 'TF-IDF + logistic regression (ch. 4)',
    hint: 'Words, min_df 2, at most 5,000 terms, l2 rows; Adam 0.05, L2 1e-4, batch 32',
  },
];

function statusLine(b: BaselinesState | null, canRun: boolean, done: boolean): string {
  if (b?.running) {
    const chapter = b.running === 'averaged' ? 'chapter 1' : 'chapter 4';
    return `Training ${chapter}’s model in the worker, beside the TextCNN…`;
  }
  if (b?.error) return b.error;
  if (done) {
    const secs = ROWS.map(({ name }) => `${((b?.results[name]?.ms ?? 0) / 1000).toFixed(1)} s`);
    return `Trained on this run’s texts in ${secs.join(' and ')}; kept until the data, num_words or maxlen change.`;
  }
  if (!canRun) return 'Press Play or Step first: the baselines train in the TextCNN’s worker.';
  return '10 epochs each, with their chapters’ defaults, on this run’s training and validation texts.';
}

/**
 * The TextCNN beside chapter 1's averaged-embedding classifier and chapter 4's TF-IDF logistic
 * regression, trained on demand in the widget's worker on the same training and validation
 * texts (10 epochs each, their chapters' defaults). The TextCNN's row shows its latest
 * evaluation and follows the training.
 */
export function BaselinePanel({ state, parameters, baselines, canRun, onRun }: BaselinePanelProps) {
  const evals = state?.evalHistory;
  const running = baselines?.running ?? null;
  const done = ROWS.every(({ name }) => baselines?.results[name] != null);
  return (
    <section className="w-try tc-baselines" aria-label="Baselines on the same split" data-baselines>
      <span className="w-label">The same split, three models</span>
      <div className="tc-scroll" tabIndex={0} role="region" aria-label="Models compared">
        <table className="tc-table tc-compare">
          {/* Grouped headers: no long header words side by side, so the table fits a phone. */}
          <colgroup span={2} />
          <colgroup span={1} />
          <colgroup span={2} />
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                model
              </th>
              <th scope="col" rowSpan={2}>
                parameters
              </th>
              <th scope="colgroup">train</th>
              <th scope="colgroup" colSpan={2}>
                validation
              </th>
            </tr>
            <tr>
              <th scope="col">accuracy</th>
              <th scope="col">accuracy</th>
              <th scope="col">loss</th>
            </tr>
          </thead>
          <tbody>
            <tr data-row="textcnn">
              <th scope="row">
                TextCNN (this run{state?.epoch ? `, epoch ${state.epoch.toFixed(1)}` : ''})
              </th>
              <td>{count(parameters)}</td>
              <td data-col="train_accuracy">{pct(last(evals?.train_accuracy))}</td>
              <td data-col="val_accuracy">{pct(last(evals?.val_accuracy))}</td>
              <td data-col="val_loss">{loss(last(evals?.val_loss))}</td>
            </tr>
            {ROWS.map(({ name, model, hint }) => {
              const r = baselines?.results[name];
              return (
                <tr key={name} data-row={name} title={hint}>
                  <th scope="row">{model}</th>
                  <td>{count(r?.parameters)}</td>
                  <td data-col="train_accuracy">
                    {running === name ? 'training…' : pct(r?.trainAccuracy)}
                  </td>
                  <td data-col="val_accuracy">{pct(r?.valAccuracy)}</td>
                  <td data-col="val_loss">{loss(r?.valLoss)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="tc-baseline-bar">
        <button
          type="button"
          className="ui-button ui-button-small"
          onClick={onRun}
          disabled={!canRun || running != null || done}
        >
          Train the baselines
        </button>{' '}
        <span className="w-hint" role="status">
          {statusLine(baselines, canRun, done)}
        </span>
      </p>
    </section>
  );
}
