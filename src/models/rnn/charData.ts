/**
 * Data for chapter 9's character language model: the character vocabulary, text <-> ids, and the
 * batches of truncated backpropagation through time (TBPTT). Plain TypeScript: no tfjs, no React,
 * no DOM.
 *
 * Conventions (Karpathy's char-rnn, 2015, and PyTorch's examples/word_language_model):
 * - a character is a Unicode code point of the NFC-normalised text (so "é" is one character
 *   whether it arrived composed or not; an emoji outside the BMP is one character, not two UTF-16
 *   units);
 * - case and punctuation are kept, and so is the newline `"\n"` (a paragraph break is `"\n\n"`):
 *   the model learns capitals after full stops and line breaks in verse;
 * - characters rarer than `minCount` in the training text (and any character never seen in it,
 *   e.g. in held-out text or in a reader's prime) map to one replacement symbol, {@link UNK_CHAR}
 *   (U+FFFD REPLACEMENT CHARACTER), which is always id 0;
 * - the other characters are ranked by frequency in the training text (ties by code point), so
 *   id 1 is the most frequent character (the space, in English prose);
 * - the model's input is the one-hot vector of the character id (`[batch, seqLen, V]`), the
 *   classic char-rnn input: no embedding table.
 */

/** The replacement symbol rare and unseen characters map to (U+FFFD); always id 0. */
export const UNK_CHAR = '\uFFFD';

/** Defaults of {@link buildCharVocab}. */
export const CHAR_VOCAB_DEFAULTS = {
  /** Characters seen fewer times than this in the training text become {@link UNK_CHAR}. */
  minCount: 3,
  /** At most this many characters, {@link UNK_CHAR} included (the most frequent are kept). */
  maxSize: 256,
} as const;

/** A character vocabulary. */
export interface CharVocab {
  /** `chars[id]` is the character of `id`; `chars[0]` is {@link UNK_CHAR}. V = `chars.length`. */
  readonly chars: readonly string[];
  /** Occurrences of each character in the text the vocabulary was built from (id order). */
  readonly counts: readonly number[];
  /** Id of a character (a code point): its id, or 0 ({@link UNK_CHAR}) when it is not in the vocabulary. */
  idOf(ch: string): number;
}

/**
 * Builds the character vocabulary of a training text (see the module comment for the rules).
 *
 * @param text - the training text; NFC-normalised here.
 * @param options - `minCount` (default 3, an integer >= 1), `maxSize` (default 256, an integer in
 *   [2, 65536]).
 * @throws TypeError if `text` is not a string; RangeError for an empty text or an option out of range.
 */
export function buildCharVocab(
  text: string,
  options: { minCount?: number; maxSize?: number } = {},
): CharVocab {
  if (typeof text !== 'string') {
    throw new TypeError(`buildCharVocab: expected a string, got ${typeof text}`);
  }
  const { minCount = CHAR_VOCAB_DEFAULTS.minCount, maxSize = CHAR_VOCAB_DEFAULTS.maxSize } =
    options;
  if (!Number.isInteger(minCount) || minCount < 1) {
    throw new RangeError(`buildCharVocab: minCount must be an integer >= 1, got ${minCount}`);
  }
  if (!Number.isInteger(maxSize) || maxSize < 2 || maxSize > 65536) {
    throw new RangeError(
      `buildCharVocab: maxSize must be an integer in [2, 65536], got ${maxSize}`,
    );
  }
  if (text.length === 0) throw new RangeError('buildCharVocab: the text is empty');
  const freq = new Map<string, number>();
  for (const ch of text.normalize('NFC')) freq.set(ch, (freq.get(ch) ?? 0) + 1);
  const ranked = [...freq]
    .filter(([ch, n]) => ch !== UNK_CHAR && n >= minCount)
    .sort((a, b) => b[1] - a[1] || a[0].codePointAt(0)! - b[0].codePointAt(0)!)
    .slice(0, maxSize - 1);
  const kept = new Set(ranked.map(([ch]) => ch));
  let unkCount = 0;
  for (const [ch, n] of freq) if (!kept.has(ch)) unkCount += n;
  const chars = [UNK_CHAR, ...ranked.map(([ch]) => ch)];
  const counts = [unkCount, ...ranked.map(([, n]) => n)];
  return vocabFrom(chars, counts);
}

/**
 * A vocabulary from its character list (e.g. one saved with a checkpoint).
 * @throws RangeError unless `chars[0]` is {@link UNK_CHAR} and every entry is one distinct code point.
 */
export function charVocabFromList(chars: readonly string[], counts?: readonly number[]): CharVocab {
  if (!Array.isArray(chars) || chars[0] !== UNK_CHAR) {
    throw new RangeError('charVocabFromList: chars[0] must be the replacement symbol U+FFFD');
  }
  const seen = new Set<string>();
  for (const ch of chars) {
    if (typeof ch !== 'string' || [...ch].length !== 1 || seen.has(ch)) {
      throw new RangeError(
        `charVocabFromList: ${JSON.stringify(ch)} is not one distinct character`,
      );
    }
    seen.add(ch);
  }
  return vocabFrom([...chars], counts ? [...counts] : chars.map(() => 0));
}

function vocabFrom(chars: string[], counts: number[]): CharVocab {
  const index = new Map(chars.map((ch, i) => [ch, i]));
  return {
    chars,
    counts,
    idOf: (ch: string) => index.get(ch) ?? 0,
  };
}

/** Character ids of a text (NFC-normalised; characters not in the vocabulary become id 0). */
export function encodeChars(vocab: CharVocab, text: string): Int32Array {
  if (typeof text !== 'string') {
    throw new TypeError(`encodeChars: expected a string, got ${typeof text}`);
  }
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) out.push(vocab.idOf(ch));
  return Int32Array.from(out);
}

/**
 * The text of character ids.
 * @throws RangeError for an id outside [0, V).
 */
export function decodeChars(vocab: CharVocab, ids: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < ids.length; i++) {
    const ch = vocab.chars[ids[i]];
    if (ch === undefined) {
      throw new RangeError(
        `decodeChars: ${ids[i]} is not a character id in [0, ${vocab.chars.length})`,
      );
    }
    s += ch;
  }
  return s;
}

/** One TBPTT batch: `batch` rows of `seqLen` ids, row-major (`[batch * seqLen]`). */
export interface TbpttChunk {
  /** Input ids `[batch, seqLen]`: row b is stream b, positions `k*seqLen ... k*seqLen + seqLen - 1`. */
  inputs: Int32Array;
  /** Target ids `[batch, seqLen]`: the next character of each input (inputs shifted by one). */
  targets: Int32Array;
}

/** The text cut into parallel streams for truncated BPTT. */
export interface TbpttBatcher {
  readonly batch: number;
  readonly seqLen: number;
  /** Characters per stream, `floor(N / batch)`; the last `N mod batch` characters are dropped. */
  readonly streamLength: number;
  /** Chunks per pass over the text, `floor((streamLength - 1) / seqLen)`. */
  readonly chunksPerEpoch: number;
  /** Chunk `k` (0 <= k < chunksPerEpoch) of every stream. */
  chunk(k: number): TbpttChunk;
}

/**
 * Cuts `ids` (length N) into `batch` contiguous streams of `streamLength = floor(N / batch)`
 * characters (stream b = `ids[b * streamLength ... (b + 1) * streamLength - 1]`, as PyTorch's
 * word_language_model `batchify` and Karpathy's char-rnn loader), and each stream into consecutive
 * chunks of `seqLen`: chunk k's input row b is `ids[b * streamLength + k * seqLen + t]` and its
 * target the character after it, t = 0 .. seqLen - 1. Because chunk k + 1 of a stream continues
 * exactly where chunk k stopped, the hidden state at the end of one step is the right initial
 * state of the next step (truncated BPTT: gradients stop at the chunk boundary, the state does
 * not). The incomplete last chunk of each stream is dropped so every batch has the same shape.
 *
 * @throws RangeError for a batch or seqLen that is not a positive integer, or a text too short to
 *   give every stream one chunk (N < batch * (seqLen + 1)).
 */
export function tbpttBatcher(ids: Int32Array, batch: number, seqLen: number): TbpttBatcher {
  if (!Number.isInteger(batch) || batch < 1) {
    throw new RangeError(`tbpttBatcher: batch must be a positive integer, got ${batch}`);
  }
  if (!Number.isInteger(seqLen) || seqLen < 1) {
    throw new RangeError(`tbpttBatcher: seqLen must be a positive integer, got ${seqLen}`);
  }
  const streamLength = Math.floor(ids.length / batch);
  const chunksPerEpoch = Math.floor((streamLength - 1) / seqLen);
  if (chunksPerEpoch < 1) {
    throw new RangeError(
      `tbpttBatcher: a text of ${ids.length} characters is too short for ${batch} streams of seqLen ${seqLen} (it needs at least ${batch * (seqLen + 1)})`,
    );
  }
  return {
    batch,
    seqLen,
    streamLength,
    chunksPerEpoch,
    chunk(k: number): TbpttChunk {
      if (!Number.isInteger(k) || k < 0 || k >= chunksPerEpoch) {
        throw new RangeError(`tbpttBatcher: chunk ${k} is outside [0, ${chunksPerEpoch})`);
      }
      const inputs = new Int32Array(batch * seqLen);
      const targets = new Int32Array(batch * seqLen);
      for (let b = 0; b < batch; b++) {
        const start = b * streamLength + k * seqLen;
        inputs.set(ids.subarray(start, start + seqLen), b * seqLen);
        targets.set(ids.subarray(start + 1, start + 1 + seqLen), b * seqLen);
      }
      return { inputs, targets };
    },
  };
}

/** The corpora the character model trains on. */
export type CharCorpusName = 'moby-dick' | 'sonnets';

/**
 * The text of one split of Moby Dick for a character model: each section (chapter) as its title
 * line, a blank line and its paragraphs (separated by blank lines), sections separated by a blank
 * line, in book order. About 1.08 M training and 0.11 M held-out characters.
 */
export function mobyDickText(
  corpus: { sections: readonly { title: string; text: string; split: string }[] },
  split: 'train' | 'heldout',
): string {
  return corpus.sections
    .filter((s) => s.split === split)
    .map((s) => (s.title ? `${s.title}\n\n${s.text}` : s.text))
    .join('\n\n');
}
