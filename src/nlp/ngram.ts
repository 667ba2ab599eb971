/**
 * N-gram language models (chapter 3) with the names and numbers of NLTK 3.8's `nltk.lm`
 * (camelCase): padding and everygrams, `Vocabulary`, `NgramCounter`, `MLE`, `Laplace`,
 * `Lidstone`, `KneserNeyInterpolated`, plus the explorer widget's helpers. Counts live in a trie of
 * integer ids with a typed-array hash table, so a score is a handful of table lookups.
 */
export {
  BOS,
  EOS,
  bigrams,
  evaluationNgrams,
  everygrams,
  ngrams,
  padBothEnds,
  padSequence,
  paddedEverygramPipeline,
  paddedEverygrams,
  type PadSequenceOptions,
  type PaddedEverygramPipeline,
} from './ngram/preprocessing';
export {
  Vocabulary,
  type LookupInput,
  type LookupResult,
  type VocabularyOptions,
} from './ngram/vocabulary';
export { NgramCounter, type Continuation, type OrderStats } from './ngram/counter';
export {
  LanguageModel,
  type GenerateOptions,
  type LanguageModelOptions,
} from './ngram/languageModel';
export { Laplace, Lidstone, MLE, type LidstoneOptions } from './ngram/models';
export { KneserNeyInterpolated, type AlphaGamma, type KneserNeyOptions } from './ngram/kneserNey';
export {
  countsTable,
  createLanguageModel,
  nextWordDistribution,
  topK,
  type CountsTableRow,
  type CreateLanguageModelOptions,
  type SmoothingMethod,
  type WordProbability,
} from './ngram/explore';
