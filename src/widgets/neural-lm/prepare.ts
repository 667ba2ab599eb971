/**
 * Turns Moby Dick into the neural LM's training and evaluation arrays with the n-gram models'
 * conventions, so that the neural perplexity and the n-gram baselines are computed over exactly
 * the same targets. Pure TypeScript: no DOM, no tfjs. It runs in the model's worker (./lmTask.ts).
 */
import { MOBY_DICK_UNK_CUTOFF, mobyDickSentences, type MobyDickCorpus } from '../../data';
import { Vocabulary, evaluationNgrams, padBothEnds } from '../../nlp';
import { encodeNgrams, type EncodedNgrams } from '../../models/neuralLmConfig';
import { MAX_ORDER } from '../common/ngram-service/protocol';
import { evaluationSubset } from '../common/ngram-service/subset';

/** The vocabulary shared with the n-gram service. */
export interface LmVocabulary {
  /** Words in id order (`Vocabulary.words`: kept words, '<s>', '</s>', '<UNK>'). */
  words: readonly string[];
  /** word -> id. */
  ids: ReadonlyMap<string, number>;
  /** `Vocabulary.lookup`: the word, or '<UNK>' when rare or unseen. */
  lookup: (word: string) => string;
}

/**
 * Fits the vocabulary exactly as the n-gram service does (src/widgets/common/ngram-service/toolkit.ts):
 * `Vocabulary({ unkCutoff })` updated with `padBothEnds(sentence, MAX_ORDER)` of every training
 * sentence (NLTK's `padded_everygram_pipeline(5, train)` vocabulary).
 */
export function fitLmVocabulary(
  train: readonly (readonly string[])[],
  unkCutoff: number,
): LmVocabulary {
  const vocabulary = new Vocabulary({ unkCutoff });
  for (const s of train) vocabulary.update(padBothEnds(s, MAX_ORDER));
  const words = [...vocabulary.words];
  const cache = new Map<string, string>();
  return {
    words,
    ids: new Map(words.map((w, i) => [w, i])),
    lookup: (w) => {
      let v = cache.get(w);
      if (v === undefined) {
        v = vocabulary.lookup(w);
        cache.set(w, v);
      }
      return v;
    },
  };
}

/** Which held-out targets are scored: a seeded subset (`evaluationSubset`) or all. */
export type EvalSelection = { kind: 'all' } | { kind: 'subset'; size: number; seed: number };

/**
 * `evaluationNgrams(sentences, contextSize + 1)` (order-1 '<s>' on the left, one '</s>' on the
 * right), words mapped with the vocabulary's lookup, encoded as contexts and targets.
 *
 * @param selection - for held-out data: the n-gram service's `targets` spec, applied identically.
 * @returns the arrays and `total`, the number of targets before subsetting.
 */
export function encodeSplit(
  sentences: readonly (readonly string[])[],
  vocab: LmVocabulary,
  contextSize: number,
  selection: EvalSelection = { kind: 'all' },
): EncodedNgrams & { total: number } {
  const all = evaluationNgrams(sentences, contextSize + 1);
  const chosen =
    selection.kind === 'all'
      ? all
      : evaluationSubset(all.length, selection.size, selection.seed).map((i) => all[i]);
  const mapped = chosen.map((g) => g.map(vocab.lookup));
  return { ...encodeNgrams(mapped, vocab.ids, contextSize), total: all.length };
}

/** The corpus, tokenized, with the vocabulary shared with the n-gram service. */
export interface LmCorpus {
  train: string[][];
  heldout: string[][];
  vocab: LmVocabulary;
  /** Training word tokens (no padding). */
  trainTokens: number;
}

/**
 * Tokenizes Moby Dick into sentences of lowercased words (`mobyDickSentences`) and fits the
 * vocabulary (words seen at least `MOBY_DICK_UNK_CUTOFF` times in training). About 1 s of CPU
 * for the whole book (measured under Node: 0.8 s tokenizing, 0.26 s fitting), so it runs in the
 * model's worker, never on the page.
 */
export function tokenizeCorpus(corpus: MobyDickCorpus): LmCorpus {
  const train = mobyDickSentences(corpus, 'train');
  const heldout = mobyDickSentences(corpus, 'heldout');
  const vocab = fitLmVocabulary(train, MOBY_DICK_UNK_CUTOFF);
  const trainTokens = train.reduce((n, s) => n + s.length, 0);
  return { train, heldout, vocab, trainTokens };
}

/** The arrays one run trains and evaluates on (they depend on the context size and eval choice). */
export interface LmData {
  contextSize: number;
  selection: EvalSelection;
  train: EncodedNgrams & { total: number };
  heldout: EncodedNgrams & { total: number };
}

/** Encodes the training and held-out n-grams of `corpus` for a context size (0.4 s at c = 2). */
export function encodeRun(corpus: LmCorpus, contextSize: number, selection: EvalSelection): LmData {
  return {
    contextSize,
    selection,
    train: encodeSplit(corpus.train, corpus.vocab, contextSize),
    heldout: encodeSplit(corpus.heldout, corpus.vocab, contextSize, selection),
  };
}

/** Whether two evaluation selections pick the same targets. */
export function sameSelection(a: EvalSelection, b: EvalSelection): boolean {
  if (a.kind === 'all' || b.kind === 'all') return a.kind === b.kind;
  return a.size === b.size && a.seed === b.seed;
}
