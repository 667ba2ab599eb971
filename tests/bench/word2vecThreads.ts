/**
 * Bench-only: starts tfjs's multithreaded SIMD wasm build (tfjs-backend-wasm-threaded-simd.wasm,
 * XNNPACK's thread pool) in a cross-origin-isolated page, for tests/bench/word2vec.mjs's
 * `wasm-mt` row. The book itself runs wasm single-threaded (src/train/backend.ts: TFJS_NOTES.md
 * pitfall 3); this measures what threads would give. Not shipped.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { WASM_PATHS } from '../../src/train/wasm-paths.browser';

/**
 * Makes the threaded wasm build the active backend with `threads` threads.
 * @returns what tfjs reports, to check that threads are really in use.
 * @throws Error when the page is not cross-origin isolated (no SharedArrayBuffer) or the backend
 *   does not start.
 */
export async function initThreadedWasm(
  threads: number,
): Promise<{ backend: string; threads: number; isolated: boolean }> {
  const isolated = typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated;
  if (!isolated) throw new Error('the page is not cross-origin isolated (COOP/COEP headers)');
  setWasmPaths({ ...WASM_PATHS });
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
  setThreadsCount(threads);
  if (!(await tf.setBackend('wasm'))) throw new Error("tf.setBackend('wasm') failed");
  await tf.ready();
  return { backend: tf.getBackend(), threads: getThreadsCount(), isolated };
}
