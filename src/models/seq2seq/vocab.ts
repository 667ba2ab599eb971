/**
 * Character vocabularies with the special tokens of a sequence-to-sequence model, the dataset
 * type the tasks produce, and the padding of a batch of examples into id matrices. No tfjs, no
 * React, no DOM.
 */

/** Padding (id 0): fills sequences up to the batch's length; never predicted, masked out. */
export const PAD_TOKEN = '<pad>';
/** Start of the output (id 1): the decoder's first input. */
export const START_TOKEN = '<s>';
/** End of the output (id 2): the decoder predicts it after the last character. */
export const END_TOKEN = '</s>';
/** Unknown character (id 3): a character outside the vocabulary. */
export const UNK_TOKEN = '<unk>';
/** The four special tokens, ids 0-3. */
export const SPECIAL_TOKENS = [PAD_TOKEN, START_TOKEN, END_TOKEN, UNK_TOKEN] as const;

/** A character vocabulary: ids 0-3 the {@link SPECIAL_TOKENS}, then one id per character. */
export interface Seq2SeqVocab {
  /** Token per id: the special tokens, then the characters. */
  readonly tokens: readonly string[];
  /** Number of ids. */
  readonly size: number;
  readonly padId: 0;
  readonly startId: 1;
  readonly endId: 2;
  readonly unkId: 3;
  /** Id of one character ({@link UNK_TOKEN}'s for an unknown one). */
  idOf(ch: string): number;
  /** Ids of a text, one per character (code point), no special tokens added. */
  encode(text: string): Int32Array;
  /** The characters of `ids` up to the first END; PAD and START are skipped, UNK reads as U+FFFD. */
  decode(ids: ArrayLike<number>): string;
}

/**
 * Builds a vocabulary of the distinct characters of `alphabet` (in their first order).
 * @throws RangeError for an empty alphabet.
 */
export function createSeq2SeqVocab(alphabet: string): Seq2SeqVocab {
  const chars = [...new Set(Array.from(alphabet))];
  if (chars.length === 0) throw new RangeError('createSeq2SeqVocab: the alphabet is empty');
  const tokens = [...SPECIAL_TOKENS, ...chars];
  const index = new Map(chars.map((ch, i) => [ch, i + SPECIAL_TOKENS.length]));
  const idOf = (ch: string) => index.get(ch) ?? 3;
  return {
    tokens,
    size: tokens.length,
    padId: 0,
    startId: 1,
    endId: 2,
    unkId: 3,
    idOf,
    encode: (text: string) => Int32Array.from(Array.from(text), idOf),
    decode(ids: ArrayLike<number>): string {
      let out = '';
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id === 2) break;
        if (id === 0 || id === 1) continue;
        out += id === 3 ? '\uFFFD' : (tokens[id] ?? '\uFFFD');
      }
      return out;
    },
  };
}

/** One input-output pair. */
export interface Seq2SeqExample {
  /** The input text, e.g. "123+45" or "3rd of March 2021". */
  source: string;
  /** The expected output text, e.g. "168" or "2021-03-03" (no special tokens). */
  target: string;
  /** The date format's name (dates only), e.g. "ordinal-of". */
  format?: string;
}

/** A generated task: its splits, vocabularies and the longest input and output. */
export interface Seq2SeqDataset {
  /** `'addition'` or `'dates'`. */
  name: string;
  /** Training pairs. */
  train: Seq2SeqExample[];
  /** Held-out pairs of the training distribution (held-out dates or held-out sums). */
  validation: Seq2SeqExample[];
  /** The second held-out set (dates: held-out formats on held-out dates; addition: more held-out sums). */
  test: Seq2SeqExample[];
  /** What `validation` and `test` hold, in words, for the widget's legend. */
  splitLabels: { validation: string; test: string };
  sourceVocab: Seq2SeqVocab;
  targetVocab: Seq2SeqVocab;
  /** Longest input in characters (the encoder's T). */
  maxSourceLength: number;
  /** Longest output in characters, END not counted (the decoder runs this + 1 steps). */
  maxTargetLength: number;
}

/** Ids of a batch of examples, row-major. */
export interface EncodedBatch {
  rows: number;
  /** Source ids `[rows, srcLen]`, PAD after each input. */
  source: Int32Array;
  srcLen: number;
  /** Input characters per row. */
  sourceLengths: Int32Array;
  /** Decoder inputs `[rows, tgtLen]`: START, then the target characters, PAD after. */
  decoderInput: Int32Array;
  /** Decoder targets `[rows, tgtLen]`: the target characters, END, PAD after. */
  decoderTarget: Int32Array;
  /** tgtLen = longest target + 1 (END). */
  tgtLen: number;
}

/**
 * Pads a batch: sources to `srcLen` (longer ones are cut), targets to `tgtLen` (START + target
 * for the decoder's input, target + END for its labels).
 */
export function encodeBatch(
  examples: readonly Seq2SeqExample[],
  sourceVocab: Seq2SeqVocab,
  targetVocab: Seq2SeqVocab,
  srcLen: number,
  tgtLen: number,
): EncodedBatch {
  const rows = examples.length;
  const source = new Int32Array(rows * srcLen);
  const sourceLengths = new Int32Array(rows);
  const decoderInput = new Int32Array(rows * tgtLen);
  const decoderTarget = new Int32Array(rows * tgtLen);
  examples.forEach((ex, r) => {
    const s = sourceVocab.encode(ex.source).subarray(0, srcLen);
    source.set(s, r * srcLen);
    sourceLengths[r] = s.length;
    const t = targetVocab.encode(ex.target).subarray(0, tgtLen - 1);
    decoderInput[r * tgtLen] = targetVocab.startId;
    decoderInput.set(t, r * tgtLen + 1);
    decoderTarget.set(t, r * tgtLen);
    decoderTarget[r * tgtLen + t.length] = targetVocab.endId;
  });
  return { rows, source, srcLen, sourceLengths, decoderInput, decoderTarget, tgtLen };
}
