/**
 * The book's worker RPC (src/train/worker/rpc.ts) over a Node MessageChannel: calls and results,
 * transfer, progress callbacks, error classes, and what Comlink alone does not do (a crashed or
 * terminated worker, a lost WebGL context).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ContextLostError } from '../../../src/train/worker/errors';
import {
  WorkerConnection,
  exposeWorker,
  proxy,
  reportContextLost,
  transfer,
  type WorkerLike,
} from '../../../src/train/worker/rpc';

interface Api {
  add(a: number, b: number): number;
  slow(ms: number): Promise<string>;
  squares(n: number): Float32Array;
  count(n: number, onProgress: (i: number) => void): Promise<number>;
  fail(kind: 'range' | 'type' | 'plain' | 'lost'): never;
}

const api: Api = {
  add: (a, b) => a + b,
  slow: (ms) => new Promise((r) => setTimeout(() => r(`after ${ms} ms`), ms)),
  squares(n) {
    const out = Float32Array.from({ length: n }, (_, i) => i * i);
    return transfer(out, [out.buffer]);
  },
  async count(n, onProgress) {
    for (let i = 1; i <= n; i++) await onProgress(i);
    return n;
  },
  fail(kind) {
    if (kind === 'range') throw new RangeError('out of range');
    if (kind === 'type') throw new TypeError('wrong type');
    if (kind === 'lost') throw new ContextLostError('in the test worker: gone');
    throw new Error('plain');
  },
};

const open: Array<() => void> = [];
afterEach(() => {
  while (open.length) open.pop()!();
});

/** An API exposed on port2 and a connection on port1; `crash` fires the worker's error event. */
function connect(name = 'test') {
  const { port1, port2 } = new MessageChannel();
  const errorListeners: Array<(e: Event) => void> = [];
  let terminated = 0;
  const endpoint: WorkerLike = {
    postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t ?? []),
    addEventListener: ((type: string, fn: (e: never) => void) => {
      if (type === 'message') port1.addEventListener('message', fn as never);
      else if (type === 'error') errorListeners.push(fn as never);
    }) as WorkerLike['addEventListener'],
    removeEventListener: ((type: string, fn: (e: never) => void) => {
      if (type === 'message') port1.removeEventListener('message', fn as never);
    }) as WorkerLike['removeEventListener'],
    start: () => port1.start(),
    terminate: () => {
      terminated++;
      port1.close();
    },
  };
  exposeWorker(api, port2 as never);
  const stops: string[] = [];
  const conn = new WorkerConnection<Api>(endpoint, { name, onStop: (r) => stops.push(r) });
  open.push(() => {
    conn.terminate();
    port2.close();
  });
  const crash = (message: string) =>
    errorListeners.forEach((fn) => fn({ message } as unknown as Event));
  return { conn, crash, port2, stops, terminations: () => terminated };
}

describe('WorkerConnection + exposeWorker', () => {
  it('calls methods and returns their results, sync or async', async () => {
    const { conn } = connect();
    expect(await conn.api.add(2, 3)).toBe(5);
    expect(await conn.api.slow(5)).toBe('after 5 ms');
    expect(conn.alive).toBe(true);
  });

  it('transfers typed arrays and calls progress callbacks on the page', async () => {
    const { conn } = connect();
    const sq = await conn.api.squares(4);
    expect(sq).toBeInstanceOf(Float32Array);
    expect(Array.from(sq)).toEqual([0, 1, 4, 9]);
    const seen: number[] = [];
    expect(
      await conn.api.count(
        3,
        proxy((i: number) => void seen.push(i)),
      ),
    ).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('re-throws errors with their class and message', async () => {
    const { conn } = connect();
    const range = await conn.api.fail('range').catch((e: unknown) => e);
    expect(range).toBeInstanceOf(RangeError);
    expect((range as Error).message).toBe('out of range');
    await expect(conn.api.fail('type')).rejects.toBeInstanceOf(TypeError);
    await expect(conn.api.fail('plain')).rejects.toThrow('plain');
  });

  it('a crash rejects the open calls and every later one, and says so once', async () => {
    const { conn, crash, stops } = connect('n-gram');
    const open1 = conn.api.slow(200);
    crash('out of memory');
    await expect(open1).rejects.toThrow('The n-gram worker stopped: out of memory');
    await expect(conn.api.add(1, 1)).rejects.toThrow('The n-gram worker stopped: out of memory');
    expect(conn.alive).toBe(false);
    expect(conn.stopReason).toContain('out of memory');
    crash('again');
    expect(stops).toEqual(['The n-gram worker stopped: out of memory']);
  });

  it('terminate ends the worker once and rejects the open calls', async () => {
    const { conn, terminations } = connect();
    const pending = conn.api.slow(200);
    conn.terminate();
    conn.terminate();
    await expect(pending).rejects.toThrow('The test worker stopped: it was terminated');
    expect(terminations()).toBe(1);
  });

  it('a reported lost context rejects open and later calls with ContextLostError', async () => {
    const { conn, port2 } = connect();
    const pending = conn.api.slow(100);
    reportContextLost(port2 as never, 'the browser reported webglcontextlost');
    const err = await pending.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContextLostError);
    expect((err as Error).message).toBe(
      'in the test worker: the browser reported webglcontextlost',
    );
    await expect(conn.api.add(1, 2)).rejects.toBeInstanceOf(ContextLostError);
    expect(conn.lost).toBe('the browser reported webglcontextlost');
    expect(conn.alive).toBe(false);
    // Calls marked as allowed after a loss (freeing memory) still go through.
    expect(await conn.invoke('add', [1, 2], true)).toBe(3);
  });

  it('a ContextLostError thrown by the worker marks the connection lost', async () => {
    const { conn } = connect();
    await expect(conn.api.fail('lost')).rejects.toBeInstanceOf(ContextLostError);
    expect(conn.lost).toBe('gone');
    await expect(conn.api.add(1, 1)).rejects.toBeInstanceOf(ContextLostError);
  });
});
