/**
 * A stand-in for a Web Worker in Node tests of the widgets' workers: an API served with the
 * book's worker RPC (`exposeWorker`, or any server such as the task host's `serveTasks`: see
 * {@link channelEndpoint}) on one end of a MessageChannel, and a `WorkerLike` endpoint on the other (structured clone and transfer as between a page and a worker). `crash` fires the
 * endpoint's `error` event as a crashed worker does. `closeChannelWorkers()` in `afterEach`.
 */
import { exposeWorker, type WorkerLike } from '../../../src/train/worker/rpc';

/** One fake worker. */
export interface ChannelWorker {
  endpoint: WorkerLike;
  /** True once `endpoint.terminate()` was called. */
  readonly terminated: boolean;
  /** How many times `endpoint.terminate()` was called. */
  readonly terminations: number;
  /** Fires the `error` event (as a crashed worker does) with `message`. */
  crash(message: string): void;
}

const open: Array<() => void> = [];

/** Serves `api` as a worker would (`exposeWorker(api)` in the worker's module). */
export function channelWorker(api: object): ChannelWorker {
  return channelEndpoint((port) => exposeWorker(api, port as never));
}

/**
 * A worker whose far end runs `serve(port)` (e.g. `serveTasks(port, registry)`); the stop function
 * `serve` returns, if any, runs on `terminate()`.
 */
export function channelEndpoint(serve: (port: MessagePort) => (() => void) | void): ChannelWorker {
  const { port1, port2 } = new MessageChannel();
  const errors: Array<(e: Event) => void> = [];
  let terminations = 0;
  const close = () => {
    port1.close();
    port2.close();
  };
  open.push(close);
  const stop = serve(port2);
  const endpoint: WorkerLike = {
    postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t ?? []),
    addEventListener: ((type: string, fn: (e: never) => void) => {
      if (type === 'message') port1.addEventListener('message', fn as never);
      else if (type === 'error') errors.push(fn as never);
    }) as WorkerLike['addEventListener'],
    removeEventListener: ((type: string, fn: (e: never) => void) => {
      if (type === 'message') port1.removeEventListener('message', fn as never);
    }) as WorkerLike['removeEventListener'],
    start: () => port1.start(),
    terminate: () => {
      terminations++;
      stop?.();
      close();
    },
  };
  return {
    endpoint,
    get terminated() {
      return terminations > 0;
    },
    get terminations() {
      return terminations;
    },
    crash: (message) => errors.forEach((fn) => fn({ message } as unknown as Event)),
  };
}

/** Closes every channel opened by {@link channelWorker} (call in `afterEach`). */
export function closeChannelWorkers(): void {
  while (open.length) open.pop()!();
}
