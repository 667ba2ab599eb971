/**
 * How the kit runs the TextCNN: the data (UCI review sentences or spam messages, encoded with the
 * applied vocabulary and length), the worker and task kind, and the probes of the n-gram and
 * explanation panels (the baselines table's calls are in ./baselineRun.ts). See src/widgets/kit.
 */
import type { FilterNgrams, TextCnnExplanation } from '../../models/textcnn/inspect';
import type { TrainingController, TrainingSpec } from '../kit';
import { savedBaselines, type BaselinesState } from './baselineRun';
import { encodeText, encodeTexts, type EncodedTexts, type LabelledCorpus } from './encode';
import { toConfig, type TextCnnSettings } from './schema';

/** The data of a run. */
export interface TextCnnData {
  corpusName: TextCnnSettings['corpus'];
  corpus: LabelledCorpus;
  /** Class names by label. */
  labelNames: readonly string[];
  encoded: EncodedTexts;
}

/** An explanation with the reader's own tokens (OOV words keep their spelling). */
export interface ReaderExplanation extends TextCnnExplanation {
  /** The tokens shown for each id of `ids` (padding as `<pad>`). */
  tokens: string[];
  /** How many of `ids` are the reader's words (the rest is padding). */
  length: number;
  text: string;
}

/** The widget's own state in the controller's store. */
export interface TextCnnExtra {
  ngrams: FilterNgrams[] | null;
  ngramsStep: number | null;
  explanation: ReaderExplanation | null;
  probeError: string | null;
  /** Chapter 1's and chapter 4's models on the same split (./baselineRun.ts), or null. */
  baselines: BaselinesState | null;
}

/** N-grams read per filter. */
export const TOP_NGRAMS = 5;

const LABELS = { uci: ['negative', 'positive'], spam: ['ham', 'spam'] } as const;

/** The TextCNN as the kit runs it (task kind `textcnn` in ./textcnn.worker.ts). */
export const textCnnSpec: TrainingSpec<TextCnnSettings, TextCnnData, TextCnnExtra> = {
  id: 'textcnn',
  what: 'the TextCNN',
  taskKind: 'textcnn',
  spawnWorker: () =>
    new Worker(new URL('./textcnn.worker.ts', import.meta.url), {
      type: 'module',
      name: 'textcnn',
    }),
  async prepare(settings, { previous, signal, onProgress, baseUrl }) {
    const name = settings.corpus;
    let corpus = previous?.corpusName === name ? previous.corpus : null;
    if (!corpus) {
      const data = await import('../../data');
      const options = {
        baseUrl,
        signal,
        onProgress: (p: { loaded: number; total: number | null }) =>
          onProgress(p.total ? p.loaded / p.total : null),
      };
      corpus = name === 'uci' ? await data.loadUciSentences(options) : await data.loadSpam(options);
    }
    const same =
      previous?.corpusName === name &&
      previous.encoded.numWords === settings.num_words &&
      previous.encoded.maxlen === settings.maxlen;
    if (same) return previous;
    return {
      corpusName: name,
      corpus,
      labelNames: LABELS[name],
      encoded: encodeTexts(corpus, settings.num_words, settings.maxlen),
    };
  },
  taskConfig: (data, settings) => toConfig(settings, data.encoded),
  initialExtra: {
    ngrams: null,
    ngramsStep: null,
    explanation: null,
    probeError: null,
    baselines: null,
  },
  describe: (data) => ({ baselines: savedBaselines(data) }),
  runnerOptions: { evalEvery: 50 },
};

/** The TextCNN's controller (one per mounted widget). */
export type TextCnnController = TrainingController<TextCnnSettings, TextCnnData, TextCnnExtra>;

const failed = (c: TextCnnController) => (message: string) =>
  c.update({ probeError: `Could not read the model: ${message}` });

/** Reads each filter's top validation n-grams into the store (between training steps). */
export function refreshNgrams(c: TextCnnController): Promise<void> {
  return c.probe(
    'ngrams',
    async (task, isCurrent) => {
      const step = task.progress().step;
      const ngrams = await task.call<FilterNgrams[]>('topNgrams', TOP_NGRAMS);
      if (isCurrent()) c.update({ ngrams, ngramsStep: step, probeError: null });
    },
    failed(c),
  );
}

/** Explains the model's prediction on `text` (tokenized on the page, run in the worker). */
export function refreshExplanation(c: TextCnnController, text: string): Promise<void> {
  const data = c.getState().data;
  if (!data || text.trim() === '') return Promise.resolve();
  const { tokens, ids, row } = encodeText(data.encoded, text);
  return c.probe(
    'explain',
    async (task, isCurrent) => {
      const ex = await task.call<TextCnnExplanation>('explain', row);
      if (!isCurrent()) return;
      const shown = ex.ids.map((id, i) =>
        i < ids.length ? tokens[i] : (ex.words?.[i] ?? `#${id}`),
      );
      c.update({
        explanation: { ...ex, tokens: shown, text, length: Math.min(ids.length, ex.ids.length) },
        probeError: null,
      });
    },
    failed(c),
  );
}
