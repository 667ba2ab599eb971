/**
 * The key-value storage saved runs live in: IndexedDB in the browser, a Map in tests.
 *
 * The interface is idb-keyval's (`get`, `set`, `del` on a `createStore(db, store)`);
 * {@link indexedDbStore} is idb-keyval itself, {@link memoryStore} a Map for tests.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

/** Asynchronous storage of structured-cloneable values (typed arrays included) by string key. */
export interface KeyValueStore {
  /** The value under `key`, or undefined. */
  get(key: string): Promise<unknown>;
  /**
   * Stores `value` under `key` (replacing any).
   * @throws (rejects) the storage's error, e.g. a `QuotaExceededError` DOMException.
   */
  set(key: string, value: unknown): Promise<void>;
  /** Deletes `key` (no error when absent). */
  del(key: string): Promise<void>;
}

/**
 * A {@link KeyValueStore} in IndexedDB database `dbName`, object store `storeName`, through
 * idb-keyval (https://github.com/jakearchibald/idb-keyval): the database is opened lazily and a
 * write resolves only once its transaction has committed, so a quota error rejects the `set`.
 * @throws (rejects, on first use) Error when the browser has no IndexedDB (some private modes,
 *   Node) or refuses to open it.
 */
export function indexedDbStore(dbName = 'nlp-live-saves', storeName = 'saved-runs'): KeyValueStore {
  let store: UseStore | null = null;
  const open = (): UseStore => {
    if (typeof indexedDB === 'undefined') {
      throw new Error('this browser has no IndexedDB storage');
    }
    store ??= createStore(dbName, storeName);
    return store;
  };
  return {
    get: async (key) => get(key, open()),
    set: async (key, value) => set(key, value, open()),
    del: async (key) => del(key, open()),
  };
}

/** A {@link KeyValueStore} in memory (tests; a page without storage). Values are not copied. */
export function memoryStore(): KeyValueStore & { readonly map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (key) => map.get(key),
    set: async (key, value) => {
      map.set(key, value);
    },
    del: async (key) => {
      map.delete(key);
    },
  };
}
