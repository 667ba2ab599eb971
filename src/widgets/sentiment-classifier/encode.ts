/**
 * Turns the UCI corpus into the classifier's integer tensors, Keras-style: a `Tokenizer`
 * fitted on the training split only, `textsToSequences`, then `padSequences`.
 * Pure TypeScript (no tfjs, no React), so it runs in unit tests.
 */
import { getSplit, type UciCorpus } from '../../data';
import { Tokenizer, oovRate, padSequences } from '../../nlp';

/** The OOV token; Keras puts it at index 1. */
export const OOV_TOKEN = '<OOV>';

/** What the encoding depends on (the tokenization knobs of the widget). */
export interface EncodingParams {
  /** Keras `num_words`: ids below it are kept, others map to the OOV index 1. */
  numWords: number;
  /** Length of every padded row. */
  maxlen: number;
  padding: 'pre' | 'post';
  truncating: 'pre' | 'post';
}

/** The encoded training and validation splits. */
export interface EncodedCorpus {
  params: EncodingParams;
  /** Fitted on the training texts only. */
  tokenizer: Tokenizer;
  /** int32 `[nTrain * maxlen]`, row-major. */
  trainX: Int32Array;
  /** `[nTrain]`, 1 = positive. */
  trainY: Uint8Array;
  /** int32 `[nVal * maxlen]`. */
  valX: Int32Array;
  valY: Uint8Array;
  nTrain: number;
  nVal: number;
  /** Rows of the embedding table: `numWords` (as Keras' `Embedding(num_words, dim)`). */
  vocabSize: number;
  /** Distinct words seen in the training split (before the num_words cut). */
  typesInTraining: number;
  /** Fraction of validation tokens mapped to OOV (before truncation; padding excluded). */
  valOovRate: number;
  /** Fraction of training tokens mapped to OOV (only words cut by num_words). */
  trainOovRate: number;
  /** Fraction of validation sentences longer than maxlen (they lose tokens). */
  valTruncatedRate: number;
}

/**
 * Fits the tokenizer on the training split and encodes the training and validation splits.
 *
 * @throws RangeError when `numWords` is below 2 (index 1 is the OOV token) or `maxlen` below 1.
 */
export function encodeCorpus(corpus: UciCorpus, params: EncodingParams): EncodedCorpus {
  if (!(Number.isInteger(params.numWords) && params.numWords >= 2)) {
    throw new RangeError(`num_words must be an integer >= 2, got ${params.numWords}`);
  }
  if (!(Number.isInteger(params.maxlen) && params.maxlen >= 1)) {
    throw new RangeError(`maxlen must be a positive integer, got ${params.maxlen}`);
  }
  const train = getSplit(corpus, 'train');
  const val = getSplit(corpus, 'validation');
  const tokenizer = new Tokenizer({ numWords: params.numWords, oovToken: OOV_TOKEN });
  tokenizer.fitOnTexts(train.texts);
  const trainSeq = tokenizer.textsToSequences(train.texts);
  const valSeq = tokenizer.textsToSequences(val.texts);
  const pad = { maxlen: params.maxlen, padding: params.padding, truncating: params.truncating };
  return {
    params,
    tokenizer,
    trainX: padSequences(trainSeq, pad).data,
    trainY: Uint8Array.from(train.labels),
    valX: padSequences(valSeq, pad).data,
    valY: Uint8Array.from(val.labels),
    nTrain: train.texts.length,
    nVal: val.texts.length,
    vocabSize: params.numWords,
    // wordIndex also holds the OOV token.
    typesInTraining: tokenizer.wordIndex.size - 1,
    valOovRate: oovRate(valSeq, 1),
    trainOovRate: oovRate(trainSeq, 1),
    valTruncatedRate: valSeq.filter((s) => s.length > params.maxlen).length / valSeq.length,
  };
}

/** One sentence through the same pipeline, for the "try your own sentence" box. */
export interface EncodedSentence {
  /** Word tokens after Keras' filters and lower-casing. */
  tokens: string[];
  /** One id per token (1 = OOV). */
  ids: number[];
  /** int32 `[maxlen]`: the padded/truncated row the model sees. */
  row: Int32Array;
}

/** Encodes one text with the fitted tokenizer and the padding settings of `encoded`. */
export function encodeSentence(encoded: EncodedCorpus, text: string): EncodedSentence {
  const { tokenizer, params } = encoded;
  const tokens = tokenizer.tokensOf(text);
  const ids = tokenizer.textsToSequences([text])[0];
  const row = padSequences([ids], {
    maxlen: params.maxlen,
    padding: params.padding,
    truncating: params.truncating,
  }).data;
  return { tokens, ids, row };
}
