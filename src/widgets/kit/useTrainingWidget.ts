import { useEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { RunnerState, TrainingRunner } from '../../train';
import type { Hyperparams, ParamValues, Schema } from '../../ui';
import type { ControllerState, TrainingController } from './controller';
import {
  autoPauseMessage,
  useAutoPause,
  useNearViewport,
  useRunnerState,
  type AutoPauseReason,
} from './useRunner';

export type { LoadPhase } from './controller';

/** What {@link useTrainingWidget} returns. */
export interface TrainingWidget<Sch extends Schema, D, X extends object> {
  /** The controller (for the widget's probes). */
  controller: TrainingController<ParamValues<Sch>, D, X>;
  /** The controller's state (re-rendered on every change). */
  cs: ControllerState<ParamValues<Sch>, D, X>;
  runner: TrainingRunner | null;
  /** The runner's state (published a few times a second), or null before the first run exists. */
  rs: RunnerState | null;
  /** Attach to the widget's root element: drives loading near the screen and auto-pause. */
  rootRef: RefObject<HTMLDivElement | null>;
  /** The latest settings, for callbacks that must not re-subscribe on every change. */
  valuesRef: RefObject<ParamValues<Sch>>;
  /** The settings of the current run (the current values before the first run). */
  applied: ParamValues<Sch>;
  /** The engine is loaded and a run exists: the trainer buttons work. */
  ready: boolean;
  running: boolean;
  /** A task exists whose weights can be read (running, paused or done). */
  hasModel: boolean;
  play: () => void;
  pause: () => void;
  step: () => void;
  /** Rebuilds the run with the current settings (acknowledging restart-needing changes). */
  reset: () => void;
  toggle: () => void;
  /** For `data-status`: the runner's status once ready, else 'loading' / 'error' / 'idle'. */
  widgetStatus: string;
  /** Why training paused by itself (off screen, hidden tab), or null. */
  autoPause: AutoPauseReason;
  autoPauseText: string | null;
  /** Retries a failed load. */
  retryLoad: () => void;
}

/**
 * The wiring every training widget shares: subscribes to its controller, loads the engine when
 * the widget nears the screen, disposes it on unmount, pauses off screen or in a hidden tab,
 * applies restart-needing settings at once while no run has started (and on Reset after), and
 * gives the trainer bar's actions.
 *
 * @param controller - created once per mounted widget
 *   (`useState(() => new TrainingController(spec, import.meta.env.BASE_URL))`).
 * @param hp - the widget's `useHyperparams` result (its values are the controller's settings).
 */
export function useTrainingWidget<Sch extends Schema, D, X extends object>(
  controller: TrainingController<ParamValues<Sch>, D, X>,
  hp: Hyperparams<Sch>,
): TrainingWidget<Sch, D, X> {
  const { values } = hp;
  const cs = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
  const runner = cs.runner;
  const rs = useRunnerState(runner);
  const rootRef = useRef<HTMLDivElement>(null);
  const near = useNearViewport(rootRef);
  const status = rs?.status ?? 'idle';
  const running = status === 'running';
  const autoPause = useAutoPause(rootRef, runner, running);
  const valuesRef = useRef(values);
  useEffect(() => {
    valuesRef.current = values;
  }, [values]);

  // Load the engine when the widget comes near the screen; free everything on unmount.
  useEffect(() => {
    if (near) void controller.load(() => valuesRef.current);
  }, [near, controller]);
  useEffect(() => () => void controller.dispose(), [controller]);

  // Before the first step, a changed setting applies at once; during a run, on Reset.
  const { restartNeeded, acknowledgeRestart } = hp;
  useEffect(() => {
    if (status === 'idle' && restartNeeded.length > 0 && cs.phase === 'ready') {
      acknowledgeRestart();
      void controller.apply(values);
    }
  }, [status, restartNeeded, acknowledgeRestart, cs.phase, controller, values]);

  const play = () => void runner?.play();
  const pause = () => runner?.pause();
  return {
    controller,
    cs,
    runner,
    rs,
    rootRef,
    valuesRef,
    applied: cs.applied ?? values,
    ready: cs.phase === 'ready' && runner != null,
    running,
    hasModel: status === 'running' || status === 'paused' || status === 'done',
    play,
    pause,
    step: () => void runner?.stepOnce(),
    reset: () => {
      acknowledgeRestart();
      void controller.apply(values);
    },
    toggle: () => (running ? pause() : play()),
    widgetStatus:
      cs.phase === 'ready'
        ? status
        : cs.phase === 'failed'
          ? 'error'
          : cs.phase === 'loading'
            ? 'loading'
            : 'idle',
    autoPause,
    autoPauseText: autoPauseMessage(autoPause),
    retryLoad: () => void controller.load(() => valuesRef.current),
  };
}
