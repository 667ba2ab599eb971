/**
 * The page's side of the classifier's one worker (./tfidf.worker.ts). The worker is started by
 * the first vectorization (before any run), talked to over the book's RPC on a MessagePort of its
 * own for the vectorizer ({@link TfidfWorker.vectorizer}), and handed to the training kit as the
 * model's worker ({@link TfidfWorker.forTraining}), so the model trains on the matrices the
 * worker fitted. When the kit asks again (its worker crashed or lost its WebGL context) a fresh
 * worker starts; the task there vectorizes again from the same request. No React.
 */
import { WorkerConnection, type RemoteMethods, type WorkerLike } from '../../train/worker/rpc';
import type { VectorizerApi } from './protocol';
import type { VectorizerPortMessage } from './workerMain';

/** Starts a worker (in the page: the module worker ./tfidf.worker.ts). */
export type SpawnWorker = () => WorkerLike;

/** The browser's worker for this widget. */
export const spawnTfidfWorker: SpawnWorker = () =>
  new Worker(new URL('./tfidf.worker.ts', import.meta.url), {
    type: 'module',
    name: 'tfidf-classifier',
  });

/** The vectorizer's endpoint: messages on `port`, errors of the worker itself. */
function portEndpoint(worker: WorkerLike, port: MessagePort): WorkerLike {
  const target = (type: string) => (type === 'message' ? port : worker);
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) =>
      port.postMessage(message, transfer ?? []),
    addEventListener: (type, listener, options) =>
      target(type).addEventListener(type, listener, options as never),
    removeEventListener: (type, listener, options) =>
      target(type).removeEventListener(type, listener, options as never),
    start: () => port.start(),
    terminate: () => port.close(),
  };
}

/** See the module comment. One per mounted widget. */
export class TfidfWorker {
  private worker: WorkerLike | null = null;
  private connection: WorkerConnection<VectorizerApi> | null = null;
  private handedOut = false;
  /** Workers started so far (tests read it). */
  started = 0;

  /** @param spawn - starts a worker (default {@link spawnTfidfWorker}). */
  constructor(private readonly spawn: SpawnWorker = spawnTfidfWorker) {}

  private start(): void {
    this.stop();
    const worker = this.spawn();
    const { port1, port2 } = new MessageChannel();
    const message: VectorizerPortMessage = { nlpbook: 'tfidf-vectorizer-port', port: port2 };
    worker.postMessage(message, [port2]);
    this.worker = worker;
    this.connection = new WorkerConnection<VectorizerApi>(portEndpoint(worker, port1), {
      name: 'vectorizer',
    });
    this.started++;
  }

  /** The vectorizer's methods in the current worker (started if none runs). */
  vectorizer(): RemoteMethods<VectorizerApi> {
    if (!this.connection?.alive) this.start();
    return this.connection!.api;
  }

  /**
   * The worker for the kit's task host (its `spawnWorker`): the current one the first time, a
   * fresh one when the kit asks again (it asks only when its worker is gone).
   */
  forTraining(): WorkerLike {
    if (!this.worker || this.handedOut || !this.connection?.alive) this.start();
    this.handedOut = true;
    return this.worker!;
  }

  /**
   * Closes the vectorizer's connection (open calls reject) and terminates the worker unless it
   * was handed to the kit (the kit terminates its own on dispose). A later call starts a new one.
   */
  dispose(): void {
    this.stop(!this.handedOut);
  }

  private stop(terminateWorker = true): void {
    this.connection?.terminate();
    this.connection = null;
    if (terminateWorker) this.worker?.terminate();
    this.worker = null;
    this.handedOut = false;
  }
}
