/**
 * Runs the explorer's pipeline in a Web Worker, latest request wins: while the worker is busy,
 * only the newest request waits (older waiting ones resolve to null), so typing into a long text
 * queues at most one run. Speaks the book's worker RPC (src/train/worker/rpc.ts): a crashed worker
 * rejects the open and later requests with a message.
 */
import { WorkerConnection } from '../../train/worker/rpc';
import { runPipeline, type PipelineOptions, type PipelineResult } from './pipeline';
import type { PipelineWorkerApi } from './pipeline.worker';

interface Waiting {
  text: string;
  options: PipelineOptions;
  resolve: (r: PipelineResult | null) => void;
  reject: (e: Error) => void;
}

/** A worker running {@link runPipeline}; in environments without `Worker`, runs in place. */
export class PipelineClient {
  private readonly connection: WorkerConnection<PipelineWorkerApi> | null;
  private busy = false;
  private waiting: Waiting | null = null;
  private failure: Error | null = null;

  constructor() {
    if (typeof Worker === 'undefined') {
      this.connection = null;
      return;
    }
    const worker = new Worker(new URL('./pipeline.worker.ts', import.meta.url), {
      type: 'module',
      name: 'pipeline-explorer',
    });
    this.connection = new WorkerConnection<PipelineWorkerApi>(worker, {
      name: 'text-processing',
      onStop: (reason) => {
        this.failure = new Error(`${reason}.`);
        this.waiting?.reject(this.failure);
        this.waiting = null;
      },
    });
  }

  /**
   * Runs the pipeline on `text`. Resolves to the result, or to null when a newer request
   * replaced this one before it started.
   *
   * @throws (rejects) Error when the worker crashed or the pipeline threw.
   */
  run(text: string, options: PipelineOptions): Promise<PipelineResult | null> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.connection) return Promise.resolve().then(() => runPipeline(text, options));
    return new Promise((resolve, reject) => {
      this.waiting?.resolve(null);
      this.waiting = { text, options, resolve, reject };
      if (!this.busy) void this.pump();
    });
  }

  private async pump(): Promise<void> {
    const api = this.connection?.api;
    if (!api) return;
    this.busy = true;
    while (this.waiting) {
      const job = this.waiting;
      this.waiting = null;
      try {
        job.resolve(await api.runPipeline(job.text, job.options));
      } catch (e) {
        job.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
    this.busy = false;
  }

  /** Stops the worker; pending requests resolve to null. */
  dispose(): void {
    this.waiting?.resolve(null);
    this.waiting = null;
    this.connection?.terminate();
  }
}
