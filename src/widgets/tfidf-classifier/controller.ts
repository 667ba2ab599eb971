/**
 * The TF-IDF classifier's lifecycle outside React: lazy loading of the engine and the corpora,
 * vectorizing in a Web Worker for the applied settings, the runner, the weights and confusion
 * matrix for the charts, the reader's text explained, and disposal. The component subscribes
 * with `useSyncExternalStore`.
 */
import type { LinearExplanation, WeightedTerm } from '../../models';
import type { TrainingRunner } from '../../train';
import type { LinearClassifierTask, TaskCorpus, TaskName, TrainSettings } from './engine';
import type { TransformedText, Vectorized, VectorizerSettings } from './protocol';
import { VectorizeClient } from './vectorizeClient';

type Engine = typeof import('./engine');

/** The settings a run is built from (the widget's schema values). */
export interface ClassifierSettings extends TrainSettings, VectorizerSettings {
  task: TaskName;
  speed: 'watch' | 'full';
}

/** Snapshot of the controller (immutable; a new object per change). */
export interface ClassifierState {
  phase: 'waiting' | 'loading' | 'ready' | 'failed';
  /** Fraction of the data downloaded, or null when unknown. */
  progress: number | null;
  /** True while the worker fits the vectorizer. */
  vectorizing: boolean;
  loadError: string | null;
  backendMessage: string | null;
  classNames: string[];
  vectorized: Vectorized | null;
  applied: ClassifierSettings | null;
  runner: TrainingRunner | null;
}

/** What the weight bars and the confusion matrix show. */
export interface Inspection {
  /** `[K]` lists of the terms with the largest weights per class. */
  top: WeightedTerm[][];
  /** `[K][K]` validation confusion matrix (rows true, columns predicted), or null before one. */
  confusion: number[][] | null;
}

/** The reader's text: its terms, and the model's reading of it when a model exists. */
export interface TextVerdict {
  transformed: TransformedText;
  explanation: LinearExplanation | null;
}

const INITIAL: ClassifierState = {
  phase: 'waiting',
  progress: null,
  vectorizing: false,
  loadError: null,
  backendMessage: null,
  classNames: [],
  vectorized: null,
  applied: null,
  runner: null,
};

const VECTORIZER_KEYS = [
  'task',
  'ngram',
  'min_df',
  'max_features',
  'sublinear_tf',
  'binary',
  'norm',
] as const;

/** Whether two settings need a new vectorization. */
export function sameVectorizer(a: ClassifierSettings, b: ClassifierSettings): boolean {
  return VECTORIZER_KEYS.every((k) => a[k] === b[k]);
}

/** See the module comment. One controller per mounted widget. */
export class ClassifierController {
  private state: ClassifierState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private engine: Engine | null = null;
  private readonly corpora = new Map<TaskName, TaskCorpus>();
  private readonly client = new VectorizeClient();
  private task: LinearClassifierTask | null = null;
  private abort: AbortController | null = null;
  /** Increases with every apply(); a late vectorization of older settings is dropped. */
  private generation = 0;

  /** @param baseUrl - the site's base URL (import.meta.env.BASE_URL), where data/ lives. */
  constructor(private readonly baseUrl: string) {}

  getState = (): ClassifierState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ClassifierState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  private async corpus(task: TaskName, signal: AbortSignal): Promise<TaskCorpus> {
    const cached = this.corpora.get(task);
    if (cached) return cached;
    const c = await this.engine!.loadTaskCorpus(
      task,
      this.baseUrl,
      (p) => this.set({ progress: p.total ? p.loaded / p.total : null }),
      signal,
    );
    this.corpora.set(task, c);
    return c;
  }

  /**
   * Downloads the engine and the corpus of the current task, vectorizes it and builds the
   * runner. Does nothing while loading or once loaded; after a failure it tries again.
   */
  async load(currentSettings: () => ClassifierSettings): Promise<void> {
    if (this.state.phase === 'loading' || this.state.phase === 'ready') return;
    const abort = new AbortController();
    this.abort = abort;
    this.set({ phase: 'loading', progress: 0, loadError: null });
    try {
      const engine = await import('./engine');
      this.engine = engine;
      const [backend] = await Promise.all([
        engine.selectBackendFromLocation(),
        this.corpus(currentSettings().task, abort.signal),
      ]);
      if (abort.signal.aborted) return;
      const runner = new engine.TrainingRunner(() => this.buildTask(), { evalEvery: 25 });
      this.set({ phase: 'ready', progress: 1, backendMessage: backend.message ?? null, runner });
      await this.apply(currentSettings());
    } catch (err) {
      if (abort.signal.aborted) return;
      this.set({
        phase: 'failed',
        loadError: `The classifier could not start: ${(err as Error).message}`,
      });
    }
  }

  private buildTask(): LinearClassifierTask {
    const { vectorized, applied, classNames } = this.state;
    if (!this.engine || !vectorized || !applied) {
      throw new Error('The features are not ready yet (the vectorizer is still running).');
    }
    this.task = this.engine.buildTask(vectorized, classNames.length, applied);
    return this.task;
  }

  /**
   * Makes `settings` the ones the next run is built from: loads the other corpus and
   * re-vectorizes (in the worker) when a task or vectorizer setting changed, and resets the
   * runner (the current run is discarded).
   * @throws nothing: failures become `loadError`.
   */
  async apply(settings: ClassifierSettings): Promise<void> {
    if (this.state.phase !== 'ready' || !this.abort) return;
    const generation = ++this.generation;
    const { applied, vectorized, runner } = this.state;
    this.task = null;
    await runner?.reset();
    if (applied && vectorized && sameVectorizer(applied, settings)) {
      this.set({ applied: settings });
      return;
    }
    this.set({ applied: settings, vectorized: null, vectorizing: true, loadError: null });
    try {
      const corpus = await this.corpus(settings.task, this.abort.signal);
      const result = await this.client.fit(corpus, settings);
      if (generation !== this.generation) return;
      this.set({ vectorized: result, vectorizing: false, classNames: corpus.classNames });
    } catch (err) {
      if (generation !== this.generation || this.abort.signal.aborted) return;
      this.set({
        vectorizing: false,
        loadError: `The features could not be computed: ${(err as Error).message}`,
      });
    }
  }

  /** Top terms per class and the latest validation confusion matrix of the current run. */
  async inspect(k: number): Promise<Inspection | null> {
    const task = this.task;
    const names = this.state.vectorized?.featureNames;
    const status = this.state.runner?.getState().status;
    if (!task || !names || status === 'idle' || status === 'initializing' || status === 'error') {
      return null;
    }
    return {
      top: await task.topTerms(k, names),
      confusion: task.lastEvaluation?.confusion ?? null,
    };
  }

  /** The reader's text through the fitted vectorizer and, once a model exists, the model. */
  async explain(text: string): Promise<TextVerdict | null> {
    const { vectorized, runner } = this.state;
    if (!vectorized || this.state.vectorizing) return null;
    const transformed = await this.client.transform(text);
    const task = this.task;
    const status = runner?.getState().status;
    if (!task || status === 'idle' || status === 'initializing' || status === 'error') {
      return { transformed, explanation: null };
    }
    const explanation = await task.explain(
      { indices: transformed.indices, values: transformed.values },
      vectorized.featureNames,
    );
    return { transformed, explanation };
  }

  /** Stops loading, terminates the worker, disposes the runner. Safe to call twice. */
  async dispose(): Promise<void> {
    this.abort?.abort();
    this.generation++;
    const runner = this.state.runner;
    this.task = null;
    this.client.dispose();
    this.set(INITIAL);
    await runner?.dispose();
  }
}
