/**
 * The `?backend=` URL parameter and the names of the backends, without TensorFlow.js: the page
 * reads them before (or without) loading tfjs. No React, no DOM.
 */
import type { BackendName } from './types';

/** Every backend the book knows, fastest-on-a-real-GPU first. */
export const BACKEND_NAMES: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** True when `value` is one of {@link BACKEND_NAMES}. */
export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKEND_NAMES as readonly string[]).includes(value);
}

/**
 * Reads `?backend=webgl|wasm|cpu` from a URL query string (case-insensitive, trimmed).
 *
 * @param search - `location.search`, with or without the leading `?`.
 * @returns `{ backend: null }` when the parameter is absent; `{ backend: null, message }` when its
 *   value is not a known backend (the value is then ignored and the choice is automatic).
 */
export function parseBackendParam(search: string): {
  backend: BackendName | null;
  message?: string;
} {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const raw = params.get('backend');
  if (raw == null) return { backend: null };
  const value = raw.trim().toLowerCase();
  if (isBackendName(value)) return { backend: value };
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return {
    backend: null,
    message: `Ignoring ?backend=${shown}: expected one of ${BACKEND_NAMES.join(', ')}. The backend is chosen automatically.`,
  };
}
