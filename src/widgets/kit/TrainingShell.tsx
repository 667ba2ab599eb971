import { useMemo, type ReactNode } from 'react';
import {
  BackendBadge,
  Controls,
  TrainerBar,
  WidgetFrame,
  type Hyperparams,
  type Preset,
  type Schema,
} from '../../ui';
import { SavedRunNotice, WeightsFiles } from './SavedRun';
import { TrainingMessages } from './TrainingMessages';
import { useRunSaves } from './useRunSaves';
import type { TrainingWidget } from './useTrainingWidget';
import './widgets.css';

/** `restartPending` while no run has started (one array, so the memoised controls keep it). */
const NOTHING_PENDING: readonly string[] = [];

/** Props of {@link TrainingShell}. */
export interface TrainingShellProps<Sch extends Schema, D, X extends object> {
  /** The widget's schema (controls, knob labels). */
  schema: Sch;
  /** The widget's `useHyperparams(schema, ...)` result. */
  hp: Hyperparams<Sch>;
  /** The widget's `useTrainingWidget(controller, hp)` result. */
  tw: TrainingWidget<Sch, D, X>;
  /** Heading and accessible name. */
  title: string;
  /** One line under the title (e.g. the architecture). */
  subtitle?: ReactNode;
  /** The presets shown as buttons. */
  presets?: readonly Preset<Sch>[];
  /** What is downloaded while loading, e.g. "the review sentences" ("Loading ... (40%)…"). */
  loading: string;
  /** Epochs of a run, for the trainer bar (default: the runner's own total). */
  totalEpochs?: number;
  /**
   * The schema key of the control that sets each model config field a divergence may blame,
   * e.g. `{ learningRate: 'lr' }`: the message names the control by its label.
   */
  knobs?: Readonly<Record<string, keyof Sch & string>>;
  /** Extra `data-*` attributes on the widget's section (tests and benchmarks read them). */
  data?: Record<string, string | number | undefined>;
  /** Widget messages shown with the shared ones (e.g. a probe's error). */
  messages?: ReactNode;
  /** Replaces the default controls (the whole schema with presets and Defaults). */
  controls?: ReactNode;
  /** The main column beside the controls: charts and probes. */
  children: ReactNode;
  /** Full-width content below the columns. */
  footer?: ReactNode;
  /** Data credit, shown last. */
  credit?: ReactNode;
  /** The trainer buttons also wait for this (e.g. a corpus still being prepared). Default true. */
  canTrain?: boolean;
  /** What "Try again" does after a failed load (default: load again). */
  onRetry?: () => void;
}

/**
 * The frame every training widget shares: the widget card (title, backend badge, keyboard
 * shortcuts, Present mode), the shared messages, the loading line, the trainer bar, and two
 * columns (the controls; the widget's charts and probes), then a footer and the data credit.
 * A widget supplies only its schema, presets and what goes in the main column. Saved runs
 * (continue after a reload) and weights files come with it (./useRunSaves.ts).
 */
export function TrainingShell<Sch extends Schema, D, X extends object>({
  schema,
  hp,
  tw,
  title,
  subtitle,
  presets,
  loading,
  totalEpochs,
  knobs,
  data,
  messages,
  controls,
  children,
  footer,
  credit,
  canTrain = true,
  onRetry,
}: TrainingShellProps<Sch, D, X>) {
  const { cs, rs, rootRef, controller, widgetStatus, play, pause, step, toggle } = tw;
  const saves = useRunSaves(tw, schema, hp.values);
  const reset = saves.reset;
  const status = rs?.status ?? 'idle';
  const ready = tw.ready && canTrain;
  // The controls change only with the settings, not with every training update.
  const idle = status === 'idle';
  const { values, setValue, applyPreset, reset: resetValues, restartNeeded } = hp;
  const defaultControls = useMemo(
    () => (
      <Controls
        schema={schema}
        values={values}
        onChange={setValue}
        presets={presets}
        onPreset={applyPreset}
        onReset={resetValues}
        restartPending={idle ? NOTHING_PENDING : restartNeeded}
      />
    ),
    [schema, values, setValue, presets, applyPreset, resetValues, idle, restartNeeded],
  );
  const knobLabel = (knob: string) => {
    const key = knobs?.[knob];
    return key ? schema[key]?.label : undefined;
  };
  return (
    <div ref={rootRef} className="w-root">
      <WidgetFrame
        id={controller.spec.id}
        title={title}
        subtitle={subtitle}
        badge={<BackendBadge info={rs?.backend ?? null} />}
        data={{
          status: widgetStatus,
          step: rs?.step ?? 0,
          busy: rs?.busy ? 1 : 0,
          backend: rs?.backend?.name,
          ...data,
        }}
        onTogglePlay={ready ? toggle : undefined}
        onStep={ready ? step : undefined}
        onReset={ready ? reset : undefined}
        settings={hp}
      >
        <TrainingMessages
          tw={tw}
          messages={hp.messages}
          onDismissMessages={hp.dismissMessages}
          knobLabel={knobLabel}
          onRetry={onRetry}
        >
          <SavedRunNotice saves={saves} />
          {messages}
        </TrainingMessages>
        {cs.phase === 'loading' && (
          <p className="w-hint" role="status">
            Loading {loading}
            {cs.progress != null ? ` (${Math.round(cs.progress * 100)}%)` : ''}…
          </p>
        )}
        <TrainerBar
          status={status}
          step={rs?.step ?? 0}
          epoch={rs?.epoch ?? 0}
          totalEpochs={totalEpochs}
          totalSteps={rs?.totalSteps ?? null}
          stepsPerSecond={rs?.stepsPerSecond ?? null}
          busy={rs?.busy ?? false}
          onPlay={play}
          onPause={pause}
          onStep={step}
          onReset={reset}
          disabled={!ready}
        />
        <div className="w-columns">
          {controls ?? defaultControls}
          <div className="w-main">{children}</div>
        </div>
        <WeightsFiles saves={saves} hasModel={tw.hasModel} ready={ready} />
        {footer}
        {credit && <p className="w-credit">{credit}</p>}
      </WidgetFrame>
    </div>
  );
}
