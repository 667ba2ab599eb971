/**
 * Listening for a WebGL canvas's context events, for context-loss handling (no TensorFlow.js:
 * the canvas itself comes from ./webgl-gl.ts). No React.
 */
/**
 * Calls `onLost` when the WebGL backend's context is lost.
 * @returns a function that removes the listener (a no-op when not on WebGL).
 */
export function watchContextLoss(canvas: EventTarget | null, onLost: () => void): () => void {
  if (canvas == null) return () => undefined;
  const handler = (): void => onLost();
  canvas.addEventListener('webglcontextlost', handler);
  return () => canvas.removeEventListener('webglcontextlost', handler);
}

/**
 * Resolves true when `type` fires on `target` within `timeoutMs`, else false.
 */
export function waitForEvent(
  target: EventTarget | null,
  type: string,
  timeoutMs: number,
): Promise<boolean> {
  if (target == null) return Promise.resolve(false);
  return new Promise((resolve) => {
    const handler = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      target.removeEventListener(type, handler);
      resolve(false);
    }, timeoutMs);
    target.addEventListener(type, handler, { once: true });
  });
}
