import type { ReactNode } from 'react';
import type { RunnerError, RunnerState } from '../../train';
import { WidgetMessage } from '../../ui';

/** The part of a `useTrainingWidget` result the messages read. */
export interface MessageSource {
  cs: { backendMessage: string | null; loadError: string | null };
  rs: RunnerState | null;
  retryLoad: () => void;
  autoPauseText: string | null;
}

/** Props of {@link TrainingMessages}. */
export interface TrainingMessagesProps {
  /** The widget's `useTrainingWidget` result. */
  tw: MessageSource;
  /** Validation messages from `useHyperparams` (URL values clamped or refused ...). */
  messages: readonly string[];
  onDismissMessages: () => void;
  /**
   * The label of the control that sets a model's config field (a divergence names the field the
   * model blames, e.g. `learningRate`; the reader sees the control's label), or undefined.
   */
  knobLabel?: (knob: string) => string | undefined;
  /** What "Try again" does after a failed load (default: `tw.retryLoad`, load the engine again). */
  onRetry?: () => void;
  /** Widget-specific messages, shown after the shared errors and before the auto-pause note. */
  children?: ReactNode;
}

/**
 * The text of a runner error: for a divergence, the control to change by its label when known
 * ("... training diverged. Change “Learning rate”: lower it (try 0.01). Then press Reset.").
 */
export function runnerErrorText(
  error: RunnerError,
  knobLabel?: (knob: string) => string | undefined,
): string {
  if (error.kind === 'diverged' && error.knob && error.cause && error.advice) {
    const label = knobLabel?.(error.knob);
    if (label) {
      const advice = error.advice.replace(/\.?$/, '');
      const lowered = advice.charAt(0).toLowerCase() + advice.slice(1);
      return `${error.cause}: training diverged. Change “${label}”: ${lowered}. Then press Reset.`;
    }
  }
  return error.kind === 'failed' ? `${error.message} Press Reset to start again.` : error.message;
}

/**
 * The messages every training widget shows above its controls, in this order: settings that were
 * clamped or refused (dismissable), a backend note, the runner's error (divergence naming the
 * control to change, lost WebGL context, a failure: with "Press Reset" when the run cannot
 * continue), a failed load with "Try again", the widget's own messages, and why training paused
 * by itself.
 */
export function TrainingMessages({
  tw,
  messages,
  onDismissMessages,
  knobLabel,
  onRetry,
  children,
}: TrainingMessagesProps) {
  const { cs, rs } = tw;
  return (
    <>
      {messages.length > 0 && (
        <WidgetMessage tone="warning" onDismiss={onDismissMessages}>
          {messages.join(' ')}
        </WidgetMessage>
      )}
      {cs.backendMessage && <WidgetMessage tone="warning">{cs.backendMessage}</WidgetMessage>}
      {rs?.error && (
        <WidgetMessage tone="error">{runnerErrorText(rs.error, knobLabel)}</WidgetMessage>
      )}
      {cs.loadError && (
        <WidgetMessage tone="error">
          {cs.loadError}{' '}
          <button
            type="button"
            className="ui-button ui-button-small"
            onClick={onRetry ?? tw.retryLoad}
          >
            Try again
          </button>
        </WidgetMessage>
      )}
      {children}
      {tw.autoPauseText && <WidgetMessage tone="info">{tw.autoPauseText}</WidgetMessage>}
    </>
  );
}
