/**
 * Promise-based client of the vectorizer worker. One worker per widget; requests are answered in
 * order. The worker is created lazily and terminated by `dispose()`.
 */
import type {
  CorpusForFit,
  TransformedText,
  Vectorized,
  VectorizerSettings,
  WorkerReply,
  WorkerRequest,
} from './protocol';

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };
type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

/** See the module comment. */
export class VectorizeClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./vectorize.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<WorkerReply>) => {
      const p = this.pending.get(e.data.id);
      this.pending.delete(e.data.id);
      p?.resolve(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.failAll(new Error(`the vectorizer worker failed: ${e.message || 'unknown error'}`));
    };
    this.worker = w;
    return w;
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.worker?.terminate();
    this.worker = null;
  }

  private request(body: Body<WorkerRequest>): Promise<WorkerReply> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  /** Fits the vectorizer on the training split and vectorizes both splits (in the worker). */
  async fit(corpus: CorpusForFit, settings: VectorizerSettings): Promise<Vectorized> {
    const r = await this.request({ type: 'fit', corpus, settings });
    if (r.type === 'error') throw new Error(r.message);
    if (r.type !== 'fitted') throw new Error('unexpected reply from the vectorizer');
    return r.result;
  }

  /** The reader's text through the last fitted vectorizer. */
  async transform(text: string): Promise<TransformedText> {
    const r = await this.request({ type: 'transform', text });
    if (r.type === 'error') throw new Error(r.message);
    if (r.type !== 'transformed') throw new Error('unexpected reply from the vectorizer');
    return r.result;
  }

  /** Terminates the worker; pending requests reject. */
  dispose(): void {
    this.failAll(new Error('the widget was closed'));
  }
}
