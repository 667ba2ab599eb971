/**
 * The PPMI + SVD worker's API (src/widgets/ppmi-svd/ppmiApi.ts) served on a MessageChannel with
 * the book's worker RPC, as the widget's hook calls it: progress per stage in order, the vectors
 * as a Float32Array, cached stages on the next build, one build at a time, clear errors, and a
 * terminated worker (the widget's cancel) rejecting its build.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { proxy, WorkerConnection } from '../../../src/train/worker/rpc';
import { createPpmiApi } from '../../../src/widgets/ppmi-svd/ppmiApi';
import type {
  PpmiProgress,
  PpmiSettings,
  PpmiWorkerApi,
} from '../../../src/widgets/ppmi-svd/protocol';
import { channelWorker, closeChannelWorkers } from './channelWorker';

const months = ['january', 'march', 'june', 'july'];
const numbers = ['two', 'three', 'four', 'five'];
const sentences: string[][] = [];
for (let r = 0; r < 30; r++) {
  for (const m of months) sentences.push(['in', m, 'the', 'congress', 'met', 'again']);
  for (const n of numbers) sentences.push(['we', 'built', n, 'new', 'ships', 'today']);
}
const base: PpmiSettings = { corpus: 'sotu', window: 2, alpha: 1, k: 4, power: 1, minCount: 5 };

afterEach(closeChannelWorkers);

/** A worker whose corpus download waits for `gate` (resolved at once by default). */
function connect(gate: Promise<void> = Promise.resolve()) {
  const downloads: string[] = [];
  const worker = channelWorker(
    createPpmiApi({
      async sentencesOf(corpus, baseUrl, report) {
        downloads.push(`${baseUrl}|${corpus}`);
        report({ stage: 'download', fraction: 0.5, loaded: 50, total: 100 });
        await gate;
        report({ stage: 'tokenize', fraction: null });
        return sentences;
      },
    }),
  );
  const conn = new WorkerConnection<PpmiWorkerApi>(worker.endpoint, { name: 'PPMI + SVD' });
  return { conn, downloads, worker };
}

describe('the PPMI + SVD worker API', () => {
  it('reports every stage in order before the answer; the vectors arrive as a Float32Array', async () => {
    const { conn, downloads } = connect();
    const seen: PpmiProgress[] = [];
    const r = await conn.api.build(
      'http://x/',
      base,
      proxy((p: PpmiProgress) => void seen.push(p)),
    );
    const stages = seen.map((p) => p.stage).filter((s, i, all) => s !== all[i - 1]);
    expect(stages).toEqual([
      'download',
      'tokenize',
      'vocabulary',
      'cooccurrence',
      'ppmi',
      'svd',
      'evaluate',
    ]);
    expect(seen[0]).toEqual({ stage: 'download', fraction: 0.5, loaded: 50, total: 100 });
    const svd = seen.filter((p) => p.stage === 'svd' && p.fraction !== null);
    expect(svd.length).toBeGreaterThan(0);
    expect(svd.at(-1)!.fraction).toBe(1);
    expect(r.vectors).toBeInstanceOf(Float32Array);
    expect(r.vectors.length).toBe(r.words.length * 4);
    expect(downloads).toEqual(['http://x/|sotu']);
  });

  it('reuses cached stages in the same worker: a new p skips the download and the SVD', async () => {
    const { conn, downloads } = connect();
    await conn.api.build('http://x/', base);
    const seen: string[] = [];
    const r = await conn.api.build(
      'http://x/',
      { ...base, power: 0.5 },
      proxy((p: PpmiProgress) => void seen.push(p.stage)),
    );
    expect(downloads).toHaveLength(1);
    expect(r.ms.svd).toBeUndefined();
    expect(new Set(seen)).toEqual(new Set(['evaluate']));
  });

  it('says why a build fails, and refuses a second build while one runs', async () => {
    let open: () => void = () => {};
    const { conn } = connect(new Promise<void>((r) => (open = r)));
    const first = conn.api.build('http://x/', base);
    await expect(conn.api.build('http://x/', base)).rejects.toThrow(/already running/);
    open();
    await first;
    await expect(conn.api.build('http://x/', { ...base, k: 200 })).rejects.toThrow(
      /choose k below/,
    );
  });

  it('a terminated worker (cancel) rejects its build', async () => {
    const { conn, worker } = connect(new Promise<void>(() => {}));
    const pending = conn.api.build('http://x/', base);
    conn.terminate();
    await expect(pending).rejects.toThrow('The PPMI + SVD worker stopped: it was terminated');
    expect(worker.terminations).toBe(1);
  });
});
