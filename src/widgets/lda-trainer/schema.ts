/**
 * Hyperparameters of the Chapter 5 LDA trainer. The model's knobs take their defaults and
 * bounds from src/models/lda (LDA_DEFAULTS / LDA_LIMITS); the vectorizer settings are fixed
 * (VECTORIZER) and the relevance weight λ is a view setting, not a training one.
 */
import type { LdaOptions } from '../../models/lda';
import { LDA_DEFAULTS as D, LDA_LIMITS as L } from '../../models/lda/ldaConfig';
import { definePresets, defineSchema, type ParamValues } from '../../ui';
import type { VectorizerSettings } from './corpus';
import type { LdaTrainerConfig } from './ldaTask';

/** Prefix of the widget's URL keys (`?lda.k=20&lda.method=online`). */
export const LDA_PREFIX = 'lda.';

/** The count matrix: English stop words, min_df 5, max_df 0.5, the 5,000 most frequent terms. */
export const VECTORIZER: Omit<VectorizerSettings, 'every'> = {
  minDf: 5,
  maxDf: 0.5,
  maxFeatures: 5000,
};

/** The `passages` choice: keep every n-th passage. */
export const PASSAGES_EVERY = { all: 1, quarter: 4, tenth: 10 } as const;

/** Top words shown per topic and scored for coherence. */
export const TOP_N = 10;

/** The widget's hyperparameters (controls, validation, URL state, presets). */
export const ldaSchema = defineSchema({
  passages: {
    kind: 'choice',
    label: 'Passages',
    default: 'all',
    options: [
      { value: 'all', label: 'all' },
      { value: 'quarter', label: 'every 4th' },
      { value: 'tenth', label: 'every 10th' },
    ],
    help: 'Fewer passages: faster iterations on a slow device, noisier topics.',
    restart: true,
  },
  k: {
    kind: 'number',
    label: 'Topics (K)',
    default: D.nComponents,
    min: L.nComponents[0],
    max: L.nComponents[1],
    integer: true,
    restart: true,
  },
  alpha: {
    kind: 'number',
    label: 'α (doc_topic_prior)',
    // 0 stands for scikit-learn's None: 1 / K.
    default: 0,
    min: 0,
    max: L.docTopicPrior[1],
    step: 0.01,
    help: `Prior of each passage's topic mixture. 0 means 1 / K (scikit-learn's default); otherwise at least ${L.docTopicPrior[0]}.`,
    restart: true,
  },
  beta: {
    kind: 'number',
    label: 'β (topic_word_prior)',
    default: 0,
    min: 0,
    max: L.topicWordPrior[1],
    step: 0.01,
    help: `Prior of each topic's word distribution. 0 means 1 / K; otherwise at least ${L.topicWordPrior[0]}.`,
    restart: true,
  },
  method: {
    kind: 'choice',
    label: 'Learning method',
    default: D.learningMethod,
    options: [
      { value: 'batch', label: 'batch' },
      { value: 'online', label: 'online' },
    ],
    help: 'Batch: one EM step per iteration on all passages. Online: one step per mini-batch.',
    restart: true,
  },
  batch: {
    kind: 'number',
    label: 'Batch size (online)',
    default: D.batchSize,
    min: L.batchSize[0],
    max: L.batchSize[1],
    integer: true,
    scale: 'log',
    restart: true,
  },
  decay: {
    kind: 'number',
    label: 'Learning decay κ (online)',
    default: D.learningDecay,
    min: L.learningDecay[0],
    max: L.learningDecay[1],
    step: 0.05,
    help: 'Step size ρ_t = (τ0 + t)^(−κ).',
    restart: true,
  },
  offset: {
    kind: 'number',
    label: 'Learning offset τ0 (online)',
    default: D.learningOffset,
    min: L.learningOffset[0],
    max: L.learningOffset[1],
    scale: 'log',
    restart: true,
  },
  iterations: {
    kind: 'number',
    label: 'Iterations (max_iter)',
    default: D.maxIter,
    min: L.maxIter[0],
    max: L.maxIter[1],
    integer: true,
    restart: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed (random_state)',
    default: D.randomState,
    min: L.randomState[0],
    max: L.randomState[1],
    integer: true,
    help: 'Same seed and backend: the same run.',
    restart: true,
  },
});

/** The widget's settings: the schema's values. */
export type LdaSettings = ParamValues<typeof ldaSchema>;

/** A prior from its control: 0 is scikit-learn's None (1 / K); others at least the lower bound. */
export function priorOf(value: number, min: number): number | null {
  return value === 0 ? null : Math.max(value, min);
}

/** The task's config (structured-cloneable: it is copied to the worker). */
export function toConfig(s: LdaSettings, baseUrl: string): LdaTrainerConfig {
  const lda: LdaTrainerConfig['lda'] & LdaOptions = {
    nComponents: s.k,
    docTopicPrior: priorOf(s.alpha, L.docTopicPrior[0]),
    topicWordPrior: priorOf(s.beta, L.topicWordPrior[0]),
    learningMethod: s.method,
    batchSize: s.batch,
    learningDecay: s.decay,
    learningOffset: s.offset,
    maxIter: s.iterations,
    randomState: s.seed,
  };
  return {
    baseUrl,
    vectorizer: { ...VECTORIZER, every: PASSAGES_EVERY[s.passages] },
    lda,
    topN: TOP_N,
  };
}

/** The control that sets each config field a divergence may blame. */
export const LDA_KNOBS = { nComponents: 'k' } as const;

/** Named configurations that show one lesson each. */
export const ldaPresets = definePresets(ldaSchema, [
  { name: 'default', label: 'Default', values: {} },
  {
    name: 'online',
    label: 'Online',
    description: 'Mini-batches of 256 passages: good topics in fewer iterations.',
    values: { method: 'online', batch: 256, iterations: 5 },
  },
  {
    name: 'sparse',
    label: 'Small α',
    description: 'α = 0.01: each passage concentrates on one or two topics.',
    values: { alpha: 0.01 },
  },
  {
    name: 'flat',
    label: 'Large α',
    description: 'α = 1: flat mixtures, every passage uses many topics.',
    values: { alpha: 1 },
  },
]);
