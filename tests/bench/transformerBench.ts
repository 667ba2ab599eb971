/**
 * The measured part of tests/bench/transformer.mjs, shared by its Node run (loaded through Vite's
 * SSR loader) and its headless-Chromium run (imported in the page from the Vite dev server): the
 * chapter-15 character Transformer (`ours`, src/models/transformer's createTransformerLmTask) and
 * the plain version (tests/bench/transformerPlain.ts) on the same random text, timed per training
 * step on whatever tfjs backend is active. No DOM, no Node APIs.
 */
import * as tf from '@tensorflow/tfjs';
import { createTransformerLmTask } from '../../src/models/transformer';
import { createPlainTransformer, type PlainSizes } from './transformerPlain';

/** How long to time a variant. */
export interface TimingOptions {
  /** Untimed steps first (compiling shaders, warming caches). */
  warmup: number;
  /** Timed steps at least. */
  steps: number;
  /** Seconds of timed steps at least. */
  seconds: number;
  /** A CPU clock in ms (Node: `process.cpuUsage`); when given, CPU ms per step are reported too. */
  cpuClock?: () => number;
}

/** One variant's timing: medians over the timed steps. */
export interface Timing {
  msPerStep: number;
  /** Only with a `cpuClock`. */
  cpuMsPerStep?: number;
  /** batch x context x 1000 / msPerStep. */
  charsPerSecond: number;
  steps: number;
  params?: number;
}

/**
 * What the active backend runs on, for the report: whether wasm has SIMD (threads are off in this
 * project, src/train/backend.ts), and WebGL's renderer (SwiftShader in headless Chromium here), or
 * null where it does not apply or cannot be read.
 */
export async function backendDetails(): Promise<{ wasmSimd: boolean | null; gl: string | null }> {
  const name = tf.getBackend();
  const wasmSimd =
    name === 'wasm' ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : null;
  let gl: string | null = null;
  if (name === 'webgl' && typeof document !== 'undefined') {
    const ctx = document.createElement('canvas').getContext('webgl2');
    const ext = ctx?.getExtension('WEBGL_debug_renderer_info');
    gl = ctx && ext ? String(ctx.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : null;
  }
  return { wasmSimd, gl };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Prepares the two variants at `sizes` (vocabulary, layers, heads, d_model, d_ff, context, batch)
 * on 200,000 seeded random characters. Each `time*` call builds, times and disposes its model, so
 * rounds can alternate with other work (PyTorch) without holding memory in between.
 * @throws Error when `sizes.vocab` is outside [2, 1000].
 */
export function createTransformerBench(sizes: PlainSizes) {
  if (!(sizes.vocab >= 2 && sizes.vocab <= 1000)) throw new Error(`vocab ${sizes.vocab}`);
  const chars = Array.from({ length: sizes.vocab - 1 }, (_, i) => String.fromCodePoint(0x21 + i));
  let s = 7;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648), s % chars.length);
  const text = Array.from({ length: 200_000 }, () => chars[rand()]).join('');
  const charsPerStep = sizes.batch * sizes.context;

  /** Times `step()` (returns the loss, read with `await data()` and disposed here). */
  async function time(step: () => { data(): Promise<unknown>; dispose(): void }, o: TimingOptions) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const started = performance.now();
    for (let i = 0; ; i++) {
      const t0 = performance.now();
      const c0 = o.cpuClock?.() ?? 0;
      const loss = step();
      await loss.data();
      loss.dispose();
      if (i >= o.warmup) {
        times.push(performance.now() - t0);
        if (o.cpuClock) cpuTimes.push(o.cpuClock() - c0);
      }
      if (times.length >= o.steps && performance.now() - started > o.seconds * 1000) break;
    }
    const ms = median(times);
    const out: Timing = {
      msPerStep: ms,
      charsPerSecond: (charsPerStep * 1000) / ms,
      steps: times.length,
    };
    if (o.cpuClock) out.cpuMsPerStep = median(cpuTimes);
    return out;
  }

  return {
    /** Ours: createTransformerLmTask with its defaults (which are `sizes` but for the vocabulary). */
    async timeOurs(o: TimingOptions): Promise<Timing> {
      const task = createTransformerLmTask({
        trainText: text.slice(0, 180_000),
        heldoutText: text.slice(180_000),
        vocab: ['\uFFFD', ...chars],
      });
      task.init();
      try {
        const out = await time(() => {
          const r = task.step();
          Object.values(r.metrics ?? {}).forEach((m) => m.dispose());
          return r.loss;
        }, o);
        return { ...out, params: task.parameterCount };
      } finally {
        task.dispose();
      }
    },
    /** The plain version (separate Q, K, V, a loop over heads, stock autograd). */
    async timePlain(o: TimingOptions): Promise<Timing> {
      const model = createPlainTransformer(sizes);
      try {
        return await time(() => model.step(), o);
      } finally {
        model.dispose();
      }
    },
  };
}
