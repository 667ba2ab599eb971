/**
 * One trainer at a time per page: when a widget starts training, the one that was training
 * pauses. Visibility (tab hidden, widget scrolled away) is observed by the widget layer, which
 * calls `pause()` / {@link Scheduler.pauseAll}. No React, no DOM.
 */

/** Anything the scheduler can pause (a `TrainingRunner`). */
export interface Pausable {
  pause(): void;
}

/** Grants the right to train to one runner at a time. */
export class Scheduler {
  private active: Pausable | null = null;
  private readonly listeners = new Set<(active: Pausable | null) => void>();

  /** The runner currently allowed to train, or null. */
  get current(): Pausable | null {
    return this.active;
  }

  /**
   * Makes `runner` the one that trains; the previous one (if another) is paused first.
   * Called by a runner when it starts playing.
   */
  acquire(runner: Pausable): void {
    if (this.active === runner) return;
    const previous = this.active;
    this.active = runner;
    previous?.pause();
    this.emit();
  }

  /** Gives the slot up if `runner` holds it (called on pause, done, error, dispose). */
  release(runner: Pausable): void {
    if (this.active !== runner) return;
    this.active = null;
    this.emit();
  }

  /** Pauses whoever is training (e.g. when the tab is hidden). */
  pauseAll(): void {
    const previous = this.active;
    this.active = null;
    previous?.pause();
    this.emit();
  }

  /**
   * Calls `listener` with the new active runner whenever it changes.
   * @returns a function that unsubscribes.
   */
  subscribe(listener: (active: Pausable | null) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener(this.active);
  }
}

/** The page's scheduler: every runner uses it unless given another (tests pass their own). */
export const pageScheduler = new Scheduler();
