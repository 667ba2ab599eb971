/**
 * The key-value storage saved runs live in: IndexedDB in the browser, a Map in tests.
 *
 * The interface is idb-keyval's (`get`, `set`, `del` on a `createStore(db, store)`), and
 * {@link indexedDbStore} is a thin wrapper over the raw IndexedDB API with the same behaviour:
 * neither idb-keyval nor idb is a dependency of the book (idb is only installed indirectly, by
 * Workbox), so once `idb-keyval` is added to package.json this file can become
 * `const s = createStore(db, store); return { get: (k) => get(k, s), set: (k, v) => set(k, v, s), del: (k) => del(k, s) }`.
 */

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

/** A request's result as a promise. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * A {@link KeyValueStore} in IndexedDB database `dbName`, object store `storeName` (created on
 * first use). The database is opened lazily, once.
 * @throws (rejects, on first use) Error when the browser has no IndexedDB (some private modes,
 *   Node) or refuses to open it.
 */
export function indexedDbStore(dbName = 'nlp-live-saves', storeName = 'saved-runs'): KeyValueStore {
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    if (typeof indexedDB === 'undefined') {
      return Promise.reject(new Error('this browser has no IndexedDB storage'));
    }
    db ??= (() => {
      const request = indexedDB.open(dbName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      const opened = done(request);
      opened.catch(() => (db = null));
      return opened;
    })();
    return db;
  };
  const run = async <T>(
    mode: IDBTransactionMode,
    op: (store: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> => {
    const tx = (await open()).transaction(storeName, mode);
    const result = done(op(tx.objectStore(storeName)));
    result.catch(() => undefined); // reported through the transaction below
    // A write is only safe once its transaction commits (quota errors come as an abort).
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
    return result;
  };
  return {
    get: (key) => run('readonly', (s) => s.get(key)),
    set: async (key, value) => {
      await run('readwrite', (s) => s.put(value, key));
    },
    del: async (key) => {
      await run('readwrite', (s) => s.delete(key));
    },
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
