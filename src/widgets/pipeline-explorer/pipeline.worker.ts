/**
 * Web Worker of the pipeline explorer: runs {@link runPipeline} off the main thread, so a long
 * pasted text never freezes the page. Exposed with the book's worker RPC; see `pipelineClient.ts`.
 */
import { exposeWorker } from '../../train/worker/rpc';
import { runPipeline } from './pipeline';

/** What the worker exposes. */
export const pipelineWorkerApi = { runPipeline };
/** Its type, for `wrap<PipelineWorkerApi>`. */
export type PipelineWorkerApi = typeof pipelineWorkerApi;

exposeWorker(pipelineWorkerApi);
