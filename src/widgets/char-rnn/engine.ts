/**
 * The heavy half of the character-model widget, loaded with a dynamic `import()` only when the
 * widget comes near the screen: TensorFlow.js, the training runtime, the model and the corpora.
 */
import { loadMobyDick, loadSonnets, sonnetsText, type LoadProgress } from '../../data';
import { createCharLmTask, type CharLmTask } from '../../models/rnn/charLm';
import {
  buildCharVocab,
  encodeChars,
  mobyDickText,
  type CharVocab,
} from '../../models/rnn/charData';
import type { RnnCellType } from '../../models/rnn';
import { TrainingRunner, selectBackendFromLocation } from '../../train';
import { yieldToBrowser } from '../../train/step-io';
import {
  CHAR_RNN_BATCH,
  CHAR_RNN_EPOCHS,
  CHAR_RNN_EVAL_CHARS,
  type CharRnnSettings,
} from './schema';
import { defaultPassage } from './views';

export { TrainingRunner, selectBackendFromLocation };
export type { CharLmTask };

/** A corpus ready for the character model. */
export interface CharCorpus {
  name: CharRnnSettings['corpus'];
  /** For messages, e.g. "Moby Dick". */
  title: string;
  trainText: string;
  heldoutText: string;
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

/**
 * Downloads and prepares one corpus: Moby Dick (`mobyDickText`, chapters 10, 20, ... held out) or
 * the sonnets (`sonnetsText`, sonnets 10, 20, ... held out), and its character vocabulary.
 * @throws Error with a reader-facing message when the data cannot be loaded.
 */
export async function loadCorpus(
  name: CharRnnSettings['corpus'],
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
  await yieldToBrowser();
  const vocab = buildCharVocab(trainText);
  await yieldToBrowser();
  const trainIds = encodeChars(vocab, trainText);
  await yieldToBrowser();
  const heldoutIds = encodeChars(vocab, heldoutText);
  const passage = defaultPassage(heldoutText, PASSAGE_CHARS, name === 'sonnets' ? 0 : 1000);
  return { name, title, trainText, heldoutText, vocab, trainIds, heldoutIds, passage };
}

/** Builds the training task for a corpus and the widget's settings. */
export function buildTask(corpus: CharCorpus, s: CharRnnSettings): CharLmTask {
  return createCharLmTask({
    trainIds: corpus.trainIds,
    heldoutIds: corpus.heldoutIds,
    corpus: corpus.title,
    vocab: corpus.vocab,
    cell: s.cell,
    hiddenSize: s.hidden,
    layers: s.layers,
    seqLen: s.seq,
    batchSize: CHAR_RNN_BATCH,
    learningRate: s.lr,
    clipNorm: s.clip,
    optimizer: s.opt,
    initScale: s.init,
    seed: s.seed,
    evalChars: CHAR_RNN_EVAL_CHARS,
    epochs: CHAR_RNN_EPOCHS,
  });
}

/**
 * ||dL/dh_t|| per step over `passage` (loss at the last character) of a freshly initialised model
 * of `cell` with the run's size, seed and vocabulary (PyTorch's initialisation, W_hh × the run's
 * scale): the untrained baseline of the vanishing-gradient chart. Builds, measures and disposes
 * the model; leaves no tensors.
 */
export async function freshGradNorms(
  corpus: CharCorpus,
  s: CharRnnSettings,
  cell: RnnCellType,
  passage: string,
): Promise<Float32Array> {
  const task = createCharLmTask({
    // The fresh model never trains: a short training text keeps the set-up cheap.
    trainText: corpus.heldoutText.slice(0, 4096),
    heldoutText: passage,
    corpus: corpus.title,
    vocab: corpus.vocab,
    cell,
    hiddenSize: s.hidden,
    layers: s.layers,
    seqLen: 2,
    batchSize: 1,
    initScale: s.init,
    seed: s.seed,
    evalChars: 2,
  });
  try {
    task.init();
    return await task.gradNormsPerStep({ text: passage, length: probeLength(passage) });
  } finally {
    task.dispose();
  }
}

/** Steps the gradient probe differentiates through: the passage's characters minus one, in [2, 512]. */
export function probeLength(passage: string): number {
  return Math.max(2, Math.min(512, Array.from(passage).length - 1));
}
