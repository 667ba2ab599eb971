/**
 * The n-gram worker's API, separate from the Worker global so that Node tests can serve it over
 * a MessageChannel (or call it directly): `createNgramApi(deps)` returns the
 * {@link NgramWorkerApi} that ngram.worker.ts exposes on the book's worker RPC
 * (src/train/worker/rpc.ts). Queries wait for the corpus to load.
 */
import type { LoadProgress, MobyDickCorpus } from '../../../data';
import { progressSender, type ProgressSender } from '../workerProgress';
import { NgramEngine, normalizeSpec, splitsOf } from './engine';
import {
  DEFAULT_PARAMS,
  MAX_ORDER,
  SMOOTHING_METHODS,
  type NgramWorkerApi,
  type PerplexityResult,
  type PerplexityTableArgs,
  type Progress,
} from './protocol';

/** What the API needs from its host. */
export interface HandlerDeps {
  /** Downloads the corpus (the worker: `loadMobyDick`; tests: a small in-memory corpus). */
  loadCorpus: (baseUrl: string, onProgress: (p: LoadProgress) => void) => Promise<MobyDickCorpus>;
  /** The vocabulary cutoff (`MOBY_DICK_UNK_CUTOFF`). */
  unkCutoff: number;
  /** Lets other calls and progress through between long steps (default: a macrotask). */
  yieldNow?: () => Promise<void>;
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The message of any thrown value, never empty. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === 'string' && err) return err;
  return 'Unknown error in the n-gram worker.';
}

/** `err` itself when it is an Error with a message (its class survives the RPC), else an Error. */
function readerError(err: unknown): Error {
  return err instanceof Error && err.message ? err : new Error(errorMessage(err));
}

/**
 * Creates the worker's API. The first `load` starts loading and fitting; a `load` after a
 * failure tries again; a `load` while loading or loaded answers with the same result. Every
 * other call first waits for the engine; with no `load` yet it fails with a message asking for
 * one. Errors reject with a reader-facing message.
 */
export function createNgramApi(deps: HandlerDeps): NgramWorkerApi {
  let engine: Promise<NgramEngine> | null = null;
  const yieldNow = deps.yieldNow ?? defaultYield;

  const load = (baseUrl: string, progress: ProgressSender<Progress>): Promise<NgramEngine> => {
    if (engine) return engine;
    const attempt = (async () => {
      const corpus = await deps.loadCorpus(baseUrl, (p) =>
        progress.send({ phase: 'download', done: p.loaded, total: p.total }),
      );
      progress.send({ phase: 'tokenize', done: 0, total: null });
      await yieldNow();
      const splits = splitsOf(corpus);
      return NgramEngine.fit(splits, deps.unkCutoff, (done, total) =>
        progress.send({ phase: 'count', done, total }),
      );
    })();
    engine = attempt;
    attempt.catch(() => {
      if (engine === attempt) engine = null; // the next `load` tries again
    });
    return attempt;
  };

  const needEngine = async (): Promise<NgramEngine> => {
    if (!engine)
      throw new Error('The n-gram service has not loaded its corpus yet (call ready() first).');
    return engine;
  };

  const table = async (
    e: NgramEngine,
    args: PerplexityTableArgs,
    progress: ProgressSender<Progress>,
  ): Promise<PerplexityResult[]> => {
    const params = {
      lidstone: args.lidstone ?? DEFAULT_PARAMS.lidstone,
      'kneser-ney': args.kneserNey ?? DEFAULT_PARAMS['kneser-ney'],
    };
    const specs = [];
    for (let order = 1; order <= MAX_ORDER; order++) {
      for (const method of SMOOTHING_METHODS) {
        specs.push(
          normalizeSpec({
            order,
            method,
            param: method === 'lidstone' || method === 'kneser-ney' ? params[method] : undefined,
          }),
        );
      }
    }
    const out: PerplexityResult[] = [];
    for (const spec of specs) {
      const cell = e.perplexity({ ...spec, targets: args.targets });
      out.push(cell);
      progress.send({ phase: 'perplexity', done: out.length, total: specs.length, cell });
      await yieldNow();
    }
    return out;
  };

  /** Runs `fn`, delivering its progress before its answer and giving errors a message. */
  const answer = async <T>(
    onProgress: ((p: Progress) => void) | undefined,
    fn: (progress: ProgressSender<Progress>) => Promise<T>,
  ): Promise<T> => {
    const progress = progressSender(onProgress);
    try {
      return await fn(progress);
    } catch (err) {
      throw readerError(err);
    } finally {
      await progress.done();
    }
  };

  return {
    load: (baseUrl, onProgress) =>
      answer(onProgress, async (progress) => (await load(baseUrl, progress)).info),
    perplexity: (args) => answer(undefined, async () => (await needEngine()).perplexity(args)),
    perplexityTable: (args, onProgress) =>
      answer(onProgress, async (progress) => table(await needEngine(), args, progress)),
    distribution: (args) => answer(undefined, async () => (await needEngine()).distribution(args)),
    generate: (args) => answer(undefined, async () => (await needEngine()).generate(args)),
    counts: (args) => answer(undefined, async () => (await needEngine()).counts(args)),
  };
}
