/**
 * The seq2seq encoder over packed sequences (runRnn's `lengths`; on cpu and wasm the padded steps
 * are skipped inside the recurrent op): the annotations, the decoder's first state and the
 * gradients of every encoder weight equal those of the encoder that runs every step and masks the
 * padding afterwards (the encoder before packing), for inputs of mixed lengths in any order, on
 * cpu and wasm, GRU and LSTM; the permutation matrix is built only on webgl; the date model trains
 * on wasm through the packed op (the loss falls) with no tensor leak per step.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createSeq2SeqTask, runRnn, type Seq2SeqTask } from '../../../src/models';
import { cpuSequenceStats } from '../../../src/models/rnn/cpu/sequence';
import {
  resolveSeq2SeqConfig,
  type ResolvedSeq2SeqConfig,
} from '../../../src/models/seq2seq/config';
import {
  disposeParams,
  encode,
  encoderInputs,
  foldEmbedding,
  initParams,
  type EncoderInputs,
  type Seq2SeqParams,
} from '../../../src/models/seq2seq/network';
import { denseMatMul } from '../../../src/train/matmul';
import { selectBackend } from '../../../src/train/backend';
import { relErr, uniform } from './sequenceChecks';

afterAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * The encoder before packing: both directions over all T steps, the backward states put back in
 * input order by the permutation matrix, the final states picked at each input's last character
 * and the annotations masked.
 */
function encodeUnpacked(p: Seq2SeqParams, cfg: ResolvedSeq2SeqConfig, x: EncoderInputs) {
  const [B, T] = x.ids.shape;
  const He = cfg.encoderSize;
  const E = p.srcEmbedding as tf.Tensor2D;
  const perm = new Float32Array(B * T * T);
  const last = new Float32Array(B * T);
  x.source.forEach((src, r) => (perm[r * T + src] = 1));
  x.lengths.forEach((n, b) => (last[b * T + n - 1] = 1));
  const fwd = runRnn(cfg.cell, x.ids, foldEmbedding(E, p.encoderFwd)).outputs;
  const bwdRev = runRnn(cfg.cell, x.reversed, foldEmbedding(E, p.encoderBwd)).outputs;
  const bwd = tf.matMul(tf.tensor3d(perm, [B, T, T]), bwdRev);
  const hF = tf.sum(tf.mul(fwd, tf.tensor3d(last, [B, T, 1])), 1);
  const hB = tf.reshape(tf.slice(bwd, [0, 0, 0], [B, 1, He]), [B, He]);
  const h0 = tf.tanh(
    tf.add(
      denseMatMul(tf.concat([hF, hB], 1) as tf.Tensor2D, tf.transpose(p.bridgeW) as tf.Tensor2D),
      p.bridgeB,
    ),
  );
  const keys = tf.mul(tf.concat([fwd, bwd], 2), tf.reshape(x.mask, [B, T, 1]));
  return { keys, h0 };
}

describe.each(['cpu', 'wasm'] as const)('the packed encoder (%s)', (backend) => {
  for (const cell of ['gru', 'lstm'] as const) {
    it(`${cell}: keys, h0 and every encoder gradient equal the masked full-length encoder`, async () => {
      expect((await selectBackend(backend)).name).toBe(backend);
      const cfg = resolveSeq2SeqConfig({
        task: 'dates',
        trainSize: 256,
        validationSize: 32,
        testSize: 32,
        embeddingSize: 8,
        encoderSize: 8,
        decoderSize: 12,
        cell,
        seed: 5,
      });
      const p = initParams(cfg);
      const T = 24;
      const lengths = Int32Array.from([8, 24, 13, 8, 24, 1, 17]);
      const B = lengths.length;
      const V = cfg.dataset.sourceVocab.size;
      const ids = Int32Array.from({ length: B * T }, (_, q) =>
        q % T < lengths[Math.floor(q / T)] ? 1 + ((q * 7) % (V - 1)) : 0,
      );
      const x = encoderInputs(ids, lengths, T);
      expect(x.perm).toBeUndefined(); // built on webgl only
      const vars = [p.srcEmbedding, p.bridgeW, p.bridgeB, ...Object.values(p.encoderFwd)];
      vars.push(...Object.values(p.encoderBwd));
      const rk = tf.tensor3d(uniform(B * T * 2 * cfg.encoderSize, 'rk'), [B, T, 16]);
      const rh = tf.tensor2d(uniform(B * cfg.decoderSize, 'rh'), [B, cfg.decoderSize]);
      const calls = cpuSequenceStats.calls;
      const gradsOf = (f: typeof encode | typeof encodeUnpacked) =>
        tf.variableGrads(() => {
          const { keys, h0 } = f(p, cfg, x);
          return tf.add(tf.sum(tf.mul(keys, rk)), tf.sum(tf.mul(h0, rh))) as tf.Scalar;
        }, vars);
      const packed = gradsOf(encode);
      // cpu: every cell in the op; wasm: the GRU (the LSTM keeps its own loops, masked).
      const ran = backend === 'cpu' || cell === 'gru' ? 2 : 0;
      expect(cpuSequenceStats.calls).toBe(calls + ran);
      const ref = gradsOf(encodeUnpacked);
      expect(Math.abs(packed.value.dataSync()[0] - ref.value.dataSync()[0])).toBeLessThan(1e-4);
      tf.tidy(() => {
        const a = encode(p, cfg, x);
        const b = encodeUnpacked(p, cfg, x);
        expect(relErr(a.keys, b.keys)).toBeLessThan(1e-5);
        expect(relErr(a.h0, b.h0)).toBeLessThan(1e-5);
      });
      for (const v of vars) {
        expect(relErr(packed.grads[v.name], ref.grads[v.name]), v.name).toBeLessThan(1e-5);
      }
      tf.dispose([packed.value, ref.value, rk, rh, x.ids, x.reversed, x.mask]);
      tf.dispose(Object.values(packed.grads).concat(Object.values(ref.grads)));
      disposeParams(p);
    });
  }
});

describe('the date model on wasm', () => {
  it('trains through the packed op: the loss falls, no tensor leak per step', async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
    const task: Seq2SeqTask = createSeq2SeqTask({
      task: 'dates',
      trainSize: 256,
      validationSize: 32,
      testSize: 32,
      embeddingSize: 8,
      encoderSize: 12,
      decoderSize: 24,
      attention: 'dot',
      batchSize: 32,
      learningRate: 0.01,
      seed: 3,
    });
    task.init();
    const losses: number[] = [];
    const step = async () => {
      const out = task.step();
      losses.push((await out.loss.data())[0]);
      tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
    };
    await step();
    const warm = tf.memory().numTensors;
    const calls = cpuSequenceStats.calls;
    for (let k = 0; k < 39; k++) await step();
    expect(tf.memory().numTensors).toBe(warm);
    // Per step: the encoder's two directions and the decoder.
    expect(cpuSequenceStats.calls).toBe(calls + 39 * 3);
    const tail = losses.slice(-5).reduce((a, b) => a + b, 0) / 5;
    expect(tail).toBeLessThan(0.7 * losses[0]);
    const [val] = await Promise.all([task.evaluateSplit('validation', 16)]);
    expect(Number.isFinite(val.loss)).toBe(true);
    task.dispose();
  }, 60_000);
});
