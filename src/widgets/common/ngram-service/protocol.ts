/**
 * Types shared by the n-gram service's client (main thread) and its Web Worker: the models it
 * can build, the answers it gives, and the worker's API. Pure types and constants: no DOM, no
 * React, safe to import anywhere.
 */

/** Smoothing methods of the n-gram service, named after NLTK's `nltk.lm` model classes. */
export type SmoothingMethod = 'mle' | 'laplace' | 'lidstone' | 'kneser-ney';

/** Every method, in the order tables show them. */
export const SMOOTHING_METHODS: readonly SmoothingMethod[] = [
  'mle',
  'laplace',
  'lidstone',
  'kneser-ney',
];

/** Display names (NLTK's class names). */
export const METHOD_LABELS: Record<SmoothingMethod, string> = {
  mle: 'MLE',
  laplace: 'Laplace',
  lidstone: 'Lidstone',
  'kneser-ney': 'Kneser-Ney',
};

/** Highest n-gram order the service fits (counts are fitted once, for this order). */
export const MAX_ORDER = 5;

/** Default Lidstone gamma (add-gamma) and default interpolated Kneser-Ney discount. */
export const DEFAULT_PARAMS = { lidstone: 0.1, 'kneser-ney': 0.75 } as const;

/**
 * One n-gram model: order n (1..{@link MAX_ORDER}), smoothing method, and the method's
 * parameter: Lidstone's gamma (> 0) or Kneser-Ney's discount (in (0, 1)). `param` is ignored
 * by MLE and Laplace; when absent the {@link DEFAULT_PARAMS} value is used.
 */
export interface ModelSpec {
  order: number;
  method: SmoothingMethod;
  param?: number | null;
}

/**
 * Which held-out targets to score. `{ kind: 'all' }` (default): every target of
 * `evaluationNgrams(heldoutSentences, order)`. `{ kind: 'subset', size, seed }`: the targets
 * whose indices {@link evaluationSubset} picks (the same targets at every order, since target i
 * is the same word at every order). `{ kind: 'ngrams', ngrams }`: the caller's own n-grams, each
 * `[...context, word]` of length `order` (words are mapped to <UNK> by the model's vocabulary).
 */
export type EvaluationTargets =
  | { kind: 'all' }
  | { kind: 'subset'; size: number; seed: number }
  | { kind: 'ngrams'; ngrams: readonly (readonly string[])[] };

/** What {@link ModelSpec} perplexity answers. */
export interface PerplexityResult {
  order: number;
  method: SmoothingMethod;
  /** The parameter actually used (null for MLE and Laplace). */
  param: number | null;
  /**
   * 2 ** (mean of -log2 P(word | context)) over the targets: a finite number, or `Infinity`
   * when some target has probability 0 (MLE on an unseen n-gram). Never NaN.
   */
  perplexity: number;
  /** Number of targets scored. */
  targets: number;
  /** Targets the model gives probability 0 (each one makes the perplexity infinite). */
  zeroProbability: number;
}

/** Facts about the fitted corpus, answered by `ready()`. */
export interface CorpusInfo {
  /** `Vocabulary.size`: kept word types + '<s>', '</s>' + '<UNK>'. */
  vocabSize: number;
  /** Word tokens in the training sentences (no padding). */
  trainTokens: number;
  /** Word tokens in the held-out sentences (no padding). */
  heldoutTokens: number;
  /** Distinct word types in the training sentences, before the cutoff. */
  types: number;
  /** Training and held-out sentence counts. */
  trainSentences: number;
  heldoutSentences: number;
  /** Held-out targets (each word plus one '</s>' per sentence): the perplexity's N. */
  heldoutTargets: number;
  /** Held-out word tokens that are not in the vocabulary (scored as <UNK>). */
  heldoutUnk: number;
  /** The vocabulary cutoff used (`MOBY_DICK_UNK_CUTOFF`). */
  unkCutoff: number;
  /** Milliseconds spent tokenizing and counting in the worker. */
  fitMs: number;
}

/** How the typed context was read (see `readContext`). */
export interface ContextReading {
  /** Tokens of the last (open) sentence of the text, lowercased, before the <UNK> mapping. */
  tokens: string[];
  /** The n-1 tokens the model conditions on: '<s>' padding, unknown words as '<UNK>'. */
  used: string[];
  /** Which of `used` are unknown words mapped to <UNK> (the original word), else null. */
  unknown: (string | null)[];
  /** True when the text ends a sentence (. ! ?), so the context starts a new one. */
  newSentence: boolean;
}

/** One bar of a next-word distribution. */
export interface WordProbability {
  word: string;
  p: number;
}

/** The next-word distribution for a typed context. */
export interface DistributionResult {
  spec: Required<Pick<ModelSpec, 'order' | 'method'>> & { param: number | null };
  context: ContextReading;
  /** The k most probable next words, most probable first (ties: vocabulary order). */
  top: WordProbability[];
  /** Probability of every other word: `total - sum(top)`, never below 0. */
  rest: number;
  /** Sum over the whole vocabulary: 1 for smoothed models, 0 for MLE on an unseen context. */
  total: number;
  /** Words with probability > 0. */
  support: number;
}

/** Generated text. */
export interface GenerateResult {
  /** The context the generation started from (as read from the text seed). */
  context: ContextReading;
  /** The generated tokens, '</s>' included (each ends a sentence; the next starts afresh). */
  words: string[];
  /** The same, split into sentences (a sentence is closed when it ends with '</s>'). */
  sentences: { words: string[]; closed: boolean }[];
}

/** Counts of one context at one order. */
export interface CountsRow {
  /** n of this row (1..order). */
  order: number;
  /** The n-1 context tokens of this row (the last n-1 of the used context). */
  context: string[];
  /** Times the context was seen followed by a word (for n = 1: all tokens counted). */
  contextCount: number;
  /** Distinct words seen after the context (N1+(context •)). */
  distinct: number;
  /** The most frequent continuations, most frequent first. */
  continuations: { word: string; count: number }[];
}

/** The counts of the typed context at every order 1..n. */
export interface CountsResult {
  context: ContextReading;
  rows: CountsRow[];
}

/** Arguments of a distribution query. */
export interface DistributionArgs extends ModelSpec {
  /** The reader's text; its last n-1 words are the context. */
  context: string;
  /** Number of bars (1..50, default 12). */
  k?: number;
}

/** Arguments of a generation. */
export interface GenerateArgs extends ModelSpec {
  /** Tokens to generate (1..500). */
  numWords: number;
  /** Sampling temperature T > 0: sample from p^(1/T) renormalised (default 1). */
  temperature?: number;
  /** Random seed (default 0): the same seed gives the same text. */
  seed?: number;
  /** Text whose last n-1 words start the generation (default: a new sentence). */
  textSeed?: string;
}

/** Arguments of a counts query. */
export interface CountsArgs {
  order: number;
  context: string;
  /** Continuations listed per order (default 8). */
  k?: number;
}

/** Arguments of a perplexity query. */
export interface PerplexityArgs extends ModelSpec {
  targets?: EvaluationTargets;
}

/** Arguments of the whole perplexity table (orders 1..5 x the four methods). */
export interface PerplexityTableArgs {
  /** Lidstone gamma for the Lidstone column (default {@link DEFAULT_PARAMS}). */
  lidstone?: number;
  /** Kneser-Ney discount for the Kneser-Ney column (default {@link DEFAULT_PARAMS}). */
  kneserNey?: number;
  targets?: EvaluationTargets;
}

/** Progress of a long request: loading phases, or the perplexity table cell by cell. */
export interface Progress {
  /** e.g. 'download', 'tokenize', 'count', 'perplexity'. */
  phase: string;
  /** Work done and total (bytes for downloads, models for the table); total null if unknown. */
  done: number;
  total: number | null;
  /** The cell just computed (perplexity table only). */
  cell?: PerplexityResult;
}

/**
 * What the n-gram worker answers over the book's worker RPC (src/train/worker/rpc.ts); see
 * handler.ts. Queries wait for the corpus (they fail when no `load` was called).
 */
export interface NgramWorkerApi {
  /**
   * Loads the corpus from `baseUrl` and fits the shared counts (once: a call while loading or
   * after success answers the same; a call after a failure tries again).
   */
  load(baseUrl: string, onProgress?: (progress: Progress) => void): Promise<CorpusInfo>;
  perplexity(args: PerplexityArgs): Promise<PerplexityResult>;
  /** The 20 cells, each also reported through `onProgress` as it is computed. */
  perplexityTable(
    args: PerplexityTableArgs,
    onProgress?: (progress: Progress) => void,
  ): Promise<PerplexityResult[]>;
  distribution(args: DistributionArgs): Promise<DistributionResult>;
  generate(args: GenerateArgs): Promise<GenerateResult>;
  counts(args: CountsArgs): Promise<CountsResult>;
}

/** A method of {@link NgramWorkerApi}: the kind of a call. */
export type CallKind = keyof NgramWorkerApi;
