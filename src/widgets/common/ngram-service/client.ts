/**
 * The main-thread client of the n-gram service, over the book's worker RPC
 * (src/train/worker/rpc.ts). See index.ts for the API summary.
 */
import {
  proxy,
  WorkerConnection,
  type RemoteMethods,
  type WorkerLike,
} from '../../../train/worker/rpc';
import type {
  CallKind,
  CorpusInfo,
  CountsArgs,
  CountsResult,
  DistributionArgs,
  DistributionResult,
  GenerateArgs,
  GenerateResult,
  NgramWorkerApi,
  PerplexityArgs,
  PerplexityResult,
  PerplexityTableArgs,
  Progress,
} from './protocol';

/** Rejection of a call replaced by a newer call of the same kind (`supersede: true`). */
export class SupersededError extends Error {
  override name = 'SupersededError';
  constructor(kind: string) {
    super(`This ${kind} request was replaced by a newer one.`);
  }
}

/** True for the rejection of a superseded call (which a UI simply ignores). */
export function isSuperseded(err: unknown): boolean {
  return err instanceof Error && err.name === 'SupersededError';
}

/** Options of every call. */
export interface CallOptions {
  /**
   * When true, a newer call of the same kind (also with `supersede`) replaces this one: if it
   * has not reached the worker yet it is never sent, otherwise its answer is dropped; either way
   * its promise rejects with a {@link SupersededError}. For live queries while the reader types.
   * Default false: every call is answered.
   */
  supersede?: boolean;
  /** Progress of long calls (`ready`: download and counting; `perplexityTable`: cell by cell). */
  onProgress?: (progress: Progress) => void;
}

/**
 * A connection to a new n-gram worker: a module `Worker` running ngram.worker.ts on the page;
 * in tests, one end of a MessageChannel whose other end serves `createNgramApi` (handler.ts).
 */
export type NgramEndpoint = WorkerLike;

/** The n-gram service: every method returns a promise answered by the worker. */
export interface NgramService {
  /**
   * Loads Moby Dick (about 1.2 MB) and fits the shared vocabulary and counts in the worker (a
   * few seconds). Calls after success return the same answer; after a failure, they try again.
   * @throws (rejects) Error with a reader-facing message (HTTP status, bad data, worker crash).
   */
  ready(options?: Pick<CallOptions, 'onProgress'>): Promise<CorpusInfo>;
  /** Held-out perplexity of one model (orders 1-5; MLE may give Infinity, never NaN). */
  perplexity(args: PerplexityArgs, options?: CallOptions): Promise<PerplexityResult>;
  /** Held-out perplexity of orders 1-5 x MLE, Laplace, Lidstone, Kneser-Ney (20 cells). */
  perplexityTable(args?: PerplexityTableArgs, options?: CallOptions): Promise<PerplexityResult[]>;
  /** Next-word distribution after the reader's text (top k, rest, total). */
  distribution(args: DistributionArgs, options?: CallOptions): Promise<DistributionResult>;
  /** Seeded text generation from the reader's text. */
  generate(args: GenerateArgs, options?: CallOptions): Promise<GenerateResult>;
  /** Counts of the reader's context at orders 1..n. */
  counts(args: CountsArgs, options?: CallOptions): Promise<CountsResult>;
  /**
   * Stops the worker for good; pending calls reject and later calls are refused. The page's
   * service is normally released rather than disposed (see `acquireNgramService`); after
   * `dispose` the next `getNgramService` / `acquireNgramService` makes a new service.
   */
  dispose(): void;
}

/**
 * A service with control of its worker, as {@link createNgramClient} makes it (the pool in
 * pool.ts uses `stop`; widgets use the {@link NgramService} part).
 */
export interface NgramClient extends NgramService {
  /**
   * Terminates the worker now, freeing its memory (the corpus, the counts, every cached model).
   * Pending calls reject with `message`. Unlike `dispose`, the service stays usable: the next
   * call starts a fresh worker (and `ready()` loads and fits again). Does nothing when no
   * worker is running.
   */
  stop(message?: string): void;
  /** Whether a worker is running now. */
  readonly running: boolean;
}

interface Pending {
  kind: CallKind;
  /** Makes the call on a connection (once, when it is sent). */
  run: (api: RemoteMethods<NgramWorkerApi>) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  supersede: boolean;
}

/** The worker of the moment: the RPC connection and the endpoint it speaks over. */
interface Running {
  connection: WorkerConnection<NgramWorkerApi>;
  endpoint: NgramEndpoint;
}

/**
 * A service over the book's worker RPC (src/train/worker/rpc.ts). The page passes a module
 * Worker (via {@link getNgramService}); tests an endpoint over a MessageChannel.
 *
 * @param connect - starts a new worker; called again for the next call after a worker crashed
 *   or was stopped.
 * @param baseUrl - absolute URL of the site's base, where `data/moby-dick.json` lives.
 */
export function createNgramClient(connect: () => NgramEndpoint, baseUrl: string): NgramClient {
  let worker: Running | null = null;
  /** Calls sent to the worker and not answered yet. */
  const open = new Set<Pending>();
  /** Per kind: the superseding call in flight, and the newest call waiting for it. */
  const inFlight = new Map<CallKind, Pending>();
  const waiting = new Map<CallKind, Pending>();
  let info: Promise<CorpusInfo> | null = null;
  let loadListeners = new Set<(p: Progress) => void>();
  let disposed = false;

  /** Rejects every open and waiting call with `message` and terminates the worker. */
  const failAll = (message: string) => {
    const err = new Error(message);
    const running = worker;
    worker = null; // first, so that the connection's onStop below does not come back here
    for (const p of open) p.reject(err);
    open.clear();
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    inFlight.clear();
    info = null;
    if (running) {
      running.connection.terminate();
      // A crashed worker's connection is already stopped: end the worker itself (idempotent).
      running.endpoint.terminate();
    }
  };

  const ensureWorker = (): Running => {
    if (disposed) throw new Error('The n-gram service was disposed.');
    if (!worker) {
      const endpoint = connect();
      const connection: WorkerConnection<NgramWorkerApi> = new WorkerConnection(endpoint, {
        name: 'n-gram',
        // A crash or a failed load: every open call fails with the reason; the next call
        // starts a fresh worker (and ready() loads again).
        onStop: (reason) => {
          if (worker?.connection === connection) failAll(reason);
        },
      });
      worker = { connection, endpoint };
    }
    return worker;
  };

  const settle = (entry: Pending, ok: boolean, value: unknown) => {
    if (!open.delete(entry)) return; // already failed (stopped, disposed)
    if (entry.supersede && inFlight.get(entry.kind) === entry) {
      inFlight.delete(entry.kind);
      const next = waiting.get(entry.kind);
      if (next) {
        // A newer call is waiting: this answer is stale.
        waiting.delete(entry.kind);
        entry.reject(new SupersededError(entry.kind));
        send(next);
        return;
      }
    }
    if (ok) entry.resolve(value);
    else entry.reject(value instanceof Error ? value : new Error(String(value)));
  };

  const send = (entry: Pending) => {
    let api: RemoteMethods<NgramWorkerApi>;
    try {
      api = ensureWorker().connection.api;
    } catch (err) {
      entry.reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    open.add(entry);
    if (entry.supersede) inFlight.set(entry.kind, entry);
    entry.run(api).then(
      (value) => settle(entry, true, value),
      (err: unknown) => settle(entry, false, err),
    );
  };

  function call<T>(
    kind: CallKind,
    run: (api: RemoteMethods<NgramWorkerApi>) => Promise<T>,
    options: CallOptions = {},
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending = {
        kind,
        run,
        resolve: resolve as (v: unknown) => void,
        reject,
        supersede: options.supersede === true,
      };
      if (entry.supersede && inFlight.has(kind)) {
        const older = waiting.get(kind);
        if (older) older.reject(new SupersededError(kind));
        waiting.set(kind, entry);
        return;
      }
      send(entry);
    });
  }

  /** The page side of a progress callback (a Comlink proxy), or undefined. */
  const progressOf = (options?: CallOptions) =>
    options?.onProgress ? proxy(options.onProgress) : undefined;

  const afterReady = <T>(
    kind: CallKind,
    run: (api: RemoteMethods<NgramWorkerApi>) => Promise<T>,
    options?: CallOptions,
  ): Promise<T> => service.ready().then(() => call(kind, run, options));

  const service: NgramClient = {
    ready(options = {}) {
      if (!info) {
        // Listeners belong to one attempt, so a stale attempt never clears a newer one's.
        const listeners = new Set<(p: Progress) => void>();
        loadListeners = listeners;
        const onProgress = proxy((p: Progress) => listeners.forEach((l) => l(p)));
        const attempt = call('load', (api) => api.load(baseUrl, onProgress));
        info = attempt;
        attempt.then(
          () => listeners.clear(),
          () => {
            listeners.clear();
            if (info === attempt) info = null;
          },
        );
      }
      if (options.onProgress) loadListeners.add(options.onProgress);
      return info;
    },
    perplexity: (args, options) => afterReady('perplexity', (api) => api.perplexity(args), options),
    perplexityTable: (args = {}, options) =>
      afterReady(
        'perplexityTable',
        (api) => api.perplexityTable(args, progressOf(options)),
        options,
      ),
    distribution: (args, options) =>
      afterReady('distribution', (api) => api.distribution(args), options),
    generate: (args, options) => afterReady('generate', (api) => api.generate(args), options),
    counts: (args, options) => afterReady('counts', (api) => api.counts(args), options),
    dispose() {
      failAll('The n-gram service was disposed.');
      disposed = true;
    },
    stop(message = 'The n-gram service was stopped.') {
      if (worker || open.size > 0 || waiting.size > 0 || info) failAll(message);
    },
    get running() {
      return worker !== null;
    },
  };
  return service;
}
