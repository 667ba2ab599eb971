/**
 * The worker half of running a training task off the main thread: {@link serveTasks} answers
 * the requests of a {@link WorkerTask} (./client.ts) with a task built from a registry of task
 * kinds, on a tfjs backend selected inside the worker. Message protocol: ./protocol.ts.
 *
 * What runs where: everything that touches tensors (the task's init, steps, evaluation,
 * snapshots, probes such as sampling) runs in the worker on its own backend; the page only sends
 * requests and receives plain numbers and typed arrays. The host owns the task: it disposes it
 * on `dispose`, on the next `init`, and (with the worker) on `terminate()`.
 *
 * No React, no DOM: the same host runs in a browser worker and, over a MessageChannel, in Node
 * unit tests.
 */
import * as tf from '@tensorflow/tfjs';
import { readStepOutput } from '../step-io';
import type { BackendInfo, BackendName, TrainingTask, WeightSnapshot } from '../types';
import { loseWebGLContext, watchContextLoss, webglCanvas } from '../webgl-context';
import { ContextLostError } from './errors';
import type {
  HostMessage,
  HostRequest,
  InitResult,
  StepResult,
  WireError,
  WorkerMemory,
} from './protocol';
import { selectWorkerBackend } from './workerBackend';

/**
 * How the host builds and talks to one kind of task. `T` is the task type, `C` its config as
 * sent by the page (structured-cloneable).
 */
export interface TaskKind<C = never, T extends TrainingTask = TrainingTask> {
  /** Builds a task (not yet initialised). Validation errors are sent back to the page. */
  create(config: C): T;
  /** Plain facts sent back with `init` (e.g. `{ parameterCount }`). */
  describe?(task: T): Record<string, unknown>;
  /**
   * The only methods the page may call by name (`WorkerTask.call(method, ...args)`): each gets
   * the live task and the arguments, and returns (or resolves to) a structured-cloneable value.
   */
  calls?: Record<string, (task: T, ...args: never[]) => unknown>;
}

/**
 * Task kinds by name, each loaded on first use (`() => import('./x').then((m) => m.kind)`), so
 * a worker bundles and evaluates only the models it is asked for.
 */
export type TaskRegistry = Record<string, () => Promise<TaskKind<never, never>>>;

/** The side of a worker (or MessagePort) the host listens on. */
export interface HostEndpoint {
  postMessage(message: HostMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<HostRequest>) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent<HostRequest>) => void): void;
  /** MessagePort needs it; a worker's global scope has none. */
  start?(): void;
}

/** Options of {@link serveTasks}. */
export interface ServeOptions {
  /**
   * Selects the backend (once, at the first `init`, with the page's forced backend). Default:
   * {@link selectWorkerBackend}. Node tests pass e.g. `() => selectBackend('cpu')`.
   */
  selectBackend?: (forced: BackendName | null) => Promise<BackendInfo>;
}

type AnyKind = TaskKind<unknown, TrainingTask>;

function wireError(err: unknown): WireError {
  return err instanceof Error
    ? { name: err.name, message: err.message }
    : { name: 'Error', message: String(err) };
}

/** Copies each snapshot array (a backend may hand out its own storage) so it can be transferred. */
function transferable(snapshot: WeightSnapshot): [WeightSnapshot, Transferable[]] {
  const out: WeightSnapshot = {};
  const buffers: Transferable[] = [];
  for (const [name, w] of Object.entries(snapshot)) {
    const values = Float32Array.from(w.values);
    out[name] = { shape: [...w.shape], values };
    buffers.push(values.buffer);
  }
  return [out, buffers];
}

/**
 * Answers task requests on `endpoint` (in a worker: `serveTasks(self, registry)`).
 *
 * - `init {kind, config, backend}`: selects the backend the first time (a later `init` keeps
 *   it), disposes the previous task, creates one with `registry[kind]`, awaits `init()` and
 *   replies with an {@link InitResult}. On WebGL it watches the backend's canvas: a lost context
 *   posts `{ type: 'context-lost' }` and every later request except `dispose` / `memory` fails
 *   with a ContextLostError (the page builds a fresh worker).
 * - `step`: the task's step, its Scalars read and disposed here: a {@link StepResult}.
 * - `evaluate`, `getWeights` (arrays copied and transferred), `setWeights`, `dispose`.
 * - `call {method, args}`: `kind.calls[method](task, ...args)`.
 * - `memory`: `tf.memory()` of the worker ({@link WorkerMemory}).
 * - `loseContext`: loses the WebGL context (WEBGL_lose_context), or on wasm/cpu marks the context
 *   lost as if it had been, to exercise recovery. Replies true when a real context was lost.
 *
 * Errors reply `{ ok: false, error: { name, message } }`.
 * @returns a function that stops listening and disposes the task.
 */
export function serveTasks(
  endpoint: HostEndpoint,
  registry: TaskRegistry,
  options: ServeOptions = {},
): () => void {
  const select = options.selectBackend ?? ((forced) => selectWorkerBackend(forced));
  let backend: Promise<BackendInfo> | null = null;
  let task: TrainingTask | null = null;
  let kind: AnyKind | null = null;
  let lost: string | null = null;
  let unwatch: () => void = () => undefined;

  /** Later requests fail at once; the page hears of it after the replies already due. */
  const markLost = (reason: string): void => {
    if (lost != null) return;
    lost = reason;
    setTimeout(() => endpoint.postMessage({ type: 'context-lost', reason }), 0);
  };

  const needTask = (): TrainingTask => {
    if (task == null) throw new Error('no task: send init first');
    return task;
  };

  const disposeTask = (): void => {
    const old = task;
    task = null;
    kind = null;
    try {
      old?.dispose();
    } catch {
      // A task on a lost context may fail to free; it is dropped anyway.
    }
  };

  async function handle(req: HostRequest): Promise<[unknown, Transferable[]?]> {
    if (lost != null && req.type !== 'dispose' && req.type !== 'memory') {
      throw new ContextLostError(`in the training worker: ${lost}`);
    }
    switch (req.type) {
      case 'init': {
        disposeTask();
        const load = registry[req.kind];
        if (load == null) {
          const known = Object.keys(registry).join(', ') || 'none';
          throw new Error(`unknown task kind "${req.kind}" (known: ${known})`);
        }
        if (backend == null) {
          backend = select(req.backend);
          backend.catch(() => (backend = null));
        }
        const info = await backend;
        if (info.name === 'webgl') {
          unwatch();
          unwatch = watchContextLoss(webglCanvas(), () =>
            markLost('the browser reported webglcontextlost'),
          );
        }
        const k = (await load()) as unknown as AnyKind;
        const made = k.create(req.config);
        try {
          await made.init();
        } catch (err) {
          made.dispose();
          throw err;
        }
        task = made;
        kind = k;
        const result: InitResult = {
          backend: info,
          name: made.name,
          divergenceHint: { ...made.divergenceHint },
          progress: made.progress(),
          info: k.describe?.(made) ?? {},
        };
        return [result];
      }
      case 'step': {
        const t = needTask();
        const values = await readStepOutput(t.step());
        const { loss, ...metrics } = values;
        const result: StepResult = { loss, metrics, progress: t.progress() };
        return [result];
      }
      case 'evaluate':
        return [await needTask().evaluate()];
      case 'getWeights': {
        const [snapshot, buffers] = transferable(await needTask().getWeights());
        return [snapshot, buffers];
      }
      case 'setWeights':
        needTask().setWeights(req.weights);
        return [null];
      case 'call': {
        const t = needTask();
        const fn = kind?.calls?.[req.method] as
          ((task: TrainingTask, ...args: unknown[]) => unknown) | undefined;
        if (fn == null) throw new Error(`${t.name} has no method "${req.method}"`);
        return [await fn(t, ...req.args)];
      }
      case 'memory': {
        const m = tf.memory();
        const result: WorkerMemory = { numTensors: m.numTensors, numBytes: m.numBytes };
        return [result];
      }
      case 'loseContext': {
        if (loseWebGLContext()) return [true];
        markLost('simulated for a test');
        return [false];
      }
      case 'dispose':
        disposeTask();
        return [null];
      default: {
        const unknown = req as { type?: unknown };
        throw new Error(`unknown request type "${String(unknown.type)}"`);
      }
    }
  }

  const onMessage = (event: MessageEvent<HostRequest>): void => {
    const req = event.data;
    handle(req).then(
      ([result, transfer]) =>
        endpoint.postMessage({ id: req.id, ok: true, result }, transfer ?? []),
      (err: unknown) => endpoint.postMessage({ id: req.id, ok: false, error: wireError(err) }),
    );
  };
  endpoint.addEventListener('message', onMessage);
  endpoint.start?.();
  return () => {
    endpoint.removeEventListener('message', onMessage);
    unwatch();
    disposeTask();
  };
}
