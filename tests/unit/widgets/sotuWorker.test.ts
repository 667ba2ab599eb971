/**
 * The SOTU search worker's API (src/widgets/sotu-search/sotuApi.ts) served on a MessageChannel
 * with the book's worker RPC, as the widget's hook calls it: load with progress, search with a
 * year filter and per-decade counts, re-index without stop words, and clear errors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SotuCorpus } from '../../../src/data';
import { proxy, WorkerConnection } from '../../../src/train/worker/rpc';
import type { IndexProgress, SotuWorkerApi } from '../../../src/widgets/sotu-search/protocol';
import { createSotuApi } from '../../../src/widgets/sotu-search/sotuApi';
import { channelWorker, closeChannelWorkers } from './channelWorker';

const corpus: SotuCorpus = {
  name: 'toy',
  addresses: [
    { year: 1861, name: 'Abraham Lincoln', party: 'Republican' },
    { year: 1913, name: 'Woodrow Wilson', party: 'Democratic' },
    { year: 1962, name: 'John F. Kennedy', party: 'Democratic' },
  ],
  passages: [
    { address: 0, text: 'The slave trade is an evil that shames the nation.' },
    { address: 1, text: 'An income tax on the largest fortunes would be fair.' },
    { address: 1, text: 'We ask Congress to lower the tax on tea.' },
    { address: 2, text: 'Nuclear weapons threaten every nation; we seek to limit them.' },
  ],
};

afterEach(closeChannelWorkers);

function connect(loadCorpus = async () => corpus) {
  const worker = channelWorker(
    createSotuApi({
      loadCorpus: async (_baseUrl, onProgress) => {
        onProgress({ loaded: 10, total: 20 });
        onProgress({ loaded: 20, total: 20 });
        return loadCorpus();
      },
    }),
  );
  return new WorkerConnection<SotuWorkerApi>(worker.endpoint, { name: 'search' });
}

describe('the SOTU search worker API', () => {
  it('loads with progress, then ranks the passages of the chosen years', async () => {
    const conn = connect();
    const seen: IndexProgress[] = [];
    const info = await conn.api.load(
      'http://x/',
      true,
      proxy((p: IndexProgress) => void seen.push(p)),
    );
    expect(seen).toEqual([
      { phase: 'download', loaded: 10, total: 20 },
      { phase: 'download', loaded: 20, total: 20 },
      { phase: 'index', passages: 4 },
    ]);
    expect(info).toMatchObject({ passages: 4, addresses: 3, firstYear: 1861, lastYear: 1962 });
    const all = await conn.api.search({ query: 'tax', from: 1800, to: 2000, k: 5 });
    expect(all.hits.map((h) => h.doc).sort()).toEqual([1, 2]);
    expect(all.hits[0]).toMatchObject({ year: 1913, name: 'Woodrow Wilson' });
    expect(all.decades).toEqual([[1910, 2]]);
    const none = await conn.api.search({ query: 'tax', from: 1950, to: 2000, k: 5 });
    expect(none.hits).toEqual([]);
    expect(none.matched).toBe(0);
  });

  it('re-indexes with stop words kept, so a stop word then matches', async () => {
    const conn = connect();
    await conn.api.load('http://x/', true);
    expect((await conn.api.search({ query: 'the', from: 0, to: 3000, k: 5 })).status).toBe(
      'stop-words-only',
    );
    const info = await conn.api.reindex(false);
    expect(info.stopWords).toBe(false);
    const r = await conn.api.search({ query: 'the', from: 0, to: 3000, k: 5 });
    expect(r.status).toBe('ok');
    expect(r.hits.length).toBeGreaterThan(0);
  });

  it('says why it cannot answer: no index yet, a failed download', async () => {
    const conn = connect(async () => {
      throw new Error('Could not load the State of the Union addresses (HTTP 404)');
    });
    await expect(conn.api.search({ query: 'tax', from: 0, to: 3000, k: 5 })).rejects.toThrow(
      'The search index is not built yet.',
    );
    await expect(conn.api.load('http://x/', true)).rejects.toThrow(/HTTP 404/);
  });
});
