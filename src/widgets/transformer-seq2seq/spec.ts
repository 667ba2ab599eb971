/**
 * How the kit runs chapter 15's encoder-decoder Transformer: no download (the worker generates
 * the sequences from the seed), the model's Web Worker and task kind, the runner's cadence, and
 * the widget's own state (the probe's result). See src/widgets/kit; the probe is in ./probes.ts.
 */
import type { TrainingController, TrainingSpec } from '../kit';
import { TSQ_EVAL_EVERY, toConfig, type TransformerSeq2SeqSettings } from './schema';
import type { TsqTranslationView } from './views';

/** The data of a run: nothing to load (the sequences are generated in the worker from the seed). */
export type TransformerSeq2SeqData = Record<string, never>;

/** The widget's own state in the controller's store (reset on every apply). */
export interface TransformerSeq2SeqExtra {
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
    initialExtra: { translation: null, probeError: null },
    runnerOptions: {
      evalEvery: TSQ_EVAL_EVERY,
      maxStepsPerFrame: 2,
      publishEveryMs: PUBLISH_EVERY_MS,
    },
  };
}
