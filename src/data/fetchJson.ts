/**
 * Fetching a corpus file with streamed progress and clear errors. No React, no DOM: needs only
 * `fetch` (browser or Node 18+).
 */

/** Download progress; `total` is null when the server sent no usable Content-Length. */
export interface LoadProgress {
  /** Bytes received so far. */
  loaded: number;
  /** Expected bytes, from Content-Length, or null when unknown. */
  total: number | null;
}

/** Options every corpus loader takes. */
export interface LoadOptions {
  /** Base URL of the site, ending in `/` (in Vite: `import.meta.env.BASE_URL`). */
  baseUrl: string;
  /** Called as bytes arrive, and once at the end with `loaded === total` when the total is known. */
  onProgress?: (progress: LoadProgress) => void;
  /** Aborts the download; the promise then rejects with the signal's `AbortError`. */
  signal?: AbortSignal;
  /** The `fetch` to use (default: the global one). For tests and non-browser hosts. */
  fetch?: typeof fetch;
}

/** `${baseUrl}${path}` with exactly one `/` between them. */
export function corpusUrl(baseUrl: string, path: string): string {
  return `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${path}`;
}

/**
 * Fetches `${baseUrl}${path}`, reporting streamed progress, and parses it as JSON.
 *
 * Progress counts bytes as received. `total` comes from Content-Length; when the response is
 * compressed, Content-Length counts encoded bytes while the stream yields decoded ones, so
 * `loaded` may pass `total`: it is then reported as null (unknown) rather than as over 100 %.
 *
 * @param label - how to name the data in messages, e.g. "the UCI review sentences".
 * @returns the parsed JSON (not validated: the caller's parser checks its shape).
 * @throws Error "Could not load <label> (HTTP 404) from <url>" on an HTTP error;
 *   "Could not load <label> from <url>: <reason>" on a network error;
 *   "<Label> from <url> is not valid JSON (...)". An abort rejects with the signal's AbortError.
 */
export async function fetchJson(
  path: string,
  label: string,
  options: LoadOptions,
): Promise<unknown> {
  const { baseUrl, onProgress, signal } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const url = corpusUrl(baseUrl, path);
  let response: Response;
  try {
    response = await fetchImpl(url, { signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new Error(`Could not load ${label} from ${url}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (!response.ok) {
    throw new Error(`Could not load ${label} (HTTP ${response.status}) from ${url}`);
  }
  const header = Number(response.headers.get('Content-Length'));
  let total: number | null = Number.isFinite(header) && header > 0 ? header : null;
  let text: string;
  if (response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parts: string[] = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      if (total !== null && loaded > total) total = null;
      parts.push(decoder.decode(value, { stream: true }));
      onProgress?.({ loaded, total });
    }
    parts.push(decoder.decode());
    text = parts.join('');
    onProgress?.({ loaded, total: total ?? loaded });
  } else {
    text = await response.text();
    const bytes = new TextEncoder().encode(text).byteLength;
    onProgress?.({ loaded: bytes, total: bytes });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const name = label.charAt(0).toUpperCase() + label.slice(1);
    throw new Error(`${name} from ${url} is not valid JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
}

/** Throws `Error("<where> is not a JSON object")` unless `json` is a plain object. */
export function asObject(json: unknown, where: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`${where} is not a JSON object`);
  }
  return json as Record<string, unknown>;
}
