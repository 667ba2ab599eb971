import { useMemo } from 'react';
import { LineChart } from '../../ui';
import type { GradView } from './spec';
import { decayPerStep, stepsBackSeries, stepsBelow } from './views';

/** "below 1/100 after 7 steps back", or "never below 1/100 in this passage". */
function reach(steps: number | null, fraction: string): string {
  return steps == null
    ? `never below ${fraction} in this passage`
    : `below ${fraction} after ${steps} step${steps === 1 ? '' : 's'} back`;
}

/** Props of {@link GradNormChart}. */
export interface GradNormChartProps {
  grad: GradView | null;
  canRefresh: boolean;
  onRefresh: () => void;
}

/**
 * The vanishing-gradient picture: ||dL/dh_t|| of the loss at the passage's last character for
 * every earlier step t, against the number of steps back, on a log axis, for the model being
 * trained and for freshly initialised RNN and LSTM models of the same size on the same passage.
 */
export function GradNormChart({ grad, canRefresh, onRefresh }: GradNormChartProps) {
  const lines = useMemo(
    () =>
      (grad?.series ?? []).map((s) => {
        const xy = stepsBackSeries(s.norms);
        return {
          name: s.name,
          ...xy,
          decay: decayPerStep(xy),
          below100: stepsBelow(xy, 1e-2),
          below1000: stepsBelow(xy, 1e-3),
        };
      }),
    [grad],
  );
  return (
    <section className="w-try cr-grad" aria-label="Gradient norm per time step" data-grad-norms>
      <div className="cr-head">
        <span className="w-label">How far back does the gradient reach?</span>
        <button
          type="button"
          className="ui-button ui-button-small"
          onClick={onRefresh}
          disabled={!canRefresh}
          data-action="measure-gradients"
        >
          Measure
        </button>
      </div>
      {grad ? (
        <>
          <LineChart
            title="‖∂L/∂h_t‖ for the prediction of the passage's last character"
            xLabel="steps back from the last character"
            yLabel="‖∂L/∂hₜ‖"
            defaultLogY
            series={lines.map(({ name, x, y }) => ({ name, x, y }))}
          />
          <ul className="cr-decay" data-decay>
            {lines.map((l) => (
              <li key={l.name} data-series={l.name}>
                {l.name}: {reach(l.below100, '1/100')}, {reach(l.below1000, '1/1000')}
                {l.decay != null && ` (on average × ${l.decay.toPrecision(2)} per step back)`}
              </li>
            ))}
          </ul>
          <p className="w-hint">
            One backward pass per model over the same {grad.passage.length}-character passage, from
            a zero state; the longest took {Math.round(grad.ms)} ms. Fresh models use the run&apos;s
            size, seed and weight scale. A line that stops has fallen below float32&apos;s smallest
            number (the gradient is exactly 0).
          </p>
        </>
      ) : (
        <p className="w-hint">Press Play or Step, then Measure.</p>
      )}
    </section>
  );
}
