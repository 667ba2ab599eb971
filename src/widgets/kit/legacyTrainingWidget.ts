/** The pre-kit hook, kept only until every training widget runs on TrainingController (then deleted). */
import { useEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { RunnerState, TrainingRunner } from '../../train';
import type { Hyperparams, Schema } from '../../ui';
import {
  autoPauseMessage,
  useAutoPause,
  useNearViewport,
  useRunnerState,
  type AutoPauseReason,
} from './useRunner';

/** Where a widget's engine (tfjs, data, model) is: not asked for yet, loading, ready, or failed. */
export type LoadPhase = 'waiting' | 'loading' | 'ready' | 'failed';

/** The part of a training widget controller's state that the shared hook reads. */
export interface TrainingControllerState {
  phase: LoadPhase;
  /** Why loading failed, shown with "Try again". */
  loadError: string | null;
  /** A note about the backend (e.g. a fallback from WebGL), shown as a warning. */
  backendMessage: string | null;
  /** The run's runner once the engine is ready. */
  runner: TrainingRunner | null;
}

/**
 * The external store every training widget's controller is (see
 * src/widgets/sentiment-classifier/controller.ts): `load` fetches the engine and builds the first
 * run, `apply` rebuilds the run with new settings, `dispose` frees everything.
 */
export interface TrainingController<V, S extends TrainingControllerState> {
  subscribe: (listener: () => void) => () => void;
  getState: () => S;
  load(currentSettings: () => V): Promise<void>;
  apply(settings: V): Promise<void>;
  dispose(): Promise<void>;
}

/** What {@link useTrainingWidget} returns. */
export interface TrainingWidget<V, S extends TrainingControllerState> {
  /** The controller's state (re-rendered on every change). */
  cs: S;
  runner: TrainingRunner | null;
  /** The runner's state (10 Hz), or null before the first run exists. */
  rs: RunnerState | null;
  /** Attach to the widget's root element: drives loading near the screen and auto-pause. */
  rootRef: RefObject<HTMLDivElement | null>;
  /** The latest settings, for callbacks that must not re-subscribe on every change. */
  valuesRef: RefObject<V>;
  /** The engine is loaded and a run exists: the trainer buttons work. */
  ready: boolean;
  running: boolean;
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
 * @param controller - created once per mounted widget (e.g. `useState(() => new X(baseUrl))`).
 * @param hp - the widget's `useHyperparams` result.
 */
export function useTrainingWidget<V, S extends TrainingControllerState, Sch extends Schema>(
  controller: TrainingController<V, S>,
  hp: Hyperparams<Sch>,
): TrainingWidget<V, S> {
  const values = hp.values as V;
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
    cs,
    runner,
    rs,
    rootRef,
    valuesRef,
    ready: cs.phase === 'ready' && runner != null,
    running,
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
