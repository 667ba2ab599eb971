/**
 * The page's own TensorFlow.js backend, as the runner needs it for a task that trains on the page
 * (not in a worker): selecting the backend, its WebGL canvas, losing the context on purpose, and
 * bringing a backend back after a loss. The runner imports this module dynamically, only for such
 * a task, so a page whose models all train in workers never downloads tfjs. No React.
 */
import { fallbackBackend, getBackendInfo, restartBackend, selectBackend } from './backend';
import type { BackendInfo } from './types';
import { waitForEvent } from './webgl-context';

export { getBackendInfo, selectBackend };
export { loseWebGLContext, webglCanvas } from './webgl-gl';

/**
 * After the page's WebGL context was lost: the restored context if `restored` resolves true (or
 * `webglcontextrestored` fires within `timeoutMs`), else the next backend in the fallback order.
 * @throws Error when no backend can start.
 */
export async function restorePageBackend(
  canvas: EventTarget,
  restored: Promise<boolean> | undefined,
  timeoutMs: number,
): Promise<BackendInfo> {
  const ok = await (restored ?? waitForEvent(canvas, 'webglcontextrestored', timeoutMs));
  const back = ok
    ? await restartBackend('webgl', 'The WebGL context was lost and restored', canvas)
    : null;
  return back ?? (await fallbackBackend('webgl', 'The WebGL context was lost'));
}
