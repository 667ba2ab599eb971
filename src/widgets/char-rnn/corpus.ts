/**
 * The character model's corpora on the page: Moby Dick or the sonnets, downloaded, split, and
 * encoded once with their character vocabulary (the worker receives the ids, never the text).
 * Loaded with a dynamic `import()` when the widget first prepares a run. No tfjs, no React.
 */
import { loadMobyDick, loadSonnets, sonnetsText, type LoadProgress } from '../../data';
import {
  buildCharVocab,
  encodeChars,
  mobyDickText,
  type CharVocab,
} from '../../models/rnn/charData';
import { defaultPassage } from './views';

/** The corpora the widget offers (the schema's `corpus` choices). */
export type CharCorpusChoice = 'moby-dick' | 'sonnets';

/** A corpus ready for the character model. */
export interface CharCorpus {
  name: CharCorpusChoice;
  /** For messages, e.g. "Moby Dick". */
  title: string;
  /** Characters (code points) of the training text. */
  trainChars: number;
  /** Characters (code points) of the held-out text. */
  heldoutChars: number;
  /** Built once per corpus from the training text (`buildCharVocab`: minCount 3). */
  vocab: CharVocab;
  /** The texts encoded once with `vocab` (every run of this corpus reuses them). */
  trainIds: Int32Array;
  heldoutIds: Int32Array;
  /** The default passage of the heatmap and the gradient probe (held-out text). */
  passage: string;
}

/** Characters of the default passage. */
export const PASSAGE_CHARS = 100;

/** Lets the page paint between the long stretches of preparing a corpus. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Downloads and prepares one corpus: Moby Dick (`mobyDickText`, chapters 10, 20, ... held out) or
 * the sonnets (`sonnetsText`, sonnets 10, 20, ... held out), and its character vocabulary.
 * @throws Error with a reader-facing message when the data cannot be loaded.
 */
export async function loadCorpus(
  name: CharCorpusChoice,
  baseUrl: string,
  onProgress: (p: LoadProgress) => void,
  signal: AbortSignal,
): Promise<CharCorpus> {
  let title: string;
  let trainText: string;
  let heldoutText: string;
  if (name === 'sonnets') {
    const c = await loadSonnets({ baseUrl, onProgress, signal });
    title = "Shakespeare's sonnets";
    trainText = sonnetsText(c, 'train');
    heldoutText = sonnetsText(c, 'heldout');
  } else {
    const c = await loadMobyDick({ baseUrl, onProgress, signal });
    title = 'Moby Dick';
    trainText = mobyDickText(c, 'train');
    heldoutText = mobyDickText(c, 'heldout');
  }
  await pause();
  const vocab = buildCharVocab(trainText);
  await pause();
  const trainIds = encodeChars(vocab, trainText);
  await pause();
  const heldoutIds = encodeChars(vocab, heldoutText);
  const passage = defaultPassage(heldoutText, PASSAGE_CHARS, name === 'sonnets' ? 0 : 1000);
  return {
    name,
    title,
    trainChars: Array.from(trainText).length,
    heldoutChars: Array.from(heldoutText).length,
    vocab,
    trainIds,
    heldoutIds,
    passage,
  };
}

/** Steps the gradient probe differentiates through: the passage's characters minus one, in [2, 512]. */
export function probeLength(passage: string): number {
  return Math.max(2, Math.min(512, Array.from(passage).length - 1));
}
