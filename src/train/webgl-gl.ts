/**
 * The canvas and context of tfjs's WebGL backend, for context-loss handling (imports tfjs; the
 * runner loads it only for a task on the page's own backend). No React; every function checks
 * that the WebGL backend is active before touching anything.
 *
 * tfjs 4.22 keeps it at `backend.gpgpu.gl.canvas` (MathBackendWebGL's constructor:
 * `this.gpgpu = new GPGPUContext(gl); this.canvas = this.gpgpu.gl.canvas`, see
 * node_modules/@tensorflow/tfjs-backend-webgl/dist/backend_webgl.js).
 */
import * as tf from '@tensorflow/tfjs';

interface WebGLBackendShape {
  gpgpu?: { gl?: (WebGLRenderingContext | WebGL2RenderingContext) & { canvas?: EventTarget } };
}

function activeGL(): (WebGLRenderingContext | WebGL2RenderingContext) | null {
  if (tf.getBackend() !== 'webgl') return null;
  try {
    const gl = (tf.backend() as unknown as WebGLBackendShape).gpgpu?.gl;
    return gl ?? null;
  } catch {
    return null;
  }
}

/** The WebGL backend's canvas, or null when the active backend is not WebGL. */
export function webglCanvas(): EventTarget | null {
  const canvas = activeGL()?.canvas;
  return canvas != null && typeof canvas.addEventListener === 'function' ? canvas : null;
}

/**
 * Loses the WebGL backend's context on purpose (`WEBGL_lose_context`), as a test of recovery.
 * @param restoreAfterMs - when given, asks for the context back after this many ms.
 * @returns false when not on WebGL or the extension is missing.
 */
export function loseWebGLContext(restoreAfterMs?: number): boolean {
  const gl = activeGL();
  const ext = gl?.getExtension('WEBGL_lose_context');
  if (!ext) return false;
  ext.loseContext();
  if (restoreAfterMs != null) setTimeout(() => ext.restoreContext(), restoreAfterMs);
  return true;
}
