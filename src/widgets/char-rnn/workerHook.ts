/**
 * End-to-end tests read the character model's worker through
 * `globalThis.__nlpbookWorkers['char-rnn']` (`memory()`: the worker's `tf.memory()`, since the
 * page's no longer sees the model; `alive`), set while a mounted widget has a worker. No React.
 */
import type { WorkerMemory } from '../../train/worker/protocol';

/** What the controller offers the hook. */
export interface WorkerOwner {
  workerMemory(): Promise<WorkerMemory | null>;
  readonly workerAlive: boolean;
}

/** `globalThis.__nlpbookWorkers[name]`. */
export interface WorkerHook {
  memory(): Promise<WorkerMemory | null>;
  readonly alive: boolean;
}

const KEY = 'char-rnn';
const owners = new WeakMap<WorkerHook, WorkerOwner>();

function hooks(): Record<string, WorkerHook | undefined> {
  const g = globalThis as { __nlpbookWorkers?: Record<string, WorkerHook | undefined> };
  g.__nlpbookWorkers ??= {};
  return g.__nlpbookWorkers;
}

/** Points the hook at `owner` (the widget that started a worker last). */
export function registerWorkerHook(owner: WorkerOwner): void {
  const hook: WorkerHook = {
    memory: () => owner.workerMemory(),
    get alive() {
      return owner.workerAlive;
    },
  };
  owners.set(hook, owner);
  hooks()[KEY] = hook;
}

/** Removes the hook if it still belongs to `owner`. */
export function unregisterWorkerHook(owner: WorkerOwner): void {
  const h = hooks()[KEY];
  if (h && owners.get(h) === owner) delete hooks()[KEY];
}
