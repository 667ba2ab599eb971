/**
 * The main-thread client of the n-gram service. See index.ts for the API summary.
 */
import type {
  CallKind,
  Calls,
  CorpusInfo,
  CountsArgs,
  CountsResult,
  DistributionArgs,
  DistributionResult,
  GenerateArgs,
  GenerateResult,
  PerplexityArgs,
  PerplexityResult,
  PerplexityTableArgs,
  Progress,
  Request,
  Response,
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

/** What carries messages to the worker (a `Worker`, or the handler itself in tests). */
export interface Transport {
  post(request: Request): void;
  /** Registers the receiver of every response. */
  listen(onResponse: (response: Response) => void, onFatal: (message: string) => void): void;
  terminate(): void;
}

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
  /** Whether a worker (transport) is running now. */
  readonly running: boolean;
}

interface Pending {
  kind: CallKind;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (p: Progress) => void;
  supersede: boolean;
}

/**
 * A service over any transport (tests pass the handler; the page a Worker, via
 * {@link getNgramService}).
 *
 * @param connect - creates the transport; called again after a fatal worker error.
 * @param baseUrl - absolute URL of the site's base, where `data/moby-dick.json` lives.
 */
export function createNgramClient(connect: () => Transport, baseUrl: string): NgramClient {
  let transport: Transport | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  /** Per kind: the id of the superseding call in flight, and the newest call waiting for it. */
  const inFlight = new Map<CallKind, number>();
  const waiting = new Map<CallKind, { request: Request; entry: Pending }>();
  let info: Promise<CorpusInfo> | null = null;
  let loadListeners = new Set<(p: Progress) => void>();
  let disposed = false;

  const failAll = (message: string) => {
    const err = new Error(message);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    for (const w of waiting.values()) w.entry.reject(err);
    waiting.clear();
    inFlight.clear();
    transport?.terminate();
    transport = null;
    info = null;
  };

  const onResponse = (r: Response) => {
    if (r.id === -1 && r.type === 'error') {
      failAll(`The n-gram worker failed: ${r.message}`);
      return;
    }
    const p = pending.get(r.id);
    if (!p) return;
    if (r.type === 'progress') {
      p.onProgress?.(r.progress);
      return;
    }
    pending.delete(r.id);
    if (p.supersede && inFlight.get(p.kind) === r.id) {
      inFlight.delete(p.kind);
      const next = waiting.get(p.kind);
      if (next) {
        // A newer call is waiting: this answer is stale.
        waiting.delete(p.kind);
        p.reject(new SupersededError(p.kind));
        send(next.request, next.entry);
        return;
      }
    }
    if (r.type === 'result') p.resolve(r.result);
    else p.reject(new Error(r.message));
  };

  const ensureTransport = (): Transport => {
    if (disposed) throw new Error('The n-gram service was disposed.');
    if (!transport) {
      transport = connect();
      transport.listen(onResponse, (message) => failAll(message));
    }
    return transport;
  };

  const send = (request: Request, entry: Pending) => {
    pending.set(request.id, entry);
    if (entry.supersede) inFlight.set(entry.kind, request.id);
    try {
      ensureTransport().post(request);
    } catch (err) {
      pending.delete(request.id);
      if (entry.supersede) inFlight.delete(entry.kind);
      entry.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };

  function call<K extends CallKind>(
    kind: K,
    args: Calls[K]['args'],
    options: CallOptions = {},
  ): Promise<Calls[K]['result']> {
    return new Promise((resolve, reject) => {
      const request = { id: nextId++, kind, args } as Request;
      const entry: Pending = {
        kind,
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress: options.onProgress,
        supersede: options.supersede === true,
      };
      if (entry.supersede && inFlight.has(kind)) {
        const older = waiting.get(kind);
        if (older) older.entry.reject(new SupersededError(kind));
        waiting.set(kind, { request, entry });
        return;
      }
      send(request, entry);
    });
  }

  const afterReady = <K extends CallKind>(
    kind: K,
    args: Calls[K]['args'],
    options?: CallOptions,
  ): Promise<Calls[K]['result']> => service.ready().then(() => call(kind, args, options));

  const service: NgramClient = {
    ready(options = {}) {
      if (!info) {
        // Listeners belong to one attempt, so a stale attempt never clears a newer one's.
        const listeners = new Set<(p: Progress) => void>();
        loadListeners = listeners;
        const attempt = call(
          'load',
          { baseUrl },
          { onProgress: (p) => listeners.forEach((l) => l(p)) },
        );
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
    perplexity: (args, options) => afterReady('perplexity', args, options),
    perplexityTable: (args = {}, options) => afterReady('perplexityTable', args, options),
    distribution: (args, options) => afterReady('distribution', args, options),
    generate: (args, options) => afterReady('generate', args, options),
    counts: (args, options) => afterReady('counts', args, options),
    dispose() {
      failAll('The n-gram service was disposed.');
      disposed = true;
    },
    stop(message = 'The n-gram service was stopped.') {
      if (transport || pending.size > 0 || waiting.size > 0 || info) failAll(message);
    },
    get running() {
      return transport !== null;
    },
  };
  return service;
}
