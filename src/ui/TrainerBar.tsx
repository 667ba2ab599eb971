import { formatNumber } from './validate';

/** Where a training run is. */
export type TrainerStatus = 'idle' | 'initializing' | 'running' | 'paused' | 'done' | 'error';

/** Props of {@link TrainerBar}. */
export interface TrainerBarProps {
  /** Run state; decides which buttons are enabled and the status text. */
  status: TrainerStatus;
  /** Optimisation steps taken so far. */
  step: number;
  /** Completed epochs plus the fraction of the current one (e.g. 2.4). */
  epoch: number;
  /** Epochs of the full run; shown as "epoch 2.4 / 10" and used for progress when no totalSteps. */
  totalEpochs?: number;
  /** Steps of the full run; drives the progress bar when given. */
  totalSteps?: number | null;
  /** Measured training speed, steps per second. */
  stepsPerSecond?: number | null;
  /** Overrides the status text (e.g. "Loss became NaN: lower the learning rate"). */
  statusText?: string;
  /**
   * A step is still in flight (the runner's `busy`): while paused, the status says
   * "Finishing the step…" rather than "Paused", because the step counter will still move once
   * (after Pause on a slow backend, or after Step). Default false.
   */
  busy?: boolean;
  /** Start or resume training. */
  onPlay: () => void;
  /** Pause training after the current step. */
  onPause: () => void;
  /** Run exactly one step (when not running). */
  onStep: () => void;
  /** Discard the run and rebuild the model with the current settings. */
  onReset: () => void;
  /** Disables every button (e.g. while another widget owns the GPU). */
  disabled?: boolean;
}

const STATUS_TEXT: Record<TrainerStatus, string> = {
  idle: 'Ready',
  initializing: 'Preparing the model…',
  running: 'Training',
  paused: 'Paused',
  done: 'Finished',
  error: 'Stopped by an error',
};

/**
 * Fraction of the run done in [0, 1], from steps when `totalSteps` is known, else from
 * epochs; null when neither total is known.
 */
export function trainerProgress(
  step: number,
  epoch: number,
  totalSteps?: number | null,
  totalEpochs?: number,
): number | null {
  if (totalSteps && totalSteps > 0) return Math.min(1, Math.max(0, step / totalSteps));
  if (totalEpochs && totalEpochs > 0) return Math.min(1, Math.max(0, epoch / totalEpochs));
  return null;
}

/**
 * The transport bar of a training widget: one Play/Pause toggle (accessible name "Play" or
 * "Pause"), Step and Reset buttons, the step counter, epoch, speed, a progress bar
 * (`role="progressbar"` with `aria-valuenow` in percent) and a status line (a polite live
 * region that changes only with the status, not with every step).
 */
export function TrainerBar({
  status,
  step,
  epoch,
  totalEpochs,
  totalSteps,
  stepsPerSecond,
  statusText,
  busy: stepInFlight = false,
  onPlay,
  onPause,
  onStep,
  onReset,
  disabled,
}: TrainerBarProps) {
  const running = status === 'running';
  const busy = status === 'initializing';
  const finished = status === 'done' || status === 'error';
  const progress = trainerProgress(step, epoch, totalSteps, totalEpochs);
  const pct = progress === null ? null : Math.round(progress * 1000) / 10;
  const epochText =
    totalEpochs !== undefined
      ? `epoch ${epoch.toFixed(1)} / ${totalEpochs}`
      : `epoch ${epoch.toFixed(1)}`;
  return (
    <div className="ui-trainer" data-status={status}>
      <div className="ui-trainer-buttons">
        <button
          type="button"
          className="ui-button ui-button-primary ui-play"
          aria-label={running ? 'Pause' : 'Play'}
          title={running ? 'Pause (Space)' : 'Play (Space)'}
          disabled={disabled || busy || (finished && !running)}
          onClick={running ? onPause : onPlay}
        >
          <span aria-hidden="true">{running ? '❚❚' : '▶'}</span>
          <span className="ui-button-text" aria-hidden="true">
            {running ? 'Pause' : 'Play'}
          </span>
        </button>
        <button
          type="button"
          className="ui-button"
          title="One training step (S)"
          disabled={disabled || busy || running || finished}
          onClick={onStep}
        >
          Step
        </button>
        <button
          type="button"
          className="ui-button"
          title="Start over with the current settings (R)"
          disabled={disabled || busy}
          onClick={onReset}
        >
          Reset
        </button>
      </div>
      <div className="ui-trainer-stats">
        <span className="ui-trainer-stat">
          step <strong data-trainer="step">{step.toLocaleString('en-US')}</strong>
          {totalSteps ? ` / ${totalSteps.toLocaleString('en-US')}` : ''}
        </span>
        <span className="ui-trainer-stat" data-trainer="epoch">
          {epochText}
        </span>
        {stepsPerSecond !== undefined && stepsPerSecond !== null ? (
          <span className="ui-trainer-stat" data-trainer="speed">
            {`${formatNumber(Math.round(stepsPerSecond * 10) / 10)} steps/s`}
          </span>
        ) : null}
      </div>
      <div
        className="ui-progress"
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        aria-valuetext={pct === null ? `${step} steps` : `${pct}%`}
      >
        <div className="ui-progress-fill" style={{ width: `${pct ?? 0}%` }} />
      </div>
      <p
        className={status === 'error' ? 'ui-trainer-status ui-danger' : 'ui-trainer-status'}
        role="status"
      >
        {statusText ??
          (status === 'paused' && stepInFlight ? 'Finishing the step…' : STATUS_TEXT[status])}
      </p>
    </div>
  );
}
