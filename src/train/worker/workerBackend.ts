/**
 * Choosing and starting the tfjs backend inside a Web Worker (or under Node), with the same
 * order and reasons as `selectBackend` (../backend.ts) on the page: WebGL on a real GPU (through
 * an OffscreenCanvas; tfjs 4.22 creates one itself in a worker when WebGL 2 is there), else WASM,
 * else CPU, a software WebGL kept as the last resort; `forced` (the page's `?backend=`) first.
 *
 * Why not `selectBackend` itself: it detects a browser by `window`/`document`, which a worker
 * lacks, so there it would refuse WebGL and leave the WASM binaries unlocated. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo, BackendName } from '../types';
import { probeWebGL } from '../webgl-probe';

/** True inside a dedicated/shared worker. */
function inWorker(): boolean {
  return typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';
}

let wasmPathsSet = false;

/** Loads and activates `name`; null on success, else why it could not start. */
async function activate(name: BackendName): Promise<string | null> {
  try {
    if (name === 'webgl') {
      if (!inWorker() && typeof document === 'undefined') return 'WebGL needs a browser';
      await import('@tensorflow/tfjs-backend-webgl');
    } else if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (inWorker() && !wasmPathsSet) {
        const { WASM_PATHS } = await import('../wasm-paths.browser');
        wasm.setWasmPaths({ ...WASM_PATHS });
        wasmPathsSet = true;
      }
      // TFJS_NOTES pitfall 3: the multithreaded build hangs in a minified bundle.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    }
    if (tf.getBackend() === name) return null;
    // Pitfall 4: setBackend resolves false on failure.
    if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') failed`;
    await tf.ready();
    return tf.getBackend() === name ? null : `tfjs switched to ${tf.getBackend()} instead`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Selects the worker's backend.
 * @param forced - the page's `?backend=` (null: automatic). When it cannot start, the automatic
 *   order is used and `reason` says why.
 * @param where - how `reason` names the place, default "in a Web Worker".
 * @returns what was chosen and why (the same shape the page's badge shows).
 * @throws Error when no backend can start.
 */
export async function selectWorkerBackend(
  forced: BackendName | null,
  where = 'in a Web Worker',
): Promise<BackendInfo> {
  const probe = probeWebGL();
  const failures: string[] = [];
  let order: BackendName[];
  let why = '';
  if (!probe.available) {
    order = ['wasm', 'cpu'];
    why = `WebGL is unavailable (${probe.problem ?? 'unknown reason'}); using WASM`;
  } else if (probe.software) {
    order = ['wasm', 'cpu', 'webgl'];
    why = `WebGL is a software renderer (${probe.renderer ?? 'unknown'}); WASM is faster here`;
  } else {
    order = ['webgl', 'wasm', 'cpu'];
    why = `WebGL on a GPU (${probe.renderer ?? 'renderer hidden'})`;
  }
  const info = (name: BackendName, isForced: boolean, reason: string): BackendInfo => ({
    name,
    software: probe.software,
    renderer: probe.renderer,
    forced: isForced,
    reason: `${reason}, ${where}`,
  });
  if (forced != null) {
    const problem = await activate(forced);
    if (problem == null) return info(forced, true, `Forced by ?backend=${forced}`);
    failures.push(`?backend=${forced} could not start (${problem})`);
  }
  for (const name of order) {
    if (name === forced) continue;
    const problem = await activate(name);
    if (problem == null) {
      const reason = [...failures, name === order[0] ? why : `using ${name}`].join('; ');
      return info(name, false, reason);
    }
    failures.push(`${name} could not start (${problem})`);
  }
  throw new Error(`No TensorFlow.js backend could start ${where}: ${failures.join('; ')}`);
}
