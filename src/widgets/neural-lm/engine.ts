/**
 * The heavy half of the neural LM widget, loaded with a dynamic `import()` only when the widget
 * comes near the screen: TensorFlow.js, the training runtime, the model, the corpus and its
 * preparation.
 */
import {
  loadMobyDick,
  mobyDickSentences,
  MOBY_DICK_UNK_CUTOFF,
  type LoadProgress,
} from '../../data';
import { createNeuralLmTask, type NeuralLmTask } from '../../models';
import { TrainingRunner, selectBackendFromLocation } from '../../train';
import { yieldToBrowser } from '../../train/step-io';
import { encodeSplit, fitLmVocabulary, type EvalSelection, type LmVocabulary } from './prepare';
import {
  EVAL_SUBSET_SEED,
  EVAL_SUBSET_SIZE,
  NEURAL_LM_EPOCHS,
  type NeuralLmSettings,
} from './schema';

export { TrainingRunner };

/** Held-out examples per forward pass of `evaluate()` (the page paints between chunks). */
export const EVAL_CHUNK = 128;
export type { NeuralLmTask };

/** The corpus, tokenized, with the vocabulary shared with the n-gram service. */
export interface LmCorpus {
  train: string[][];
  heldout: string[][];
  vocab: LmVocabulary;
  /** Training word tokens (no padding). */
  trainTokens: number;
}

/** The arrays one run trains and evaluates on (they depend on the context size and eval choice). */
export interface LmData {
  contextSize: number;
  selection: EvalSelection;
  train: ReturnType<typeof encodeSplit>;
  heldout: ReturnType<typeof encodeSplit>;
}

/**
 * Loads Moby Dick (with progress), tokenizes it with `mobyDickSentences`, fits the vocabulary and
 * starts the backend (honouring `?backend=`). Yields to the browser between the phases.
 * @throws Error with a reader-facing message when the data cannot be loaded.
 */
export async function loadEngine(
  baseUrl: string,
  onProgress: (p: LoadProgress) => void,
  signal: AbortSignal,
): Promise<{ corpus: LmCorpus; backendMessage?: string }> {
  const [raw, backend] = await Promise.all([
    loadMobyDick({ baseUrl, onProgress, signal }),
    selectBackendFromLocation(),
  ]);
  await yieldToBrowser();
  const train = mobyDickSentences(raw, 'train');
  await yieldToBrowser();
  const heldout = mobyDickSentences(raw, 'heldout');
  await yieldToBrowser();
  const vocab = fitLmVocabulary(train, MOBY_DICK_UNK_CUTOFF);
  const trainTokens = train.reduce((n, s) => n + s.length, 0);
  return { corpus: { train, heldout, vocab, trainTokens }, backendMessage: backend.message };
}

/** The evaluation selection of a setting. */
export function selectionOf(s: Pick<NeuralLmSettings, 'eval'>): EvalSelection {
  return s.eval === 'all'
    ? { kind: 'all' }
    : { kind: 'subset', size: EVAL_SUBSET_SIZE, seed: EVAL_SUBSET_SEED };
}

/** Encodes the training and held-out n-grams for a context size (yields between the two). */
export async function prepareData(
  corpus: LmCorpus,
  contextSize: number,
  selection: EvalSelection,
): Promise<LmData> {
  const train = encodeSplit(corpus.train, corpus.vocab, contextSize);
  await yieldToBrowser();
  const heldout = encodeSplit(corpus.heldout, corpus.vocab, contextSize, selection);
  return { contextSize, selection, train, heldout };
}

/** Builds the task for prepared data and the training settings. */
export function buildTask(corpus: LmCorpus, data: LmData, s: NeuralLmSettings): NeuralLmTask {
  return createNeuralLmTask({
    words: corpus.vocab.words,
    contextSize: data.contextSize,
    trainContexts: data.train.contexts,
    trainTargets: data.train.targets,
    evalContexts: data.heldout.contexts,
    evalTargets: data.heldout.targets,
    embeddingDim: s.dim,
    hiddenUnits: s.hidden,
    learningRate: s.lr,
    batchSize: s.batch,
    seed: s.seed,
    epochs: NEURAL_LM_EPOCHS,
    // Small evaluation chunks: the page paints between them. One row is a ~6 K-word softmax;
    // 128 rows take about as long as one training step of 32 (~15 ms on wasm), where 500 rows
    // were a 60-250 ms long task.
    evalChunk: EVAL_CHUNK,
  });
}
