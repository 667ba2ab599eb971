/**
 * Progress reports from a worker to the page over the book's worker RPC
 * (src/train/worker/rpc.ts): the page passes `proxy(onProgress)`, the worker reports through a
 * {@link ProgressSender} without waiting on each report, and awaits `done()` before it answers,
 * so that every report reaches the page before the answer does (a Comlink callback travels on
 * its own MessagePort, so without this the answer could overtake the last reports).
 */
import { releaseProxy } from 'comlink';

/** The worker side of a progress callback. */
export interface ProgressSender<P> {
  /** Reports `progress` (does nothing when the caller passed no callback). */
  send(progress: P): void;
  /**
   * Resolves once every report has been handled on the page, then releases the callback's
   * port. Call it once, before answering (also after a failure). Never rejects.
   */
  done(): Promise<void>;
}

/**
 * Wraps the callback a worker method received (a Comlink proxy, or a plain function when the
 * API is called in-process, or undefined).
 */
export function progressSender<P>(callback?: ((progress: P) => unknown) | null): ProgressSender<P> {
  let last: Promise<unknown> = Promise.resolve();
  return {
    send(progress) {
      if (!callback) return;
      // Called at once (a Comlink proxy posts its message now, even while this thread stays
      // busy). A report the page cannot take (a throwing callback, a closed port) is not the
      // method's failure: it is dropped.
      try {
        last = Promise.resolve(callback(progress)).catch(() => undefined);
      } catch {
        // dropped, as above
      }
    },
    async done() {
      await last;
      const release = (callback as { [releaseProxy]?: () => void } | null | undefined)?.[
        releaseProxy
      ];
      if (typeof release === 'function') release();
    },
  };
}
