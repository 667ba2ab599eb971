/**
 * Reading the reader's typed context the way the corpus was tokenized, so that what they type
 * matches the model's tokens. Pure: no DOM, runs in the worker and in Node tests.
 */
import { lmSentences } from '../../../data';
import type { ContextReading } from './protocol';

/** Start-of-sentence padding symbol (NLTK's `pad_both_ends`). */
export const BOS = '<s>';
/** End-of-sentence symbol. */
export const EOS = '</s>';
/** The vocabulary's label for unknown words (NLTK's `Vocabulary.unk_label`). */
export const UNK = '<UNK>';

/** Only this many trailing characters of the text are read (the context needs a few words). */
export const CONTEXT_CHARS = 1_000;

/**
 * A word appended to the text to learn whether the text ends a sentence: `lmSentences` puts it
 * in a sentence of its own exactly when the text's last sentence is closed (". ! ?"), whatever
 * the splitter's rules are. Capitalised, as a new sentence's first word would be.
 */
const PROBE = 'Qzxprobe';
const PROBE_TOKEN = PROBE.toLowerCase();

/**
 * The words of the text's last, still open, sentence, tokenized with `lmSentences` (the
 * tokenization of every chapter 3 language model: lowercase, words only, punctuation dropped).
 *
 * @param text - any text; only the last {@link CONTEXT_CHARS} characters are read.
 * @returns `tokens` (possibly empty) and `newSentence`: true when the text is empty or ends a
 *   sentence, so that the next word starts a new one.
 */
export function lastSentenceTokens(text: string): { tokens: string[]; newSentence: boolean } {
  const tail = text.length > CONTEXT_CHARS ? text.slice(-CONTEXT_CHARS) : text;
  const sentences = lmSentences(`${tail} ${PROBE}`);
  const last = sentences[sentences.length - 1] ?? [];
  if (last.length === 0 || last[last.length - 1] !== PROBE_TOKEN) {
    // Cannot happen with a word-only probe; read the text plainly rather than fail.
    const plain = lmSentences(tail);
    return { tokens: plain[plain.length - 1] ?? [], newSentence: plain.length === 0 };
  }
  const tokens = last.slice(0, -1);
  return { tokens, newSentence: tokens.length === 0 };
}

/**
 * The context an order-n model conditions on after `text`: the last sentence's tokens,
 * left-padded with n-1 '<s>' (as in training), the last n-1 of them, with words outside the
 * vocabulary replaced by '<UNK>'.
 *
 * @param text - the reader's text.
 * @param order - n (>= 1); an order-1 model uses no context (`used` is empty).
 * @param inVocabulary - whether a word is in the fitted vocabulary (`Vocabulary.has`).
 * @throws RangeError when `order` is not an integer >= 1.
 */
export function readContext(
  text: string,
  order: number,
  inVocabulary: (word: string) => boolean,
): ContextReading {
  if (!Number.isInteger(order) || order < 1) {
    throw new RangeError(`The order n must be a whole number from 1 up, got ${order}.`);
  }
  const { tokens, newSentence } = lastSentenceTokens(text);
  const width = order - 1;
  const padded = [...new Array<string>(width).fill(BOS), ...tokens];
  const raw = width === 0 ? [] : padded.slice(-width);
  const unknown = raw.map((w) => (w === BOS || inVocabulary(w) ? null : w));
  const used = raw.map((w, i) => (unknown[i] === null ? w : UNK));
  return { tokens, used, unknown, newSentence };
}
