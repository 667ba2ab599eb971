import type { ReactNode } from 'react';
import { WidgetMessage } from '../../ui';
import type { TrainingControllerState, TrainingWidget } from './useTrainingWidget';

/** Props of {@link TrainingMessages}. */
export interface TrainingMessagesProps {
  /** The widget's `useTrainingWidget` result. */
  tw: TrainingWidget<unknown, TrainingControllerState>;
  /** Validation messages from `useHyperparams` (URL values clamped or refused ...). */
  messages: readonly string[];
  onDismissMessages: () => void;
  /** What "Try again" does after a failed load (default: `tw.retryLoad`, load the engine again). */
  onRetry?: () => void;
  /** Widget-specific messages, shown after the shared errors and before the auto-pause note. */
  children?: ReactNode;
}

/**
 * The messages every training widget shows above its controls, in this order: settings that were
 * clamped or refused (dismissable), a backend note, the runner's error (divergence, lost WebGL
 * context: with "Press Reset" when the run cannot continue), a failed load with "Try again",
 * the widget's own messages, and why training paused by itself.
 */
export function TrainingMessages({
  tw,
  messages,
  onDismissMessages,
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
        <WidgetMessage tone="error">
          {rs.error.message}
          {rs.error.kind === 'failed' && ' Press Reset to start again.'}
        </WidgetMessage>
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
