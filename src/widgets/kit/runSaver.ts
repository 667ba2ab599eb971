/**
 * A widget's saved run in the browser's storage: found at mount (to offer "Continue"), written
 * on Pause and every few seconds while training, deleted on Reset or Discard. Writes are
 * serialised, a Discard or Reset wins over a write in flight, and a storage error (quota, a
 * private mode without IndexedDB) becomes a message while training goes on.
 * No React, no DOM: unit-tested under Node with {@link memoryStore}.
 */
import type { RunCapture } from '../../train/runner-types';
import type { WeightSnapshot } from '../../train/types';
import { Store } from './store';
import { SAVE_FORMAT, isRunSave, type RunSave } from './saveFormat';
import type { KeyValueStore } from './keyValueStore';

/** What the notice and the messages show. Immutable snapshots. */
export interface SaverState {
  /** The save found for this widget at mount, until it is continued, discarded or replaced. */
  found: RunSave | null;
  /** A message about the found save: why it was refused, or that it is damaged; null if none. */
  refused: string | null;
  /** Why the last write or delete failed (storage full, no storage), or null. */
  error: string | null;
}

/**
 * While training, a run is saved every {@link SAVE_EVERY_MS}, or less often for a large model:
 * at most this many bytes of weights and optimiser state a second (about 1.4 MB every 22 s for
 * chapter 9's default LSTM). Each save copies the state out of the worker onto the page, where it
 * becomes garbage; at 5 s that churn (0.3 MB/s) set off the page's major garbage collections,
 * whose pauses were the char-RNN's main-thread long tasks (docs/performance.md).
 */
export const SAVE_BYTES_PER_SECOND = 64 * 1024;

/** How often a run is saved while it trains at the least, ms (also on Pause, Step and at the end). */
export const SAVE_EVERY_MS = 5000;

/** Bytes of a snapshot's arrays. */
const snapshotBytes = (w: WeightSnapshot | null): number =>
  w ? Object.values(w).reduce((n, t) => n + t.values.byteLength, 0) : 0;

/** The storage key of a widget's saved run. */
export const saveKey = (widget: string): string => `run:${widget}`;

/** The reader-facing text of a storage error; training goes on in every case. */
export function storageErrorText(err: unknown): string {
  const e = err as { name?: string; message?: string } | null;
  if (e?.name === 'QuotaExceededError') {
    return "The browser's storage for this site is full, so the run was not saved (it will not survive a reload). Training goes on.";
  }
  return `The run could not be saved in this browser's storage (${e?.message ?? String(err)}). Training goes on.`;
}

/** See the module comment. One per mounted widget. */
export class RunSaver {
  private readonly store = new Store<SaverState>({ found: null, refused: null, error: null });
  private chain: Promise<unknown> = Promise.resolve();
  /** Bumped by discard: a write of an older generation must not bring the save back. */
  private gen = 0;
  /** Bytes of the state in the last capture (weights and optimiser slots). */
  private lastBytes = 0;

  /**
   * @param storage - where saves live ({@link indexedDbStore} in the browser).
   * @param widget - the widget's id.
   * @param build - {@link buildId} of this page's code.
   */
  constructor(
    private readonly storage: KeyValueStore,
    private readonly widget: string,
    private readonly build: string,
  ) {}

  getState = (): SaverState => this.store.getState();

  /**
   * Milliseconds until the next save while training: {@link SAVE_EVERY_MS}, or longer for a
   * large state (at most {@link SAVE_BYTES_PER_SECOND} on average), from the last capture's size.
   */
  nextSaveDelay(): number {
    return Math.max(SAVE_EVERY_MS, Math.round((1000 * this.lastBytes) / SAVE_BYTES_PER_SECOND));
  }
  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /** Looks for this widget's save (at mount). An unreadable storage is silent: nothing is offered. */
  async check(): Promise<void> {
    let value: unknown;
    try {
      value = await this.storage.get(saveKey(this.widget));
    } catch {
      return;
    }
    if (value === undefined) return;
    if (isRunSave(value)) this.store.set({ found: value });
    else this.store.set({ refused: 'A saved run of this widget is damaged and cannot be loaded.' });
  }

  /**
   * Captures the run and writes it, after the writes already queued.
   * @param capture - the run now, or null when there is none worth saving.
   * @param settings - the settings the run was built from.
   * @returns a promise that settles when written (or skipped); it never rejects.
   */
  save(capture: () => Promise<RunCapture | null>, settings: object): Promise<void> {
    const gen = this.gen;
    return this.enqueue(async () => {
      let run: RunCapture | null;
      try {
        run = await capture();
      } catch {
        return; // the runner reports the task's own errors
      }
      if (run == null || gen !== this.gen) return;
      this.lastBytes = snapshotBytes(run.state.weights) + snapshotBytes(run.state.optimizer);
      const save: RunSave = {
        format: SAVE_FORMAT,
        build: this.build,
        widget: this.widget,
        settings: { ...settings } as Record<string, unknown>,
        step: run.step,
        savedAt: Date.now(),
        run,
      };
      try {
        await this.storage.set(saveKey(this.widget), save);
        // A discard while writing: delete what was just written.
        if (gen !== this.gen) await this.storage.del(saveKey(this.widget));
        else this.store.set({ found: null, error: null });
      } catch (err) {
        if (gen === this.gen) this.store.set({ error: storageErrorText(err) });
      }
    });
  }

  /** Deletes the save (Reset, Discard) and forgets the notice; writes in flight are dropped. */
  discard(): Promise<void> {
    this.gen++;
    this.store.set({ found: null, refused: null });
    return this.enqueue(async () => {
      try {
        await this.storage.del(saveKey(this.widget));
      } catch (err) {
        this.store.set({ error: storageErrorText(err) });
      }
    });
  }

  /** Hands out the found save to be continued (the notice goes); null when there is none. */
  take(): RunSave | null {
    const { found } = this.getState();
    this.store.set({ found: null, refused: null });
    return found;
  }

  /** Shows why a save was not loaded; the save stays in storage until Discard or a new save. */
  refuse(message: string): void {
    this.store.set({ found: null, refused: message });
  }

  /** Hides the messages (refusal, storage error). */
  dismiss(): void {
    this.store.set({ refused: null, error: null });
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const p = this.chain.then(op);
    this.chain = p.catch(() => undefined);
    return p;
  }
}
