/** Corpus loading and splits. No React, no DOM at module level. */
export { getSplit, loadUciSentences, parseUciCorpus, UCI_SENTENCES_PATH } from './uci';
export type {
  LoadProgress,
  LoadUciOptions,
  UciCorpus,
  UciLabel,
  UciSplit,
  UciSplitId,
  UciSplitName,
} from './uci';
