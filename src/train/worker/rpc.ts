/**
 * The book's one worker RPC: Comlink (`wrap` / `expose`, `transfer` for typed arrays, `proxy` for
 * progress callbacks) with a thin layer of ours for what Comlink leaves out:
 *
 * - a worker that crashes, fails to load or is terminated rejects every open call with "The
 *   <name> worker stopped: ..." (Comlink's own calls would wait forever), and every later call
 *   at once;
 * - a worker whose WebGL context is lost says so ({@link reportContextLost}); every open and
 *   later call then rejects with a {@link ContextLostError}, which the TrainingRunner treats as a
 *   lost device (it rebuilds the task in a fresh worker from its last checkpoint);
 * - errors keep their class where it matters (RangeError, TypeError, ContextLostError), not only
 *   their name and message.
 *
 * Every worker in the book speaks this: the training task host (./host.ts), the n-gram service,
 * the search index, the vectorizer and the corpus workers. No React, no DOM: under Node the
 * endpoint can be a MessagePort (see tests/unit/train/rpc.test.ts).
 *
 * Why Comlink rather than our own protocol: it is small, well kept (GoogleChromeLabs), typed
 * (`Remote<T>` turns an API's methods into promise-returning ones), and handles transfer lists
 * and callback proxies, which six hand-written protocols each re-did before.
 */
import * as Comlink from 'comlink';
import { ContextLostError } from './errors';

export { proxy, transfer } from 'comlink';
export type { Remote } from 'comlink';

/** The message a worker posts (outside Comlink's traffic) when its WebGL context is lost. */
export interface ContextLostMessage {
  nlpbook: 'context-lost';
  reason: string;
}

/** What {@link WorkerConnection} needs of a `Worker` (a MessagePort plus `terminate` will do). */
export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

/** The methods of `T` as promise-returning calls (Comlink's `Remote<T>`, methods only). */
export type RemoteMethods<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] extends (
    ...args: infer A
  ) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

function isContextLostMessage(data: unknown): data is ContextLostMessage {
  return (
    typeof data === 'object' &&
    data != null &&
    (data as Partial<ContextLostMessage>).nlpbook === 'context-lost'
  );
}

/** Re-creates an error's class from its name (Comlink sends name, message and stack). */
export function rebuildError(err: unknown): Error {
  if (!(err instanceof Error)) return new Error(String(err));
  const { name, message } = err;
  if (name === 'ContextLostError' && !(err instanceof ContextLostError)) {
    return new ContextLostError(message);
  }
  if (name === 'RangeError' && !(err instanceof RangeError)) return new RangeError(message);
  if (name === 'TypeError' && !(err instanceof TypeError)) return new TypeError(message);
  return err;
}

/** Options of {@link WorkerConnection}. */
export interface WorkerConnectionOptions {
  /** How messages name the worker: "The <name> worker stopped". Default "training". */
  name?: string;
  /** Called once when the worker stops (crash, load failure, terminate). */
  onStop?: (reason: string) => void;
}

/**
 * One connection to a worker that `expose`s an API of type `T` (see {@link exposeWorker}).
 * `api.method(...args)` calls it; the result (or error) comes back as a promise.
 *
 * Ownership: whoever creates the connection terminates it (a widget: on unmount).
 */
export class WorkerConnection<T> {
  /** The worker's methods; each call rejects when the worker stops or its context is lost. */
  readonly api: RemoteMethods<T>;
  private readonly remote: Comlink.Remote<T>;
  private readonly pending = new Set<(err: Error) => void>();
  private stopped: string | null = null;
  private lostReason: string | null = null;
  private readonly label: string;

  /**
   * @param endpoint - e.g. `new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`.
   * @param options - see {@link WorkerConnectionOptions}.
   */
  constructor(
    private readonly endpoint: WorkerLike,
    private readonly options: WorkerConnectionOptions = {},
  ) {
    this.label = options.name ?? 'training';
    endpoint.addEventListener('message', (event: Event) => {
      const data = (event as MessageEvent).data;
      if (isContextLostMessage(data)) this.markLost(data.reason);
    });
    endpoint.addEventListener('error', (event: Event) => {
      const message = (event as ErrorEvent).message;
      this.stop(`The ${this.label} worker stopped: ${message || 'it failed to load or crashed'}`);
    });
    endpoint.addEventListener('messageerror', () =>
      this.stop(`The ${this.label} worker stopped: a message could not be read`),
    );
    this.remote = Comlink.wrap<T>(endpoint);
    this.api = new Proxy({} as RemoteMethods<T>, {
      get: (_target, key) => {
        if (typeof key !== 'string' || key === 'then') return undefined;
        return (...args: unknown[]) => this.invoke(key, args);
      },
    });
  }

  /** False once terminated, crashed, or its WebGL context was lost: make a new one then. */
  get alive(): boolean {
    return this.stopped == null && this.lostReason == null;
  }

  /** Why the worker's WebGL context was lost, or null. */
  get lost(): string | null {
    return this.lostReason;
  }

  /** Why the worker stopped, or null while it runs. */
  get stopReason(): string | null {
    return this.stopped;
  }

  /**
   * Calls `method` in the worker.
   * @param allowWhenLost - the call goes through after a lost context (e.g. freeing memory).
   * @throws (rejects) the worker's error (same class for RangeError / TypeError), a
   *   ContextLostError after a lost context, or "The <name> worker stopped ..." once it is gone.
   */
  invoke<R>(method: string, args: unknown[], allowWhenLost = false): Promise<R> {
    if (this.stopped != null) return Promise.reject(new Error(this.stopped));
    if (this.lostReason != null && !allowWhenLost) {
      return Promise.reject(
        new ContextLostError(`in the ${this.label} worker: ${this.lostReason}`),
      );
    }
    return new Promise<R>((resolve, reject) => {
      const fail = (err: Error) => reject(err);
      this.pending.add(fail);
      const fn = (this.remote as unknown as Record<string, (...a: unknown[]) => Promise<R>>)[
        method
      ];
      fn(...args).then(
        (value) => {
          this.pending.delete(fail);
          resolve(value);
        },
        (err: unknown) => {
          this.pending.delete(fail);
          const rebuilt = rebuildError(err);
          // The worker refuses calls once its context is lost; that may arrive before its message.
          if (rebuilt instanceof ContextLostError && this.lostReason == null) {
            this.lostReason = rebuilt.message.replace(/^in the [\w -]+ worker: /, '');
          }
          reject(rebuilt);
        },
      );
    });
  }

  /** Terminates the worker (every tensor in it goes with it); open calls reject. Idempotent. */
  terminate(): void {
    if (this.stopped != null) return;
    this.endpoint.terminate();
    this.stop(`The ${this.label} worker stopped: it was terminated`);
  }

  private stop(message: string): void {
    if (this.stopped != null) return;
    this.stopped = message;
    this.rejectAll(new Error(message));
    this.options.onStop?.(message);
  }

  private markLost(reason: string): void {
    if (this.lostReason != null) return;
    this.lostReason = reason;
    this.rejectAll(new ContextLostError(`in the ${this.label} worker: ${reason}`));
  }

  private rejectAll(err: Error): void {
    const fails = [...this.pending];
    this.pending.clear();
    for (const fail of fails) fail(err);
  }
}

/**
 * The worker side: answers {@link WorkerConnection} calls with `api`'s methods (Comlink's
 * `expose`). In a worker: `exposeWorker(api)`; in a Node test: `exposeWorker(api, port)`.
 */
export function exposeWorker<T extends object>(
  api: T,
  endpoint: Comlink.Endpoint = self as unknown as Comlink.Endpoint,
): void {
  Comlink.expose(api, endpoint);
}

/**
 * Tells the page that this worker's WebGL context was lost (every later call then rejects with a
 * ContextLostError on the page side).
 */
export function reportContextLost(
  endpoint: Pick<Comlink.Endpoint, 'postMessage'>,
  reason: string,
): void {
  const message: ContextLostMessage = { nlpbook: 'context-lost', reason };
  endpoint.postMessage(message);
}
