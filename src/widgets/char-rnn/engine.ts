/**
 * The heavy half of the character-model widget, loaded with a dynamic `import()` only when the
 * widget comes near the screen: the training runtime and the corpora. The model itself runs in a
 * Web Worker (./charRnn.worker.ts, task kind ./workerKind.ts): {@link spawnCharWorker} starts it and
 * {@link buildTask} makes the runner's proxy of a task in it.
 */
import { loadMobyDick, loadSonnets, sonnetsText, type LoadProgress } from '../../data';
import {
  buildCharVocab,
  encodeChars,
  mobyDickText,
  type CharVocab,
} from '../../models/rnn/charData';
import { TrainingRunner, parseBackendParam, selectBackendFromLocation } from '../../train';
import { yieldToBrowser } from '../../train/step-io';
import { TaskWorker, WorkerTask } from '../../train/worker/client';
import {
  CHAR_RNN_BATCH,
  CHAR_RNN_EPOCHS,
  CHAR_RNN_EVAL_CHARS,
  type CharRnnSettings,
} from './schema';
import { defaultPassage } from './views';
import type { CharLmWorkerConfig } from './workerKind';

export { TrainingRunner, selectBackendFromLocation, TaskWorker, WorkerTask };

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

/** Starts the character model's worker (terminate it when the widget unmounts). */
export function spawnCharWorker(): TaskWorker {
  return new TaskWorker(
    new Worker(new URL('./charRnn.worker.ts', import.meta.url), {
      type: 'module',
      name: 'char-rnn',
    }),
  );
}

/**
 * The runner's task for a corpus and the widget's settings: a proxy of the character LM built in
 * `worker` (the ids are copied there at `init`; the worker's backend honours `?backend=`). The
 * worker outlives the task (Reset builds the next one in it).
 */
export function buildTask(worker: TaskWorker, corpus: CharCorpus, s: CharRnnSettings): WorkerTask {
  const config: CharLmWorkerConfig = {
    trainIds: corpus.trainIds,
    heldoutIds: corpus.heldoutIds,
    corpus: corpus.title,
    vocab: corpus.vocab.chars,
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
  };
  const forced =
    typeof location !== 'undefined' ? parseBackendParam(location.search).backend : null;
  return new WorkerTask({
    worker,
    kind: 'char-lm',
    config,
    name: 'character model',
    backend: forced,
    terminateOnDispose: false,
  });
}

/** Steps the gradient probe differentiates through: the passage's characters minus one, in [2, 512]. */
export function probeLength(passage: string): number {
  return Math.max(2, Math.min(512, Array.from(passage).length - 1));
}
