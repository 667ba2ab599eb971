/**
 * Configuration of the Chapter 3 feed-forward neural language model (Bengio et al. 2003), its
 * validation, and the encoding of n-grams into the int32 arrays the model trains on.
 * No React, no DOM, no tfjs.
 */

/** Hyperparameters and data of {@link createNeuralLmTask}. Arrays are row-major and not copied. */
export interface NeuralLmConfig {
  /**
   * The vocabulary in id order: `words[id]` is the word of id `id` (V = `words.length`). It must
   * contain the padding symbol `'<s>'` and the end symbol `'</s>'` (used by `generate`), and is
   * typically the n-gram toolkit's `Vocabulary` words, `'<UNK>'` included.
   */
  words: readonly string[];
  /** Context size n - 1: how many previous words the model sees, an integer in [1, 4]. */
  contextSize: number;
  /** Training contexts, int32 `[nTrain * contextSize]` row-major, ids in [0, V). */
  trainContexts: Int32Array;
  /** Training targets (the word after each context), int32 `[nTrain]`. */
  trainTargets: Int32Array;
  /** Evaluation contexts, int32 `[nEval * contextSize]`. */
  evalContexts: Int32Array;
  /** Evaluation targets, int32 `[nEval]`. */
  evalTargets: Int32Array;
  /** Embedding dimension m (Bengio's notation). Default 32. */
  embeddingDim?: number;
  /** Hidden units h of the tanh layer. Default 64. */
  hiddenUnits?: number;
  /** Adam learning rate. Default {@link NEURAL_LM_DEFAULTS}.learningRate. */
  learningRate?: number;
  /** Examples (context, target) per batch; the last batch of an epoch may be smaller. Default 64
   * (one step stays a short main-thread task on wasm and cpu). */
  batchSize?: number;
  /** Epochs that make up `progress().totalSteps`. Default 10. */
  epochs?: number;
  /** Seed of the initial weights and of the batch order. Default 42. */
  seed?: number;
  /** Evaluation examples per forward pass in `evaluate()` (memory vs. yields). Default 2048. */
  evalChunk?: number;
}

/** A config with every default filled in and the derived sizes. */
export type ResolvedNeuralLmConfig = Required<NeuralLmConfig> & {
  /** V, the vocabulary size. */
  vocabSize: number;
  nTrain: number;
  nEval: number;
  /** Id of `'<s>'`. */
  bosId: number;
  /** Id of `'</s>'`. */
  eosId: number;
};

/** Defaults (measured on Moby Dick: see the widget's README section / the benchmark). */
export const NEURAL_LM_DEFAULTS = {
  contextSize: 2,
  embeddingDim: 32,
  hiddenUnits: 64,
  learningRate: 0.005,
  // 64, not 128: about half the CPU time per step of batch 128 with a 6 K-word softmax, and
  // held-out perplexity after the same wall time was about the same on Moby Dick (wasm):
  // 298-317 against 296-310 after 30 s (3 runs each), 291 against 310 after 45 s (1 run).
  // See tests/bench/neural-lm.mjs.
  batchSize: 64,
  epochs: 10,
  seed: 42,
  evalChunk: 2048,
} as const;

/**
 * Bounds of the hyperparameters, inclusive (the widget's schema uses these: one bound per knob).
 * `learningRate` is Adam's step size.
 */
export const NEURAL_LM_LIMITS = {
  contextSize: [1, 4],
  embeddingDim: [1, 512],
  hiddenUnits: [1, 1024],
  learningRate: [1e-4, 10],
  batchSize: [1, 4096],
  epochs: [1, 100_000],
  seed: [0, 999_999],
  evalChunk: [1, 65_536],
} as const;

/** Largest number of parameters accepted: 64 MiB of float32. */
export const MAX_NEURAL_LM_PARAMS = 16 * 1024 * 1024;

const PREFIX = 'neural LM:';

/**
 * Number of trainable parameters: V·m (embeddings C) + (n-1)·m·h + h (hidden H, d) + h·V + V
 * (output U, b).
 */
export function neuralLmParameterCount(
  vocabSize: number,
  contextSize: number,
  embeddingDim: number,
  hiddenUnits: number,
): number {
  return (
    vocabSize * embeddingDim +
    contextSize * embeddingDim * hiddenUnits +
    hiddenUnits +
    hiddenUnits * vocabSize +
    vocabSize
  );
}

function checkInteger(name: string, value: unknown, [min, max]: readonly [number, number]): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${PREFIX} ${name} must be an integer in [${min}, ${max}], got ${String(value)}`,
    );
  }
  return value;
}

function checkIds(name: string, ids: unknown, vocabSize: number): Int32Array {
  if (!(ids instanceof Int32Array)) {
    throw new TypeError(`${PREFIX} ${name} must be an Int32Array of word ids`);
  }
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < 0 || ids[i] >= vocabSize) {
      throw new RangeError(
        `${PREFIX} ${name}[${i}] = ${ids[i]} is not a word id: ids must be in [0, ${vocabSize})`,
      );
    }
  }
  return ids;
}

/**
 * Fills in defaults and validates every field.
 * @throws TypeError for a wrong array type; RangeError for a value out of range, a length that does
 *   not match, an empty split, a vocabulary without `'<s>'`/`'</s>'`, or a model over
 *   {@link MAX_NEURAL_LM_PARAMS}, naming the field.
 */
export function resolveNeuralLmConfig(config: NeuralLmConfig): ResolvedNeuralLmConfig {
  if (typeof config !== 'object' || config === null) {
    throw new TypeError(`${PREFIX} config must be an object`);
  }
  const d = NEURAL_LM_DEFAULTS;
  const L = NEURAL_LM_LIMITS;
  if (!Array.isArray(config.words) || config.words.some((w) => typeof w !== 'string')) {
    throw new TypeError(`${PREFIX} words must be an array of strings (the vocabulary in id order)`);
  }
  const words = config.words;
  const vocabSize = words.length;
  if (vocabSize < 3) {
    throw new RangeError(`${PREFIX} the vocabulary has ${vocabSize} words; it needs at least 3`);
  }
  const bosId = words.indexOf('<s>');
  const eosId = words.indexOf('</s>');
  if (bosId < 0 || eosId < 0) {
    throw new RangeError(`${PREFIX} the vocabulary must contain '<s>' and '</s>'`);
  }
  const contextSize = checkInteger('contextSize', config.contextSize, L.contextSize);
  const embeddingDim = checkInteger(
    'embeddingDim',
    config.embeddingDim ?? d.embeddingDim,
    L.embeddingDim,
  );
  const hiddenUnits = checkInteger(
    'hiddenUnits',
    config.hiddenUnits ?? d.hiddenUnits,
    L.hiddenUnits,
  );
  const batchSize = checkInteger('batchSize', config.batchSize ?? d.batchSize, L.batchSize);
  const epochs = checkInteger('epochs', config.epochs ?? d.epochs, L.epochs);
  const evalChunk = checkInteger('evalChunk', config.evalChunk ?? d.evalChunk, L.evalChunk);
  const seed = checkInteger('seed', config.seed ?? d.seed, L.seed);
  const learningRate = config.learningRate ?? d.learningRate;
  const [lrMin, lrMax] = L.learningRate;
  if (typeof learningRate !== 'number' || !(learningRate >= lrMin && learningRate <= lrMax)) {
    throw new RangeError(
      `${PREFIX} learningRate must be a number in [${lrMin}, ${lrMax}], got ${String(learningRate)}`,
    );
  }
  const params = neuralLmParameterCount(vocabSize, contextSize, embeddingDim, hiddenUnits);
  if (params > MAX_NEURAL_LM_PARAMS) {
    throw new RangeError(
      `${PREFIX} ${params.toLocaleString('en')} parameters exceed ${MAX_NEURAL_LM_PARAMS.toLocaleString('en')}; lower the embedding dim or the hidden units`,
    );
  }
  const sizes = (split: 'train' | 'eval', ctx: unknown, tgt: unknown): number => {
    const contexts = checkIds(`${split}Contexts`, ctx, vocabSize);
    const targets = checkIds(`${split}Targets`, tgt, vocabSize);
    if (targets.length === 0) {
      throw new RangeError(`${PREFIX} ${split}Targets is empty: there is nothing to ${split} on`);
    }
    if (contexts.length !== targets.length * contextSize) {
      throw new RangeError(
        `${PREFIX} ${split}Contexts has ${contexts.length} ids, expected ${targets.length} targets x contextSize ${contextSize} = ${targets.length * contextSize}`,
      );
    }
    return targets.length;
  };
  const nTrain = sizes('train', config.trainContexts, config.trainTargets);
  const nEval = sizes('eval', config.evalContexts, config.evalTargets);
  return {
    words,
    contextSize,
    trainContexts: config.trainContexts,
    trainTargets: config.trainTargets,
    evalContexts: config.evalContexts,
    evalTargets: config.evalTargets,
    embeddingDim,
    hiddenUnits,
    learningRate,
    batchSize,
    epochs,
    seed,
    evalChunk,
    vocabSize,
    nTrain,
    nEval,
    bosId,
    eosId,
  };
}

/** Contexts and targets of a list of n-grams, as int32 arrays (see {@link encodeNgrams}). */
export interface EncodedNgrams {
  /** int32 `[n * contextSize]`: the first `contextSize` words of each n-gram. */
  contexts: Int32Array;
  /** int32 `[n]`: the last word of each n-gram. */
  targets: Int32Array;
}

/**
 * Encodes n-grams (e.g. from `evaluationNgrams(sentences, order)` of src/nlp, after the
 * Vocabulary's `lookup`, so rare words are already `'<UNK>'`) as contexts and targets: each
 * n-gram's last word is the target, the others its context, as in the n-gram models' perplexity.
 *
 * @param ngrams - n-grams of `contextSize + 1` words each.
 * @param ids - word -> id (the vocabulary in id order, as a Map).
 * @throws RangeError for an n-gram of the wrong length or a word not in `ids`, naming it.
 */
export function encodeNgrams(
  ngrams: readonly (readonly string[])[],
  ids: ReadonlyMap<string, number>,
  contextSize: number,
): EncodedNgrams {
  const contexts = new Int32Array(ngrams.length * contextSize);
  const targets = new Int32Array(ngrams.length);
  ngrams.forEach((gram, i) => {
    if (gram.length !== contextSize + 1) {
      throw new RangeError(
        `${PREFIX} n-gram ${i} has ${gram.length} words, expected contextSize + 1 = ${contextSize + 1}`,
      );
    }
    for (let k = 0; k <= contextSize; k++) {
      const id = ids.get(gram[k]);
      if (id === undefined) {
        throw new RangeError(
          `${PREFIX} n-gram ${i} has the word "${gram[k]}", which is not in the vocabulary (map rare words to '<UNK>' with the Vocabulary's lookup first)`,
        );
      }
      if (k < contextSize) contexts[i * contextSize + k] = id;
      else targets[i] = id;
    }
  });
  return { contexts, targets };
}
