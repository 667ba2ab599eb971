/**
 * The n-gram service's reference counting (pool.ts) over workers served in-process on a
 * MessageChannel: the worker lives while a widget holds the service, is terminated when the
 * last one releases, and a later acquire starts a fresh one that loads again.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { MobyDickCorpus } from '../../../src/data';
import { createNgramPool, type NgramEndpoint } from '../../../src/widgets/common/ngram-service';
import { createNgramApi } from '../../../src/widgets/common/ngram-service/handler';
import { channelWorker, closeChannelWorkers, type ChannelWorker } from './channelWorker';

const corpus: MobyDickCorpus = {
  name: 'toy',
  sections: [
    { title: 'one', text: 'The cat sat. The cat ran. The dog sat.', split: 'train' },
    { title: 'two', text: 'The cat sat. A dog ran.', split: 'heldout' },
  ],
};

afterEach(closeChannelWorkers);

/** Each connect() starts a new "worker" (its own API, its own memory) on a MessageChannel. */
function fakeWorkers() {
  const workers: { loads: number; readonly terminated: boolean }[] = [];
  const connect = (): NgramEndpoint => {
    let channel: ChannelWorker | null = null;
    const w = {
      loads: 0,
      get terminated() {
        return channel?.terminated ?? false;
      },
    };
    workers.push(w);
    channel = channelWorker(
      createNgramApi({
        loadCorpus: async () => {
          w.loads++;
          return corpus;
        },
        unkCutoff: 1,
        // Like the worker, yield between long steps (so a table can be cut short); a
        // terminated worker runs no further.
        yieldNow: () =>
          new Promise((r) => {
            if (!w.terminated) setTimeout(r, 2);
          }),
      }),
    );
    return channel.endpoint;
  };
  return { workers, connect };
}

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('the page service is reference-counted', () => {
  test('the worker lives while held and is terminated when the last holder releases', async () => {
    const { workers, connect } = fakeWorkers();
    const pool = createNgramPool(connect);
    const a = pool.acquire('http://x/');
    const b = pool.acquire('http://x/');
    expect(a.service).toBe(b.service);
    await a.service.ready();
    await b.service.counts({ order: 2, context: 'the' });
    expect(workers).toHaveLength(1);
    expect(workers[0].loads).toBe(1); // loaded and counted once for both widgets
    expect(pool.stats()).toMatchObject({ holders: 2, running: true, workersStarted: 1 });

    a.release();
    a.release(); // a second release of the same lease does nothing
    await tick();
    expect(workers[0].terminated).toBe(false);
    expect(pool.stats().holders).toBe(1);

    const pending = b.service.perplexityTable().then(
      () => 'answered',
      (err: Error) => err.message,
    );
    b.release();
    await tick();
    expect(workers[0].terminated).toBe(true);
    expect(await pending).toMatch(/no widget on the page uses it/);
    expect(pool.stats()).toEqual({
      holders: 0,
      running: false,
      workersStarted: 1,
      workersTerminated: 1,
    });
  });

  test('a later acquire starts a fresh worker that loads again', async () => {
    const { workers, connect } = fakeWorkers();
    const pool = createNgramPool(connect);
    const first = pool.acquire('http://x/');
    await first.service.ready();
    first.release();
    await tick();
    const second = pool.acquire('http://x/');
    const info = await second.service.ready();
    expect(info.trainTokens).toBe(9);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1]).toEqual({ loads: 1, terminated: false });
    const d = await second.service.distribution({ order: 2, method: 'mle', context: 'the' });
    expect(d.top[0]).toEqual({ word: 'cat', p: 2 / 3 });
    second.release();
    await tick();
    expect(workers[1].terminated).toBe(true);
  });

  test('release then re-acquire at once (React StrictMode) keeps the same worker', async () => {
    const { workers, connect } = fakeWorkers();
    const pool = createNgramPool(connect);
    const a = pool.acquire('/');
    const loading = a.service.ready();
    a.release();
    const b = pool.acquire('/');
    await tick();
    await expect(loading).resolves.toMatchObject({ trainTokens: 9 });
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(false);
    b.release();
    await tick();
    expect(workers[0].terminated).toBe(true);
  });

  test('an unheld get() starts a worker on demand; nothing runs before the first call', async () => {
    const { workers, connect } = fakeWorkers();
    const pool = createNgramPool(connect);
    const lease = pool.acquire('http://x/');
    expect(workers).toHaveLength(0); // acquiring alone starts nothing
    lease.release();
    await tick();
    const service = pool.get('http://x/');
    await expect(service.ready()).resolves.toMatchObject({ vocabSize: 8 });
    expect(pool.stats()).toMatchObject({ holders: 0, running: true, workersStarted: 1 });
  });
});
