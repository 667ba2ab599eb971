/**
 * Hyperparameters and presets of chapter 8's live word2vec widget. URL keys carry the prefix
 * `w2v.` (`?w2v.arch=cbow&w2v.dim=50`). Defaults and bounds are the model's own
 * ({@link WORD2VEC_DEFAULTS}, {@link WORD2VEC_LIMITS}), so a value the widget accepts is one
 * `createWord2VecTask` accepts; the corpus choice is the widget's own. No React, no tfjs.
 */
import { definePresets, defineSchema, type ParamValues } from '../../ui';
import { WORD2VEC_DEFAULTS as D, WORD2VEC_LIMITS as L } from '../../models/word2vec/config';
import type { CorpusSource, Word2VecWorkerConfig } from './types';

/** URL key prefix of this widget. */
export const WORD2VEC_PREFIX = 'w2v.';

/**
 * The widget's hyperparameters. Names follow gensim 4.2's `Word2Vec` where one exists
 * (`window`, `negative`, `sample`, `min_count` → `minCount`, `epochs`, `seed`), and word2vec.c's
 * `alpha` (the model's config field) for the starting learning rate, η₀ in the book's notation;
 * `alpha = 0` means the model's default for the architecture (0.025 for both; word2vec.c gives
 * CBOW 0.05, which diverged here with batched updates), see
 * {@link effectiveAlpha}.
 */
export const word2vecSchema = defineSchema({
  corpus: {
    kind: 'choice',
    label: 'Corpus',
    default: 'sotu',
    options: [
      { value: 'sotu', label: 'State of the Union' },
      { value: 'moby', label: 'Moby Dick' },
    ],
    help: '1.8 M words of addresses (1790-2021), or 193 K words of a novel.',
    restart: true,
  },
  arch: {
    kind: 'choice',
    label: 'Architecture',
    default: D.architecture,
    options: [
      { value: 'skipgram', label: 'skip-gram' },
      { value: 'cbow', label: 'CBOW' },
    ],
    help: 'Skip-gram predicts each context word from the centre; CBOW predicts the centre from the averaged context.',
    restart: true,
  },
  window: {
    kind: 'number',
    label: 'Window m',
    default: D.window,
    min: L.window[0],
    max: L.window[1],
    integer: true,
    help: 'Maximum words on each side; the effective window is drawn in 1..m per centre word.',
    restart: true,
  },
  negative: {
    kind: 'number',
    label: 'Negatives k',
    default: D.negative,
    min: L.negative[0],
    max: L.negative[1],
    integer: true,
    help: 'Noise words per positive pair, drawn from the unigram distribution to the 3/4.',
    restart: true,
  },
  dim: {
    kind: 'number',
    label: 'Dimension d',
    default: D.dim,
    min: L.dim[0],
    max: L.dim[1],
    integer: true,
    scale: 'log',
    restart: true,
  },
  alpha: {
    kind: 'number',
    label: 'Learning rate η₀ (word2vec.c’s alpha)',
    // 0 is the widget's "automatic": the model's default for the architecture.
    default: 0,
    min: L.alpha[0],
    max: L.alpha[1],
    step: 0.005,
    help: '0 = the default, 0.025 (word2vec.c gives CBOW 0.05, too fast for batched updates). Decays linearly to η₀ · 10⁻⁴.',
    restart: true,
  },
  sample: {
    kind: 'number',
    label: 'Subsampling threshold (sample)',
    default: D.sample,
    min: L.sample[0],
    max: L.sample[1],
    step: 0.0001,
    help: 'Frequent words are dropped with a probability that grows with their frequency; 0 keeps every word.',
    restart: true,
  },
  minCount: {
    kind: 'number',
    label: 'Minimum count',
    default: D.minCount,
    min: L.minCount[0],
    max: L.minCount[1],
    integer: true,
    scale: 'log',
    help: 'Words seen fewer times are dropped from the vocabulary (and get no vector).',
    restart: true,
  },
  epochs: {
    kind: 'number',
    label: 'Epochs',
    default: D.epochs,
    min: L.epochs[0],
    max: L.epochs[1],
    integer: true,
    scale: 'log',
    restart: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    default: D.seed,
    min: L.seed[0],
    max: L.seed[1],
    integer: true,
    help: 'Initial vectors, subsampling, windows and negatives. Same seed and backend: the same run.',
    restart: true,
  },
  batch: {
    kind: 'number',
    label: 'Batch size (rows per step)',
    default: D.batchSize,
    min: L.batchSize[0],
    max: L.batchSize[1],
    integer: true,
    scale: 'log',
    help: 'Rows updated together from the same weights: (context, centre) pairs for skip-gram, whole windows for CBOW (its preset uses 1,024). Larger batches are faster per word but can diverge.',
    restart: true,
  },
});

/** Settings of the widget (the schema's values). */
export type Word2VecSettings = ParamValues<typeof word2vecSchema>;

/** Names of the knobs shown under "Advanced" (the rest are always shown). */
export const ADVANCED_KNOBS = ['seed', 'batch'] as const;

/** The starting learning rate a run uses: `alpha`, or word2vec.c's default when it is 0. */
export function effectiveAlpha(s: Pick<Word2VecSettings, 'alpha' | 'arch'>): number {
  if (s.alpha > 0) return s.alpha;
  return s.arch === 'cbow' ? D.alphaCbow : D.alphaSkipgram;
}

/**
 * The task's config for a run: where its corpus is and the model's hyperparameters
 * (structured-cloneable: it is copied to the model's worker). `alpha = 0` is left to the model's
 * default for the architecture; the batch is raised to 2 · window where it is smaller.
 */
export function toConfig(s: Word2VecSettings, corpus: CorpusSource): Word2VecWorkerConfig {
  return {
    corpus: { baseUrl: corpus.baseUrl, name: corpus.name, minCount: corpus.minCount },
    architecture: s.arch,
    window: s.window,
    negative: s.negative,
    dim: s.dim,
    alpha: s.alpha > 0 ? s.alpha : undefined,
    sample: s.sample,
    epochs: s.epochs,
    batchSize: Math.max(s.batch, 2 * s.window),
    seed: s.seed,
  };
}

/** The control that sets each config field a divergence may blame. */
export const WORD2VEC_KNOBS = { alpha: 'alpha' } as const;

/** Named configurations, one lesson each. */
export const word2vecPresets = definePresets(word2vecSchema, [
  {
    name: 'default',
    label: 'word2vec.c defaults',
    description: 'Skip-gram, d = 100, window 5, 5 negatives, sample 1e-3, 5 epochs.',
    values: {},
  },
  {
    name: 'fast',
    label: 'Fast look',
    description: 'd = 50 and one epoch: clusters within seconds, rougher vectors.',
    values: { dim: 50, epochs: 1 },
  },
  {
    name: 'cbow',
    label: 'CBOW',
    description:
      'One prediction per position from the averaged context, 1,024 windows per step: several times faster.',
    values: { arch: 'cbow', batch: D.batchSizeCbow },
  },
  {
    name: 'nosample',
    label: 'No subsampling',
    description: 'sample = 0: every "the" and "of" is trained on.',
    values: { sample: 0 },
  },
  {
    name: 'd2',
    label: 'd = 2',
    description: 'Two dimensions: no projection needed.',
    values: { dim: 2 },
  },
  {
    name: 'diverge',
    label: 'Too fast',
    description: 'A learning rate η₀ of 0.5.',
    values: { alpha: 0.5 },
  },
]);
