/**
 * The character model's corpora on the page: Moby Dick or the sonnets, downloaded, split, and
 * encoded once with their character vocabulary (the worker receives the ids, never the text).
 * Loaded with a dynamic `import()` when the widget first prepares a run. No tfjs, no React.
 */
import type { LoadProgress } from '../../data';
import { loadCharCorpus, type CharCorpusName, type EncodedCharCorpus } from '../common/charCorpus';
import { defaultPassage } from './views';

/** The corpora the widget offers (the schema's `corpus` choices). */
export type CharCorpusChoice = CharCorpusName;

/** A corpus ready for the character model, with the default passage of its probes. */
export interface CharCorpus extends Omit<EncodedCharCorpus, 'heldoutText'> {
  /** The default passage of the heatmap and the gradient probe (held-out text). */
  passage: string;
}

/** Characters of the default passage. */
export const PASSAGE_CHARS = 100;

/**
 * Downloads and prepares one corpus ({@link loadCharCorpus}) and picks its default passage.
 * @throws Error with a reader-facing message when the data cannot be loaded.
 */
export async function loadCorpus(
  name: CharCorpusChoice,
  baseUrl: string,
  onProgress: (p: LoadProgress) => void,
  signal: AbortSignal,
): Promise<CharCorpus> {
  const { heldoutText, ...corpus } = await loadCharCorpus(name, baseUrl, onProgress, signal);
  const passage = defaultPassage(heldoutText, PASSAGE_CHARS, name === 'sonnets' ? 0 : 1000);
  return { ...corpus, passage };
}
/** Steps the gradient probe differentiates through: the passage's characters minus one, in [2, 512]. */
export function probeLength(passage: string): number {
  return Math.max(2, Math.min(512, Array.from(passage).length - 1));
}
