/**
 * How the kit runs chapter 15's encoder-decoder Transformer: no download (the worker generates
 * the sequences from the seed), the model's Web Worker and task kind, the runner's cadence, and
 * the widget's own state (the probe's result). See src/widgets/kit; the probe is in ./probes.ts.
 */
import {
  resolveTransformerSeq2SeqConfig,
  transformerSeq2SeqParameterCount,
} from '../../models/transformer/encoderDecoderConfig';
import { SPECIAL_TOKENS } from '../../models/seq2seq/vocab';
import type { TrainingController, TrainingSpec } from '../kit';
import {
  settingsProblem,
  TSQ_EVAL_EVERY,
  toConfig,
  type TransformerSeq2SeqSettings,
} from './schema';
import { DEFAULT_SYMBOLS, type TsqTranslationView } from './views';

/** The data of a run: nothing to load (the sequences are generated in the worker from the seed). */
export type TransformerSeq2SeqData = Record<string, never>;

/** The widget's own state in the controller's store (reset on every apply). */
export interface TransformerSeq2SeqExtra {
  /** Trainable parameters of the applied settings (null when they cannot train). */
  parameterCount: number | null;
  /** The reader's sequence through the current model, with its cross-attention. */
  translation: TsqTranslationView | null;
  probeError: string | null;
}

/** The encoder-decoder's controller (one per mounted widget). */
export type TransformerSeq2SeqController = TrainingController<
  TransformerSeq2SeqSettings,
  TransformerSeq2SeqData,
  TransformerSeq2SeqExtra
>;

/**
 * Trainable parameters of the model `s` builds (the model's own formula; vocabulary: the special
 * tokens and the ten digits), or null when the heads do not divide d_model.
 */
export function parameterCountOf(s: TransformerSeq2SeqSettings): number | null {
  if (settingsProblem(s) !== null) return null;
  const V = SPECIAL_TOKENS.length + DEFAULT_SYMBOLS.length;
  return transformerSeq2SeqParameterCount(V, resolveTransformerSeq2SeqConfig(toConfig(s)));
}

/** The runner publishes progress at most this often, in ms. */
export const PUBLISH_EVERY_MS = 250;

/**
 * The encoder-decoder as the kit runs it (task kind `transformer-seq2seq` in
 * ./transformerSeq2Seq.worker.ts).
 */
export function createTransformerSeq2SeqSpec(): TrainingSpec<
  TransformerSeq2SeqSettings,
  TransformerSeq2SeqData,
  TransformerSeq2SeqExtra
> {
  return {
    id: 'transformer-seq2seq',
    what: 'the encoder-decoder',
    taskKind: 'transformer-seq2seq',
    spawnWorker: () =>
      new Worker(new URL('./transformerSeq2Seq.worker.ts', import.meta.url), {
        type: 'module',
        name: 'transformer-seq2seq',
      }),
    prepare: async () => ({}),
    taskConfig: (_data, settings) => toConfig(settings),
    initialExtra: { parameterCount: null, translation: null, probeError: null },
    describe: (_data, settings) => ({ parameterCount: parameterCountOf(settings) }),
    runnerOptions: {
      evalEvery: TSQ_EVAL_EVERY,
      maxStepsPerFrame: 2,
      publishEveryMs: PUBLISH_EVERY_MS,
    },
  };
}
