/**
 * Errors a task running outside the page's own tfjs backend (a Web Worker, see ./client.ts)
 * rejects with, so the runner can tell a lost device from a bug. No React, no DOM.
 */

/**
 * The WebGL context of the backend a task runs on was lost (e.g. inside a Web Worker on an
 * OffscreenCanvas). The {@link TrainingRunner} treats a step, evaluation or checkpoint that
 * rejects with it like a `webglcontextlost` event on the page: it pauses, builds a fresh task
 * from its factory and loads the last checkpoint (DESIGN.md "The training runtime", guards).
 */
export class ContextLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContextLostError';
  }
}

/** True for a {@link ContextLostError}, also one re-created from a message's `name` field. */
export function isContextLostError(err: unknown): err is ContextLostError {
  return err instanceof Error && err.name === 'ContextLostError';
}
