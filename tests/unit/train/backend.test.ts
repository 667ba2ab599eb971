import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ADAM_EPSILON,
  adam,
  getBackendInfo,
  parseBackendParam,
  selectBackend,
  subscribeBackend,
} from '../../../src/train/backend';
import type { BackendInfo } from '../../../src/train/types';
import { isSoftwareRenderer, probeWebGL } from '../../../src/train/webgl-probe';

describe('parseBackendParam', () => {
  it('reads known backends, case-insensitively, with or without "?"', () => {
    expect(parseBackendParam('?backend=webgl')).toEqual({ backend: 'webgl' });
    expect(parseBackendParam('backend=WASM')).toEqual({ backend: 'wasm' });
    expect(parseBackendParam('?x=1&backend=%20cpu%20&y=2')).toEqual({ backend: 'cpu' });
  });

  it('returns null without a message when the parameter is absent', () => {
    expect(parseBackendParam('')).toEqual({ backend: null });
    expect(parseBackendParam('?preset=fast')).toEqual({ backend: null });
  });

  it('ignores unknown values with a message that lists the valid ones', () => {
    for (const bad of ['?backend=webgpu', '?backend=', '?backend=<script>']) {
      const parsed = parseBackendParam(bad);
      expect(parsed.backend).toBe(null);
      expect(parsed.message).toMatch(/Ignoring \?backend=.*webgl, wasm, cpu/);
    }
    const long = parseBackendParam(`?backend=${'x'.repeat(500)}`);
    expect(long.message!.length).toBeLessThan(200);
  });
});

describe('WebGL detection helpers', () => {
  it('recognises software renderers', () => {
    expect(
      isSoftwareRenderer(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)',
      ),
    ).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('Microsoft Basic Render Driver')).toBe(true);
    expect(
      isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)'),
    ).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
  });

  it('reports no WebGL under Node, without throwing', () => {
    const probe = probeWebGL();
    expect(probe.available).toBe(false);
    expect(probe.problem).toMatch(/browser/);
  });
});

describe('selectBackend under Node', () => {
  it('chooses cpu with a reason, shares one promise, publishes the choice', async () => {
    const published: BackendInfo[] = [];
    const unsubscribe = subscribeBackend((info) => published.push(info));
    expect(getBackendInfo()).toBe(null);
    const first = selectBackend();
    const second = selectBackend(null);
    expect(second).toBe(first);
    const info = await first;
    expect(info).toMatchObject({ name: 'cpu', forced: false, software: false, renderer: null });
    expect(info.reason).toMatch(/Node/);
    expect(tf.getBackend()).toBe('cpu');
    expect(getBackendInfo()).toBe(info);
    expect(published).toEqual([info]);
    const global = (globalThis as { __nlpbook?: { tf: unknown; backend: BackendInfo } }).__nlpbook;
    expect(global?.backend).toBe(info);
    expect(typeof (global?.tf as typeof tf).memory).toBe('function');
    // Later callers without a preference get the same selection.
    expect(selectBackend()).toBe(first);
    unsubscribe();
  });

  it('falls back with a reason when the forced backend cannot start here', async () => {
    const info = await selectBackend('webgl');
    expect(info.name).toBe('cpu');
    expect(info.forced).toBe(false);
    expect(info.reason).toMatch(/\?backend=webgl could not start \(WebGL needs a browser\)/);
  });

  it('honours a forced wasm backend (single-threaded) and can go back to cpu', async () => {
    const info = await selectBackend('wasm');
    expect(info).toMatchObject({ name: 'wasm', forced: true });
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
    const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])));
    expect(Array.from(await sum.data())).toEqual([4, 6]);
    sum.dispose();
    const back = await selectBackend('cpu');
    expect(back).toMatchObject({ name: 'cpu', forced: true });
    expect(tf.getBackend()).toBe('cpu');
  });
});

describe('adam', () => {
  it('always passes epsilon explicitly (1e-7 by default)', () => {
    expect(DEFAULT_ADAM_EPSILON).toBe(1e-7);
    const opt = adam(0.01);
    expect(opt.getConfig()).toMatchObject({
      learningRate: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-7,
    });
    opt.dispose();
    const custom = adam(0.1, { beta1: 0.5, epsilon: 1e-5 });
    expect(custom.getConfig()).toMatchObject({ beta1: 0.5, epsilon: 1e-5 });
    custom.dispose();
  });

  it('rejects bad hyperparameters with a message', () => {
    expect(() => adam(0)).toThrow(/learning rate/);
    expect(() => adam(Number.NaN)).toThrow(/learning rate/);
    expect(() => adam(0.1, { beta1: 1 })).toThrow(/beta1/);
    expect(() => adam(0.1, { epsilon: 0 })).toThrow(/epsilon/);
  });
});
