/**
 * The neural LM widget's lifecycle outside React: lazy loading of the engine (tfjs, runtime,
 * model, corpus), the encoding for the applied settings, the runner, the n-gram baselines (from
 * the page's n-gram service, on the same targets), generated samples, and disposal. The
 * component subscribes with `useSyncExternalStore`.
 */
import type { LoadProgress } from '../../data';
import type { TrainingRunner } from '../../train';
import { acquireNgramService, type NgramLease } from '../common/ngram-service';
import type { LmCorpus, LmData, NeuralLmTask } from './engine';
import type { NeuralLmSettings } from './schema';
import type { LoadPhase } from '../kit/useTrainingWidget';

type Engine = typeof import('./engine');

/** Held-out perplexities of the n-gram models of the run's order, on the run's targets. */
export interface Baselines {
  order: number;
  /** Infinity when some target has probability 0 (never NaN). */
  mle: number | null;
  laplace: number | null;
  kneserNey: number | null;
  /** Reader-facing message when the n-gram service failed. */
  error: string | null;
}

/** Facts about the data of the current run. */
export interface DataInfo {
  vocabSize: number;
  trainTokens: number;
  trainExamples: number;
  evalTargets: number;
  /** Held-out targets before subsetting. */
  totalHeldout: number;
  subset: boolean;
}

/** Snapshot of the controller (immutable; a new object per change). */
export interface ControllerState {
  phase: LoadPhase;
  progress: number | null;
  loadError: string | null;
  backendMessage: string | null;
  applied: NeuralLmSettings | null;
  runner: TrainingRunner | null;
  info: DataInfo | null;
  parameterCount: number | null;
  baselines: Baselines | null;
  /** The latest generated sample, or null. */
  sample: { words: string[]; step: number } | null;
  sampleError: string | null;
}

const INITIAL: ControllerState = {
  phase: 'waiting',
  progress: null,
  loadError: null,
  backendMessage: null,
  applied: null,
  runner: null,
  info: null,
  parameterCount: null,
  baselines: null,
  sample: null,
  sampleError: null,
};

/** Words per generated sample. */
export const SAMPLE_WORDS = 40;

/** See the module comment. One controller per mounted widget. */
export class NeuralLmController {
  private state: ControllerState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private engine: Engine | null = null;
  private corpus: LmCorpus | null = null;
  private data: LmData | null = null;
  private task: NeuralLmTask | null = null;
  private abort: AbortController | null = null;
  private sampling = false;
  private applying = 0;
  /** The targets the shown baselines are (being) computed for. */
  private baselinesFor: LmData['selection'] | null = null;
  /** The page's n-gram worker, held from the first baseline request until dispose(). */
  private ngramLease: NgramLease | null = null;

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
   * Downloads the engine and Moby Dick, prepares the arrays for `currentSettings()` (read when
   * loading completes) and builds the runner. Does nothing while loading or once loaded; after
   * a failure it tries again.
   */
  async load(currentSettings: () => NeuralLmSettings): Promise<void> {
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
      const settings = currentSettings();
      await this.prepare(settings);
      if (abort.signal.aborted) return;
      const runner = new engine.TrainingRunner(() => this.buildTask(), {
        evalEvery: 50,
        maxStepsPerFrame: 8,
      });
      this.set({
        phase: 'ready',
        progress: 1,
        backendMessage: backendMessage ?? null,
        runner,
      });
    } catch (err) {
      if (abort.signal.aborted) return;
      this.set({
        phase: 'failed',
        loadError: `The neural language model could not start: ${(err as Error).message}`,
      });
    }
  }

  /** Encodes the data for `settings` when the context size or the evaluation choice changed. */
  private async prepare(settings: NeuralLmSettings): Promise<void> {
    const { engine, corpus } = this;
    if (!engine || !corpus) return;
    const selection = engine.selectionOf(settings);
    const same =
      this.data &&
      this.data.contextSize === settings.ctx &&
      JSON.stringify(this.data.selection) === JSON.stringify(selection);
    if (!same) this.data = await engine.prepareData(corpus, settings.ctx, selection);
    const data = this.data!;
    const p = settings.ctx * settings.dim;
    const V = corpus.vocab.words.length;
    this.set({
      applied: settings,
      info: {
        vocabSize: V,
        trainTokens: corpus.trainTokens,
        trainExamples: data.train.targets.length,
        evalTargets: data.heldout.targets.length,
        totalHeldout: data.heldout.total,
        subset: selection.kind === 'subset',
      },
      parameterCount: V * settings.dim + p * settings.hidden + settings.hidden * (V + 1) + V,
      sample: null,
      sampleError: null,
    });
    void this.loadBaselines(settings.ctx + 1, data.selection);
  }

  /** Asks the page's n-gram service for MLE, Laplace and Kneser-Ney on the same targets. */
  private async loadBaselines(order: number, targets: LmData['selection']): Promise<void> {
    const b0 = this.state.baselines;
    if (b0 && b0.order === order && this.baselinesFor === targets && !b0.error) return;
    this.baselinesFor = targets;
    this.set({ baselines: { order, mle: null, laplace: null, kneserNey: null, error: null } });
    // Hold the page's n-gram worker while this widget lives; released in dispose().
    this.ngramLease ??= acquireNgramService(this.baseUrl);
    const service = this.ngramLease.service;
    const methods = [
      ['mle', 'mle'],
      ['laplace', 'laplace'],
      ['kneserNey', 'kneser-ney'],
    ] as const;
    try {
      await service.ready();
      for (const [key, method] of methods) {
        const r = await service.perplexity({ order, method, targets });
        const b = this.state.baselines;
        if (!b || b.order !== order || this.baselinesFor !== targets) return;
        this.set({ baselines: { ...b, [key]: r.perplexity } });
      }
    } catch (err) {
      const b = this.state.baselines;
      if (!b || b.order !== order || this.baselinesFor !== targets) return;
      this.set({
        baselines: {
          ...b,
          error: `The n-gram baselines are unavailable: ${(err as Error).message}`,
        },
      });
    }
  }

  private buildTask(): NeuralLmTask {
    const { applied } = this.state;
    if (!this.engine || !this.corpus || !this.data || !applied) {
      throw new Error('The neural language model is not loaded yet.');
    }
    this.task = this.engine.buildTask(this.corpus, this.data, applied);
    return this.task;
  }

  /** Makes `settings` the ones the next run is built from and resets the runner. */
  async apply(settings: NeuralLmSettings): Promise<void> {
    if (this.state.phase !== 'ready') return;
    const ticket = ++this.applying;
    this.task = null;
    await this.state.runner?.reset();
    if (ticket !== this.applying) return;
    await this.prepare(settings);
  }

  /**
   * Generates a sample with the current model (seeded by `seed`, at `temperature`).
   * Does nothing when there is no trained model yet or a sample is being drawn.
   */
  async generate(temperature: number, seed: number): Promise<void> {
    const task = this.task;
    const status = this.state.runner?.getState().status;
    if (!task || this.sampling || !status || ['idle', 'initializing', 'error'].includes(status)) {
      return;
    }
    this.sampling = true;
    try {
      const step = task.progress().step;
      const words = await task.generate(SAMPLE_WORDS, { temperature, seed });
      if (task === this.task) this.set({ sample: { words, step }, sampleError: null });
    } catch (err) {
      if (task === this.task) this.set({ sampleError: `No sample: ${(err as Error).message}` });
    } finally {
      this.sampling = false;
    }
  }

  /**
   * Stops loading, disposes the runner (and so every tensor of the run) and releases the n-gram
   * worker (terminated when no other widget holds it). Safe to call twice.
   */
  async dispose(): Promise<void> {
    this.abort?.abort();
    this.ngramLease?.release();
    this.ngramLease = null;
    const runner = this.state.runner;
    this.task = null;
    this.set(INITIAL);
    await runner?.dispose();
  }
}
