/**
 * The one small external store the training-widget kit is built on: an immutable snapshot, a
 * shallow-merge `set`, and `subscribe` / `getState` shaped for React's `useSyncExternalStore`.
 * No React, no DOM: unit-tested under Node.
 */

/** A store of snapshots of type `S`. */
export class Store<S extends object> {
  private state: S;
  private readonly listeners = new Set<() => void>();

  /** @param initial - the first snapshot (also what {@link Store.replace} often restores). */
  constructor(initial: S) {
    this.state = initial;
  }

  /** The current snapshot: the same object until the next change. */
  getState = (): S => this.state;

  /**
   * Calls `listener` after every change.
   * @returns a function that unsubscribes.
   */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Makes a new snapshot with `patch` merged in and tells the listeners. */
  set(patch: Partial<S>): void {
    this.replace({ ...this.state, ...patch });
  }

  /** Makes `next` the snapshot and tells the listeners. */
  replace(next: S): void {
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }
}
