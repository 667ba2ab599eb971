/**
 * Hyperparameters and presets of the Chapter 4 TF-IDF classifier. URL keys carry the prefix
 * `tc.` (`?tc.task=source&tc.lr=0.1`); names follow scikit-learn's TfidfVectorizer where there is
 * one (min_df, max_features, sublinear_tf, binary, norm).
 */
import { LINEAR_DEFAULTS as D, LINEAR_LIMITS as L } from '../../models/linearClassifierConfig';
import { definePresets, defineSchema, type ParamValues } from '../../ui';
import { CLASSIFIER_VECTORIZER_DEFAULTS as VD } from '../common/classifierVectorizer';
import type { FitRequest, TfidfTaskConfig, VectorizerFacts, VectorizerSettings } from './protocol';

/** URL prefix of this widget's settings. */
export const TFIDF_CLASSIFIER_PREFIX = 'tc.';

/** The widget's hyperparameters (one schema: controls, validation, URL state, presets). */
export const tfidfClassifierSchema = defineSchema({
  task: {
    kind: 'choice',
    label: 'Task',
    default: 'spam',
    options: [
      { value: 'spam', label: 'spam vs ham (SpamAssassin)' },
      { value: 'source', label: 'review source: IMDB / Yelp / Amazon' },
    ],
    help: 'Two classes: logistic regression. Three classes: softmax regression.',
    restart: true,
  },
  ngram: {
    kind: 'choice',
    label: 'N-gram range (ngram_range)',
    default: VD.ngram,
    options: [
      { value: '1-1', label: '(1, 1) words' },
      { value: '1-2', label: '(1, 2) words and word pairs' },
    ],
    restart: true,
  },
  min_df: {
    kind: 'number',
    label: 'Minimum document frequency (min_df)',
    default: VD.min_df,
    min: 1,
    max: 50,
    integer: true,
    help: 'Drop terms found in fewer training documents than this.',
    restart: true,
  },
  max_features: {
    kind: 'number',
    label: 'Vocabulary size (max_features)',
    default: VD.max_features,
    min: 50,
    max: 20000,
    integer: true,
    scale: 'log',
    help: 'Keep the most frequent terms of the training split.',
    restart: true,
  },
  sublinear_tf: {
    kind: 'boolean',
    label: 'Sublinear tf (1 + ln tf)',
    default: VD.sublinear_tf,
    restart: true,
  },
  binary: {
    kind: 'boolean',
    label: 'Binary tf (presence only)',
    default: VD.binary,
    restart: true,
  },
  norm: {
    kind: 'choice',
    label: 'Row norm',
    default: VD.norm,
    options: [
      { value: 'l2', label: 'l2' },
      { value: 'l1', label: 'l1' },
      { value: 'none', label: 'none' },
    ],
    restart: true,
  },
  lr: {
    kind: 'number',
    label: 'Learning rate',
    default: D.learningRate,
    min: L.learningRate[0],
    max: L.learningRate[1],
    scale: 'log',
    help: 'Adam step size. Very large values make the loss diverge.',
    restart: true,
  },
  l2: {
    kind: 'number',
    label: 'L2 penalty (lambda)',
    default: D.l2,
    min: L.l2[0],
    max: L.l2[1],
    step: 0.0001,
    help: 'Adds lambda/2 · ||W||² to the loss (the bias is not penalised).',
    restart: true,
  },
  batch: {
    kind: 'number',
    label: 'Batch size',
    default: D.batchSize,
    min: L.batchSize[0],
    max: L.batchSize[1],
    integer: true,
    scale: 'log',
    restart: true,
  },
  epochs: {
    kind: 'number',
    label: 'Epochs',
    default: D.epochs,
    min: L.epochs[0],
    max: L.epochs[1],
    integer: true,
    restart: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    default: D.seed,
    min: L.seed[0],
    max: L.seed[1],
    integer: true,
    help: 'Orders the batches (the weights start at zero). Same seed and backend: the same run.',
    restart: true,
  },
  speed: {
    kind: 'choice',
    label: 'Speed',
    default: 'watch',
    options: [
      { value: 'watch', label: 'watch (60 steps/s)' },
      { value: 'full', label: 'full speed' },
    ],
    restart: false,
  },
});

/** The widget's settings: the schema's values. */
export type TfidfSettings = ParamValues<typeof tfidfClassifierSchema>;

/** The data of a run: what was vectorized (in the worker) and the facts the page shows. */
export interface TfidfData {
  request: FitRequest;
  facts: VectorizerFacts;
}

/** The TfidfVectorizer settings of `s` (scikit-learn's parameter names). */
export function vectorizerSettings(s: TfidfSettings): VectorizerSettings {
  const { ngram, min_df, max_features, sublinear_tf, binary, norm } = s;
  return { ngram, min_df, max_features, sublinear_tf, binary, norm };
}

/** What the worker vectorizes for `s`: the task's corpus from `baseUrl` and the settings. */
export function fitRequest(s: TfidfSettings, baseUrl: string): FitRequest {
  return { corpus: s.task, baseUrl, settings: vectorizerSettings(s) };
}

/**
 * The `tfidf` task's config for a run: the vectorization the data was prepared with (the worker
 * reuses it) and the training settings (structured-cloneable: it is copied to the worker).
 */
export function toConfig(s: TfidfSettings, data: TfidfData): TfidfTaskConfig {
  return {
    fit: data.request,
    numClasses: data.facts.classNames.length,
    learningRate: s.lr,
    l2: s.l2,
    batchSize: s.batch,
    epochs: s.epochs,
    seed: s.seed,
  };
}

/** The control that sets each config field a divergence may blame. */
export const TFIDF_KNOBS = { learningRate: 'lr' } as const;

/** Steps per second of the "watch" speed. */
export const WATCH_STEPS_PER_SECOND = 60;

/** Named configurations that show one lesson each. */
export const tfidfClassifierPresets = definePresets(tfidfClassifierSchema, [
  { name: 'default', label: 'Default', values: {} },
  {
    name: 'review-source',
    label: 'Review source (3 classes)',
    description: 'Softmax regression: which site does a review sentence come from?',
    values: { task: 'source', min_df: 1 },
  },
  {
    name: 'bigrams',
    label: 'Word pairs',
    description: 'ngram_range (1, 2) with sublinear tf.',
    values: { ngram: '1-2', sublinear_tf: true, max_features: 20000 },
  },
  {
    name: 'strong-l2',
    label: 'Strong L2',
    description: 'lambda = 0.01: small weights, smoother probabilities.',
    values: { l2: 0.01 },
  },
  {
    name: 'diverge',
    label: 'Diverge',
    description: 'A learning rate far too large.',
    values: { lr: 100, norm: 'none' },
  },
]);

/**
 * Messages for URL keys with this widget's prefix that name no setting (e.g. `tc.minDf`, a
 * camel-case spelling of `tc.min_df`); the shared URL reader ignores such keys silently.
 * Suggests the setting whose name matches once case and punctuation are ignored.
 * @param search - `location.search`, with or without the leading "?".
 * @returns one message per unknown key, in URL order; empty when there is none.
 */
export function unknownSettingMessages(search: string): string[] {
  const names = Object.keys(tfidfClassifierSchema);
  const fold = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const out: string[] = [];
  for (const key of new URLSearchParams(search).keys()) {
    if (!key.startsWith(TFIDF_CLASSIFIER_PREFIX)) continue;
    const name = key.slice(TFIDF_CLASSIFIER_PREFIX.length);
    if (names.includes(name)) continue;
    const near = names.find((n) => fold(n) === fold(name));
    const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
    out.push(
      `“${shown}” in the link is not a setting of this widget` +
        (near ? ` (did you mean ${TFIDF_CLASSIFIER_PREFIX}${near}?)` : '') +
        '; it was ignored.',
    );
  }
  return [...new Set(out)];
}
