/**
 * The sentiment widget's lifecycle outside React: lazy loading of the engine (tfjs, runtime,
 * model, data), the encoding of the corpus for the applied settings, the runner, predictions
 * for the "try your own sentence" box, and disposal. The component subscribes to it with
 * `useSyncExternalStore`.
 */
import type { LoadProgress } from '../../data';
import type { TrainingRunner } from '../../train';
import { encodeCorpus, encodeSentence, type EncodedCorpus, type EncodedSentence } from './encode';
import type { SentimentTask, TrainSettings, UciCorpus } from './engine';
import type { LoadPhase } from '../kit/useTrainingWidget';

type Engine = typeof import('./engine');

/** The settings a run is built from (the widget's schema values). */
export interface SentimentSettings extends TrainSettings {
  /** Pace of training (does not change the run's result). */
  speed: 'watch' | 'full';
  num_words: number;
  maxlen: number;
  padding: 'pre' | 'post';
  truncating: 'pre' | 'post';
}

/** Snapshot of the controller (immutable; a new object per change). */
export interface ControllerState {
  phase: LoadPhase;
  /** Fraction of the data downloaded, or null when unknown. */
  progress: number | null;
  /** Reader-facing message when loading failed. */
  loadError: string | null;
  /** Message about a bad `?backend=` value. */
  backendMessage: string | null;
  /** The corpus encoded with the applied settings. */
  encoded: EncodedCorpus | null;
  /** The settings the current run is built from. */
  applied: SentimentSettings | null;
  runner: TrainingRunner | null;
}

/** Result of {@link SentimentController.predict}. */
export interface Prediction extends EncodedSentence {
  /** P(positive), or null when there is no trained model yet. */
  probability: number | null;
}

const INITIAL: ControllerState = {
  phase: 'waiting',
  progress: null,
  loadError: null,
  backendMessage: null,
  encoded: null,
  applied: null,
  runner: null,
};

/** See the module comment. One controller per mounted widget. */
export class SentimentController {
  private state: ControllerState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private engine: Engine | null = null;
  private corpus: UciCorpus | null = null;
  private task: SentimentTask | null = null;
  private abort: AbortController | null = null;

  /** @param baseUrl - the site's base URL (import.meta.env.BASE_URL), where data/ lives. */
  constructor(private readonly baseUrl: string) {}

  getState = (): ControllerState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ControllerState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  /**
   * Downloads the engine and the data, then builds the encoding and the runner for the
   * settings `currentSettings()` returns when loading completes (the reader may change them,
   * or press Reset, while the download runs). Does nothing while loading or once loaded;
   * after a failure it tries again.
   */
  async load(currentSettings: () => SentimentSettings): Promise<void> {
    if (this.state.phase === 'loading' || this.state.phase === 'ready') return;
    const abort = new AbortController();
    this.abort = abort;
    this.set({ phase: 'loading', progress: 0, loadError: null });
    try {
      const engine = await import('./engine');
      const { corpus, backendMessage } = await engine.loadEngine(
        this.baseUrl,
        (p: LoadProgress) => this.set({ progress: p.total ? p.loaded / p.total : null }),
        abort.signal,
      );
      if (abort.signal.aborted) return;
      this.engine = engine;
      this.corpus = corpus;
      const runner = new engine.TrainingRunner(() => this.buildTask(), { evalEvery: 25 });
      const settings = currentSettings();
      this.set({
        phase: 'ready',
        progress: 1,
        backendMessage: backendMessage ?? null,
        encoded: encodeCorpus(corpus, encodingOf(settings)),
        applied: settings,
        runner,
      });
    } catch (err) {
      if (abort.signal.aborted) return;
      this.set({
        phase: 'failed',
        loadError: `The classifier could not start: ${(err as Error).message}`,
      });
    }
  }

  private buildTask(): SentimentTask {
    const { encoded, applied } = this.state;
    if (!this.engine || !encoded || !applied) throw new Error('The classifier is not loaded yet.');
    this.task = this.engine.buildTask(encoded, applied);
    return this.task;
  }

  /**
   * Makes `settings` the ones the next run is built from: re-encodes the corpus when a
   * tokenization setting changed and resets the runner (the current run is discarded).
   */
  async apply(settings: SentimentSettings): Promise<void> {
    if (this.state.phase !== 'ready' || !this.corpus) return;
    const { applied, encoded, runner } = this.state;
    const sameEncoding = applied && encoded && sameJson(encodingOf(applied), encodingOf(settings));
    this.set({
      applied: settings,
      encoded: sameEncoding ? encoded : encodeCorpus(this.corpus, encodingOf(settings)),
    });
    this.task = null;
    await runner?.reset();
  }

  /**
   * Tokens, ids and P(positive) of `text` with the current run's tokenizer and model.
   * @returns probability null when no model has been built yet (press Play or Step first).
   */
  async predict(text: string): Promise<Prediction | null> {
    const { encoded, runner } = this.state;
    if (!encoded) return null;
    const sentence = encodeSentence(encoded, text);
    const status = runner?.getState().status;
    const task = this.task;
    if (!task || status === 'idle' || status === 'initializing' || status === 'error') {
      return { ...sentence, probability: null };
    }
    const [p] = await task.predict(sentence.row);
    return { ...sentence, probability: p };
  }

  /** Stops loading, disposes the runner (and so every tensor of the run). Safe to call twice. */
  async dispose(): Promise<void> {
    this.abort?.abort();
    const runner = this.state.runner;
    this.task = null;
    this.set(INITIAL);
    await runner?.dispose();
  }
}

function encodingOf(s: SentimentSettings) {
  return { numWords: s.num_words, maxlen: s.maxlen, padding: s.padding, truncating: s.truncating };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
