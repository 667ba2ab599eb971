/**
 * How the kit runs chapter 9's character model: the data of a run (a corpus, downloaded and
 * encoded once per widget and kept for later runs), the model's Web Worker and task kind, the
 * runner's cadence, and the widget's own state (facts about the corpus, probe results). See
 * src/widgets/kit; the probes are in ./probes.ts.
 */
import type { CharSampleView } from '../common/CharSamplePanel';
import type { CharLmGateActivations } from '../../models/rnn/charLm';
import type { RnnCellType } from '../../models/rnn/types';
import type { TrainingController, TrainingSpec } from '../kit';
import type { CharCorpus } from './corpus';
import { CHAR_RNN_BATCH, CHAR_RNN_EVAL_EVERY, toConfig, type CharRnnSettings } from './schema';

/**
 * The runner publishes its progress (step counter, metrics) at most this often, in ms: twice a
 * second still reads as live, and each publication re-renders the widget, copies the run's
 * history for React and repaints the numbers (status changes and errors are published at once).
 */
export const PUBLISH_EVERY_MS = 500;

/**
 * The runner copies the weights to the page (its checkpoint for a lost WebGL context) at most
 * this often, in ms. Each copy is about 0.5 MB of ArrayBuffers at the default LSTM, garbage on
 * the page's main thread 5 s later at the runner's default: it counted towards the global
 * allocation limit that starts the page's major garbage collections (whose pauses were the
 * widget's main-thread long tasks). A lost context is rare; resuming 30 s back is acceptable.
 */
export const CHECKPOINT_EVERY_MS = 30_000;

/** The data of a run: the applied corpus. */
export interface CharRnnData {
  corpus: CharCorpus;
}

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

/** A sample drawn from the model (the shared panel's view). */
export type SampleView = CharSampleView;

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

/** The widget's own state in the controller's store (reset on every apply). */
export interface CharRnnExtra {
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

/** The character model's controller (one per mounted widget). */
export type CharRnnController = TrainingController<CharRnnSettings, CharRnnData, CharRnnExtra>;

/**
 * Trainable parameters of the model: one-hot input (no embedding), `layers` recurrent layers of
 * H units with G gate blocks each (RNN 1, LSTM 4, GRU 3; PyTorch's two bias vectors), and a dense
 * decoder H -> V.
 */
export function charRnnParameterCount(vocabSize: number, s: CharRnnSettings): number {
  const G = { rnn: 1, lstm: 4, gru: 3 }[s.cell];
  const H = s.hidden;
  let params = vocabSize * H + vocabSize;
  for (let l = 0; l < s.layers; l++) {
    params += G * H * ((l === 0 ? vocabSize : H) + H) + 2 * G * H;
  }
  return params;
}

/** The corpus facts and parameter count the widget shows for `corpus` and `s`. */
export function describeRun(corpus: CharCorpus, s: CharRnnSettings): Partial<CharRnnExtra> {
  const V = corpus.vocab.chars.length;
  const stream = Math.floor(corpus.trainChars / CHAR_RNN_BATCH);
  return {
    info: {
      title: corpus.title,
      vocabSize: V,
      trainChars: corpus.trainChars,
      heldoutChars: corpus.heldoutChars,
      stepsPerEpoch: Math.max(0, Math.floor((stream - 1) / s.seq)),
      charsPerStep: CHAR_RNN_BATCH * s.seq,
    },
    parameterCount: charRnnParameterCount(V, s),
    defaultPassage: corpus.passage,
  };
}

/**
 * The character model as the kit runs it (task kind `char-lm` in ./charRnn.worker.ts). One spec
 * per controller: it keeps every corpus it prepared, so switching back costs nothing.
 */
export function createCharRnnSpec(): TrainingSpec<CharRnnSettings, CharRnnData, CharRnnExtra> {
  const corpora = new Map<CharCorpus['name'], CharCorpus>();
  return {
    id: 'char-rnn',
    what: 'the character model',
    taskKind: 'char-lm',
    spawnWorker: () =>
      new Worker(new URL('./charRnn.worker.ts', import.meta.url), {
        type: 'module',
        name: 'char-rnn',
      }),
    async prepare(settings, { signal, onProgress, baseUrl }) {
      const cached = corpora.get(settings.corpus);
      if (cached) return { corpus: cached };
      const { loadCorpus } = await import('./corpus');
      const corpus = await loadCorpus(
        settings.corpus,
        baseUrl,
        (p) => onProgress(p.total ? p.loaded / p.total : null),
        signal,
      );
      corpora.set(settings.corpus, corpus);
      return { corpus };
    },
    taskConfig: (data, settings) => toConfig(settings, data.corpus),
    initialExtra: {
      info: null,
      parameterCount: null,
      defaultPassage: null,
      sample: null,
      sampleError: null,
      gates: null,
      gradNorms: null,
      probeError: null,
    },
    describe: (data, settings) => describeRun(data.corpus, settings),
    runnerOptions: {
      evalEvery: CHAR_RNN_EVAL_EVERY,
      maxStepsPerFrame: 4,
      publishEveryMs: PUBLISH_EVERY_MS,
      checkpointEveryMs: CHECKPOINT_EVERY_MS,
    },
  };
}
