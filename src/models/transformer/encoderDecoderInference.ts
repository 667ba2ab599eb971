/**
 * Inference with chapter 15's encoder-decoder Transformer: batched greedy decoding and the
 * cross-attention weights of every decoder layer and head for one input. Raw tfjs ops. No React,
 * no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import type { Seq2SeqVocab } from '../seq2seq/vocab';
import type { ResolvedTransformerSeq2SeqConfig } from './encoderDecoderConfig';
import {
  transformerSeq2SeqDecode,
  transformerSeq2SeqEncode,
  type TransformerSeq2SeqVariables,
} from './encoderDecoderNetwork';

/** Source ids `[n, S]` (int32) and the mask of real symbols `[n, S]` (bool: not PAD). */
export function sourceTensors(
  ids: Int32Array,
  n: number,
  S: number,
  vocab: Seq2SeqVocab,
): { src: tf.Tensor2D; mask: tf.Tensor2D } {
  const src = tf.tensor2d(ids, [n, S], 'int32');
  return { src, mask: tf.notEqual(src, vocab.padId) as tf.Tensor2D };
}

/**
 * Greedy decoding of a padded source batch `[n, S]` (row-major ids, PAD after each input): the
 * memory is computed once, then each step runs the decoder on START + the tokens so far (no
 * key/value cache: at most S + 1 short steps) and takes the argmax of the last position.
 * Stops when every row has produced END or after S + 1 tokens (a reversal or a sort of S symbols
 * and its END: a longer output is wrong anyway).
 * @param vars - called before each step, so a task disposed meanwhile throws instead of reading
 *   freed variables.
 * @returns each row's ids: no START, up to and including END (when produced).
 */
export async function greedyDecode(
  vars: () => TransformerSeq2SeqVariables,
  cfg: ResolvedTransformerSeq2SeqConfig,
  vocab: Seq2SeqVocab,
  source: Int32Array,
  n: number,
  S: number,
): Promise<number[][]> {
  const { src, mask } = sourceTensors(source, n, S, vocab);
  const out: number[][] = Array.from({ length: n }, () => []);
  const done = new Uint8Array(n);
  const prefix: number[][] = Array.from({ length: n }, () => [vocab.startId]);
  let memory: tf.Tensor3D | null = null;
  try {
    memory = transformerSeq2SeqEncode(vars(), cfg, src, mask);
    for (let t = 1; t <= S + 1 && done.some((d) => d === 0); t++) {
      const m = memory;
      const next = tf.tidy(() => {
        const ids = tf.tensor2d(Int32Array.from(prefix.flat()), [n, t], 'int32');
        const logits = transformerSeq2SeqDecode(vars(), cfg, ids, m, mask);
        return tf.argMax(tf.gather(logits, tf.range(t - 1, n * t, t, 'int32')), 1);
      });
      let ids: Int32Array;
      try {
        ids = (await next.data()) as Int32Array;
      } finally {
        next.dispose();
      }
      for (let r = 0; r < n; r++) {
        prefix[r].push(ids[r]);
        if (done[r]) continue;
        out[r].push(ids[r]);
        if (ids[r] === vocab.endId) done[r] = 1;
      }
    }
  } finally {
    tf.dispose([src, mask, ...(memory ? [memory] : [])]);
  }
  return out;
}

/**
 * The cross-attention weights of every decoder layer and head when the decoder reads `outIds`
 * (the generated tokens) for the source `ids` (one input): one teacher-forced pass on START +
 * outIds minus the last; by the causal mask, row i equals what the decoder computed while
 * producing token i. Returns `[layer][head]` Float32Arrays `[Tout, Tin]` row-major.
 */
export async function crossAttentionMaps(
  v: TransformerSeq2SeqVariables,
  cfg: ResolvedTransformerSeq2SeqConfig,
  vocab: Seq2SeqVocab,
  ids: Int32Array,
  outIds: number[],
): Promise<Float32Array[][]> {
  const S = ids.length;
  const Tout = outIds.length;
  const decoderInput = Int32Array.from([vocab.startId, ...outIds.slice(0, Tout - 1)]);
  const kept: tf.Tensor4D[] = [];
  tf.tidy(() => {
    const { src, mask } = sourceTensors(ids, 1, S, vocab);
    const memory = transformerSeq2SeqEncode(v, cfg, src, mask);
    const tgt = tf.tensor2d(decoderInput, [1, Tout], 'int32');
    transformerSeq2SeqDecode(v, cfg, tgt, memory, mask, (_, a) =>
      kept.push(tf.keep(a.crossAttention)),
    );
  });
  try {
    const layers: Float32Array[][] = [];
    const size = Tout * S;
    for (const a of kept) {
      const all = (await a.data()) as Float32Array;
      layers.push(
        Array.from({ length: cfg.numHeads }, (_, h) => all.slice(h * size, (h + 1) * size)),
      );
    }
    return layers;
  } finally {
    tf.dispose(kept);
  }
}
