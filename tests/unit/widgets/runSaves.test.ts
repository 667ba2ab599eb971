/**
 * Saved runs and weights files of the training-widget kit: the compatibility checks, the
 * RunSaver's store logic over a KeyValueStore (writes serialised, discard wins over a write in
 * flight, storage errors become a message) and the safetensors-layout weights file.
 */
import { describe, expect, it } from 'vitest';
import type { RunCapture } from '../../../src/train/runner-types';
import { memoryStore, type KeyValueStore } from '../../../src/widgets/kit/keyValueStore';
import {
  RunSaver,
  SAVE_BYTES_PER_SECOND,
  SAVE_EVERY_MS,
  saveKey,
} from '../../../src/widgets/kit/runSaver';
import {
  SAVE_FORMAT,
  buildId,
  incompatibility,
  isRunSave,
  type SaveExpectation,
  type SaveHeader,
} from '../../../src/widgets/kit/saveFormat';
import { decodeWeightsFile, encodeWeightsFile } from '../../../src/widgets/kit/weightsFile';

const settings = { lr: 0.03, dim: 16, speed: 'fast' };
const header = (over: Partial<SaveHeader> = {}): SaveHeader => ({
  format: SAVE_FORMAT,
  build: buildId(1),
  widget: 'w',
  settings,
  step: 12,
  savedAt: 0,
  ...over,
});
const want = (over: Partial<SaveExpectation> = {}): SaveExpectation => ({
  widget: 'w',
  build: buildId(1),
  settings,
  runKeys: ['lr', 'dim'],
  label: (k) => ({ lr: 'Learning rate', dim: 'Embedding dimension' })[k] ?? k,
  ...over,
});

function capture(step: number): RunCapture {
  const rec = { columns: { step: [step], epoch: [1], loss: [0.5] }, stride: 1, offered: 1 };
  const weights = { w: { shape: [2], values: new Float32Array([step, -step]) } };
  return {
    step,
    epoch: 1,
    latest: { loss: 0.5 },
    history: rec,
    evalHistory: rec,
    state: { weights, optimizer: null, step },
  };
}

describe('incompatibility', () => {
  it('accepts the same widget, build and run settings; live settings may differ', () => {
    expect(incompatibility(header(), want())).toBeNull();
    expect(
      incompatibility(header(), want({ settings: { ...settings, speed: 'watch' } })),
    ).toBeNull();
  });
  it('refuses other run settings, naming each by its label with both values', () => {
    const why = incompatibility(header(), want({ settings: { ...settings, lr: 0.1, dim: 8 } }));
    expect(why).toBe(
      'it was trained with other settings: Learning rate 0.03 (here 0.1), Embedding dimension 16 (here 8)',
    );
  });
  it('refuses another build, widget or format', () => {
    expect(incompatibility(header({ build: buildId(2) }), want())).toMatch(
      /another version .*model\.2.*model\.1/,
    );
    expect(incompatibility(header({ widget: 'x' }), want())).toMatch(/another widget \(x\)/);
    expect(incompatibility(header({ format: SAVE_FORMAT + 1 }), want())).toMatch(/another format/);
  });
  it('tells a run save from other values', () => {
    expect(isRunSave({ ...header(), run: capture(3) })).toBe(true);
    expect(isRunSave(header())).toBe(false);
    expect(isRunSave({ ...header(), run: { ...capture(3), state: null } })).toBe(false);
    expect(isRunSave('x')).toBe(false);
  });
});

describe('RunSaver', () => {
  it('saves a small run every SAVE_EVERY_MS and a large one at most SAVE_BYTES_PER_SECOND', async () => {
    const saver = new RunSaver(memoryStore(), 'w', buildId(1));
    expect(saver.nextSaveDelay()).toBe(SAVE_EVERY_MS);
    await saver.save(async () => capture(3), settings);
    expect(saver.nextSaveDelay(), 'two floats').toBe(SAVE_EVERY_MS);
    // 1.5 MB of weights and optimiser slots, about chapter 9's default LSTM with Adam.
    const big = capture(4);
    const n = (1.5 * 1024 * 1024) / 4 / 3;
    big.state = {
      weights: { w: { shape: [n], values: new Float32Array(n) } },
      optimizer: {
        m: { shape: [n], values: new Float32Array(n) },
        v: { shape: [n], values: new Float32Array(n) },
      },
      step: 4,
    };
    await saver.save(async () => big, settings);
    expect(saver.nextSaveDelay()).toBe(
      Math.round((1000 * 1.5 * 1024 * 1024) / SAVE_BYTES_PER_SECOND),
    );
    expect(saver.nextSaveDelay()).toBeGreaterThan(20_000);
  });
  it('finds nothing, saves, and finds the save again at the next mount', async () => {
    const store = memoryStore();
    const a = new RunSaver(store, 'w', buildId());
    await a.check();
    expect(a.getState().found).toBeNull();
    await a.save(async () => capture(7), settings);
    const b = new RunSaver(store, 'w', buildId());
    await b.check();
    const found = b.getState().found!;
    expect(found.step).toBe(7);
    expect(found.settings).toEqual(settings);
    expect(found.run.state.weights.w.values).toEqual(new Float32Array([7, -7]));
    expect(b.take()).toBe(found);
    expect(b.getState().found).toBeNull();
  });
  it('skips a capture of null and keeps writes in order', async () => {
    const store = memoryStore();
    const s = new RunSaver(store, 'w', buildId());
    await s.save(async () => null, settings);
    expect(store.map.size).toBe(0);
    const slow = s.save(() => new Promise((r) => setTimeout(() => r(capture(1)), 20)), settings);
    const fast = s.save(async () => capture(2), settings);
    await Promise.all([slow, fast]);
    expect((store.map.get(saveKey('w')) as { step: number }).step).toBe(2);
  });
  it('a discard wins over a write in flight', async () => {
    const store = memoryStore();
    const s = new RunSaver(store, 'w', buildId());
    const write = s.save(() => new Promise((r) => setTimeout(() => r(capture(5)), 20)), settings);
    const gone = s.discard();
    await Promise.all([write, gone]);
    expect(store.map.has(saveKey('w'))).toBe(false);
  });
  it('turns storage errors into a message; the next good write clears it', async () => {
    let full = true;
    const inner = memoryStore();
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const store: KeyValueStore = {
      get: inner.get,
      del: inner.del,
      set: (k, v) => (full ? Promise.reject(quota) : inner.set(k, v)),
    };
    const s = new RunSaver(store, 'w', buildId());
    await expect(s.save(async () => capture(1), settings)).resolves.toBeUndefined();
    expect(s.getState().error).toMatch(/storage for this site is full.*Training goes on/);
    full = false;
    await s.save(async () => capture(2), settings);
    expect(s.getState().error).toBeNull();
  });
  it('reports a damaged save and stays silent when the storage cannot be read', async () => {
    const store = memoryStore();
    await store.set(saveKey('w'), { nonsense: true });
    const s = new RunSaver(store, 'w', buildId());
    await s.check();
    expect(s.getState().refused).toMatch(/damaged/);
    const broken = { ...store, get: () => Promise.reject(new Error('no IndexedDB')) };
    const t = new RunSaver(broken, 'w', buildId());
    await t.check();
    expect(t.getState()).toEqual({ found: null, refused: null, error: null });
  });
});

describe('weights file', () => {
  const weights = {
    'embedding/embeddings': { shape: [3, 2], values: new Float32Array([1, 2, 3, 4, 5, -6.5]) },
    'dense/bias': { shape: [1], values: new Float32Array([0.25]) },
  };
  it('round-trips weights and header in the safetensors layout', () => {
    const bytes = encodeWeightsFile({ header: header(), weights });
    const size = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + size) % 8).toBe(0);
    const json = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + size)));
    expect(json['embedding/embeddings']).toEqual({
      dtype: 'F32',
      shape: [3, 2],
      data_offsets: [0, 24],
    });
    expect(json.__metadata__.settings).toBe(JSON.stringify(settings));
    expect(bytes.length).toBe(8 + size + 28);
    const back = decodeWeightsFile(bytes);
    expect(back.header).toEqual(header());
    expect(back.weights).toEqual(weights);
  });
  it('refuses other files with a reason', () => {
    expect(() => decodeWeightsFile(new Uint8Array(4))).toThrow(/not a weights file.*too short/);
    const text = new TextEncoder().encode('{"a": 1}');
    const junk = new Uint8Array(8 + text.length);
    new DataView(junk.buffer).setBigUint64(0, BigInt(text.length + 50), true);
    expect(() => decodeWeightsFile(junk)).toThrow(/cut off/);
    const good = encodeWeightsFile({ header: header(), weights });
    expect(() => decodeWeightsFile(good.subarray(0, good.length - 4))).toThrow(/does not fit/);
  });
});
