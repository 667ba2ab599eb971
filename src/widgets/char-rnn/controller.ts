/**
 * The character-model widget's lifecycle outside React: lazy loading of the engine (runtime and
 * corpora) and of each corpus (cached), the model's Web Worker (started with the first run, kept
 * across Resets, replaced when it is lost, terminated on unmount), the runner, and the probes
 * that read the model between training steps (generated text, gate activations, per-step
 * gradient norms). Training and probes all run in the worker: the main thread only sends
 * requests and renders. Probes run one at a time through a queue; in the worker they interleave
 * with the runner's steps. The component subscribes with `useSyncExternalStore`.
 */
import type { LoadProgress } from '../../data';
import type { CharLmGateActivations } from '../../models/rnn/charLm';
import type { RnnCellType } from '../../models/rnn';
import type { TrainingRunner } from '../../train';
import type { LoadPhase } from '../kit/useTrainingWidget';
import type { WorkerMemory } from '../../train/worker/protocol';
import type { CharCorpus, TaskWorker, WorkerTask } from './engine';
import { registerWorkerHook, unregisterWorkerHook } from '../kit/workerHook';
import { CHAR_RNN_BATCH, type CharRnnSettings } from './schema';

type Engine = typeof import('./engine');

/** Facts about the corpus and model of the current run. */
export interface DataInfo {
  title: string;
  vocabSize: number;
  trainChars: number;
  heldoutChars: number;
  /** Steps per pass over the training text. */
  stepsPerEpoch: number;
  charsPerStep: number;
}

/** A generated text. */
export interface SampleView {
  prime: string;
  text: string;
  temperature: number;
  step: number;
  ms: number;
}

/** Gate activations of a passage. */
export interface GatesView {
  acts: CharLmGateActivations;
  cell: RnnCellType;
  step: number;
  ms: number;
}

/** One line of the gradient-norm chart. */
export interface GradSeries {
  /** Legend label, e.g. "this LSTM (step 300)" or "fresh RNN". */
  name: string;
  cell: RnnCellType;
  /** Freshly initialised (untrained) rather than the model being trained. */
  fresh: boolean;
  /** ||dL/dh_t||, t = 0 the first character. */
  norms: Float32Array;
}

/** Per-step gradient norms of the current model and fresh baselines on one passage. */
export interface GradView {
  passage: string;
  series: GradSeries[];
  step: number;
  /** Milliseconds of the longest single measurement (one model's forward + backward). */
  ms: number;
}

/** Snapshot of the controller (immutable; a new object per change). */
export interface ControllerState {
  phase: LoadPhase;
  progress: number | null;
  loadError: string | null;
  backendMessage: string | null;
  applied: CharRnnSettings | null;
  runner: TrainingRunner | null;
  info: DataInfo | null;
  parameterCount: number | null;
  /** The held-out passage the probes use unless the reader types another. */
  defaultPassage: string | null;
  sample: SampleView | null;
  sampleError: string | null;
  gates: GatesView | null;
  gradNorms: GradView | null;
  probeError: string | null;
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
  defaultPassage: null,
  sample: null,
  sampleError: null,
  gates: null,
  gradNorms: null,
  probeError: null,
};

/**
 * The runner publishes its progress (step counter, metrics) at most this often, in ms: four
 * times a second still reads as live, and each publication re-renders and repaints the numbers
 * (status changes and errors are published at once).
 */
export const PUBLISH_EVERY_MS = 250;

/** Characters per generated sample. */
export const SAMPLE_CHARS = 240;

/** Cells of the untrained baselines of the gradient chart (plus the run's own, when a GRU). */
const FRESH_CELLS: readonly RnnCellType[] = ['rnn', 'lstm'];

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const CELL_NAMES: Record<RnnCellType, string> = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' };

/** See the module comment. One controller per mounted widget. */
export class CharRnnController {
  private state: ControllerState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private engine: Engine | null = null;
  private readonly corpora = new Map<string, CharCorpus>();
  private corpus: CharCorpus | null = null;
  private task: WorkerTask | null = null;
  /** The model's worker (one per mounted widget; replaced after it is lost). */
  private worker: TaskWorker | null = null;
  private abort: AbortController | null = null;
  private applying = 0;
  /** Probes run one after another; `pending` stops a kind from queueing twice. */
  private probeChain: Promise<unknown> = Promise.resolve();
  private readonly pending = new Set<string>();
  /** Fresh-model gradient norms, keyed by everything they depend on. */
  private readonly freshCache = new Map<string, Float32Array>();

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

  /** The corpus `name`, downloaded once (with progress) and cached. */
  private async corpusFor(
    engine: Engine,
    name: CharRnnSettings['corpus'],
    signal: AbortSignal,
  ): Promise<CharCorpus> {
    const cached = this.corpora.get(name);
    if (cached) return cached;
    this.set({ progress: 0 });
    const c = await engine.loadCorpus(
      name,
      this.baseUrl,
      (p: LoadProgress) => this.set({ progress: p.total ? p.loaded / p.total : null }),
      signal,
    );
    this.corpora.set(name, c);
    return c;
  }

  /**
   * Downloads the engine and the corpus of `currentSettings()` (read when the engine is there),
   * starts the backend and builds the runner (kept across corpus changes). Does nothing while
   * loading or once loaded; after a failure it tries again.
   */
  async load(currentSettings: () => CharRnnSettings): Promise<void> {
    if (this.state.phase === 'loading' || this.state.phase === 'ready') return;
    const abort = new AbortController();
    this.abort = abort;
    this.set({ phase: 'loading', progress: 0, loadError: null });
    try {
      const engine = await import('./engine');
      const backendPromise = engine.selectBackendFromLocation();
      const settings = currentSettings();
      const corpus = await this.corpusFor(engine, settings.corpus, abort.signal);
      const backend = await backendPromise;
      if (abort.signal.aborted) return;
      this.engine = engine;
      this.prepare(corpus, settings);
      const runner =
        this.state.runner ??
        new engine.TrainingRunner(() => this.buildTask(), {
          evalEvery: 100,
          maxStepsPerFrame: 4,
          publishEveryMs: PUBLISH_EVERY_MS,
        });
      this.set({
        phase: 'ready',
        progress: 1,
        backendMessage: backend.message ?? null,
        runner,
      });
    } catch (err) {
      if (abort.signal.aborted) return;
      this.set({
        phase: 'failed',
        loadError: `The character model could not start: ${(err as Error).message}`,
      });
    }
  }

  /** Makes `corpus` and `settings` the ones the next run is built from. */
  private prepare(corpus: CharCorpus, settings: CharRnnSettings): void {
    this.corpus = corpus;
    const V = corpus.vocab.chars.length;
    const G = { rnn: 1, lstm: 4, gru: 3 }[settings.cell];
    const H = settings.hidden;
    let params = V * H + V;
    for (let l = 0; l < settings.layers; l++) {
      params += G * H * ((l === 0 ? V : H) + H) + 2 * G * H;
    }
    const trainChars = Array.from(corpus.trainText).length;
    const stream = Math.floor(trainChars / CHAR_RNN_BATCH);
    this.set({
      applied: settings,
      info: {
        title: corpus.title,
        vocabSize: V,
        trainChars,
        heldoutChars: Array.from(corpus.heldoutText).length,
        stepsPerEpoch: Math.max(0, Math.floor((stream - 1) / settings.seq)),
        charsPerStep: CHAR_RNN_BATCH * settings.seq,
      },
      parameterCount: params,
      defaultPassage: corpus.passage,
      sample: null,
      sampleError: null,
      gates: null,
      gradNorms: null,
      probeError: null,
    });
  }

  private buildTask(): WorkerTask {
    const { applied } = this.state;
    if (!this.engine || !this.corpus || !applied) {
      throw new Error('The character model is not loaded yet.');
    }
    this.task = this.engine.buildTask(this.workerFor(this.engine), this.corpus, applied);
    return this.task;
  }

  /** The live worker, started (or, after a lost context or crash, replaced) when needed. */
  private workerFor(engine: Engine): TaskWorker {
    if (this.worker?.alive) return this.worker;
    this.worker?.terminate();
    this.worker = engine.spawnCharWorker();
    registerWorkerHook('char-rnn', this);
    return this.worker;
  }

  /**
   * The worker's `tf.memory()` (its live tensors: the leak checks of the e2e test), or null when
   * no worker runs.
   */
  workerMemory(): Promise<WorkerMemory | null> {
    const w = this.worker;
    return w?.alive ? w.memory() : Promise.resolve(null);
  }

  /** Loses the current task's WebGL context (a test of recovery); null when there is no task. */
  loseWorkerContext(): Promise<boolean | null> {
    return this.task ? this.task.loseContext() : Promise.resolve(null);
  }

  /** True while the model's worker runs (for the e2e test of termination on unmount). */
  get workerAlive(): boolean {
    return this.worker?.alive ?? false;
  }

  /** Makes `settings` the ones the next run is built from (loading another corpus if needed). */
  async apply(settings: CharRnnSettings): Promise<void> {
    if (this.state.phase !== 'ready' || !this.engine) return;
    const ticket = ++this.applying;
    this.task = null;
    await this.state.runner?.reset();
    if (ticket !== this.applying) return;
    const abort = new AbortController();
    this.abort = abort;
    try {
      const corpus = await this.corpusFor(this.engine, settings.corpus, abort.signal);
      if (ticket !== this.applying || abort.signal.aborted) return;
      this.prepare(corpus, settings);
      this.set({ progress: 1 });
    } catch (err) {
      if (abort.signal.aborted) return;
      // "Try again" calls load(), which loads the corpus of the current settings.
      this.set({
        phase: 'failed',
        loadError: `The text could not be loaded: ${(err as Error).message}`,
      });
    }
  }

  /** Whether the current task has weights worth probing (a step was taken). */
  private probeable(): WorkerTask | null {
    const task = this.task;
    const status = this.state.runner?.getState().status;
    if (!task || !status || ['idle', 'initializing', 'error'].includes(status)) return null;
    return task;
  }

  /**
   * Queues `fn` after the probes already queued; a second request of the same `kind` while one
   * is waiting or running is dropped. Errors of a probe of an outdated task are ignored.
   */
  private enqueue(kind: string, fn: (task: WorkerTask) => Promise<void>): Promise<void> {
    if (this.pending.has(kind) || !this.probeable()) return Promise.resolve();
    this.pending.add(kind);
    const run = async () => {
      const task = this.probeable();
      if (!task) return;
      try {
        await fn(task);
      } catch (err) {
        if (task !== this.task) return;
        const message = `${(err as Error).message}`;
        if (kind === 'sample') this.set({ sampleError: `No sample: ${message}` });
        else this.set({ probeError: `Could not read the model: ${message}` });
      }
    };
    const p = this.probeChain.then(run).finally(() => this.pending.delete(kind));
    this.probeChain = p.catch(() => undefined);
    return p;
  }

  /** Generates {@link SAMPLE_CHARS} characters after `prime` at `temperature` (seeded). */
  generate(temperature: number, prime: string, seed: number): Promise<void> {
    return this.enqueue('sample', async (task) => {
      const step = task.progress().step;
      const t0 = now();
      // Yield by elapsed time: each yield lets the runner take a whole training step.
      const text = await task.call<string>('sample', SAMPLE_CHARS, {
        temperature,
        prime,
        seed,
        yieldAfterMs: 30,
      });
      if (task !== this.task) return;
      this.set({
        sample: { prime, text, temperature, step, ms: now() - t0 },
        sampleError: null,
      });
    });
  }

  /** Gate activations (every layer) of the current model over `passage`. */
  refreshGates(passage: string): Promise<void> {
    return this.enqueue('gates', async (task) => {
      const step = task.progress().step;
      const t0 = now();
      const acts = await task.call<CharLmGateActivations>('gateActivations', passage);
      if (task !== this.task) return;
      this.set({
        gates: { acts, cell: task.info.cell as RnnCellType, step, ms: now() - t0 },
        probeError: null,
      });
    });
  }

  /**
   * ||dL/dh_t|| over `passage` (loss at its last character) for the current model and for
   * freshly initialised RNN and LSTM models of the same size (and a GRU when the run is one);
   * the fresh ones are computed once per size, seed and passage. One model per yield.
   */
  refreshGradNorms(passage: string): Promise<void> {
    return this.enqueue('grad', async (task) => {
      const { engine, corpus, state } = this;
      const applied = state.applied;
      if (!engine || !corpus || !applied) return;
      const step = task.progress().step;
      const cell = task.info.cell as RnnCellType;
      let longest = 0;
      const timed = async (f: () => Promise<Float32Array>) => {
        const t0 = now();
        const r = await f();
        longest = Math.max(longest, now() - t0);
        return r;
      };
      const length = engine.probeLength(passage);
      const own = await timed(() =>
        task.call<Float32Array>('gradNormsPerStep', { text: passage, length }),
      );
      const series: GradSeries[] = [
        {
          name: `this ${CELL_NAMES[cell]} (step ${step.toLocaleString('en')})`,
          cell,
          fresh: false,
          norms: own,
        },
      ];
      const cells = cell === 'gru' ? [...FRESH_CELLS, 'gru' as const] : FRESH_CELLS;
      for (const c of cells) {
        if (task !== this.task) return;
        const key = JSON.stringify([
          corpus.name,
          c,
          applied.hidden,
          applied.layers,
          applied.init,
          applied.seed,
          passage,
        ]);
        let norms = this.freshCache.get(key);
        if (!norms) {
          norms = await timed(() => task.call<Float32Array>('freshGradNorms', c, passage, length));
          this.freshCache.set(key, norms);
        }
        series.push({ name: `fresh ${CELL_NAMES[c]}`, cell: c, fresh: true, norms });
      }
      if (task !== this.task) return;
      this.set({ gradNorms: { passage, series, step, ms: longest }, probeError: null });
    });
  }

  /**
   * Stops loading, disposes the runner (and so every tensor of the run) and terminates the
   * model's worker. Safe to call twice.
   */
  async dispose(): Promise<void> {
    this.abort?.abort();
    const runner = this.state.runner;
    this.task = null;
    this.set(INITIAL);
    await runner?.dispose();
    this.worker?.terminate();
    this.worker = null;
    unregisterWorkerHook('char-rnn', this);
  }
}
