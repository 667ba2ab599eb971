/**
 * How the kit runs Chapter 3's neural LM: the data a run needs (Moby Dick, downloaded once on the
 * page and tokenized in the model's worker), the worker and its task kind, and the widget's own
 * state (the latest generated sample). See src/widgets/kit.
 */
import type { TrainingController, TrainingSpec } from '../kit';
import { toConfig, type NeuralLmData, type NeuralLmSettings } from './schema';

/** The latest generated sample, or null. */
export interface LmSample {
  words: string[];
  /** The training step the model had taken when the sample was drawn. */
  step: number;
}

/** The widget's own state in the controller's store (cleared on every Reset). */
export interface NeuralLmExtra {
  sample: LmSample | null;
  sampleError: string | null;
}

/** Words per generated sample. */
export const SAMPLE_WORDS = 40;

/** The neural LM as the kit runs it (task kind `neural-lm` in ./neural-lm.worker.ts). */
export const neuralLmSpec: TrainingSpec<NeuralLmSettings, NeuralLmData, NeuralLmExtra> = {
  id: 'neural-lm',
  what: 'the neural language model',
  taskKind: 'neural-lm',
  spawnWorker: () =>
    new Worker(new URL('./neural-lm.worker.ts', import.meta.url), {
      type: 'module',
      name: 'neural-lm',
    }),
  async prepare(_settings, { previous, signal, onProgress, baseUrl }) {
    // The corpus does not depend on the settings: downloaded once (parsing it is ~20 ms); the
    // tokenization and encoding (~1.5 s of CPU) run in the worker.
    if (previous) return previous;
    const { loadMobyDick } = await import('../../data');
    const corpus = await loadMobyDick({
      baseUrl,
      signal,
      onProgress: (p) => onProgress(p.total ? p.loaded / p.total : null),
    });
    return { corpus };
  },
  taskConfig: (data, settings) => toConfig(settings, data),
  initialExtra: { sample: null, sampleError: null },
  runnerOptions: { evalEvery: 50 },
};

/** The neural LM's controller (one per mounted widget). */
export type NeuralLmController = TrainingController<NeuralLmSettings, NeuralLmData, NeuralLmExtra>;

/**
 * Draws a sample of {@link SAMPLE_WORDS} words from the current model in its worker (seeded by
 * `seed`, at `temperature`) into the controller's `sample`; an error goes to `sampleError`. Does
 * nothing before a step was taken or while a sample is being drawn (see `controller.probe`).
 */
export function drawSample(
  controller: NeuralLmController,
  temperature: number,
  seed: number,
): Promise<void> {
  return controller.probe(
    'sample',
    async (task, isCurrent) => {
      const step = controller.getState().runner?.getState().step ?? 0;
      const words = await task.call<string[]>('generate', SAMPLE_WORDS, { temperature, seed });
      if (isCurrent()) controller.update({ sample: { words, step }, sampleError: null });
    },
    (message) => controller.update({ sampleError: `No sample: ${message}` }),
  );
}
