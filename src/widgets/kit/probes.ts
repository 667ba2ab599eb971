/**
 * The queue of probes a training widget runs against its model between training steps
 * (sampling, heatmaps, forecasts ...): one at a time, one waiting per kind, and errors of a model
 * that was replaced meanwhile ignored. No React, no DOM.
 */

/** See the module comment. `T` is the model handle (the worker task). */
export class ProbeQueue<T> {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly pending = new Set<string>();

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
   * waits or runs is dropped. `fn` gets the model and `isCurrent()` (false once a Reset replaced
   * it: drop the result then). An error of a current model goes to `onError` with its message;
   * one of a replaced model is ignored.
   * @returns a promise that settles when the probe has run (or was dropped).
   */
  run(
    kind: string,
    fn: (model: T, isCurrent: () => boolean) => Promise<void>,
    onError: (message: string) => void,
  ): Promise<void> {
    if (this.pending.has(kind) || this.current() == null) return Promise.resolve();
    this.pending.add(kind);
    const run = async () => {
      const model = this.current();
      if (model == null) return;
      const isCurrent = () => this.isCurrent(model);
      try {
        await fn(model, isCurrent);
      } catch (err) {
        if (isCurrent()) onError((err as Error).message);
      }
    };
    const p = this.chain.then(run).finally(() => this.pending.delete(kind));
    this.chain = p.catch(() => undefined);
    return p;
  }
}
