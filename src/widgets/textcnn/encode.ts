/**
 * Turns the UCI review sentences or the spam messages into the TextCNN's padded id rows,
 * Keras-style: a `Tokenizer` fitted on the training split only (index 0 = padding, 1 = OOV),
 * `textsToSequences`, then `padSequences` with padding and truncating at the end ('post', so a
 * sentence's words keep their positions from 0). No tfjs, no React.
 */
import type { SpamCorpus, UciCorpus } from '../../data';
import { Tokenizer, padSequences } from '../../nlp';

/** The OOV token; Keras puts it at index 1. */
export const OOV_TOKEN = '<OOV>';
/** How the padding id 0 is spelled in the n-gram and explanation panels. */
export const PAD_TOKEN = '<pad>';

/** A corpus with labels and an 80/10/10 split (0 = train, 1 = validation, 2 = test). */
export type LabelledCorpus = Pick<UciCorpus | SpamCorpus, 'texts' | 'labels' | 'splits'>;

/** The encoded training and validation splits. */
export interface EncodedTexts {
  numWords: number;
  maxlen: number;
  tokenizer: Tokenizer;
  /** Words by id: `[PAD_TOKEN, OOV_TOKEN, most frequent word, ...]`, numWords entries at most. */
  vocabulary: string[];
  trainX: Int32Array;
  trainY: Uint8Array;
  valX: Int32Array;
  valY: Uint8Array;
  nTrain: number;
  nVal: number;
  /** Fraction of validation texts longer than maxlen (their ends are cut). */
  valTruncatedRate: number;
}

/** The texts and labels of one split (0 = train, 1 = validation), in corpus order. */
export function splitOf(corpus: LabelledCorpus, id: 0 | 1): { texts: string[]; labels: number[] } {
  const texts: string[] = [];
  const labels: number[] = [];
  corpus.texts.forEach((t, i) => {
    if (corpus.splits[i] === id) {
      texts.push(t);
      labels.push(corpus.labels[i]);
    }
  });
  return { texts, labels };
}

/**
 * Fits the tokenizer on the training split and encodes both splits to `maxlen` ids per row.
 * @throws RangeError for numWords < 2 or maxlen < 1.
 */
export function encodeTexts(
  corpus: LabelledCorpus,
  numWords: number,
  maxlen: number,
): EncodedTexts {
  if (!(Number.isInteger(numWords) && numWords >= 2)) {
    throw new RangeError(`num_words must be an integer >= 2, got ${numWords}`);
  }
  if (!(Number.isInteger(maxlen) && maxlen >= 1)) {
    throw new RangeError(`maxlen must be a positive integer, got ${maxlen}`);
  }
  const train = splitOf(corpus, 0);
  const val = splitOf(corpus, 1);
  const tokenizer = new Tokenizer({ numWords, oovToken: OOV_TOKEN });
  tokenizer.fitOnTexts(train.texts);
  const pad = { maxlen, padding: 'post', truncating: 'post' } as const;
  const trainSeq = tokenizer.textsToSequences(train.texts);
  const valSeq = tokenizer.textsToSequences(val.texts);
  const vocabulary = [PAD_TOKEN];
  for (let id = 1; id < numWords; id++) {
    const w = tokenizer.indexWord.get(id);
    if (w === undefined) break;
    vocabulary.push(w);
  }
  return {
    numWords,
    maxlen,
    tokenizer,
    vocabulary,
    trainX: padSequences(trainSeq, pad).data,
    trainY: Uint8Array.from(train.labels),
    valX: padSequences(valSeq, pad).data,
    valY: Uint8Array.from(val.labels),
    nTrain: train.texts.length,
    nVal: val.texts.length,
    valTruncatedRate: valSeq.filter((s) => s.length > maxlen).length / Math.max(1, valSeq.length),
  };
}

/** One text through the same pipeline: its tokens (after the tokenizer's filters) and the row. */
export function encodeText(
  encoded: EncodedTexts,
  text: string,
): { tokens: string[]; ids: number[]; row: Int32Array } {
  const tokens = encoded.tokenizer.tokensOf(text);
  const ids = encoded.tokenizer.textsToSequences([text])[0];
  const row = padSequences([ids], {
    maxlen: encoded.maxlen,
    padding: 'post',
    truncating: 'post',
  }).data;
  return { tokens, ids, row };
}
