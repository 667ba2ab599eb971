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
import type { Endpoint } from 'comlink';
import { readStepOutput } from '../step-io';
import type {
  BackendInfo,
  BackendName,
  SteppedValues,
  TrainingState,
  TrainingTask,
  WeightSnapshot,
} from '../types';
import { watchContextLoss } from '../webgl-context';
import { loseWebGLContext, webglCanvas } from '../webgl-gl';
import { ContextLostError } from './errors';
import type { InitResult, StepResult, TaskHostApi, WorkerMemory } from './protocol';
import { exposeWorker, reportContextLost, transfer } from './rpc';
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
export type HostEndpoint = Endpoint;

/** Options of {@link serveTasks}. */
export interface ServeOptions {
  /**
   * Selects the backend (once, at the first `init`, with the page's forced backend). Default:
   * {@link selectWorkerBackend}. Node tests pass e.g. `() => selectBackend('cpu')`.
   */
  selectBackend?: (forced: BackendName | null) => Promise<BackendInfo>;
}

type AnyKind = TaskKind<unknown, TrainingTask>;

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
 * Answers task calls on `endpoint` (in a worker: `serveTasks(self, registry)`) through the book's
 * worker RPC (./rpc.ts): the methods of {@link TaskHostApi}.
 *
 * - `init(kind, config, backend)`: selects the backend the first time (a later `init` keeps it),
 *   disposes the previous task, creates one with `registry[kind]`, awaits `init()` and returns an
 *   {@link InitResult}. On WebGL it watches the backend's canvas: a lost context is reported to
 *   the page ({@link reportContextLost}) and every later call except `dispose` / `memory` fails
 *   with a ContextLostError (the page builds a fresh worker).
 * - `step()`: the task's step, its Scalars read and disposed here: a {@link StepResult}.
 * - `steps(count)`: up to `count` such steps in one request, ending after a diverged loss
 *   (NaN, infinite, above `divergenceHint.maxLoss`) or the schedule's last step.
 * - `evaluate()`, `getWeights()` (arrays copied and transferred), `setWeights(w)`, `dispose()`.
 * - `getTrainingState()` (transferred), `setTrainingState(s)`: see `TrainingState` (../types.ts).
 * - `call(method, args)`: `kind.calls[method](task, ...args)`.
 * - `memory()`: `tf.memory()` of the worker ({@link WorkerMemory}).
 * - `loseContext()`: loses the WebGL context (WEBGL_lose_context), or on wasm/cpu marks the
 *   context lost as if it had been, to exercise recovery. True when a real context was lost.
 *
 * @returns a function that stops answering and disposes the task.
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
  let closed = false;
  let unwatch: () => void = () => undefined;

  /** Later calls fail at once; the page hears of it after the replies already due. */
  const markLost = (reason: string): void => {
    if (lost != null) return;
    lost = reason;
    setTimeout(() => reportContextLost(endpoint, reason), 0);
  };

  /** The live task; throws after a lost context, after stop, or before `init`. */
  const live = (): TrainingTask => {
    usable();
    if (task == null) throw new Error('no task: call init first');
    return task;
  };
  const usable = (): void => {
    if (closed) throw new Error('the task host was stopped');
    if (lost != null) throw new ContextLostError(`in the training worker: ${lost}`);
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

  const api: TaskHostApi = {
    async init(kindName, config, forced) {
      usable();
      disposeTask();
      const load = registry[kindName];
      if (load == null) {
        const known = Object.keys(registry).join(', ') || 'none';
        throw new Error(`unknown task kind "${kindName}" (known: ${known})`);
      }
      if (backend == null) {
        backend = select(forced);
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
      const made = k.create(config);
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
        resumable: typeof made.getTrainingState === 'function',
      };
      return result;
    },
    async step() {
      const t = live();
      const values = await readStepOutput(t.step());
      const { loss, ...metrics } = values;
      const result: StepResult = { loss, metrics, progress: t.progress() };
      return result;
    },
    async steps(count) {
      if (!(Number.isInteger(count) && count > 0)) {
        throw new RangeError(`steps: count must be a positive integer, got ${count}`);
      }
      const t = live();
      const { maxLoss } = t.divergenceHint;
      const out: SteppedValues[] = [];
      for (let i = 0; i < count; i++) {
        const values = await readStepOutput(t.step());
        const progress = t.progress();
        out.push({ values, progress });
        const diverged =
          !Number.isFinite(values.loss) || (maxLoss != null && values.loss > maxLoss);
        if (diverged || (progress.totalSteps != null && progress.step >= progress.totalSteps))
          break;
      }
      return out;
    },
    evaluate: () => live().evaluate(),
    async getWeights() {
      const [snapshot, buffers] = transferable(await live().getWeights());
      return transfer(snapshot, buffers);
    },
    setWeights(weights) {
      live().setWeights(weights);
    },
    async getTrainingState() {
      const t = live();
      if (!t.getTrainingState) throw new Error(`${t.name} cannot save its training state`);
      const state = await t.getTrainingState();
      const [weights, buffers] = transferable(state.weights);
      const [optimizer, slots] = state.optimizer ? transferable(state.optimizer) : [null, []];
      const out: TrainingState = { weights, optimizer, step: state.step };
      return transfer(out, [...buffers, ...slots]);
    },
    async setTrainingState(state) {
      const t = live();
      if (t.setTrainingState) await t.setTrainingState(state);
      else if (state.optimizer == null && state.step === 0) t.setWeights(state.weights);
      else throw new Error(`${t.name} can load weights only, not a saved run`);
      return t.progress();
    },
    async call(method, args) {
      const t = live();
      const fn = kind?.calls?.[method] as
        ((task: TrainingTask, ...a: unknown[]) => unknown) | undefined;
      if (fn == null) throw new Error(`${t.name} has no method "${method}"`);
      return await fn(t, ...args);
    },
    memory() {
      const m = tf.memory();
      const result: WorkerMemory = { numTensors: m.numTensors, numBytes: m.numBytes };
      return result;
    },
    loseContext() {
      usable();
      if (loseWebGLContext()) return true;
      markLost('simulated for a test');
      return false;
    },
    dispose() {
      disposeTask();
    },
  };
  exposeWorker(api, endpoint);
  return () => {
    closed = true;
    unwatch();
    disposeTask();
  };
}
