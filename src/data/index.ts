/** Corpus loading and splits. No React, no DOM at module level. */
export { asObject, corpusUrl, fetchJson } from './fetchJson';
export type { LoadOptions, LoadProgress } from './fetchJson';
export { getSplit, loadUciSentences, parseUciCorpus, UCI_SENTENCES_PATH } from './uci';
export type {
  LoadUciOptions,
  UciCorpus,
  UciLabel,
  UciSplit,
  UciSplitId,
  UciSplitName,
} from './uci';
export {
  lmSentences,
  loadMobyDick,
  MOBY_DICK_PATH,
  MOBY_DICK_UNK_CUTOFF,
  mobyDickSentences,
  parseMobyDick,
} from './mobyDick';
export type { MobyDickCorpus, MobyDickSection, MobyDickSplit } from './mobyDick';
export { loadSotu, parseSotu, SOTU_PATH } from './sotu';
export type { SotuAddress, SotuCorpus, SotuPassage } from './sotu';
export { loadSpam, parseSpamCorpus, SPAM_PATH } from './spam';
export type { SpamCorpus, SpamLabel, SpamSplitId } from './spam';
export { loadSonnets, parseSonnets, SONNETS_PATH, sonnetsText } from './sonnets';
export type { Sonnet, SonnetsCorpus, SonnetsSplit } from './sonnets';
