/**
 * Choosing and starting the tfjs backend: WebGL on a real GPU, else WASM, else CPU; `?backend=`
 * in the URL forces one. See DESIGN.md "The training runtime" and TFJS_NOTES.md (pitfalls 2-4).
 *
 * No React. Browser APIs are used only inside functions, behind guards, so this module imports
 * cleanly under Node (where the choice is cpu, or wasm when forced).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo, BackendName } from './types';
import { probeWebGL, type WebGLProbe } from './webgl-probe';
import { installWasmCopyKernels } from './wasmCopyKernels';

export { BACKEND_NAMES, isBackendName, parseBackendParam } from './backendParam';
import { parseBackendParam } from './backendParam';

/**
 * True in a page or in a Web Worker (where WebGL runs through an OffscreenCanvas and the WASM
 * binaries are served like the page's); false under Node.
 */
function isBrowser(): boolean {
  const inPage = typeof window !== 'undefined' && typeof document !== 'undefined';
  const inWorker =
    typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
  return inPage || inWorker;
}

let wasmPathsSet = false;

/**
 * Loads a backend's module and makes it the active tfjs backend.
 * @returns null on success, else a short reason why it could not start.
 */
async function activate(name: BackendName): Promise<string | null> {
  try {
    if (name === 'webgl') {
      if (!isBrowser()) return 'WebGL needs a browser';
      await import('@tensorflow/tfjs-backend-webgl');
      if (tf.findBackendFactory('webgl') == null) return 'the WebGL backend is not registered';
    } else if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (isBrowser() && !wasmPathsSet) {
        const { WASM_PATHS } = await import('./wasm-paths.browser');
        wasm.setWasmPaths({ ...WASM_PATHS });
        wasmPathsSet = true;
      }
      // Pitfall 3: the multithreaded build hangs in a minified bundle, and its threads only speed
      // up matrix products, not the gathers and scatters these models spend their time in.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      // Slices and splits that do not copy their whole input first (wasmCopyKernels.ts).
      installWasmCopyKernels();
    }
    if (tf.getBackend() === name) return null;
    // Pitfall 4: setBackend resolves false on failure; never trust tf.ready() to pick for us.
    const ok = await tf.setBackend(name);
    if (!ok) return `tf.setBackend('${name}') failed`;
    await tf.ready();
    return tf.getBackend() === name ? null : `tfjs switched to ${tf.getBackend()} instead`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** One entry of the automatic order, with the reason to skip it if it must be skipped. */
interface Plan {
  order: BackendName[];
  probe: WebGLProbe | null;
  why: Partial<Record<BackendName, string>>;
}

function automaticPlan(exclude: ReadonlySet<BackendName>): Plan {
  if (!isBrowser()) {
    return {
      order: ['cpu', 'wasm'].filter((b) => !exclude.has(b as BackendName)) as BackendName[],
      probe: null,
      why: { cpu: 'No browser (Node.js): WebGL is unavailable; using the cpu backend' },
    };
  }
  const probe = probeWebGL();
  const why: Plan['why'] = {};
  let order: BackendName[];
  if (exclude.has('webgl')) {
    order = ['wasm', 'cpu'];
  } else if (!probe.available) {
    order = ['wasm', 'cpu'];
    why.wasm = `WebGL is unavailable (${probe.problem ?? 'unknown reason'}); using WASM`;
  } else if (probe.software) {
    order = ['wasm', 'cpu', 'webgl'];
    why.wasm = `WebGL is a software renderer (${probe.renderer ?? 'unknown'}); WASM is faster here`;
  } else {
    order = ['webgl', 'wasm', 'cpu'];
    why.webgl = `WebGL on a GPU (${probe.renderer ?? 'renderer hidden'})`;
  }
  return { order: order.filter((b) => !exclude.has(b)), probe, why };
}

async function choose(
  forced: BackendName | null,
  exclude: ReadonlySet<BackendName>,
  context: string | null,
): Promise<BackendInfo> {
  const plan = automaticPlan(exclude);
  const software = plan.probe?.software ?? false;
  const renderer = plan.probe?.renderer ?? null;
  const failures: string[] = [];
  if (forced != null && !exclude.has(forced)) {
    const problem = await activate(forced);
    if (problem == null) {
      return {
        name: forced,
        software,
        renderer,
        forced: true,
        reason: `Forced by ?backend=${forced}`,
      };
    }
    failures.push(`?backend=${forced} could not start (${problem})`);
  }
  for (const name of plan.order) {
    if (name === forced) continue;
    const problem = await activate(name);
    if (problem == null) {
      const reason = [context, ...failures, plan.why[name] ?? `using ${name}`]
        .filter((part): part is string => Boolean(part))
        .map((part) => part.replace(/\.$/, ''))
        .join('; ');
      return {
        name,
        software,
        renderer,
        forced: false,
        reason: reason.charAt(0).toUpperCase() + reason.slice(1),
      };
    }
    failures.push(`${name} could not start (${problem})`);
  }
  throw new Error(`No TensorFlow.js backend could start: ${failures.join('; ')}`);
}

type Listener = (info: BackendInfo) => void;

let current: BackendInfo | null = null;
let pending: Promise<BackendInfo> | null = null;
let lastRequest: BackendName | null = null;
const listeners = new Set<Listener>();

function publish(info: BackendInfo): BackendInfo {
  current = info;
  (globalThis as { __nlpbook?: unknown }).__nlpbook = { tf, backend: info };
  for (const listener of [...listeners]) listener(info);
  return info;
}

function run(
  forced: BackendName | null,
  exclude: ReadonlySet<BackendName>,
  context: string | null,
): Promise<BackendInfo> {
  const previous = pending ?? Promise.resolve(null);
  const next = previous
    .catch(() => null)
    .then(() => choose(forced, exclude, context))
    .then(publish);
  pending = next;
  // A failed selection may be retried by the next caller.
  next.catch(() => {
    if (pending === next) pending = null;
  });
  return next;
}

/**
 * Chooses, loads and starts the tfjs backend, then publishes it (see {@link getBackendInfo},
 * {@link subscribeBackend}) and sets `globalThis.__nlpbook = { tf, backend }` for end-to-end tests.
 *
 * Automatic order in a browser: WebGL when a context with `failIfMajorPerformanceCaveat: true`
 * exists and `WEBGL_debug_renderer_info` names no software renderer; otherwise WASM, then CPU
 * (a software WebGL is kept as a last resort). Under Node: cpu (wasm only when forced).
 * `@tensorflow/tfjs-backend-webgl` and `-wasm` are imported dynamically; wasm runs single-threaded.
 *
 * Idempotent: concurrent and later callers without a preference share one promise. A call with
 * a `forced` backend different from the last request starts a new selection after the current
 * one settles.
 *
 * @param forced - backend requested by `?backend=` (see {@link parseBackendParam}); when it cannot
 *   start, the automatic order is used and `reason` says why. `null`: no preference. Omitted:
 *   no preference, except that the very first selection in a browser reads `?backend=` from
 *   `location.search` itself (a bad value is ignored and named at the start of `reason`), so the
 *   URL works whoever selects first.
 * @returns what was chosen and why.
 * @throws Error when no backend at all can start (the promise rejects; a later call retries).
 */
export function selectBackend(forced?: BackendName | null): Promise<BackendInfo> {
  let request = forced ?? null;
  let note: string | null = null;
  if (forced === undefined && pending == null && typeof location !== 'undefined') {
    const parsed = parseBackendParam(location.search);
    request = parsed.backend;
    note = parsed.message ?? null;
  }
  if (pending != null && (request == null || request === lastRequest)) return pending;
  lastRequest = request;
  return run(request, new Set(), note);
}

/**
 * Moves to the next backend after `failed` stopped working (e.g. a lost WebGL context that did
 * not come back). `failed` is excluded; the reason is prefixed with `why`.
 *
 * @returns the new backend.
 * @throws Error when nothing else can start.
 */
export function fallbackBackend(failed: BackendName, why: string): Promise<BackendInfo> {
  lastRequest = null;
  return run(null, new Set([failed]), why);
}

const restarts = new WeakMap<object, Promise<BackendInfo | null>>();

/**
 * Throws away the tfjs backend instance `name` and starts a fresh one (used after a lost WebGL
 * context was restored: the old instance's textures are gone). Tensors still on the old
 * instance become unusable: dispose them first.
 *
 * @param key - identifies the incident (e.g. the lost canvas): every runner that recovers from
 *   the same incident shares one restart, so a second restart cannot wipe the first one's tensors.
 * @returns the new backend info, or null when the backend could not restart.
 */
export function restartBackend(
  name: BackendName,
  why: string,
  key?: object,
): Promise<BackendInfo | null> {
  const shared = key ? restarts.get(key) : undefined;
  if (shared) return shared;
  const promise = doRestart(name, why);
  if (key) restarts.set(key, promise);
  return promise;
}

async function doRestart(name: BackendName, why: string): Promise<BackendInfo | null> {
  const factory = tf.findBackendFactory(name);
  if (factory == null) return null;
  const priority = name === 'webgl' ? 2 : 1;
  try {
    tf.removeBackend(name);
  } catch {
    // The old instance may fail to dispose on a lost context; it is dropped anyway.
  }
  tf.registerBackend(name, factory, priority);
  const problem = await activate(name);
  if (problem != null) return null;
  const info: BackendInfo = {
    name,
    software: current?.software ?? false,
    renderer: current?.renderer ?? null,
    forced: current?.forced ?? false,
    reason: `${why}; ${name} restarted`,
  };
  pending = Promise.resolve(info);
  return publish(info);
}

/** The backend chosen by the last completed selection, or null before the first one. */
export function getBackendInfo(): BackendInfo | null {
  return current;
}

/**
 * Calls `listener` whenever a selection completes (including fallbacks after a lost context).
 * @returns a function that unsubscribes.
 */
export function subscribeBackend(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export { DEFAULT_ADAM_EPSILON, adam } from './optim';
