/**
 * Choosing and starting the tfjs backend inside a Web Worker: `selectBackend` (../backend.ts)
 * itself, which treats a worker like a page (WebGL on a real GPU through an OffscreenCanvas; tfjs
 * 4.22 creates one itself in a worker when WebGL 2 is there; else WASM, else CPU, a software
 * WebGL kept as the last resort; `forced`, the page's `?backend=`, first), with the place added to
 * the reason the badge shows. No React, no DOM.
 */
import { selectBackend } from '../backend';
import type { BackendInfo, BackendName } from '../types';

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
  const info = await selectBackend(forced);
  return { ...info, reason: `${info.reason}, ${where}` };
}
