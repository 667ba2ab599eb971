/**
 * The queue of probes a training widget runs against its model between training steps
 * (sampling, heatmaps, forecasts ...): one at a time, at most one waiting per kind (a request
 * while one of its kind runs still queues one more, so the newest step is always read), and errors
 * of a model that was replaced meanwhile ignored. No React, no DOM.
 */

/** See the module comment. `T` is the model handle (the worker task). */
export class ProbeQueue<T> {
  private chain: Promise<unknown> = Promise.resolve();
  /** Kinds queued but not started yet. */
  private readonly waiting = new Set<string>();

  /**
   * @param current - the model a probe may read now, or null (no model yet: probes are dropped).
   * @param isCurrent - whether a model is still the current one (false after a Reset).
   */
  constructor(
    private readonly current: () => T | null,
    private readonly isCurrent: (model: T) => boolean,
  ) {}

  /**
   * Queues `fn` after the probes already queued; a second probe of the same `kind` while one
   * waits is dropped (the waiting one will read the model when its turn comes); one that comes
   * while a probe of its kind runs is queued. `fn` gets the model and `isCurrent()` (false once a Reset replaced
   * it: drop the result then). An error of a current model goes to `onError` with its message;
   * one of a replaced model is ignored.
   * @returns a promise that settles when the probe has run (or was dropped).
   */
  run(
    kind: string,
    fn: (model: T, isCurrent: () => boolean) => Promise<void>,
    onError: (message: string) => void,
  ): Promise<void> {
    if (this.waiting.has(kind) || this.current() == null) return Promise.resolve();
    this.waiting.add(kind);
    const run = async () => {
      this.waiting.delete(kind);
      const model = this.current();
      if (model == null) return;
      const isCurrent = () => this.isCurrent(model);
      try {
        await fn(model, isCurrent);
      } catch (err) {
        if (isCurrent()) onError((err as Error).message);
      }
    };
    const p = this.chain.then(run);
    this.chain = p.catch(() => undefined);
    return p;
  }
}
