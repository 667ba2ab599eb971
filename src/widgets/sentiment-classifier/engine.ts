/**
 * The heavy half of the sentiment widget, loaded with a dynamic `import()` only when the widget
 * comes near the screen: TensorFlow.js, the training runtime, the model and the data loader.
 */
import { loadUciSentences, type LoadProgress, type UciCorpus } from '../../data';
import { createSentimentTask, type SentimentTask } from '../../models';
import { TrainingRunner, selectBackendFromLocation } from '../../train';
import type { EncodedCorpus } from './encode';

export { TrainingRunner };
export type { SentimentTask, UciCorpus };

/** Training settings that do not change the encoding. */
export interface TrainSettings {
  dim: number;
  lr: number;
  batch: number;
  epochs: number;
  seed: number;
}

/**
 * Loads the corpus (with progress) and starts the backend (honouring `?backend=`).
 * @returns the corpus and, when `?backend=` was bad, a message for the reader.
 * @throws Error with a reader-facing message when the data cannot be loaded.
 */
export async function loadEngine(
  baseUrl: string,
  onProgress: (p: LoadProgress) => void,
  signal: AbortSignal,
): Promise<{ corpus: UciCorpus; backendMessage?: string }> {
  const [corpus, backend] = await Promise.all([
    loadUciSentences({ baseUrl, onProgress, signal }),
    selectBackendFromLocation(),
  ]);
  return { corpus, backendMessage: backend.message };
}

/** Builds the classifier task for one encoding and one set of training settings. */
export function buildTask(encoded: EncodedCorpus, s: TrainSettings): SentimentTask {
  return createSentimentTask({
    trainX: encoded.trainX,
    trainY: encoded.trainY,
    valX: encoded.valX,
    valY: encoded.valY,
    vocabSize: encoded.vocabSize,
    maxlen: encoded.params.maxlen,
    embeddingDim: s.dim,
    learningRate: s.lr,
    batchSize: s.batch,
    epochs: s.epochs,
    seed: s.seed,
  });
}
