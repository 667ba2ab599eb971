/**
 * The n-gram worker's message handling, separate from the Worker global so that Node tests can
 * drive it directly: `createHandler(deps, post)` returns a function that takes one
 * {@link Request} and answers through `post` with progress messages and exactly one result or
 * error. Requests are answered in the order they arrive; queries wait for the corpus to load.
 */
import type { LoadProgress, MobyDickCorpus } from '../../../data';
import { NgramEngine, normalizeSpec, splitsOf } from './engine';
import {
  DEFAULT_PARAMS,
  MAX_ORDER,
  SMOOTHING_METHODS,
  type CorpusInfo,
  type PerplexityResult,
  type PerplexityTableArgs,
  type Progress,
  type Request,
  type Response,
} from './protocol';

/** What the handler needs from its host. */
export interface HandlerDeps {
  /** Downloads the corpus (the worker: `loadMobyDick`; tests: a small in-memory corpus). */
  loadCorpus: (baseUrl: string, onProgress: (p: LoadProgress) => void) => Promise<MobyDickCorpus>;
  /** The vocabulary cutoff (`MOBY_DICK_UNK_CUTOFF`). */
  unkCutoff: number;
  /** Lets other messages and progress through between long steps (default: a macrotask). */
  yieldNow?: () => Promise<void>;
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The message of any thrown value, never empty. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === 'string' && err) return err;
  return 'Unknown error in the n-gram worker.';
}

/**
 * Creates the request handler. The first `load` request starts loading and fitting; a `load`
 * after a failure tries again; a `load` while loading or loaded answers with the same result.
 * Every other request first waits for the engine; with no `load` request yet it fails with a
 * message asking for one.
 *
 * @param post - sends a {@link Response} to the client (`postMessage` in the worker).
 */
export function createHandler(
  deps: HandlerDeps,
  post: (response: Response) => void,
): (request: Request) => Promise<void> {
  let engine: Promise<NgramEngine> | null = null;
  const yieldNow = deps.yieldNow ?? defaultYield;

  const load = (id: number, baseUrl: string): Promise<NgramEngine> => {
    if (engine) return engine;
    const progress = (p: Progress) => post({ id, type: 'progress', progress: p });
    const attempt = (async () => {
      const corpus = await deps.loadCorpus(baseUrl, (p) =>
        progress({ phase: 'download', done: p.loaded, total: p.total }),
      );
      progress({ phase: 'tokenize', done: 0, total: null });
      await yieldNow();
      const splits = splitsOf(corpus);
      return NgramEngine.fit(splits, deps.unkCutoff, (done, total) =>
        progress({ phase: 'count', done, total }),
      );
    })();
    engine = attempt;
    attempt.catch(() => {
      if (engine === attempt) engine = null; // the next `load` tries again
    });
    return attempt;
  };

  const needEngine = (): Promise<NgramEngine> => {
    if (!engine)
      throw new Error('The n-gram service has not loaded its corpus yet (call ready() first).');
    return engine;
  };

  const table = async (
    id: number,
    e: NgramEngine,
    args: PerplexityTableArgs,
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
      post({
        id,
        type: 'progress',
        progress: { phase: 'perplexity', done: out.length, total: specs.length, cell },
      });
      await yieldNow();
    }
    return out;
  };

  return async (request: Request): Promise<void> => {
    const { id } = request;
    try {
      let result: unknown;
      switch (request.kind) {
        case 'load': {
          const e = await load(id, request.args.baseUrl);
          result = e.info satisfies CorpusInfo;
          break;
        }
        case 'perplexity':
          result = (await needEngine()).perplexity(request.args);
          break;
        case 'perplexityTable':
          result = await table(id, await needEngine(), request.args);
          break;
        case 'distribution':
          result = (await needEngine()).distribution(request.args);
          break;
        case 'generate':
          result = (await needEngine()).generate(request.args);
          break;
        case 'counts':
          result = (await needEngine()).counts(request.args);
          break;
        default:
          throw new Error(`Unknown request "${String((request as { kind: unknown }).kind)}".`);
      }
      post({ id, type: 'result', result });
    } catch (err) {
      post({ id, type: 'error', message: errorMessage(err) });
    }
  };
}
