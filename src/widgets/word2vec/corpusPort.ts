/**
 * The page's side of the word2vec model worker before the kit takes it over. The widget prepares
 * its corpus in the worker that will train on it: {@link Word2VecWorkers.prepare} starts that
 * worker (if none runs), sends it a MessagePort on which it serves the corpus API (the book's
 * worker RPC), and returns the corpus facts; the kit's controller then gets the same worker from
 * {@link Word2VecWorkers.spawn} for its first task, and a fresh one each later time it asks (after
 * a lost WebGL context or a crash), which then prepares the corpus itself.
 *
 * Test hook: `globalThis.__nlpbookWord2VecWorkers` = { started, terminated, running } counts this
 * page's word2vec workers (running is 0 once no word2vec widget is mounted).
 */
import { proxy, WorkerConnection, type WorkerLike } from '../../train/worker/rpc';
import type { CorpusApi, CorpusFacts, CorpusSource, PrepareProgress } from './types';

/** The message that hands the worker its corpus port. */
export const CORPUS_PORT_MESSAGE = 'w2v-corpus-port';

/** Counters of the word2vec workers this page has started and terminated. */
export interface Word2VecWorkerStats {
  started: number;
  terminated: number;
  /** started - terminated. */
  running: number;
}

const counts = { started: 0, terminated: 0 };

/** This page's counters (also `globalThis.__nlpbookWord2VecWorkers`, read-only). */
export function word2vecWorkerStats(): Word2VecWorkerStats {
  return { ...counts, running: counts.started - counts.terminated };
}

Object.defineProperty(globalThis, '__nlpbookWord2VecWorkers', {
  configurable: true,
  get: word2vecWorkerStats,
});

/** A started worker: the endpoint the kit gets, and the corpus API on its port. */
interface Started {
  endpoint: WorkerLike & { readonly terminated: boolean };
  corpus: WorkerConnection<CorpusApi>;
  /** True once the kit's controller owns it (it terminates it then). */
  handedOver: boolean;
}

/** Counts `worker`'s termination once, however often and by whom it is terminated. */
function counted(worker: WorkerLike): WorkerLike & { readonly terminated: boolean } {
  counts.started++;
  let terminated = false;
  return {
    postMessage: (m: unknown, t?: Transferable[]) => worker.postMessage(m, t ?? []),
    addEventListener: worker.addEventListener.bind(worker),
    removeEventListener: worker.removeEventListener.bind(worker),
    terminate() {
      if (terminated) return;
      terminated = true;
      counts.terminated++;
      worker.terminate();
    },
    get terminated() {
      return terminated;
    },
  };
}

/** The corpus port of `endpoint` as a {@link WorkerLike}: messages on the port, errors of the worker. */
function corpusEndpoint(endpoint: WorkerLike, port: MessagePort): WorkerLike {
  return {
    postMessage: (m: unknown, t?: Transferable[]) => port.postMessage(m, t ?? []),
    addEventListener: ((type: string, fn: EventListenerOrEventListenerObject) =>
      type === 'message'
        ? port.addEventListener(type, fn)
        : endpoint.addEventListener(type, fn)) as WorkerLike['addEventListener'],
    removeEventListener: ((type: string, fn: EventListenerOrEventListenerObject) =>
      type === 'message'
        ? port.removeEventListener(type, fn)
        : endpoint.removeEventListener(type, fn)) as WorkerLike['removeEventListener'],
    // A port with listeners added by addEventListener delivers nothing until started.
    start: () => port.start(),
    terminate: () => port.close(),
  };
}

/** See the module comment. One per mounted widget. */
export class Word2VecWorkers {
  private current: Started | null = null;

  /** @param create - starts a worker that runs ./word2vec.worker.ts. */
  constructor(private readonly create: () => WorkerLike) {}

  private start(): Started {
    const endpoint = counted(this.create());
    const { port1, port2 } = new MessageChannel();
    endpoint.postMessage({ nlpbook: CORPUS_PORT_MESSAGE, port: port2 }, [port2]);
    const corpus = new WorkerConnection<CorpusApi>(corpusEndpoint(endpoint, port1), {
      name: 'word2vec',
    });
    this.current = { endpoint, corpus, handedOver: false };
    return this.current;
  }

  /**
   * Prepares `source` in the model worker (started if none runs) and returns its facts.
   * @throws Error with the worker's message (HTTP status, prepareCorpus's RangeError), or "The
   *   word2vec worker stopped ..." when it crashed or was terminated meanwhile.
   */
  prepare(source: CorpusSource, onProgress: (p: PrepareProgress) => void): Promise<CorpusFacts> {
    const live =
      this.current && !this.current.endpoint.terminated && this.current.corpus.alive
        ? this.current
        : this.start();
    return live.corpus.api.prepare(source, proxy(onProgress));
  }

  /**
   * The worker for the kit's controller (`TrainingSpec.spawnWorker`): the one that prepared the
   * corpus the first time, a fresh one after that (the controller asks again only when its
   * worker was lost; the fresh one prepares the corpus at its task's `init`).
   */
  spawn(): WorkerLike {
    const c = this.current;
    if (c && !c.handedOver && !c.endpoint.terminated) {
      c.handedOver = true;
      return c.endpoint;
    }
    const next = this.start();
    next.handedOver = true;
    return next.endpoint;
  }

  /** Terminates a worker the controller does not own yet (on unmount). Safe twice. */
  dispose(): void {
    const c = this.current;
    this.current = null;
    if (c && !c.handedOver) c.endpoint.terminate();
    c?.corpus.terminate();
  }
}
