/**
 * End-to-end tests read a training widget's model worker through
 * `globalThis.__nlpbookWorkers[widgetId]` (`memory()`: the worker's `tf.memory()`, since the page's
 * tfjs no longer sees the model; `alive`; `loseContext()`: loses the worker's WebGL context, or on
 * wasm/cpu marks it lost, to exercise recovery), set while a mounted widget has a worker (the
 * worker's backend is the widget's `data-backend`). No React.
 */
import type { WorkerMemory } from '../../train/worker/protocol';

/** What a controller offers the hook. */
export interface WorkerOwner {
  workerMemory(): Promise<WorkerMemory | null>;
  readonly workerAlive: boolean;
  /** Loses the current task's context; resolves true when a real WebGL context was lost. */
  loseWorkerContext(): Promise<boolean | null>;
}

/** `globalThis.__nlpbookWorkers[widgetId]`. */
export interface WorkerHook {
  memory(): Promise<WorkerMemory | null>;
  readonly alive: boolean;
  /** null when there is no task to lose the context of. */
  loseContext(): Promise<boolean | null>;
}

const owners = new WeakMap<WorkerHook, WorkerOwner>();

function hooks(): Record<string, WorkerHook | undefined> {
  const g = globalThis as { __nlpbookWorkers?: Record<string, WorkerHook | undefined> };
  g.__nlpbookWorkers ??= {};
  return g.__nlpbookWorkers;
}

/** Points the hook of `widgetId` at `owner` (the widget that started a worker last). */
export function registerWorkerHook(widgetId: string, owner: WorkerOwner): void {
  const hook: WorkerHook = {
    memory: () => owner.workerMemory(),
    loseContext: () => owner.loseWorkerContext(),
    get alive() {
      return owner.workerAlive;
    },
  };
  owners.set(hook, owner);
  hooks()[widgetId] = hook;
}

/** Removes the hook of `widgetId` if it still belongs to `owner`. */
export function unregisterWorkerHook(widgetId: string, owner: WorkerOwner): void {
  const h = hooks()[widgetId];
  if (h && owners.get(h) === owner) delete hooks()[widgetId];
}
