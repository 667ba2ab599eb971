/**
 * word2vec (Mikolov et al. 2013a, "Efficient Estimation of Word Representations in Vector
 * Space"; 2013b, "Distributed Representations of Words and Phrases and their Compositionality")
 * as a {@link TrainingTask}, trained as large batches of tensor operations on the active tfjs
 * backend with plain SGD and sparse row updates, like the reference word2vec.c. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { evaluate as evaluateVectors, KeyedVectors } from '../../nlp/embeddings';
import { createRng } from '../../train/random';
import { restoreVariables, snapshotVariables } from '../../train/weights';
import type {
  DivergenceHint,
  StepOutput,
  TaskProgress,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from '../../train/types';
import {
  BatchStream,
  segmentPlan,
  segmentPlanBuffers,
  SkipGramRowSorter,
  type SegmentPlan,
  type SegmentPlanBuffers,
} from './batches';
import { resolveWord2VecConfig, type ResolvedWord2VecConfig, type Word2VecConfig } from './config';
import {
  applySparseUpdate,
  defaultSparseUpdate,
  gatherPlan,
  gatherRows,
  negativeSamplingParts,
  negativeSamplingStep,
  type GatherPlan,
  type SparseUpdate,
} from './ops';

/** Weight names in snapshots (word2vec.c's array names). */
export const WORD2VEC_WEIGHT_NAMES = ['syn0', 'syn1neg'] as const;

/** word2vec.c's floor of the learning rate, as a fraction of the starting alpha. */
export const ALPHA_FLOOR = 1e-4;

/**
 * word2vec.c's learning rate after `wordsDone` of `totalWords` corpus words (all epochs, counted
 * before subsampling): alpha · max(1e-4, 1 - wordsDone / (totalWords + 1)).
 */
export function learningRateAt(alpha: number, wordsDone: number, totalWords: number): number {
  return alpha * Math.max(ALPHA_FLOOR, 1 - wordsDone / (totalWords + 1));
}

/** The word2vec task, plus what the widget reads. */
export interface Word2VecTask extends TrainingTask {
  readonly config: Readonly<ResolvedWord2VecConfig>;
  /** The vocabulary in id order (row i of the matrices is `words[i]`). */
  readonly words: readonly string[];
  /** The sparse-update formulation in use on the active backend (fixed at init). */
  readonly sparseUpdate: SparseUpdate | null;
  /** Centre words trained on so far, after subsampling (word2vec.c's and gensim's count). */
  readonly effectiveWords: number;
  /** Corpus words read so far over all epochs, before subsampling (drives the learning rate). */
  readonly rawWords: number;
  /** True once every epoch has been trained. */
  readonly finished: boolean;
  /** One SGD step, synchronous, on the page's backend: loss and metrics as Scalars. */
  step(): StepOutput;
  /** Copy of the input vectors (syn0, the word vectors): float32 `[V * dim]`, row-major. */
  getEmbeddings(): Promise<Float32Array>;
  /**
   * The input vectors (syn0 rows) of `ids`, in order: float32 `[ids.length * dim]`, row-major,
   * read with one gather and an async `data()` (never `dataSync`), so a widget can follow a few
   * words while training runs. Duplicates are allowed; an empty list gives an empty array.
   * @throws RangeError if an id is not an integer in [0, V); Error before `init()` or after
   *   `dispose()`.
   */
  getVectors(ids: readonly number[]): Promise<Float32Array>;
  /**
   * {@link getVectors} read with `dataSync`: for a Web Worker, where blocking its own thread is
   * fine and keeps the read from interleaving with steps and other probes. Same errors.
   */
  getVectorsSync(ids: readonly number[]): Float32Array;
  /** The input vectors as src/nlp/embeddings KeyedVectors (neighbours, analogies, similarity). */
  keyedVectors(): Promise<KeyedVectors>;
}

/**
 * Creates a word2vec task. The config is validated now ({@link resolveWord2VecConfig}); the
 * variables are made by `init()`.
 *
 * The model, with V words, d = dim, K = negative, σ the logistic function:
 * - two tables: input vectors syn0 `[V, d]` (the word vectors), initialised uniform in
 *   [-0.5/d, 0.5/d] from `seed`, and output vectors syn1neg `[V, d]`, initialised to 0
 *   (word2vec.c `InitNet`);
 * - skip-gram: for each centre word w and each context word c within the dynamic window, the
 *   input vector h = syn0[c] predicts w (word2vec.c and gensim's direction); CBOW: h = the mean of
 *   the context words' input vectors (word2vec.c `cbow_mean = 1`) predicts w;
 * - negative sampling (Mikolov et al. 2013b, eq. 4): loss = -log σ(u_w · h) - Σ_k log σ(-u_k · h)
 *   over K noise words from unigram^0.75; the step's reported loss is its mean per row;
 * - plain SGD as word2vec.c (no Adam, no momentum): g_k = alpha_t (label_k - σ(u_k · h)),
 *   u_k += g_k h, and the input rows += Σ_k g_k u_k; for CBOW that whole step is added to EVERY
 *   context word's input vector, unscaled, as word2vec.c does (gensim divides it by the number of
 *   context words instead). alpha_t decays linearly from `alpha` to alpha · 1e-4 over all words
 *   of all epochs ({@link learningRateAt});
 * - batching: the only departure from word2vec.c's online SGD. `batchSize` rows are computed from
 *   the same weights, and the steps of rows that touch the same table row are summed (as
 *   word2vec.c's lock-free threads do, on a larger scale): `table[r] += Σ steps of r`, applied with
 *   the sparse formulation of ops.ts that is fastest on the backend. No autograd, no `[V, d]`
 *   gradient.
 *
 * Metrics per step: `words_per_second` (effective words of the batch over the time since the
 * previous step() call, so it includes the previous step's device work; 0 for the first step) and
 * `learning_rate`. `evaluate()` returns `analogy_accuracy`, `analogy_coverage` and
 * `similarity_spearman` on the config's evaluation set (src/nlp/embeddings `evaluate`), or `{}`
 * without one.
 *
 * Resume: `getTrainingState` saves syn0, syn1neg and the step; `optimizer` is always null, as
 * plain SGD has no slots. Everything else a step depends on (the batch stream's position and RNG:
 * subsampling, dynamic windows and noise words; the words read, which set alpha_t) follows from
 * the seed and the step, so `setTrainingState` REPLAYS the stream's `step` batches on the CPU
 * (no tensors; about as much work as the batching of those steps was) and the resumed run is the
 * same run.
 *
 * `progress().totalSteps` is an estimate (the number of rows depends on the subsampling and the
 * windows drawn) until the last batch, then the exact count, so the runner stops at the end.
 *
 * @throws TypeError / RangeError from config validation, naming the field.
 */
export function createWord2VecTask(config: Word2VecConfig): Word2VecTask {
  const cfg = resolveWord2VecConfig(config);
  const { vocabSize: V, dim: d, negative: K, batchSize: B, window } = cfg;
  const cbow = cfg.architecture === 'cbow';
  const W = 2 * window;
  let stream = new BatchStream(cfg.corpus, cfg);
  const expected = stream.expectedPerEpoch();
  const estimatedSteps = Math.max(1, Math.ceil((expected.rows * cfg.epochs) / (B * 0.97)));
  const scratch = new Int32Array(V + 1);
  // skip-gram, `segment`: the input row of each (pair, output) entry, for the plan that adds the
  // hidden-step parts g_k u_k straight into syn0 (ops.ts negativeSamplingParts)
  const inputPerOutput = new Int32Array(cbow ? 0 : B * (K + 1));
  const sorter = cbow ? null : new SkipGramRowSorter(B, K, V);
  // plan buffers reused every step (the plans only live until the step's tensors are made)
  const outBuffers = segmentPlanBuffers(V, B * (K + 1));
  const inBuffers = segmentPlanBuffers(V, cbow ? B * W : B * (K + 1));

  let syn0: tf.Variable | null = null;
  let syn1neg: tf.Variable | null = null;
  let labels: tf.Tensor2D | null = null;
  let mode: SparseUpdate | null = null;
  let partsOnBackend = false;
  let steps = 0;
  let effectiveWords = 0;
  let lastStepAt = 0;
  let disposed = false;

  const live = (): [tf.Variable, tf.Variable] => {
    if (disposed) throw new Error('word2vec: the task was disposed');
    if (!syn0 || !syn1neg) throw new Error('word2vec: call init() before training or evaluating');
    return [syn0, syn1neg];
  };

  const readInput = async (): Promise<Float32Array> => {
    const [input] = live();
    return Float32Array.from((await input.data()) as Float32Array);
  };

  const plansFor = (
    ids: Int32Array,
    mask: Float32Array | null,
    dataRows: number,
    buffers: SegmentPlanBuffers,
    dataIndex?: (i: number) => number,
  ): { plan: SegmentPlan | null; gplan: GatherPlan | null } => {
    if (mode === 'scatter') return { plan: null, gplan: null };
    const plan = segmentPlan(ids, mask, scratch, dataIndex, buffers);
    return { plan, gplan: mode === 'gather' ? gatherPlan(plan, dataRows, V) : null };
  };

  /** The syn0 rows of `ids` as a new `[n, d]` tensor (the caller disposes it); null for none. */
  const pickRows = (ids: readonly number[]): tf.Tensor | null => {
    const [input] = live();
    const rows = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= V) {
        throw new RangeError(
          `word2vec: getVectors ids must be integers in [0, ${V}), got ${String(id)} at index ${i}`,
        );
      }
      rows[i] = id;
    }
    if (rows.length === 0) return null;
    return tf.tidy(() => gatherRows(input as tf.Tensor2D, tf.tensor1d(rows, 'int32')));
  };

  const task: Word2VecTask = {
    name: 'word2vec',
    config: cfg,
    words: cfg.corpus.vocab.words,
    get sparseUpdate() {
      return mode;
    },
    get effectiveWords() {
      return effectiveWords;
    },
    get rawWords() {
      return stream.rawWordsDone;
    },
    get finished() {
      return stream.done;
    },
    divergenceHint: {
      // The config field (word2vec.c's name); the book writes the learning rate η.
      knob: 'alpha',
      advice:
        cfg.architecture === 'cbow'
          ? 'Lower the learning rate η or the batch size: CBOW adds each step to every context word, so it trains at η = 0.05 with 1,024 rows per step, or 0.025 with 4,096.'
          : 'Lower the learning rate η (word2vec.c uses 0.025 for skip-gram) or the batch size (4,096 pairs train well).',
      // The loss starts at (K + 1) ln 2 per row; far above that the vectors have blown up.
      maxLoss: Math.max(50, 10 * (K + 1)),
    } satisfies DivergenceHint,

    init(): void {
      if (disposed) throw new Error('word2vec: the task was disposed');
      if (syn0) return;
      const rng = createRng(`${cfg.seed}/word2vec-init`);
      const init = new Float32Array(V * d);
      for (let i = 0; i < init.length; i++) init[i] = (rng.next() - 0.5) / d;
      mode = cfg.sparseUpdate === 'auto' ? defaultSparseUpdate(tf.getBackend()) : cfg.sparseUpdate;
      partsOnBackend = tf.getBackend() === 'wasm';
      const lab = new Float32Array(B * (K + 1));
      for (let r = 0; r < B; r++) lab[r * (K + 1)] = 1;
      [syn0, syn1neg] = tf.tidy(() => [
        tf.variable(tf.tensor2d(init, [V, d]), true),
        tf.variable(tf.zeros([V, d]), true),
      ]);
      labels = tf.tensor2d(lab, [B, K + 1]);
    },

    step(): StepOutput {
      const [input, output] = live();
      if (stream.done) {
        throw new Error(`word2vec: training is finished (${cfg.epochs} epochs); press Reset`);
      }
      const lrValue = learningRateAt(cfg.alpha, stream.rawWordsDone, stream.totalRawWords);
      const batch = stream.next();
      const rows = batch.rows;
      effectiveWords += batch.words;
      const now = typeof performance !== 'undefined' ? performance.now() : Date.now();
      const rate = lastStepAt > 0 ? (batch.words * 1000) / Math.max(1e-3, now - lastStepAt) : 0;
      lastStepAt = now;
      steps++;
      // skip-gram with a segment plan on wasm: one segment sum per table, over B·(K+1) rows each
      // (on cpu, whose SparseSegmentSum runs per element in JS, summing over k first is faster)
      const partsPlan = !cbow && mode === 'segment' && partsOnBackend;
      let inPlans: ReturnType<typeof plansFor>;
      if (partsPlan) {
        sorter!.sort(batch);
        for (let r = 0, e = 0; r < B; r++) {
          const id = batch.inputIds[r];
          for (let k = 0; k <= K; k++) inputPerOutput[e++] = id;
        }
        inPlans = plansFor(inputPerOutput, batch.outputMask, B * (K + 1), inBuffers);
      } else if (cbow) {
        inPlans = plansFor(batch.inputIds, batch.inputMask, B, inBuffers, (i) => Math.floor(i / W));
      } else {
        inPlans = plansFor(batch.inputIds.subarray(0, rows), null, B, inBuffers);
      }
      const outPlans = plansFor(batch.outputIds, batch.outputMask, B * (K + 1), outBuffers);
      const loss = tf.tidy(() => {
        const outIds = tf.tensor1d(batch.outputIds, 'int32');
        const mask = tf.tensor2d(batch.outputMask, [B, K + 1]);
        const inIds = tf.tensor1d(batch.inputIds, 'int32');
        let hidden: tf.Tensor2D;
        let slotMask: tf.Tensor2D | null = null;
        if (cbow) {
          slotMask = tf.tensor2d(batch.inputMask, [B * W, 1]);
          const ctx = tf.reshape(tf.mul(gatherRows(input as tf.Tensor2D, inIds), slotMask), [
            B,
            W,
            d,
          ]);
          hidden = tf.mul(tf.sum(ctx, 1), tf.tensor2d(batch.inputScale, [B, 1]));
        } else {
          hidden = gatherRows(input as tf.Tensor2D, inIds);
        }
        const outputs = tf.reshape(gatherRows(output as tf.Tensor2D, outIds), [
          B,
          K + 1,
          d,
        ]) as tf.Tensor3D;
        const x = { hidden, outputs, mask, labels: labels!, lr: tf.scalar(lrValue) };
        if (partsPlan) {
          const { lossSum, hiddenParts, outputStep } = negativeSamplingParts(x);
          applySparseUpdate(output, outputStep, mode!, null, outPlans.plan, null);
          applySparseUpdate(input, hiddenParts, mode!, null, inPlans.plan, null);
          return tf.div(lossSum, Math.max(1, rows)) as tf.Scalar;
        }
        const { lossSum, hiddenStep, outputStep } = negativeSamplingStep(x);
        applySparseUpdate(output, outputStep, mode!, outIds, outPlans.plan, outPlans.gplan);
        if (cbow && mode === 'scatter') {
          const perSlot = tf.mul(
            tf.reshape(tf.tile(tf.expandDims(hiddenStep, 1), [1, W, 1]), [B * W, d]),
            slotMask!,
          ) as tf.Tensor2D;
          applySparseUpdate(input, perSlot, mode, inIds, null, null);
        } else {
          applySparseUpdate(input, hiddenStep, mode!, inIds, inPlans.plan, inPlans.gplan);
        }
        return tf.div(lossSum, Math.max(1, rows)) as tf.Scalar;
      });
      return {
        loss,
        metrics: {
          words_per_second: tf.scalar(rate),
          learning_rate: tf.scalar(lrValue),
        },
      };
    },

    async evaluate(): Promise<Record<string, number>> {
      live();
      const set = cfg.evaluationSet;
      if (!set) return {};
      const result = evaluateVectors(await task.keyedVectors(), set);
      return {
        analogy_accuracy: result.analogy.accuracy,
        analogy_coverage: result.analogy.coverage,
        similarity_spearman: result.similarity.spearman,
      };
    },

    progress(): TaskProgress {
      const stepsPerEpoch = Math.max(1, Math.round(estimatedSteps / cfg.epochs));
      return {
        step: steps,
        epoch: stream.rawWordsDone / Math.max(1, cfg.corpus.ids.length),
        stepsPerEpoch,
        totalSteps: stream.done ? steps : Math.max(estimatedSteps, steps + 1),
      };
    },

    getEmbeddings: readInput,

    async getVectors(ids: readonly number[]): Promise<Float32Array> {
      const picked = pickRows(ids);
      if (!picked) return new Float32Array(0);
      try {
        return Float32Array.from((await picked.data()) as Float32Array);
      } finally {
        picked.dispose();
      }
    },

    getVectorsSync(ids: readonly number[]): Float32Array {
      const picked = pickRows(ids);
      if (!picked) return new Float32Array(0);
      try {
        return Float32Array.from(picked.dataSync() as Float32Array);
      } finally {
        picked.dispose();
      }
    },

    async keyedVectors(): Promise<KeyedVectors> {
      return new KeyedVectors(await readInput(), d, cfg.corpus.vocab.words);
    },

    getWeights(): Promise<WeightSnapshot> {
      return snapshotVariables(WORD2VEC_WEIGHT_NAMES, live());
    },

    setWeights(snapshot: WeightSnapshot): void {
      restoreVariables('word2vec', WORD2VEC_WEIGHT_NAMES, live(), snapshot);
    },

    async getTrainingState(): Promise<TrainingState> {
      const step = steps;
      return { weights: await task.getWeights(), optimizer: null, step };
    },

    async setTrainingState(state: TrainingState): Promise<void> {
      const variables = live();
      const step = state.step;
      if (!Number.isInteger(step) || step < 0) {
        throw new RangeError(`word2vec: the step must be an integer >= 0, got ${step}`);
      }
      if (state.optimizer && Object.keys(state.optimizer).length > 0) {
        throw new RangeError('word2vec: plain SGD has no optimiser state to restore');
      }
      // Replay the batches of `step` steps on a fresh stream (same seed: same RNG draws).
      const replay = new BatchStream(cfg.corpus, cfg);
      let words = 0;
      for (let i = 0; i < step; i++) {
        if (replay.done) {
          throw new RangeError(`word2vec: the step ${step} is past the end of training (${i})`);
        }
        words += replay.next().words;
      }
      restoreVariables('word2vec', WORD2VEC_WEIGHT_NAMES, variables, state.weights);
      stream = replay;
      steps = step;
      effectiveWords = words;
      lastStepAt = 0;
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      for (const t of [syn0, syn1neg, labels]) t?.dispose();
      syn0 = syn1neg = null;
      labels = null;
    },
  };
  return task;
}
