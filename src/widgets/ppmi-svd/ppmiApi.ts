/**
 * The PPMI + SVD worker's API (see protocol.ts): the cached count-based pipeline (./pipeline.ts)
 * with progress per stage, the vectors handed over (transferred) rather than copied. Separate
 * from the Worker global (ppmi.worker.ts exposes it) so that Node tests can serve it on a
 * MessageChannel.
 */
import { transfer } from '../../train/worker/rpc';
import { progressSender } from '../common/workerProgress';
import { PpmiPipeline } from './pipeline';
import type { PpmiProgress, PpmiSettings, PpmiWorkerApi } from './protocol';

/** What the API needs from its host. */
export interface PpmiApiDeps {
  /**
   * Downloads a corpus from `baseUrl` and splits it into tokenized sentences, reporting the
   * download (stage 'download', bytes) and the start of tokenizing (stage 'tokenize').
   */
  sentencesOf: (
    corpus: PpmiSettings['corpus'],
    baseUrl: string,
    report: (progress: PpmiProgress) => void,
  ) => Promise<string[][]>;
}

/** Creates the API; its pipeline keeps one cached result per stage across builds. */
export function createPpmiApi(deps: PpmiApiDeps): PpmiWorkerApi {
  let running: { baseUrl: string; report: (p: PpmiProgress) => void } | null = null;
  const pipeline = new PpmiPipeline((corpus) => {
    const r = running;
    if (!r) throw new Error('The PPMI + SVD pipeline asked for a corpus outside a build.');
    return deps.sentencesOf(corpus, r.baseUrl, r.report);
  });

  return {
    async build(baseUrl, settings, onProgress) {
      if (running) throw new Error('A PPMI + SVD build is already running in this worker.');
      const progress = progressSender(onProgress);
      running = { baseUrl, report: (p) => progress.send(p) };
      try {
        const result = await pipeline.build(settings, (stage, fraction) =>
          progress.send({ stage, fraction }),
        );
        // The vectors are a fresh array per build: hand the buffer over instead of copying 5 MB.
        return transfer(result, [result.vectors.buffer]);
      } finally {
        running = null;
        await progress.done();
      }
    },
  };
}
