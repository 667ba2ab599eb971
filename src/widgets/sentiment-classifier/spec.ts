/**
 * How the kit runs the Chapter 1 classifier: the data a run needs (the UCI sentences, encoded
 * with the applied tokenization, re-encoded only when a tokenization setting changed), the
 * model's Web Worker and task kind, and the widget's own facts. See src/widgets/kit.
 */
import type { UciCorpus } from '../../data';
import type { TrainingController, TrainingSpec } from '../kit';
import {
  encodeCorpus,
  encodeSentence,
  type EncodedCorpus,
  type EncodedSentence,
  type EncodingParams,
} from './encode';
import { toConfig, type SentimentSettings } from './schema';

/** The data of a run. */
export interface SentimentData {
  corpus: UciCorpus;
  encoded: EncodedCorpus;
}

/** The tokenization settings a run's encoding depends on. */
export function encodingOf(s: SentimentSettings): EncodingParams {
  return { numWords: s.num_words, maxlen: s.maxlen, padding: s.padding, truncating: s.truncating };
}

function sameEncoding(a: EncodingParams, b: EncodingParams): boolean {
  return (
    a.numWords === b.numWords &&
    a.maxlen === b.maxlen &&
    a.padding === b.padding &&
    a.truncating === b.truncating
  );
}

/** The classifier as the kit runs it (task kind `sentiment` in ./sentiment.worker.ts). */
export const sentimentSpec: TrainingSpec<SentimentSettings, SentimentData> = {
  id: 'sentiment-classifier',
  what: 'the classifier',
  taskKind: 'sentiment',
  spawnWorker: () =>
    new Worker(new URL('./sentiment.worker.ts', import.meta.url), {
      type: 'module',
      name: 'sentiment-classifier',
    }),
  async prepare(settings, { previous, signal, onProgress, baseUrl }) {
    let corpus = previous?.corpus;
    if (!corpus) {
      const { loadUciSentences } = await import('../../data');
      corpus = await loadUciSentences({
        baseUrl,
        signal,
        onProgress: (p) => onProgress(p.total ? p.loaded / p.total : null),
      });
    }
    const params = encodingOf(settings);
    if (previous && sameEncoding(previous.encoded.params, params)) return previous;
    return { corpus, encoded: encodeCorpus(corpus, params) };
  },
  taskConfig: (data, settings) => toConfig(settings, data.encoded),
  initialExtra: {},
  runnerOptions: { evalEvery: 25 },
};

/** The classifier's controller (one per mounted widget). */
export type SentimentController = TrainingController<SentimentSettings, SentimentData>;

/** Result of {@link predictSentence}. */
export interface Prediction extends EncodedSentence {
  /** P(positive), or null when there is no trained model yet. */
  probability: number | null;
}

/**
 * Tokens, ids and P(positive) of `text` with the current run's tokenizer (on the page) and model
 * (in the worker).
 * @returns null before the data is loaded; probability null when no model has been built yet
 *   (press Play or Step first).
 */
export async function predictSentence(
  controller: SentimentController,
  text: string,
): Promise<Prediction | null> {
  const { data, runner } = controller.getState();
  if (!data) return null;
  const sentence = encodeSentence(data.encoded, text);
  const status = runner?.getState().status;
  const task = controller.currentTask;
  if (!task || !status || status === 'idle' || status === 'initializing' || status === 'error') {
    return { ...sentence, probability: null };
  }
  const [p] = await task.call<Float32Array>('predict', sentence.row);
  return { ...sentence, probability: p };
}
