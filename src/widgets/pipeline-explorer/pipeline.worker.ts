/**
 * Web Worker of the pipeline explorer: runs {@link runPipeline} off the main thread, so a long
 * pasted text never freezes the page. Exposed with Comlink; see `pipelineClient.ts`.
 */
import { expose } from 'comlink';
import { runPipeline } from './pipeline';

/** What the worker exposes. */
export const pipelineWorkerApi = { runPipeline };
/** Its type, for `wrap<PipelineWorkerApi>`. */
export type PipelineWorkerApi = typeof pipelineWorkerApi;

expose(pipelineWorkerApi);
