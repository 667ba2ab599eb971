/**
 * Chapter 15's same-budget race: chapter 15's character Transformer and chapter 9's character
 * LSTM trained side by side in one worker, each for the same seconds of training, with held-out
 * bits per character recorded against each model's own training clock. Runs in the worker only
 * (tfjs); the page reads the curves through the `curves` call (./workerKind.ts).
 *
 * Fairness: both models see the same training ids and score the same held-out ids; both take
 * batches of `batchSize` sequences of `contextLength` characters (the LSTM's BPTT length is the
 * Transformer's context), so a step of either predicts the same number of characters. Each
 * model's clock counts only its own training steps, measured in the worker from the start of its
 * step until its loss is read (`dataSync`: the step's work is done); evaluations, probes, pauses
 * and the first step (a one-time cost of building kernels) are not counted. Every step goes to the model whose clock is behind, so the clocks never
 * differ by more than one step.
 */
import * as tf from '@tensorflow/tfjs';
import { createCharLmTask, type CharLmTask } from '../../models/rnn/charLm';
import type { CharLmConfig } from '../../models/rnn/charLmConfig';
import { createTransformerLmTask } from '../../models/transformer/lm';
import type { TransformerLmConfig } from '../../models/transformer/lmConfig';
import type { TransformerLmTask } from '../../models/transformer/lmTypes';
import { now } from '../../train/step-io';
import type {
  StepOutput,
  TaskProgress,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from '../../train/types';

/** The two racers, in the order ties are broken. */
export const RACERS = ['transformer', 'lstm'] as const;
export type RacerName = (typeof RACERS)[number];

type DataFields = 'vocab' | 'trainText' | 'heldoutText' | 'trainIds' | 'heldoutIds' | 'corpus';

/** The race's config as it crosses to the worker (structured-cloneable). */
export interface LmRaceConfig {
  /** The training text, encoded once with `vocab` (both models read it). */
  trainIds: Int32Array;
  /** The held-out text (both score its first `evalChars` characters). */
  heldoutIds: Int32Array;
  /** The vocabulary's characters (`chars[0]` = U+FFFD). */
  vocab: readonly string[];
  corpus: string;
  /** The Transformer's settings (its own defaults fill the rest). */
  transformer: Omit<TransformerLmConfig, DataFields>;
  /** The LSTM's settings (cell 'lstm' is forced; its own defaults fill the rest). */
  lstm: Omit<CharLmConfig, DataFields | 'cell'>;
  /** Seconds of training each model gets, > 0. */
  budgetSeconds: number;
  /** Seconds of a model's training between its evaluations, > 0. */
  evalEverySeconds: number;
}

/** One model's curve: held-out bits per character at seconds of its own training. */
export interface RaceCurve {
  seconds: number[];
  bpc: number[];
  /** Training steps taken, and seconds of training so far. */
  steps: number;
  clockSeconds: number;
  parameterCount: number;
}

/** What the page reads: both curves. */
export type RaceCurves = Record<RacerName, RaceCurve>;

interface Racer {
  task: TransformerLmTask | CharLmTask;
  clockMs: number;
  nextEvalMs: number;
  curve: { seconds: number[]; bpc: number[] };
  /** Whether it has stepped since init or a restore (its first step builds kernels: untimed). */
  warm: boolean;
}

const vec = (a: number[]) => ({ shape: [a.length], values: Float32Array.from(a) });

/** The entries of `snapshot` under `<name>/`, without the prefix. */
function prefixed(snapshot: WeightSnapshot, name: string): WeightSnapshot {
  const own: WeightSnapshot = {};
  for (const [k, w] of Object.entries(snapshot)) {
    if (k.startsWith(`${name}/`)) own[k.slice(name.length + 1)] = w;
  }
  return own;
}

/** Writes a racer's clocks and curve into `out` as `race/<name>.clock|seconds|bpc`. */
function saveRace(r: Racer, name: RacerName, out: WeightSnapshot): void {
  out[`race/${name}.clock`] = vec([r.clockMs, r.nextEvalMs]);
  out[`race/${name}.seconds`] = vec(r.curve.seconds);
  out[`race/${name}.bpc`] = vec(r.curve.bpc);
}

/** Reads what {@link saveRace} wrote (absent entries: zero clocks, empty curve). */
function loadRace(r: Racer, name: RacerName, snapshot: WeightSnapshot): void {
  const read = (k: string) => Array.from(snapshot[`race/${name}.${k}`]?.values ?? []);
  const [clockMs = 0, nextEvalMs = 0] = read('clock');
  r.clockMs = clockMs;
  r.nextEvalMs = nextEvalMs;
  r.curve = { seconds: read('seconds'), bpc: read('bpc') };
}

/** The race as a training task (see the module comment). */
export interface LmRaceTask extends TrainingTask {
  /** The two models. */
  readonly racers: { readonly transformer: TransformerLmTask; readonly lstm: CharLmTask };
  /** Copies of both curves. */
  curves(): RaceCurves;
}

/**
 * Builds the race. `init()` builds both models and scores them untrained (the curves' points at
 * 0 s). `step()` trains the model whose clock is behind (the Transformer on ties) one step; each
 * model's first step, which builds its kernels (compiles its shaders on WebGL), is not timed.
 * `evaluate()` scores each model whose clock passed its next evaluation mark and returns the latest `transformer_val_bpc`, `lstm_val_bpc` and the
 * clocks in seconds. `progress().totalSteps` becomes the step count once both clocks reach the
 * budget, so the runner finishes there. `getWeights` / `setWeights` carry both models' weights
 * (prefixed `transformer/`, `lstm/`) and the clocks and curves (`race/...`).
 * `getTrainingState` / `setTrainingState` carry both models' training states the same way (their
 * optimiser states prefixed in `optimizer`, their steps as `race/<name>.step`), the clocks, curves
 * and the race's step; a state either model refuses changes neither. The first step of each model
 * after a restore is not timed (a fresh worker builds its kernels again).
 * @throws RangeError for a budget or evaluation interval that is not a positive number, or any
 *   error of the two models' config validation.
 */
export function createLmRaceTask(config: LmRaceConfig): LmRaceTask {
  const { budgetSeconds, evalEverySeconds } = config;
  for (const [name, v] of Object.entries({ budgetSeconds, evalEverySeconds })) {
    if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) {
      throw new RangeError(`LM race: ${name} must be a positive number, got ${v}`);
    }
  }
  const data = {
    trainIds: config.trainIds,
    heldoutIds: config.heldoutIds,
    vocab: config.vocab,
    corpus: config.corpus,
  };
  const racer = (task: TransformerLmTask | CharLmTask): Racer => ({
    task,
    clockMs: 0,
    nextEvalMs: 0,
    curve: { seconds: [], bpc: [] },
    warm: false,
  });
  const transformer = createTransformerLmTask({ ...config.transformer, ...data });
  const lstm = createCharLmTask({ ...config.lstm, ...data, cell: 'lstm' });
  const racers: Record<RacerName, Racer> = {
    transformer: racer(transformer),
    lstm: racer(lstm),
  };
  const budgetMs = budgetSeconds * 1000;
  const everyMs = evalEverySeconds * 1000;
  let steps = 0;
  const finished = () => RACERS.every((r) => racers[r].clockMs >= budgetMs);
  const behind = (): Racer =>
    racers.lstm.clockMs < racers.transformer.clockMs ? racers.lstm : racers.transformer;
  const V = transformer.config.vocabSize;
  /** Scores `r` on the held-out characters and sets its next evaluation mark. */
  const evaluateOne = async (r: Racer) => {
    const m = await r.task.evaluate();
    r.curve.seconds.push(r.clockMs / 1000);
    r.curve.bpc.push(m.val_bpc);
    r.nextEvalMs = (Math.floor(r.clockMs / everyMs) + 1) * everyMs;
    if (r.nextEvalMs > budgetMs && r.clockMs < budgetMs) r.nextEvalMs = budgetMs;
  };

  return {
    name: 'Transformer and LSTM race',
    racers: { transformer, lstm },
    divergenceHint: {
      knob: 'seed',
      advice: 'Reset and try another seed or a smaller model',
      maxLoss: Math.max(20, 3 * Math.log(V)),
    },

    async init() {
      transformer.init();
      lstm.init();
      // The untrained models' loss: both curves start at 0 seconds.
      for (const name of RACERS) await evaluateOne(racers[name]);
    },

    step(): StepOutput {
      const r = behind();
      const t0 = now();
      const out = r.task.step();
      let loss: number;
      try {
        // In the worker a blocking read is harmless, and it stops the clock when the work is done.
        loss = out.loss.dataSync()[0];
      } finally {
        out.loss.dispose();
        Object.values(out.metrics ?? {}).forEach((m) => m.dispose());
      }
      // The first step builds the model's kernels (shader compilation on WebGL): not timed.
      if (r.warm) r.clockMs += now() - t0;
      r.warm = true;
      steps++;
      return { loss: tf.scalar(loss) };
    },

    async evaluate() {
      for (const name of RACERS) {
        const r = racers[name];
        if (r.clockMs >= r.nextEvalMs) await evaluateOne(r);
      }
      const out: Record<string, number> = {};
      for (const name of RACERS) {
        const c = racers[name].curve;
        if (c.bpc.length) out[`${name}_val_bpc`] = c.bpc[c.bpc.length - 1];
        out[`${name}_seconds`] = racers[name].clockMs / 1000;
      }
      return out;
    },

    progress(): TaskProgress {
      const p = transformer.progress();
      return {
        step: steps,
        epoch: Math.max(p.epoch, lstm.progress().epoch),
        stepsPerEpoch: p.stepsPerEpoch,
        totalSteps: finished() ? steps : null,
      };
    },

    curves(): RaceCurves {
      const c = (name: RacerName): RaceCurve => ({
        seconds: [...racers[name].curve.seconds],
        bpc: [...racers[name].curve.bpc],
        steps: racers[name].task.progress().step,
        clockSeconds: racers[name].clockMs / 1000,
        parameterCount: racers[name].task.parameterCount,
      });
      return { transformer: c('transformer'), lstm: c('lstm') };
    },

    async getWeights(): Promise<WeightSnapshot> {
      const out: WeightSnapshot = {};
      for (const name of RACERS) {
        const r = racers[name];
        for (const [k, w] of Object.entries(await r.task.getWeights())) out[`${name}/${k}`] = w;
        saveRace(r, name, out);
      }
      return out;
    },

    setWeights(snapshot: WeightSnapshot) {
      for (const name of RACERS) {
        const r = racers[name];
        r.task.setWeights(prefixed(snapshot, name));
        loadRace(r, name, snapshot);
      }
    },

    async getTrainingState(): Promise<TrainingState> {
      const weights: WeightSnapshot = {};
      const optimizer: WeightSnapshot = {};
      for (const name of RACERS) {
        const r = racers[name];
        const s = await r.task.getTrainingState!();
        for (const [k, w] of Object.entries(s.weights)) weights[`${name}/${k}`] = w;
        for (const [k, w] of Object.entries(s.optimizer ?? {})) optimizer[`${name}/${k}`] = w;
        weights[`race/${name}.step`] = vec([s.step]);
        saveRace(r, name, weights);
      }
      return { weights, optimizer, step: steps };
    },

    async setTrainingState(state: TrainingState): Promise<void> {
      if (!Number.isInteger(state.step) || state.step < 0) {
        throw new RangeError(`LM race: the step must be an integer >= 0, got ${state.step}`);
      }
      const [forT, forL] = RACERS.map((name): TrainingState => {
        const step = state.weights[`race/${name}.step`]?.values;
        if (step?.length !== 1) throw new RangeError(`LM race: the state has no ${name} step`);
        const opt = state.optimizer && prefixed(state.optimizer, name);
        return { weights: prefixed(state.weights, name), optimizer: opt, step: step[0] };
      });
      const backup = await transformer.getTrainingState!();
      await transformer.setTrainingState!(forT);
      try {
        await lstm.setTrainingState!(forL);
      } catch (err) {
        await transformer.setTrainingState!(backup);
        throw err;
      }
      for (const name of RACERS) {
        loadRace(racers[name], name, state.weights);
        racers[name].warm = false;
      }
      steps = state.step;
    },

    dispose() {
      transformer.dispose();
      lstm.dispose();
    },
  };
}
