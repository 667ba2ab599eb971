/**
 * The `word2vec` task kind of the widget's worker (./word2vec.worker.ts). Its task prepares its
 * own corpus at `init` (./corpusHost.ts: usually already prepared for the page's facts, so
 * nothing crosses the boundary) and then trains `createWord2VecTask`. The `calls` are the probes
 * the page makes between steps: the vectors of a few words (transferred), neighbours, analogies
 * and the evaluation, all answered here from the vectors on the worker's backend.
 *
 * Runs in the worker only.
 */
import { createWord2VecTask, type Word2VecTask } from '../../models/word2vec';
import {
  evaluate,
  MOBY_DICK_EVALUATION_SET,
  OutOfVocabularyError,
  SOTU_EVALUATION_SET,
  type KeyedVectors,
  type WordScore,
} from '../../nlp/embeddings';
import type { TaskKind } from '../../train/worker/host';
import { transfer } from '../../train/worker/rpc';
import type { StepOutput, TaskProgress, TrainingTask, WeightSnapshot } from '../../train/types';
import * as tf from '@tensorflow/tfjs';
import { preparedCorpus } from './corpusHost';
import type { AllVectors, EvaluationProbe, QueryAnswer, Word2VecWorkerConfig } from './types';

/**
 * A whole-table snapshot (one ~5 MB read at SOTU's defaults) is reused for neighbours and
 * analogies while no step was taken since, or for this long.
 */
export const SNAPSHOT_MAX_AGE_MS = 1500;

/**
 * word2vec as the worker runs it: builds the corpus and the task at `init`, then delegates.
 * `step()` adds the metric `effective_words` (centre words trained so far, after subsampling)
 * so the page can measure words per second over its own window.
 */
export class WorkerWord2VecTask implements TrainingTask {
  private inner: Word2VecTask | null = null;
  private snapshot: { step: number; at: number; kv: KeyedVectors } | null = null;

  /** @param config - see {@link Word2VecWorkerConfig}; validated at `init`. */
  constructor(readonly config: Word2VecWorkerConfig) {}

  get name(): string {
    return 'word2vec';
  }

  get divergenceHint() {
    return (
      this.inner?.divergenceHint ?? { knob: 'alpha', advice: 'Lower the learning rate η (alpha).' }
    );
  }

  /** The task once `init` has built it. @throws Error before. */
  get task(): Word2VecTask {
    if (!this.inner) throw new Error('word2vec: call init() first');
    return this.inner;
  }

  /** @throws RangeError / TypeError from the corpus or the model's config validation. */
  async init(): Promise<void> {
    if (this.inner) return;
    const { corpus: source, ...hp } = this.config;
    const { corpus } = await preparedCorpus(source);
    const task = createWord2VecTask({ ...hp, corpus });
    task.init();
    this.inner = task;
  }

  step(): StepOutput {
    const t = this.task;
    const out = t.step();
    this.snapshot = null;
    return { ...out, metrics: { ...out.metrics, effective_words: tf.scalar(t.effectiveWords) } };
  }

  evaluate(): Promise<Record<string, number>> {
    return this.task.evaluate();
  }

  progress(): TaskProgress {
    return this.inner?.progress() ?? { step: 0, epoch: 0, stepsPerEpoch: 1, totalSteps: null };
  }

  getWeights(): Promise<WeightSnapshot> {
    return this.task.getWeights();
  }

  setWeights(w: WeightSnapshot): void {
    this.task.setWeights(w);
    this.snapshot = null;
  }

  /** The input vectors as KeyedVectors, re-read at most every {@link SNAPSHOT_MAX_AGE_MS}. */
  async keyedVectors(): Promise<KeyedVectors> {
    const step = this.task.progress().step;
    const s = this.snapshot;
    if (s && (s.step === step || performance.now() - s.at < SNAPSHOT_MAX_AGE_MS)) return s.kv;
    const kv = await this.task.keyedVectors();
    this.snapshot = { step, at: performance.now(), kv };
    return kv;
  }

  dispose(): void {
    this.snapshot = null;
    this.inner?.dispose();
    this.inner = null;
  }
}

/** Runs a KeyedVectors query; an out-of-vocabulary word is an answer (its class would not survive the trip). */
async function ask(
  task: WorkerWord2VecTask,
  q: (kv: KeyedVectors) => WordScore[],
): Promise<QueryAnswer> {
  const kv = await task.keyedVectors();
  try {
    return { scores: q(kv) };
  } catch (err) {
    if (err instanceof OutOfVocabularyError) return { oov: err.words };
    throw err;
  }
}

/** word2vec as a worker task kind. */
export const word2vecKind: TaskKind<Word2VecWorkerConfig, WorkerWord2VecTask> = {
  create: (config) => new WorkerWord2VecTask(config),
  describe: (t) => ({ sparseUpdate: t.task.sparseUpdate, vocabSize: t.task.config.vocabSize }),
  calls: {
    /**
     * The input vectors of `ids` (int32), row-major float32 `[ids.length * dim]`, transferred.
     * Read synchronously (this worker only): no step or probe runs while its gather lives.
     */
    vectors(t, ids: Int32Array) {
      const v = t.task.getVectorsSync(Array.from(ids));
      return transfer({ vectors: v, dim: t.task.config.dim }, [v.buffer]);
    },
    /**
     * Every input vector, for the Embedding Projector export: the vocabulary in id order (row i
     * is `words[i]`) and row-major float32 `[words.length * dim]`, transferred, with the step
     * they were read at. Read synchronously, like `vectors`.
     */
    allVectors(t): AllVectors {
      const words = t.task.config.corpus.vocab.words;
      const v = t.task.getVectorsSync(Array.from(words, (_, i) => i));
      const { step } = t.task.progress();
      return transfer({ words: [...words], vectors: v, dim: t.task.config.dim, step }, [v.buffer]);
    },
    /** The `topn` nearest words to `word` by cosine (gensim `most_similar`). */
    mostSimilar: (t, word: string, topn: number) => ask(t, (kv) => kv.mostSimilar(word, topn)),
    /** 3CosAdd answers to a : b :: c : ?. */
    analogy: (t, a: string, b: string, c: string, topn: number) =>
      ask(t, (kv) => kv.analogy(a, b, c, topn)),
    /** Analogy accuracy and similarity correlation on the corpus's evaluation set. */
    async evaluate(t): Promise<EvaluationProbe> {
      const set = t.config.corpus.name === 'moby' ? MOBY_DICK_EVALUATION_SET : SOTU_EVALUATION_SET;
      const { step, epoch } = t.task.progress();
      const finished = t.task.finished;
      return { result: evaluate(await t.keyedVectors(), set), step, epoch, finished };
    },
  },
};
