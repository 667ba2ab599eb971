/**
 * The character corpora of the book's character language models (chapter 9's RNNs and chapter
 * 15's Transformer):
 * Moby Dick or the sonnets, downloaded, split, and encoded once with their character vocabulary
 * (the model's worker receives the ids, never the text). No tfjs, no React.
 */
import { loadMobyDick, loadSonnets, sonnetsText, type LoadProgress } from '../../data';
import {
  buildCharVocab,
  encodeChars,
  mobyDickText,
  type CharVocab,
} from '../../models/rnn/charData';

/** The corpora a character widget offers. */
export type CharCorpusName = 'moby-dick' | 'sonnets';

/** A corpus ready for a character model. */
export interface EncodedCharCorpus {
  name: CharCorpusName;
  /** For messages, e.g. "Moby Dick". */
  title: string;
  /** Characters (code points) of the training text. */
  trainChars: number;
  /** Characters (code points) of the held-out text. */
  heldoutChars: number;
  /** Built once per corpus from the training text (`buildCharVocab`: minCount 3). */
  vocab: CharVocab;
  /** The texts encoded once with `vocab`. */
  trainIds: Int32Array;
  heldoutIds: Int32Array;
  /** The held-out text itself (for passages shown on the page; not sent to a worker). */
  heldoutText: string;
}

/** Lets the page paint between the long stretches of preparing a corpus. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Downloads and prepares one corpus: Moby Dick (`mobyDickText`, chapters 10, 20, ... held out) or
 * the sonnets (`sonnetsText`, sonnets 10, 20, ... held out), and its character vocabulary.
 * @throws Error with a reader-facing message when the data cannot be loaded.
 */
export async function loadCharCorpus(
  name: CharCorpusName,
  baseUrl: string,
  onProgress: (p: LoadProgress) => void,
  signal: AbortSignal,
): Promise<EncodedCharCorpus> {
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
  return {
    name,
    title,
    trainChars: Array.from(trainText).length,
    heldoutChars: Array.from(heldoutText).length,
    vocab,
    trainIds,
    heldoutIds,
    heldoutText,
  };
}
