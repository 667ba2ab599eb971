/**
 * The NLP core: pure TypeScript text processing with no dependency on the rest of the book
 * (no React, no DOM, no tfjs). Everything public is exported from here.
 */
export { matrixRow, matrixToArrays, type Float32Matrix, type Int32Matrix } from './matrix';
export {
  KERAS_DEFAULT_FILTERS,
  kerasLower,
  textToWordSequence,
  type TextToWordSequenceOptions,
} from './textToWordSequence';
export { Tokenizer, type MatrixMode, type TokenizerOptions, type TokenizerText } from './tokenizer';
export type { KerasTokenizerJson } from './tokenizerJson';
export { padSequences, type PadSequencesOptions } from './padSequences';
export { wordTokenize, type Token, type TokenKind, type WordTokenizeOptions } from './wordTokenize';
export {
  KOREAN_SUFFIXES,
  hangulFinal,
  splitKoreanEojeol,
  type KoreanPiece,
  type KoreanSuffix,
} from './korean';
export {
  DEFAULT_ABBREVIATIONS,
  sentenceSplit,
  type SentenceSpan,
  type SentenceSplitOptions,
} from './sentenceSplit';
export { normalize, type NormalizationForm, type NormalizeOptions } from './normalize';
export {
  STOPWORD_LANGUAGES,
  getStopwords,
  removeStopwords,
  type StopwordLanguage,
} from './stopwords';
export { stem } from './stem';
export { buildVocabularyTable, oovRate, type VocabularyRow } from './vocabulary';
export * from './vectorize';
export * from './ngram';
export * from './embeddings';
export * from './decomposition';
export * from './topics';
export {
  escapeProjectorLabel,
  float32ToString,
  fromEmbeddingProjector,
  parseProjectorMetadata,
  parseProjectorVectors,
  toEmbeddingProjector,
  unescapeProjectorLabel,
  type ProjectorColumn,
  type ProjectorData,
  type ProjectorFiles,
  type ToEmbeddingProjectorOptions,
} from './embeddingProjector';
