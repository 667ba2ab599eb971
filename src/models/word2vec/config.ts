/**
 * Configuration of {@link createWord2VecTask}: defaults (word2vec.c's), limits and validation with
 * messages that name the field. No tfjs, no React, no DOM.
 */
import type { EvaluationSet } from '../../nlp/embeddings';
import type { Word2VecArchitecture } from './batches';
import type { Word2VecCorpus } from './corpus';
import type { SparseUpdate } from './ops';

/** Hyperparameters and data of a word2vec task. */
export interface Word2VecConfig {
  /** The corpus as ids (`prepareCorpus(sentences, minCount)`; do it in a Worker for SOTU). */
  corpus: Word2VecCorpus;
  /** `'skipgram'` (default, word2vec.c `-cbow 0`) or `'cbow'` (`-cbow 1`, cbow_mean = 1). */
  architecture?: Word2VecArchitecture;
  /** Maximum window, integer in [1, 10]; the effective window is uniform in 1..window. Default 5. */
  window?: number;
  /** Noise words per positive, integer in [1, 20]. Default 5. */
  negative?: number;
  /** Vector dimension d, integer in [2, 300]. Default 100. */
  dim?: number;
  /**
   * Starting learning rate η₀ of plain SGD, in (0, 1]; it decays linearly to alpha · 1e-4 over
   * all words of all epochs. Default 0.025 for both architectures: word2vec.c's for skip-gram;
   * word2vec.c gives CBOW 0.05, but with batched updates from stale weights CBOW at 0.05 diverged
   * on SOTU with 4,096 rows per step (chapter 8 says to switch the architecture alone), so CBOW
   * defaults to 0.025 too.
   */
  alpha?: number;
  /** Subsampling threshold in [0, 0.1]; 0 disables it. Default 1e-3 (word2vec.c, gensim). */
  sample?: number;
  /** Passes over the corpus, integer in [1, 100]. Default 5 (word2vec.c `-iter`). */
  epochs?: number;
  /**
   * Rows per step: (context, centre) pairs for skip-gram, centre words for CBOW; integer in
   * [64, 65536], and at least 2 · window. Default {@link WORD2VEC_DEFAULTS}.batchSize (4,096)
   * for skip-gram and `batchSizeCbow` (1,024) for CBOW, whose rows are whole windows: 1,024 CBOW
   * rows cover about as much text as 4,096 skip-gram pairs. Larger batches amortise the per-step
   * cost, but the steps of a frequent row are summed over the batch from stale weights: on SOTU at
   * alpha 0.025, 4,096 skip-gram pairs train as well as gensim while 16,384 diverged within 35
   * steps, and CBOW at alpha 0.05 diverged with 4,096 rows but trained with 1,024.
   */
  batchSize?: number;
  /** Seed of the initial vectors, subsampling, windows and negatives; integer >= 0. Default 1. */
  seed?: number;
  /** How rows are updated (see ops.ts); `'auto'` picks per backend. Default `'auto'`. */
  sparseUpdate?: 'auto' | SparseUpdate;
  /** Analogy questions and similarity pairs that `evaluate()` scores (src/nlp/embeddings). */
  evaluationSet?: EvaluationSet;
}

/** A config with every default filled in. */
export type ResolvedWord2VecConfig = Required<Omit<Word2VecConfig, 'evaluationSet'>> & {
  evaluationSet: EvaluationSet | null;
  /** V, the vocabulary size. */
  vocabSize: number;
};

/**
 * Defaults: word2vec.c's, except the batch (there is none in word2vec.c: it is online SGD) and
 * CBOW's learning rate (0.025, not 0.05).
 */
export const WORD2VEC_DEFAULTS = {
  architecture: 'skipgram',
  window: 5,
  negative: 5,
  dim: 100,
  alphaSkipgram: 0.025,
  /** word2vec.c's CBOW default is 0.05; see {@link Word2VecConfig.alpha} for why this is 0.025. */
  alphaCbow: 0.025,
  sample: 1e-3,
  minCount: 5,
  epochs: 5,
  batchSize: 4096,
  batchSizeCbow: 1024,
  seed: 1,
} as const;

/** Bounds of the hyperparameters (the widget's schema uses the same ones). */
export const WORD2VEC_LIMITS = {
  window: [1, 10],
  negative: [1, 20],
  dim: [2, 300],
  alpha: [0, 1],
  sample: [0, 0.1],
  minCount: [1, 1000],
  epochs: [1, 100],
  batchSize: [64, 65536],
  seed: [0, 2 ** 32 - 1],
} as const;

/** Largest table accepted (2 · V · d floats: 256 MiB of float32). */
export const MAX_WORD2VEC_PARAMS = 64 * 1024 * 1024;

const PREFIX = 'word2vec:';

function integer(name: string, value: unknown, [min, max]: readonly [number, number]): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${PREFIX} ${name} must be an integer in [${min}, ${max}], got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Fills in defaults and validates every field.
 * @throws TypeError for a missing corpus or a wrong type; RangeError for a value out of range
 *   (naming the field and the range), an empty corpus, or a model over
 *   {@link MAX_WORD2VEC_PARAMS}.
 */
export function resolveWord2VecConfig(config: Word2VecConfig): ResolvedWord2VecConfig {
  if (typeof config !== 'object' || config === null) {
    throw new TypeError(`${PREFIX} config must be an object`);
  }
  const { corpus } = config;
  if (
    !corpus ||
    !(corpus.ids instanceof Int32Array) ||
    !(corpus.sentenceStarts instanceof Int32Array) ||
    !corpus.vocab
  ) {
    throw new TypeError(`${PREFIX} corpus must come from prepareCorpus(sentences, minCount)`);
  }
  const vocabSize = corpus.vocab.words.length;
  if (vocabSize < 2 || corpus.ids.length < 2) {
    throw new RangeError(
      `${PREFIX} the corpus has ${corpus.ids.length} tokens of ${vocabSize} words; word2vec needs at least 2 of each (lower minCount or use a longer text)`,
    );
  }
  const L = WORD2VEC_LIMITS;
  const D = WORD2VEC_DEFAULTS;
  const architecture = config.architecture ?? D.architecture;
  if (architecture !== 'skipgram' && architecture !== 'cbow') {
    throw new RangeError(
      `${PREFIX} architecture must be 'skipgram' or 'cbow', got ${String(architecture)}`,
    );
  }
  const window = integer('window', config.window ?? D.window, L.window);
  const negative = integer('negative', config.negative ?? D.negative, L.negative);
  const dim = integer('dim', config.dim ?? D.dim, L.dim);
  const epochs = integer('epochs', config.epochs ?? D.epochs, L.epochs);
  const batchSize = integer(
    'batchSize',
    config.batchSize ?? (architecture === 'cbow' ? D.batchSizeCbow : D.batchSize),
    L.batchSize,
  );
  const seed = integer('seed', config.seed ?? D.seed, L.seed);
  if (batchSize < 2 * window) {
    throw new RangeError(
      `${PREFIX} batchSize (${batchSize}) must be at least 2 · window (${2 * window})`,
    );
  }
  const alpha = config.alpha ?? (architecture === 'cbow' ? D.alphaCbow : D.alphaSkipgram);
  if (typeof alpha !== 'number' || !(alpha > L.alpha[0] && alpha <= L.alpha[1])) {
    throw new RangeError(
      `${PREFIX} alpha must be a number in (${L.alpha[0]}, ${L.alpha[1]}], got ${String(alpha)}`,
    );
  }
  const sample = config.sample ?? D.sample;
  if (typeof sample !== 'number' || !(sample >= L.sample[0] && sample <= L.sample[1])) {
    throw new RangeError(
      `${PREFIX} sample must be a number in [${L.sample[0]}, ${L.sample[1]}], got ${String(sample)}`,
    );
  }
  const sparseUpdate = config.sparseUpdate ?? 'auto';
  if (!['auto', 'segment', 'scatter', 'gather'].includes(sparseUpdate)) {
    throw new RangeError(
      `${PREFIX} sparseUpdate must be 'auto', 'segment', 'scatter' or 'gather', got ${String(sparseUpdate)}`,
    );
  }
  if (2 * vocabSize * dim > MAX_WORD2VEC_PARAMS) {
    throw new RangeError(
      `${PREFIX} ${vocabSize} words x ${dim} dimensions x 2 tables exceed ${MAX_WORD2VEC_PARAMS.toLocaleString('en')} parameters; raise minCount or lower dim`,
    );
  }
  return {
    corpus,
    architecture,
    window,
    negative,
    dim,
    alpha,
    sample,
    epochs,
    batchSize,
    seed,
    sparseUpdate,
    evaluationSet: config.evaluationSet ?? null,
    vocabSize,
  };
}
