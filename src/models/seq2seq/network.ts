/**
 * The encoder-decoder's weights and forward pieces (see {@link createSeq2SeqTask} for the model):
 * the bidirectional encoder over padded sequences, the bridge to the decoder's first state, the
 * teacher-forced decoder with Luong-style global attention over all steps at once, and one
 * decoding step for search. Raw tfjs ops on chapter 9's `runRnn`. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { denseMatMul } from '../../train/matmul';
import { createRng } from '../../train/random';
import { runRnn } from '../rnn/runRnn';
import type { RnnWeights } from '../rnn/types';
import { initRnnWeights, RNN_WEIGHT_KEYS, type RnnVariables } from '../rnn/weights';
import { batchedAttention, type AttentionWeights } from './attention';
import type { ResolvedSeq2SeqConfig } from './config';

/** The model's variables. PyTorch layouts: Linear `[out, in]`, recurrent weights as chapter 9. */
export interface Seq2SeqParams {
  /** Source character embeddings `[Vs, E]`. */
  srcEmbedding: tf.Variable;
  /** Target character embeddings `[Vt, E]` (the decoder's inputs). */
  tgtEmbedding: tf.Variable;
  /** Forward and backward encoder directions (cell E -> He). */
  encoderFwd: RnnVariables;
  encoderBwd: RnnVariables;
  /** Bridge `[Hd, 2He]` and bias `[Hd]`: h0 = tanh(W [h_fwd; h_bwd] + b). */
  bridgeW: tf.Variable;
  bridgeB: tf.Variable;
  /** Decoder GRU (E -> Hd). */
  decoder: RnnVariables;
  /** Attention weights by name (`wQuery`, `wKeys`, `v` / `w`; none for dot or no attention). */
  attention: Record<string, tf.Variable>;
  /** Output layer `[Vt, Hd + 2He]` (`[Vt, Hd]` without attention) and bias `[Vt]`. */
  outW: tf.Variable;
  outB: tf.Variable;
}

/** `tf.tidy` for functions returning plain objects of tensors (tfjs types them as TensorContainer). */
export const tidyResult = <R>(fn: () => R): R =>
  tf.tidy(fn as unknown as () => tf.TensorContainer) as unknown as R;

/** Names and variables in snapshot order. */
export function namedParams(p: Seq2SeqParams): Array<[string, tf.Variable]> {
  const rnn = (prefix: string, w: RnnVariables) =>
    RNN_WEIGHT_KEYS.map((k) => [`${prefix}.${k}`, w[k]] as [string, tf.Variable]);
  return [
    ['srcEmbedding', p.srcEmbedding],
    ['tgtEmbedding', p.tgtEmbedding],
    ...rnn('encoderFwd', p.encoderFwd),
    ...rnn('encoderBwd', p.encoderBwd),
    ['bridge.weight', p.bridgeW],
    ['bridge.bias', p.bridgeB],
    ...rnn('decoder', p.decoder),
    ...Object.entries(p.attention).map(([k, v]) => [`attention.${k}`, v] as [string, tf.Variable]),
    ['output.weight', p.outW],
    ['output.bias', p.outB],
  ];
}

/**
 * Initial weights from the seed, PyTorch's defaults: embeddings N(0, 1) (`nn.Embedding`), Linear
 * weights and biases uniform(±1/sqrt(fan_in)), recurrent layers as chapter 9's `initRnnWeights`.
 */
export function initParams(cfg: ResolvedSeq2SeqConfig): Seq2SeqParams {
  const { embeddingSize: E, encoderSize: He, decoderSize: Hd, attentionUnits: U } = cfg;
  const Vs = cfg.dataset.sourceVocab.size;
  const Vt = cfg.dataset.targetVocab.size;
  const seed = cfg.seed;
  return tidyResult(() => {
    const normal = (name: string, shape: number[]) => {
      const rng = createRng(`${seed}/${name}`);
      const n = shape.reduce((a, b) => a * b, 1);
      return tf.variable(
        tf.tensor(
          Float32Array.from({ length: n }, () => rng.normal()),
          shape,
        ),
      );
    };
    const uniform = (name: string, shape: number[], fanIn: number) => {
      const rng = createRng(`${seed}/${name}`);
      const n = shape.reduce((a, b) => a * b, 1);
      const k = 1 / Math.sqrt(fanIn);
      return tf.variable(
        tf.tensor(
          Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * k),
          shape,
        ),
      );
    };
    const attention: Record<string, tf.Variable> = {};
    if (cfg.attention === 'additive') {
      attention.wQuery = uniform('attention.wQuery', [U, Hd], Hd);
      attention.wKeys = uniform('attention.wKeys', [U, 2 * He], 2 * He);
      attention.v = uniform('attention.v', [U], U);
    } else if (cfg.attention === 'general') {
      attention.w = uniform('attention.w', [2 * He, Hd], Hd);
    }
    const feat = cfg.attention === 'none' ? Hd : Hd + 2 * He;
    return {
      srcEmbedding: normal('srcEmbedding', [Vs, E]),
      tgtEmbedding: normal('tgtEmbedding', [Vt, E]),
      encoderFwd: initRnnWeights(cfg.cell, E, He, { seed: `${seed}/encoderFwd` }),
      encoderBwd: initRnnWeights(cfg.cell, E, He, { seed: `${seed}/encoderBwd` }),
      bridgeW: uniform('bridge.weight', [Hd, 2 * He], 2 * He),
      bridgeB: uniform('bridge.bias', [Hd], 2 * He),
      decoder: initRnnWeights('gru', E, Hd, { seed: `${seed}/decoder` }),
      attention,
      outW: uniform('output.weight', [Vt, feat], feat),
      outB: uniform('output.bias', [Vt], feat),
    };
  });
}

/** Disposes every variable. */
export function disposeParams(p: Seq2SeqParams): void {
  for (const [, v] of namedParams(p)) if (!v.isDisposed) v.dispose();
}

/** The encoder's result. */
export interface Encoded {
  /** Annotations `[B, T, 2He]`: forward and backward states at each position (0 past the end). */
  keys: tf.Tensor3D;
  /** `[B, T]` float32, 1 at the input's characters. */
  mask: tf.Tensor2D;
  /** The decoder's initial state `[B, Hd]`. */
  h0: tf.Tensor2D;
}

/**
 * Each batch row's time steps of x `[B, T, H]` reordered by a permutation that is its own inverse
 * (the reversal within each input's length), so the gradient is the same reordering of dy.
 * On webgl as the batched product `P x` with the permutation matrix P `[B, T, T]` (no trip to the
 * host; `x.perm`, built there only). Elsewhere the values are on the host (cpu) or in ordinary
 * wasm memory, and the rows are copied in their new order: on wasm, tfjs runs every batched
 * product in a scalar loop (`[128, 24, 24] x [128, 24, 64]`: about 5 ms each way, against a
 * fraction of a millisecond).
 */
function permute(x: EncoderInputs, states: tf.Tensor3D): tf.Tensor3D {
  const P = x.perm;
  if (P) {
    return tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
      value: tf.matMul(P, args[0] as tf.Tensor3D),
      gradFunc: (dy: tf.Tensor) => tf.matMul(P, dy as tf.Tensor3D),
    }))(states) as tf.Tensor3D;
  }
  const reorder = (t: tf.Tensor): tf.Tensor3D => {
    const [B, T, H] = t.shape as [number, number, number];
    const v = t.dataSync() as Float32Array;
    const out = new Float32Array(B * T * H);
    for (let r = 0; r < B * T; r++) {
      const src = (r - (r % T) + x.source[r]) * H;
      out.set(v.subarray(src, src + H), r * H);
    }
    return tf.tensor3d(out, [B, T, H]);
  };
  return tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: reorder(args[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => reorder(dy),
  }))(states) as tf.Tensor3D;
}

/**
 * A recurrent layer whose input is an embedding, with the embedding folded into the input
 * weights: x_t W_ih^T = E[id_t] W_ih^T = (E W_ih^T)[id_t], so the layer can take the ids
 * directly (runRnn's row-lookup path, chapter 9) instead of a lookup `[B, T, E]` followed by a
 * `[B*T, E] x [E, G*H]` projection. Same values; the gradient reaches E and W_ih through the
 * small product W_ih E^T `[G*H, V]`.
 */
export function foldEmbedding(embedding: tf.Tensor2D, w: RnnVariables): RnnWeights {
  return { ...w, wIh: denseMatMul(w.wIh, tf.transpose(embedding) as tf.Tensor2D) };
}

/** The encoder's input tensors for a batch (see {@link encoderInputs}). */
export interface EncoderInputs {
  /** Source ids `[B, T]` int32, PAD after each input. */
  ids: tf.Tensor2D;
  /** Each input reversed within its length, PAD still at the end `[B, T]` int32. */
  reversed: tf.Tensor2D;
  /** Each input's length `[B]` (in [1, T]). */
  lengths: Int32Array;
  /**
   * The per-row reversal as a permutation matrix `[B, T, T]` (symmetric); built only when the
   * inputs are made on the webgl backend, the only one whose reversal uses it.
   */
  perm?: tf.Tensor3D;
  /** The same reversal as indices `[B * T]`: position t of row b reads position source[b*T + t]. */
  source: Int32Array;
  /** 1 at the input's characters `[B, T]` float32. */
  mask: tf.Tensor2D;
}

/**
 * Builds the encoder's input tensors from ids `[B * T]` row-major and lengths (each in [1, T]).
 * Make them OUTSIDE `tf.variableGrads`: the gradients of the lookups and the permutation read them.
 * @throws RangeError for a length outside [1, T].
 */
export function encoderInputs(ids: Int32Array, lengths: Int32Array, T: number): EncoderInputs {
  const B = lengths.length;
  const rev = new Int32Array(B * T);
  const perm = tf.getBackend() === 'webgl' ? new Float32Array(B * T * T) : null;
  const source = new Int32Array(B * T);
  const mask = new Float32Array(B * T);
  for (let b = 0; b < B; b++) {
    const n = lengths[b];
    if (!(n >= 1 && n <= T)) throw new RangeError(`seq2seq: input length ${n} not in [1, ${T}]`);
    for (let t = 0; t < T; t++) {
      const src = t < n ? n - 1 - t : t;
      rev[b * T + t] = ids[b * T + src];
      if (perm) perm[(b * T + t) * T + src] = 1;
      source[b * T + t] = src;
      if (t < n) mask[b * T + t] = 1;
    }
  }
  return {
    ids: tf.tensor2d(ids, [B, T], 'int32'),
    reversed: tf.tensor2d(rev, [B, T], 'int32'),
    lengths: Int32Array.from(lengths),
    ...(perm ? { perm: tf.tensor3d(perm, [B, T, T]) } : {}),
    source,
    mask: tf.tensor2d(mask, [B, T]),
  };
}

/**
 * Runs the bidirectional encoder over right-padded inputs as packed sequences (PyTorch's
 * `pack_padded_sequence`; runRnn's `lengths`): the forward direction reads each input left to
 * right, the backward direction each input reversed within its own length (ids reversed on the
 * CPU, padding still at the end), and its states are put back in input order by a permutation.
 * Each direction's final state is its state at the input's own last character, and the
 * annotations are 0 past each input's end. On cpu and wasm (GRU and Elman encoders) the padded
 * steps are skipped; elsewhere they run and are masked out (runRnn).
 * Call inside a `tf.tidy` (it makes intermediate tensors).
 */
export function encode(p: Seq2SeqParams, cfg: ResolvedSeq2SeqConfig, x: EncoderInputs): Encoded {
  const E = p.srcEmbedding as tf.Tensor2D;
  const packed = { lengths: x.lengths };
  const fwd = runRnn(cfg.cell, x.ids, foldEmbedding(E, p.encoderFwd), undefined, packed);
  const bwdRev = runRnn(cfg.cell, x.reversed, foldEmbedding(E, p.encoderBwd), undefined, packed);
  const bwd = permute(x, bwdRev.outputs);
  const h0 = tf.tanh(
    tf.add(
      denseMatMul(tf.concat([fwd.h, bwdRev.h], 1), tf.transpose(p.bridgeW) as tf.Tensor2D),
      p.bridgeB,
    ),
  ) as tf.Tensor2D;
  const keys = tf.concat([fwd.outputs, bwd], 2) as tf.Tensor3D;
  return { keys, mask: x.mask, h0 };
}

const attentionWeights = (p: Seq2SeqParams): AttentionWeights =>
  p.attention as unknown as AttentionWeights;

/**
 * Logits of decoder states `h` `[B, Tq, Hd]`: attention over the keys with the states as queries
 * (all steps in one product), then the output layer on `[h_t; c_t]` (on `h_t` alone without
 * attention). Returns logits `[B * Tq, Vt]` and the attention weights `[B, Tq, T]` (null without).
 */
export function outputLogits(
  p: Seq2SeqParams,
  cfg: ResolvedSeq2SeqConfig,
  h: tf.Tensor3D,
  enc: Encoded,
): { logits: tf.Tensor2D; weights: tf.Tensor3D | null } {
  const [B, Tq, Hd] = h.shape;
  const outT = tf.transpose(p.outW) as tf.Tensor2D;
  if (cfg.attention === 'none') {
    const logits = tf.add(denseMatMul(tf.reshape(h, [B * Tq, Hd]), outT), p.outB) as tf.Tensor2D;
    return { logits, weights: null };
  }
  const att = batchedAttention(cfg.attention, h, enc.keys, attentionWeights(p), enc.mask);
  const feat = tf.reshape(tf.concat([h, att.context], 2), [B * Tq, Hd + enc.keys.shape[2]]);
  const logits = tf.add(denseMatMul(feat as tf.Tensor2D, outT), p.outB) as tf.Tensor2D;
  return { logits, weights: att.weights };
}

/**
 * The teacher-forced decoder: one `runRnn` over all target steps (the true previous character as
 * input), then {@link outputLogits}. `decoderInput` int32 `[B, Tt]`, made outside `tf.variableGrads`.
 */
export function decodeTeacherForced(
  p: Seq2SeqParams,
  cfg: ResolvedSeq2SeqConfig,
  enc: Encoded,
  decoderInput: tf.Tensor2D,
): tf.Tensor2D {
  const w = foldEmbedding(p.tgtEmbedding as tf.Tensor2D, p.decoder);
  const h = runRnn('gru', decoderInput, w, { h: enc.h0 }).outputs;
  return outputLogits(p, cfg, h, enc).logits;
}

/**
 * One decoding step for search: previous tokens `[R]` (int32), states `[R, Hd]`, and the
 * encoder's result for these rows. Returns log-probabilities `[R, Vt]`, the next states and the
 * attention weights `[R, T]` (null without attention).
 */
export function decodeStep(
  p: Seq2SeqParams,
  cfg: ResolvedSeq2SeqConfig,
  enc: Encoded,
  tokens: tf.Tensor1D,
  h: tf.Tensor2D,
): { logProbs: tf.Tensor2D; h: tf.Tensor2D; weights: tf.Tensor2D | null } {
  const R = tokens.shape[0];
  const w = foldEmbedding(p.tgtEmbedding as tf.Tensor2D, p.decoder);
  const res = runRnn('gru', tf.reshape(tokens, [R, 1]) as tf.Tensor2D, w, { h });
  const out = outputLogits(p, cfg, res.outputs, enc);
  const T = enc.keys.shape[1];
  return {
    logProbs: tf.logSoftmax(out.logits) as tf.Tensor2D,
    h: res.h,
    weights: out.weights ? (tf.reshape(out.weights, [R, T]) as tf.Tensor2D) : null,
  };
}

/** Selects rows of an encoder result (beams share their input's encoding). */
export function selectRows(enc: Encoded, rows: tf.Tensor1D): Encoded {
  return {
    keys: tf.gather(enc.keys, rows) as tf.Tensor3D,
    mask: tf.gather(enc.mask, rows) as tf.Tensor2D,
    h0: tf.gather(enc.h0, rows) as tf.Tensor2D,
  };
}
