/**
 * How the kit runs chapter 8's word2vec: the data of a run is the corpus prepared IN the model's
 * worker (./corpusPort.ts; the page gets only the vocabulary and counts), the task kind
 * `word2vec` of ./word2vec.worker.ts, and the widget's own state (what is being prepared, the
 * training clock, words per second, the evaluations: see ./session.ts). See src/widgets/kit.
 */
import type { EvaluationResult, EvaluationSet } from '../../nlp/embeddings';
import type { RunnerOptions } from '../../train';
import type { WorkerLike } from '../../train/worker/rpc';
import { TrainingController, type TrainingSpec } from '../kit';
import { Word2VecWorkers } from './corpusPort';
import { toConfig, type Word2VecSettings } from './schema';
import type { CorpusFacts, CorpusSource, PrepareProgress } from './types';

/** The data of a run: where the corpus is, its facts, and word → row. */
export interface Word2VecData {
  source: CorpusSource;
  facts: CorpusFacts;
  /** word → row of the vectors, for the projection's words. */
  index: ReadonlyMap<string, number>;
}

/** An evaluation of the vectors at some point of the run. */
export interface EvaluationSnapshot {
  result: EvaluationResult;
  set: EvaluationSet;
  step: number;
  epoch: number;
  seconds: number;
}

/** Scores over the run (parallel arrays). */
export interface EvaluationHistoryData {
  epoch: readonly number[];
  accuracy: readonly number[];
  spearman: readonly number[];
}

/** The widget's own state in the controller's store. */
export interface Word2VecExtra {
  /** What is being prepared now, in words (e.g. "Tokenizing Moby Dick"), or null. */
  activity: string | null;
  /** True while a new corpus or minCount is prepared after an apply (the trainer waits). */
  preparing: boolean;
  /** Seconds spent training in this run (paused time excluded). */
  trainSeconds: number;
  /**
   * Centre words trained per second of training time (after subsampling, as word2vec.c counts
   * them) over the last few seconds; null until a window of at least a second exists.
   */
  wordsPerSecond: number | null;
  /** The latest evaluation of this run, or null before the first. */
  evaluation: EvaluationSnapshot | null;
  /** Every evaluation of this run, for the chart. */
  evalHistory: EvaluationHistoryData;
}

const INITIAL_EXTRA: Word2VecExtra = {
  activity: null,
  preparing: false,
  trainSeconds: 0,
  wordsPerSecond: null,
  evaluation: null,
  evalHistory: { epoch: [], accuracy: [], spearman: [] },
};

/** The widget's controller. */
export type Word2VecController = TrainingController<Word2VecSettings, Word2VecData, Word2VecExtra>;

/** Reader-facing words for a preparation step. */
export function activityText(corpus: string, p: PrepareProgress): string {
  const what = corpus === 'moby' ? 'Moby Dick' : 'the State of the Union addresses';
  if (p.phase === 'download') {
    return `Downloading ${what}${p.fraction != null ? ` (${Math.round(p.fraction * 100)}%)` : ''}`;
  }
  if (p.phase === 'tokenize') return `Tokenizing ${what}`;
  return `Building the vocabulary of ${what}`;
}

/** The site's base URL made absolute (the worker resolves relative URLs against its script). */
function absolute(baseUrl: string): string {
  return typeof location !== 'undefined' ? new URL(baseUrl, location.href).href : baseUrl;
}

/**
 * A controller for one mounted widget, and the workers it prepares corpora in (dispose them on
 * unmount along with the controller).
 * @param baseUrl - the site's base URL (import.meta.env.BASE_URL), where data/ lives.
 * @param options.create - starts a model worker (default: ./word2vec.worker.ts); tests pass a fake.
 * @param options.runnerOptions - merged into the runner's options (tests pass a scheduler).
 */
export function createWord2VecController(
  baseUrl: string,
  options: { create?: () => WorkerLike; runnerOptions?: RunnerOptions } = {},
): { controller: Word2VecController; workers: Word2VecWorkers } {
  const create =
    options.create ??
    (() =>
      new Worker(new URL('./word2vec.worker.ts', import.meta.url), {
        type: 'module',
        name: 'word2vec',
      }));
  const workers = new Word2VecWorkers(create);
  // eslint-disable-next-line prefer-const -- assigned once below; prepare() reads it later
  let controller: Word2VecController;
  const spec: TrainingSpec<Word2VecSettings, Word2VecData, Word2VecExtra> = {
    id: 'word2vec',
    what: 'the word2vec model',
    taskKind: 'word2vec',
    spawnWorker: () => workers.spawn(),
    async prepare(settings, { previous, signal, onProgress, baseUrl: base }) {
      const source: CorpusSource = {
        baseUrl: absolute(base),
        name: settings.corpus,
        minCount: settings.minCount,
      };
      const p = previous?.source;
      if (previous && p?.name === source.name && p.minCount === source.minCount) return previous;
      const loading = controller.getState().phase === 'loading';
      controller.update({
        preparing: !loading,
        activity: activityText(source.name, { phase: 'download', fraction: null }),
      });
      try {
        const facts = await workers.prepare(source, (progress) => {
          if (signal.aborted) return;
          onProgress(progress.fraction);
          controller.update({ activity: activityText(source.name, progress) });
        });
        return { source, facts, index: new Map(facts.words.map((w, i) => [w, i])) };
      } finally {
        if (!signal.aborted) controller.update({ preparing: false, activity: null });
      }
    },
    taskConfig: (data, settings) => toConfig(settings, data.source),
    initialExtra: INITIAL_EXTRA,
    // Checkpoints copy both tables off the device (~10 MB at SOTU's defaults): not too often.
    runnerOptions: { checkpointEveryMs: 30_000, ...options.runnerOptions },
  };
  controller = new TrainingController(spec, baseUrl);
  return { controller, workers };
}
