/**
 * The neural LM run as the model's worker builds it: from Moby Dick's sections (sent by the page)
 * and the training settings, it tokenizes the book, fits the vocabulary and encodes the n-grams
 * (about 1.5 s of CPU, kept off the page and cached for the next run of the same worker), then
 * trains `createNeuralLmTask` on them. Runs in the worker only (see ./workerKind.ts).
 */
import type { MobyDickCorpus } from '../../data';
import { createNeuralLmTask, type NeuralLmGenerateOptions, type NeuralLmTask } from '../../models';
import type { NeuralLmConfig } from '../../models/neuralLmConfig';
import type { DivergenceHint, TaskProgress, TrainingTask } from '../../train';
import {
  encodeRun,
  sameSelection,
  tokenizeCorpus,
  type EvalSelection,
  type LmCorpus,
  type LmData,
} from './prepare';

/**
 * What the page sends for a run (structured-cloneable): the corpus, which n-grams to encode, and
 * the model's hyperparameters (the encoded arrays and the vocabulary are made in the worker).
 */
export type LmRunConfig = Omit<
  NeuralLmConfig,
  'words' | 'trainContexts' | 'trainTargets' | 'evalContexts' | 'evalTargets'
> & {
  /** Moby Dick as `loadMobyDick` returns it. */
  corpus: MobyDickCorpus;
  /** Which held-out targets are scored (the same spec the n-gram service is given). */
  selection: EvalSelection;
};

/** Facts about a run's data and model, sent to the page with `init` (the kind's `describe`). */
export interface LmFacts {
  vocabSize: number;
  /** Training word tokens (no padding). */
  trainTokens: number;
  /** Training n-grams: one per word plus one per sentence end. */
  trainExamples: number;
  /** Held-out targets scored. */
  evalTargets: number;
  /** Held-out targets before subsetting. */
  totalHeldout: number;
  parameterCount: number;
}

/** A run of the neural LM on Moby Dick. */
export interface LmRunTask extends TrainingTask {
  /** The run's data facts; throws before `init()`. */
  facts(): LmFacts;
  /** `NeuralLmTask.generate`; throws before `init()`. */
  generate(numWords: number, options?: NeuralLmGenerateOptions): Promise<string[]>;
}

/** The last tokenized corpus and encoded run of this worker (a Reset usually reuses both). */
let cached: { sections: MobyDickCorpus['sections']; corpus: LmCorpus; data: LmData | null } | null =
  null;

function sameSections(a: MobyDickCorpus['sections'], b: MobyDickCorpus['sections']): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => s.text === b[i].text && s.split === b[i].split && s.title === b[i].title)
  );
}

/**
 * The tokenized corpus and encoded arrays of `config`, reusing the cache when the corpus (and the
 * context size and selection) did not change.
 */
export function prepareRunData(config: LmRunConfig): { corpus: LmCorpus; data: LmData } {
  const { sections } = config.corpus;
  if (!cached || !sameSections(cached.sections, sections)) {
    cached = { sections, corpus: tokenizeCorpus(config.corpus), data: null };
  }
  const d = cached.data;
  if (!d || d.contextSize !== config.contextSize || !sameSelection(d.selection, config.selection)) {
    cached.data = encodeRun(cached.corpus, config.contextSize, config.selection);
  }
  return { corpus: cached.corpus, data: cached.data! };
}

/** The learning-rate hint before `init()` (the model's own replaces it). */
const PENDING_HINT: DivergenceHint = {
  knob: 'learningRate',
  advice: 'Lower the learning rate.',
};

/**
 * A task that prepares its data in `init()` and then delegates to `createNeuralLmTask` (see the
 * module comment). The model's validation errors (RangeError naming the field) come from `init()`.
 */
export function createLmRunTask(config: LmRunConfig): LmRunTask {
  let model: NeuralLmTask | null = null;
  let facts: LmFacts | null = null;
  let disposed = false;
  const live = (): NeuralLmTask => {
    if (disposed) throw new Error('neural LM: the task was disposed');
    if (!model) throw new Error('neural LM: call init() first');
    return model;
  };
  return {
    name: 'neural language model',
    get divergenceHint() {
      return model?.divergenceHint ?? PENDING_HINT;
    },
    async init() {
      if (disposed) throw new Error('neural LM: the task was disposed');
      if (model) return;
      const { corpus: _corpus, selection: _selection, ...hyper } = config;
      const prepared = prepareRunData(config);
      const { train, heldout } = prepared.data;
      const made = createNeuralLmTask({
        ...hyper,
        words: prepared.corpus.vocab.words,
        trainContexts: train.contexts,
        trainTargets: train.targets,
        evalContexts: heldout.contexts,
        evalTargets: heldout.targets,
      });
      await made.init();
      if (disposed) {
        made.dispose();
        throw new Error('neural LM: the task was disposed');
      }
      model = made;
      facts = {
        vocabSize: prepared.corpus.vocab.words.length,
        trainTokens: prepared.corpus.trainTokens,
        trainExamples: train.targets.length,
        evalTargets: heldout.targets.length,
        totalHeldout: heldout.total,
        parameterCount: made.parameterCount,
      };
    },
    step: () => live().step(),
    evaluate: () => live().evaluate(),
    progress(): TaskProgress {
      return live().progress();
    },
    getWeights: () => live().getWeights(),
    setWeights: (snapshot) => live().setWeights(snapshot),
    getTrainingState: async () => live().getTrainingState!(),
    setTrainingState: async (state) => live().setTrainingState!(state),
    facts() {
      live();
      return facts!;
    },
    generate: (numWords, options) => live().generate(numWords, options),
    dispose() {
      disposed = true;
      model?.dispose();
      model = null;
    },
  };
}
