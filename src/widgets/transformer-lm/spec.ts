/**
 * How the kit runs chapter 15's character Transformer: the data of a run (a corpus, downloaded
 * and encoded once per widget and kept for later runs), the model's Web Worker and task kind, the
 * runner's cadence, and the widget's own state (facts about the corpus, probe results). See
 * src/widgets/kit; the probes are in ./probes.ts.
 */
import type { CharSampleView } from '../common/CharSamplePanel';
import type { TransformerAttentionMaps } from '../../models/transformer/lmTypes';
import { transformerLmParameterCount } from '../../models/transformer/lmConfig';
import type { TrainingController, TrainingSpec } from '../kit';
import type { CharCorpusName, EncodedCharCorpus } from '../common/charCorpus';
import { TLM_BATCH, TLM_EVAL_EVERY, toConfig, type TransformerLmSettings } from './schema';

/** The runner publishes its progress at most this often, in ms (as chapter 9's widget). */
export const PUBLISH_EVERY_MS = 250;

/** The data of a run: the applied corpus. */
export interface TransformerLmData {
  corpus: EncodedCharCorpus;
}

/** Facts about the corpus and model of the current run. */
export interface TlmDataInfo {
  title: string;
  vocabSize: number;
  trainChars: number;
  /** Characters predicted per step: batch × context length. */
  charsPerStep: number;
}

/** A sample drawn from the model (the shared panel's view). */
export type TlmSampleView = CharSampleView;

/** The attention maps of the model at `step` over the reader's passage. */
export interface TlmAttentionView {
  maps: TransformerAttentionMaps;
  step: number;
  ms: number;
}

/** The widget's own state in the controller's store (reset on every apply). */
export interface TransformerLmExtra {
  info: TlmDataInfo | null;
  parameterCount: number | null;
  sample: TlmSampleView | null;
  sampleError: string | null;
  attention: TlmAttentionView | null;
  probeError: string | null;
}

/** The character Transformer's controller (one per mounted widget). */
export type TransformerLmController = TrainingController<
  TransformerLmSettings,
  TransformerLmData,
  TransformerLmExtra
>;

/** The corpus facts and parameter count the widget shows for `corpus` and `s`. */
export function describeRun(
  corpus: EncodedCharCorpus,
  s: TransformerLmSettings,
): Partial<TransformerLmExtra> {
  const V = corpus.vocab.chars.length;
  return {
    info: {
      title: corpus.title,
      vocabSize: V,
      trainChars: corpus.trainChars,
      charsPerStep: TLM_BATCH * s.context,
    },
    parameterCount: transformerLmParameterCount(V, s.dModel, s.dFf, s.layers, s.context, 'learned'),
  };
}

/**
 * The character Transformer as the kit runs it (task kind `transformer-lm` in
 * ./transformerLm.worker.ts). One spec per controller: it keeps every corpus it prepared.
 */
export function createTransformerLmSpec(): TrainingSpec<
  TransformerLmSettings,
  TransformerLmData,
  TransformerLmExtra
> {
  const corpora = new Map<CharCorpusName, EncodedCharCorpus>();
  return {
    id: 'transformer-lm',
    what: 'the Transformer',
    taskKind: 'transformer-lm',
    spawnWorker: () =>
      new Worker(new URL('./transformerLm.worker.ts', import.meta.url), {
        type: 'module',
        name: 'transformer-lm',
      }),
    async prepare(settings, { signal, onProgress, baseUrl }) {
      const cached = corpora.get(settings.corpus);
      if (cached) return { corpus: cached };
      const { loadCharCorpus } = await import('../common/charCorpus');
      const corpus = await loadCharCorpus(
        settings.corpus,
        baseUrl,
        (p) => onProgress(p.total ? p.loaded / p.total : null),
        signal,
      );
      corpora.set(settings.corpus, corpus);
      return { corpus };
    },
    taskConfig: (data, settings) => toConfig(settings, data.corpus),
    initialExtra: {
      info: null,
      parameterCount: null,
      sample: null,
      sampleError: null,
      attention: null,
      probeError: null,
    },
    describe: (data, settings) => describeRun(data.corpus, settings),
    runnerOptions: {
      evalEvery: TLM_EVAL_EVERY,
      maxStepsPerFrame: 2,
      publishEveryMs: PUBLISH_EVERY_MS,
    },
  };
}
