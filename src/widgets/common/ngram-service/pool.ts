/**
 * The page's n-gram service, reference-counted: widgets acquire it when they mount and release
 * it when they unmount; when the last holder releases, the Web Worker is terminated (freeing the
 * corpus, the counts and every cached model, tens of MB), and a later acquire or call starts a
 * fresh one. One service per base URL and page, shared by chapter 3's widgets.
 */
import {
  createNgramClient,
  type NgramClient,
  type NgramEndpoint,
  type NgramService,
} from './client';

/** A hold on the page's service; `release()` once when done (later calls do nothing). */
export interface NgramLease {
  readonly service: NgramService;
  release(): void;
}

/** Counters of a pool, for tests and debugging (no handles to the worker itself). */
export interface NgramPoolStats {
  /** Current holders (acquired, not released). */
  holders: number;
  /** Whether a worker is running now. */
  running: boolean;
  /** Workers started and terminated since the page loaded. */
  workersStarted: number;
  workersTerminated: number;
}

/** A set of reference-counted services over one kind of worker (one per base URL). */
export interface NgramPool {
  /**
   * The service for `baseUrl`, held until `release()`. When the last lease is released the
   * worker stops after `releaseDelayMs` (a re-acquire before then keeps it: React's StrictMode
   * unmounts and remounts at once in development).
   */
  acquire(baseUrl: string): NgramLease;
  /**
   * The service for `baseUrl` without holding it. Calls still work (they start a worker when
   * none runs), but the worker is stopped whenever the last lease is released, so a widget
   * that keeps using the service should {@link NgramPool.acquire} it.
   */
  get(baseUrl: string): NgramService;
  stats(): NgramPoolStats;
}

/**
 * Makes a pool. The page's pool ({@link acquireNgramService}, {@link getNgramService}) uses a
 * module Web Worker; tests pass endpoints over a MessageChannel.
 *
 * @param connect - starts a new worker and returns its endpoint.
 * @param options - `releaseDelayMs` (default 0: the next macrotask): how long the worker
 *   outlives its last lease.
 */
export function createNgramPool(
  connect: () => NgramEndpoint,
  options: { releaseDelayMs?: number } = {},
): NgramPool {
  const delay = options.releaseDelayMs ?? 0;
  const counters = { workersStarted: 0, workersTerminated: 0 };
  let entry: {
    baseUrl: string;
    client: NgramClient;
    holders: number;
    timer: ReturnType<typeof setTimeout> | null;
  } | null = null;

  const counted = (): NgramEndpoint => {
    const endpoint = connect();
    counters.workersStarted++;
    let done = false;
    return {
      postMessage: (message: unknown, transfer?: Transferable[]) =>
        endpoint.postMessage(message, transfer ?? []),
      addEventListener: endpoint.addEventListener.bind(endpoint),
      removeEventListener: endpoint.removeEventListener.bind(endpoint),
      start: endpoint.start?.bind(endpoint),
      terminate() {
        if (!done) counters.workersTerminated++;
        done = true;
        endpoint.terminate();
      },
    };
  };

  const entryFor = (baseUrl: string) => {
    const absolute = new URL(baseUrl, globalThis.location?.href ?? 'http://localhost/').href;
    if (entry && entry.baseUrl === absolute) return entry;
    if (entry) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.client.dispose();
    }
    const client = createNgramClient(counted, absolute);
    const created = { baseUrl: absolute, client, holders: 0, timer: null };
    const dispose = client.dispose;
    client.dispose = () => {
      dispose();
      if (entry === created) entry = null;
    };
    entry = created;
    return created;
  };

  return {
    acquire(baseUrl) {
      const e = entryFor(baseUrl);
      e.holders++;
      if (e.timer) {
        clearTimeout(e.timer);
        e.timer = null;
      }
      let held = true;
      return {
        service: e.client,
        release() {
          if (!held) return;
          held = false;
          e.holders--;
          if (e.holders > 0 || e.timer) return;
          e.timer = setTimeout(() => {
            e.timer = null;
            if (e.holders === 0) {
              e.client.stop('The n-gram service was stopped: no widget on the page uses it.');
            }
          }, delay);
        },
      };
    },
    get: (baseUrl) => entryFor(baseUrl).client,
    stats: () => ({
      holders: entry?.holders ?? 0,
      running: entry?.client.running ?? false,
      ...counters,
    }),
  };
}

/** A new module Web Worker running ngram.worker.ts. */
function startWorker(): NgramEndpoint {
  return new Worker(new URL('./ngram.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ngram-service',
  });
}

const pagePool = createNgramPool(startWorker);

// Read-only counters for the browser tests and for debugging memory (no worker handle).
Object.defineProperty(globalThis, '__nlpbookNgramService', {
  configurable: true,
  get: () => pagePool.stats(),
});

/**
 * Holds the page's n-gram service (one per page and base URL) until `release()`: call it when a
 * widget mounts and release when it unmounts. When no widget holds it, its worker is terminated;
 * the next acquire starts a fresh one (the corpus is downloaded and counted again).
 *
 * @param baseUrl - the site's base URL (`import.meta.env.BASE_URL`), relative or absolute.
 */
export function acquireNgramService(baseUrl: string): NgramLease {
  return pagePool.acquire(baseUrl);
}

/**
 * The page's n-gram service without holding it (kept for existing callers). Its calls work,
 * but its worker stops when the last widget holding it (see {@link acquireNgramService})
 * unmounts; prefer `acquireNgramService` in a widget.
 *
 * @param baseUrl - the site's base URL (`import.meta.env.BASE_URL`), relative or absolute.
 */
export function getNgramService(baseUrl: string): NgramService {
  return pagePool.get(baseUrl);
}

/** The page pool's counters (also on `globalThis.__nlpbookNgramService`). */
export function ngramServiceStats(): NgramPoolStats {
  return pagePool.stats();
}
