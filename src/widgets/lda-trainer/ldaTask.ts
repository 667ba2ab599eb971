/**
 * The LDA trainer's training task (runs in its worker): one step is one iteration of
 * scikit-learn's `fit` loop (`fitEpoch`: a batch EM step, or a pass of online mini-batches),
 * followed by the curves' numbers: perplexity on a sample of passages and the mean UMass and
 * NPMI coherence of the topics' top words. The `view` probe returns what the page draws.
 */
import * as tf from '@tensorflow/tfjs';
import { LatentDirichletAllocation, type LdaOptions } from '../../models/lda';
import { classicalMds, topicCoherence, topicDistances, topWordIds } from '../../nlp/topics';
import type {
  StepOutput,
  TaskProgress,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from '../../train/types';
import { ldaCorpus, type LdaCorpus, type VectorizerSettings } from './corpus';
import { prevalenceByDecade, topicShares } from './views';

/** The config `toConfig` makes (structured-cloneable). */
export interface LdaTrainerConfig {
  /** The site's base URL (where data/sotu.json is). */
  baseUrl: string;
  vectorizer: VectorizerSettings;
  /** The model's options (maxIter is the number of steps). */
  lda: LdaOptions & { maxIter: number; nComponents: number };
  /** Top words per topic in the views and the coherence scores. */
  topN: number;
}

/** What the `view` probe returns (typed arrays are transferred). */
export interface LdaView {
  /** Steps (iterations) done when read. */
  step: number;
  K: number;
  V: number;
  /** Top `topN` word ids per topic, `[K, topN]`. */
  top: Int32Array;
  /** φ: each topic's word distribution, `[K, V]`. */
  phi: Float32Array;
  /** Decades (1790, 1800, ...) of the prevalence rows. */
  decades: number[];
  /** Mean topic mixture per decade, `[decades, K]`. */
  prevalence: Float32Array;
  /** Each topic's share of the tokens, `[K]`. */
  shares: Float64Array;
  /** Jensen-Shannon divergences `[K, K]` and their classical-MDS coordinates `[K, 2]`. */
  distances: Float64Array;
  coords: Float64Array;
}

/** Facts sent back at init (`taskInfo`). */
export interface LdaInfo {
  passages: number;
  features: number;
  nnz: number;
  evalPassages: number;
  viewPassages: number;
  firstYear: number;
  lastYear: number;
  vectorizeMs: number;
  vocabulary: string[];
  pw: Float32Array;
}

type Loader = (c: LdaTrainerConfig) => Promise<LdaCorpus>;

/** See the module comment. */
export class LdaTrainerTask implements TrainingTask {
  readonly name = 'LDA';
  readonly divergenceHint = {
    knob: 'nComponents',
    advice: 'Reset and train again; if it recurs, try another K or seed.',
  };
  corpus: LdaCorpus | null = null;
  private lda: LatentDirichletAllocation | null = null;
  private steps = 0;
  private readonly load: Loader;

  constructor(
    readonly config: LdaTrainerConfig,
    load?: Loader,
  ) {
    this.load = load ?? ((c) => ldaCorpus(c.baseUrl, c.vectorizer));
  }

  async init(): Promise<void> {
    this.corpus = await this.load(this.config);
    this.lda?.dispose();
    this.lda = new LatentDirichletAllocation({ ...this.config.lda, eStep: 'auto' });
    this.lda.initialize(this.corpus.X.cols);
    this.steps = 0;
  }

  /** One iteration; loss = perplexity on the sample, metrics umass and npmi (means over topics). */
  step(): StepOutput {
    const { lda, corpus } = this.ready();
    lda.fitEpoch(corpus.X);
    this.steps++;
    const perplexity = lda.perplexity(corpus.evalX);
    const { umass, npmi } = this.coherence();
    return {
      loss: tf.scalar(perplexity),
      metrics: { umass: tf.scalar(umass), npmi: tf.scalar(npmi) },
    };
  }

  /** Mean UMass and NPMI (document co-occurrence) of the topics' top words over all passages. */
  coherence(): { umass: number; npmi: number } {
    const { lda, corpus } = this.ready();
    const phi = lda.topicWordDistribution();
    const top = topWordIds(phi.data, phi.cols, this.config.topN);
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    return {
      umass: mean(topicCoherence(top, corpus.X, { measure: 'umass' })),
      npmi: mean(topicCoherence(top, corpus.X, { measure: 'npmi', window: 'document' })),
    };
  }

  /** The views' numbers at the current step (see {@link LdaView}). */
  view(): LdaView {
    const { lda, corpus } = this.ready();
    const K = lda.nComponents;
    const phi = lda.topicWordDistribution();
    const V = phi.cols;
    const top = Int32Array.from(topWordIds(phi.data, V, this.config.topN).flat());
    const theta = lda.transform(corpus.viewX).data;
    const { decades, shares: prevalence } = prevalenceByDecade(theta, K, corpus.viewYears);
    const distances = topicDistances(phi.data, V);
    return {
      step: this.steps,
      K,
      V,
      top,
      phi: Float32Array.from(phi.data), // a copy: a backend may hand out its own storage
      decades,
      prevalence,
      shares: topicShares(theta, K, corpus.viewTokens),
      distances,
      coords: classicalMds(distances, K, 2),
    };
  }

  async evaluate(): Promise<Record<string, number>> {
    return {};
  }

  progress(): TaskProgress {
    const total = this.config.lda.maxIter;
    return { step: this.steps, epoch: this.steps, stepsPerEpoch: 1, totalSteps: total };
  }

  async getWeights(): Promise<WeightSnapshot> {
    const c = this.ready().lda.components;
    return {
      components: { shape: [c.rows, c.cols], values: c.data },
      counters: { shape: [2], values: Float32Array.of(this.ready().lda.nBatchIter, this.steps) },
    };
  }

  /** Restarts from a snapshot's λ (after a lost WebGL context); the random stream starts anew. */
  setWeights(snapshot: WeightSnapshot): void {
    const { components, counters } = snapshot;
    const [rows, cols] = components.shape;
    this.lda?.dispose();
    const lda = new LatentDirichletAllocation({
      ...this.config.lda,
      eStep: 'auto',
      initialComponents: { rows, cols, data: components.values },
    });
    lda.initialize(cols);
    lda.nBatchIter = counters.values[0];
    lda.nIter = counters.values[1];
    this.steps = counters.values[1];
    this.lda = lda;
  }

  /**
   * The whole state of online VB: λ and the counters (nBatchIter, ρ_t's t, and nIter) as
   * `weights` ({@link getWeights}), and as `optimizer.rng` the generator that draws each
   * E-step's starting γ (5 integers, `LatentDirichletAllocation.getRngState`). The mini-batches
   * come in row order, so the step needs no batch order: the resumed run is the same run.
   */
  async getTrainingState(): Promise<TrainingState> {
    const rng = Float32Array.from(this.ready().lda.getRngState());
    const weights = await this.getWeights();
    return { weights, optimizer: { rng: { shape: [rng.length], values: rng } }, step: this.steps };
  }

  /**
   * Restores a {@link getTrainingState} state; `optimizer: null` starts a fresh generator (as
   * `setWeights`). Everything is checked before anything changes.
   * @throws RangeError for a bad step, λ of another shape than [K, features], bad counters or a
   *   bad generator state.
   */
  async setTrainingState(state: TrainingState): Promise<void> {
    const { lda, corpus } = this.ready();
    const { components, counters } = state.weights;
    const [K, V] = [lda.nComponents, corpus.X.cols];
    if (!Number.isInteger(state.step) || state.step < 0) {
      throw new RangeError(`LDA: the step must be an integer >= 0, got ${state.step}`);
    }
    if (components?.shape.join() !== `${K},${V}` || counters?.values.length !== 2) {
      throw new RangeError(
        `LDA: the state needs "components" [${K}, ${V}] and "counters" [2], got [${components?.shape.join(', ')}]`,
      );
    }
    const rng = state.optimizer ? state.optimizer.rng?.values : null;
    if (rng === undefined) throw new RangeError('LDA: the optimiser state has no "rng"');
    const [nBatchIter, nIter] = counters.values;
    lda.restoreState({ rows: K, cols: V, data: components.values }, nBatchIter, nIter, rng);
    this.steps = state.step;
  }

  dispose(): void {
    this.lda?.dispose();
    this.lda = null;
  }

  private ready(): { lda: LatentDirichletAllocation; corpus: LdaCorpus } {
    if (!this.lda || !this.corpus) throw new Error('The LDA task is not initialised.');
    return { lda: this.lda, corpus: this.corpus };
  }
}

/** The facts of an initialised task (see {@link LdaInfo}). */
export function describeLda(task: LdaTrainerTask): LdaInfo {
  const c = task.corpus!;
  return {
    passages: c.X.rows,
    features: c.X.cols,
    nnz: c.X.nnz,
    evalPassages: c.evalX.rows,
    viewPassages: c.viewX.rows,
    firstYear: c.firstYear,
    lastYear: c.lastYear,
    vectorizeMs: Math.round(c.vectorizeMs),
    vocabulary: c.vocabulary,
    pw: c.pw,
  };
}
