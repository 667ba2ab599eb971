/**
 * The n-gram baselines of the neural LM widget: held-out perplexities of the MLE, Laplace and
 * Kneser-Ney models of the run's order on the run's targets, from the page's n-gram service (a
 * worker shared with the n-gram explorer), and the facts of its corpus (the same tokenization and
 * vocabulary as the neural model's), known before the model's worker has prepared anything.
 * Kept in their own store, so a Reset with the same order and targets keeps them. No React.
 */
import { neuralLmParameterCount } from '../../models/neuralLmConfig';
import { acquireNgramService, type CorpusInfo, type NgramLease } from '../common/ngram-service';
import { Store } from '../kit/store';
import type { LmFacts } from './lmTask';
import type { EvalSelection } from './prepare';

/** Held-out perplexities of the n-gram models of the run's order, on the run's targets. */
export interface Baselines {
  order: number;
  /** Infinity when some target has probability 0 (never NaN). */
  mle: number | null;
  laplace: number | null;
  kneserNey: number | null;
  /** Reader-facing message when the n-gram service failed. */
  error: string | null;
}

/** What {@link NgramBaselines} holds. */
export interface BaselinesState {
  baselines: Baselines | null;
  /** The n-gram service's corpus facts, once it has fitted. */
  corpus: CorpusInfo | null;
}

const METHODS = [
  ['mle', 'mle'],
  ['laplace', 'laplace'],
  ['kneserNey', 'kneser-ney'],
] as const;

/** See the module comment. One per mounted widget; `dispose()` on unmount. */
export class NgramBaselines {
  private readonly store = new Store<BaselinesState>({ baselines: null, corpus: null });
  /** The page's n-gram worker, held from the first request until dispose(). */
  private lease: NgramLease | null = null;
  private key: string | null = null;

  /** @param baseUrl - the site's base URL (import.meta.env.BASE_URL), where data/ lives. */
  constructor(private readonly baseUrl: string) {}

  getState = (): BaselinesState => this.store.getState();
  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /**
   * Computes the baselines of `order` on `targets` unless they are shown (or being computed)
   * already; a newer request supersedes an older one. Errors become `baselines.error`.
   */
  async request(order: number, targets: EvalSelection): Promise<void> {
    const key = JSON.stringify([order, targets]);
    const b0 = this.getState().baselines;
    if (this.key === key && this.lease && !b0?.error) return;
    this.key = key;
    this.store.set({
      baselines: { order, mle: null, laplace: null, kneserNey: null, error: null },
    });
    this.lease ??= acquireNgramService(this.baseUrl);
    const service = this.lease.service;
    const current = () => this.key === key && this.lease?.service === service;
    try {
      const corpus = await service.ready();
      if (!current()) return;
      this.store.set({ corpus });
      for (const [field, method] of METHODS) {
        const r = await service.perplexity({ order, method, targets });
        const b = this.getState().baselines;
        if (!current() || !b) return;
        this.store.set({ baselines: { ...b, [field]: r.perplexity } });
      }
    } catch (err) {
      const b = this.getState().baselines;
      if (!current() || !b) return;
      const error = `The n-gram baselines are unavailable: ${(err as Error).message}`;
      this.store.set({ baselines: { ...b, error } });
    }
  }

  /** Releases the n-gram worker (terminated when no other widget holds it). Safe to call twice. */
  dispose(): void {
    this.lease?.release();
    this.lease = null;
    this.key = null;
  }
}

/** Facts about the data and model of a run, shown under the charts. */
export interface DataInfo extends LmFacts {
  /** Whether a subset of the held-out targets is scored. */
  subset: boolean;
}

const FACT_KEYS = [
  'vocabSize',
  'trainTokens',
  'trainExamples',
  'evalTargets',
  'totalHeldout',
  'parameterCount',
] as const satisfies readonly (keyof LmFacts)[];

/**
 * The run's facts: the worker's own once a model is built (`taskInfo`), else derived from the
 * n-gram service's corpus facts (same tokenization and vocabulary): one n-gram per word and per
 * sentence end, `min(size, total)` held-out targets for a subset. Null when neither is known.
 */
export function dataInfo(
  taskInfo: Readonly<Record<string, unknown>> | null,
  corpus: CorpusInfo | null,
  run: { contextSize: number; embeddingDim: number; hiddenUnits: number; selection: EvalSelection },
): DataInfo | null {
  const subset = run.selection.kind === 'subset';
  const fromWorker = taskInfo && FACT_KEYS.every((k) => typeof taskInfo[k] === 'number');
  if (fromWorker) {
    const facts = Object.fromEntries(FACT_KEYS.map((k) => [k, taskInfo[k]]));
    return { ...(facts as Record<keyof LmFacts, number>), subset };
  }
  if (!corpus) return null;
  const total = corpus.heldoutTargets;
  return {
    vocabSize: corpus.vocabSize,
    trainTokens: corpus.trainTokens,
    trainExamples: corpus.trainTokens + corpus.trainSentences,
    totalHeldout: total,
    evalTargets: run.selection.kind === 'subset' ? Math.min(run.selection.size, total) : total,
    parameterCount: neuralLmParameterCount(
      corpus.vocabSize,
      run.contextSize,
      run.embeddingDim,
      run.hiddenUnits,
    ),
    subset,
  };
}
