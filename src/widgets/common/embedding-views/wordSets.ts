/**
 * The word sets shown in chapter 8's projections, and the parsing of the words a reader types.
 * Pure TypeScript.
 */
import { lmSentences } from '../../../data';

/** A named group of words, drawn in one colour. */
export interface WordGroup {
  name: string;
  words: readonly string[];
}

/**
 * Default groups for the State of the Union (every word occurs at least 98 times in the corpus
 * tokenized by `lmSentences`, so it survives any minCount the widgets allow): months, numbers,
 * countries, war and peace, public finance. The chapter's prompts ask whether such groups form
 * clusters.
 */
export const SOTU_WORD_GROUPS: readonly WordGroup[] = [
  { name: 'months', words: ['january', 'march', 'april', 'june', 'july', 'december'] },
  { name: 'numbers', words: ['two', 'three', 'four', 'five', 'ten', 'hundred'] },
  { name: 'countries', words: ['france', 'britain', 'china', 'japan', 'mexico', 'spain'] },
  { name: 'war and peace', words: ['war', 'peace', 'army', 'navy'] },
  { name: 'finance', words: ['tax', 'taxes', 'revenue', 'debt', 'budget'] },
];

/**
 * Default groups for Moby Dick (training sections; every word occurs at least 36 times): the
 * whale hunt, the crew, numbers, the sea and the sky.
 */
export const MOBY_WORD_GROUPS: readonly WordGroup[] = [
  { name: 'the hunt', words: ['whale', 'whales', 'harpoon', 'boat', 'ship', 'ships'] },
  { name: 'the crew', words: ['ahab', 'starbuck', 'queequeg', 'captain', 'man'] },
  { name: 'numbers', words: ['one', 'two', 'three', 'four', 'five', 'ten'] },
  { name: 'sea and sky', words: ['sea', 'ocean', 'water', 'sun', 'night'] },
];

/** The default word groups of a corpus id (`'sotu'` or `'moby'`; anything else gets SOTU's). */
export function defaultWordGroups(corpus: string): readonly WordGroup[] {
  return corpus === 'moby' ? MOBY_WORD_GROUPS : SOTU_WORD_GROUPS;
}

/** Most words a projection shows (more labels would not be legible). */
export const MAX_PROJECTION_WORDS = 40;

/**
 * The words in a reader's input, tokenized exactly as the corpora are (`lmSentences`: runs of
 * letters and digits with internal ' ’ or -, lowercased; punctuation and commas separate words),
 * without duplicates, in input order.
 */
export function parseWordInput(text: string): string[] {
  const seen = new Set<string>();
  for (const s of lmSentences(text)) for (const w of s) seen.add(w);
  return [...seen];
}

/**
 * Adds `input`'s words to `current` (no duplicates), at most {@link MAX_PROJECTION_WORDS} in all.
 * @returns the new list and the words that did not fit (`dropped`).
 */
export function addWords(
  current: readonly string[],
  input: string,
  max = MAX_PROJECTION_WORDS,
): { words: string[]; added: string[]; dropped: string[] } {
  const words = [...current];
  const have = new Set(current);
  const added: string[] = [];
  const dropped: string[] = [];
  for (const w of parseWordInput(input)) {
    if (have.has(w)) continue;
    if (words.length >= max) {
      dropped.push(w);
      continue;
    }
    have.add(w);
    words.push(w);
    added.push(w);
  }
  return { words, added, dropped };
}

/** Splits `words` into those the vocabulary has (`known`, in order) and the rest (`unknown`). */
export function splitKnown(
  words: readonly string[],
  has: (word: string) => boolean,
): { known: string[]; unknown: string[] } {
  const known: string[] = [];
  const unknown: string[] = [];
  for (const w of words) (has(w) ? known : unknown).push(w);
  return { known, unknown };
}

/** Map word -> group name, for colouring. */
export function groupIndex(groups: readonly WordGroup[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const g of groups) for (const w of g.words) if (!m.has(w)) m.set(w, g.name);
  return m;
}
