/**
 * How the kit runs chapter 15's race: the data of a run (a corpus, downloaded and encoded once
 * per widget), the race's Web Worker and task kind, the runner's cadence (an evaluation check
 * after every step: the task itself decides, by each model's clock, whether one is due), and the
 * widget's own state (the parameter match, the curves read from the worker).
 */
import type { TrainingController, TrainingSpec } from '../kit';
import type { CharCorpusName, EncodedCharCorpus } from '../common/charCorpus';
import type { LstmMatch } from './match';
import type { RaceCurves } from './raceTask';
import { raceMatch, toConfig, type LmRaceSettings } from './schema';

/** The data of a run: the applied corpus. */
export interface LmRaceData {
  corpus: EncodedCharCorpus;
}

/** The widget's own state in the controller's store (reset on every apply). */
export interface LmRaceExtra {
  /** The corpus's name and vocabulary size. */
  corpusTitle: string | null;
  vocabSize: number | null;
  /** The LSTM sized to the applied Transformer. */
  match: LstmMatch | null;
  curves: RaceCurves | null;
  curvesError: string | null;
}

/** The race's controller (one per mounted widget). */
export type LmRaceController = TrainingController<LmRaceSettings, LmRaceData, LmRaceExtra>;

/** The race as the kit runs it (task kind `lm-race` in ./lmRace.worker.ts). */
export function createLmRaceSpec(): TrainingSpec<LmRaceSettings, LmRaceData, LmRaceExtra> {
  const corpora = new Map<CharCorpusName, EncodedCharCorpus>();
  return {
    id: 'lm-race',
    what: 'the race',
    taskKind: 'lm-race',
    spawnWorker: () =>
      new Worker(new URL('./lmRace.worker.ts', import.meta.url), {
        type: 'module',
        name: 'lm-race',
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
      corpusTitle: null,
      vocabSize: null,
      match: null,
      curves: null,
      curvesError: null,
    },
    describe: ({ corpus }, settings) => ({
      corpusTitle: corpus.title,
      vocabSize: corpus.vocab.chars.length,
      match: raceMatch(settings, corpus.vocab.chars.length),
    }),
    runnerOptions: { evalEvery: 1, maxStepsPerFrame: 2, publishEveryMs: 250 },
  };
}

/** Reads both curves from the worker into the store (dropped while another read waits). */
export function refreshCurves(controller: LmRaceController): Promise<void> {
  return controller.probe(
    'curves',
    async (task, isCurrent) => {
      const curves = await task.call<RaceCurves>('curves');
      if (isCurrent()) controller.update({ curves, curvesError: null });
    },
    (message) => controller.update({ curvesError: `Could not read the curves: ${message}` }),
  );
}
