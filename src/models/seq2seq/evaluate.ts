/**
 * Scoring the encoder-decoder on a split: token cross-entropy under teacher forcing and exact
 * match under greedy decoding, overall and by input and answer length (the bottleneck made
 * visible: without attention, long inputs fail first). Greedy decoding stays on the device (one
 * read-back per chunk of pairs). No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { sparseSoftmaxCrossEntropy } from '../neuralLmOps';
import type { ResolvedSeq2SeqConfig } from './config';
import {
  decodeStep,
  decodeTeacherForced,
  encode,
  encoderInputs,
  type Encoded,
  type Seq2SeqParams,
} from './network';
import { encodeBatch, type Seq2SeqExample } from './vocab';

/** The dataset's splits. */
export type Seq2SeqSplit = 'train' | 'validation' | 'test';

/** Exact match among the pairs of one length. */
export interface LengthBucket {
  /** Characters of the input (or of the target). */
  length: number;
  count: number;
  correct: number;
  /** correct / count. */
  exactMatch: number;
}

/** Result of scoring a split. */
export interface Seq2SeqEvaluation {
  split: Seq2SeqSplit;
  /** What the split holds, e.g. "held-out formats". */
  label: string;
  /** Pairs scored. */
  count: number;
  /** Mean cross-entropy per target token (nats; END included, padding excluded). */
  loss: number;
  /** Fraction of greedy outputs equal to the target. */
  exactMatch: number;
  /** By input length in characters, ascending. */
  byInputLength: LengthBucket[];
  /** By target (answer) length in characters, ascending. */
  byTargetLength: LengthBucket[];
  /** Dates: by format name (`DATE_FORMATS`), in name order; empty for addition. */
  byFormat: Array<{ format: string; count: number; correct: number; exactMatch: number }>;
  /** Up to 20 wrong answers: input, target and the model's greedy output. */
  mistakes: Array<{ source: string; target: string; output: string }>;
}

/** What the scoring functions need from the task. */
export interface Seq2SeqContext {
  params: Seq2SeqParams;
  cfg: ResolvedSeq2SeqConfig;
  yield: () => Promise<void>;
}

const CHUNK = 500;

/** Ids a decoder must never emit: PAD, START, UNK, as a [V] additive bias (-1e9 there). */
export function bannedBias(V: number): Float32Array {
  const bias = new Float32Array(V);
  bias[0] = bias[1] = bias[3] = -1e9;
  return bias;
}

/**
 * Greedy decoding of many pairs on the device: token ids `[rows, steps]` (read once).
 * @internal
 */
export function greedyIds(ctx: Seq2SeqContext, enc: Encoded, steps: number): tf.Tensor2D {
  const { params: p, cfg } = ctx;
  const V = cfg.dataset.targetVocab.size;
  return tf.tidy(() => {
    const bias = tf.tensor1d(bannedBias(V));
    let tokens = tf.fill(
      [enc.h0.shape[0]],
      cfg.dataset.targetVocab.startId,
      'int32',
    ) as tf.Tensor1D;
    let h = enc.h0;
    const out: tf.Tensor1D[] = [];
    for (let t = 0; t < steps; t++) {
      const s = decodeStep(p, cfg, enc, tokens, h);
      tokens = tf.argMax(tf.add(s.logProbs, bias), 1) as tf.Tensor1D;
      h = s.h;
      out.push(tokens);
    }
    return tf.stack(out, 1) as tf.Tensor2D;
  });
}

function buckets(map: Map<number, [number, number]>): LengthBucket[] {
  return [...map.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([length, [count, correct]]) => ({ length, count, correct, exactMatch: correct / count }));
}

/** Scores one split (its first `limit` pairs; default all). */
export async function evaluateSplit(
  ctx: Seq2SeqContext,
  split: Seq2SeqSplit,
  limit?: number,
): Promise<Seq2SeqEvaluation> {
  const ds = ctx.cfg.dataset;
  if (split !== 'train' && split !== 'validation' && split !== 'test') {
    throw new RangeError(
      `seq2seq: split must be "train", "validation" or "test", got ${String(split)}`,
    );
  }
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
    throw new RangeError(`seq2seq: limit must be a positive integer, got ${limit}`);
  }
  const pairs: readonly Seq2SeqExample[] = ds[split].slice(0, limit ?? ds[split].length);
  const T = ds.maxSourceLength;
  const Tt = ds.maxTargetLength + 1;
  let nllSum = 0;
  let tokens = 0;
  let correct = 0;
  const byIn = new Map<number, [number, number]>();
  const byOut = new Map<number, [number, number]>();
  const byFormat = new Map<string, [number, number]>();
  const mistakes: Seq2SeqEvaluation['mistakes'] = [];
  for (let start = 0; start < pairs.length; start += CHUNK) {
    const chunk = pairs.slice(start, start + CHUNK);
    const e = encodeBatch(chunk, ds.sourceVocab, ds.targetVocab, T, Tt);
    const [lossSum, ids] = tf.tidy(() => {
      const enc = encode(ctx.params, ctx.cfg, encoderInputs(e.source, e.sourceLengths, T));
      const input = tf.tensor2d(e.decoderInput, [e.rows, Tt], 'int32');
      const logits = decodeTeacherForced(ctx.params, ctx.cfg, enc, input);
      const nll = sparseSoftmaxCrossEntropy(logits, tf.tensor1d(e.decoderTarget, 'int32'));
      const w = tf.tensor1d(Float32Array.from(e.decoderTarget, (id) => (id === 0 ? 0 : 1)));
      return [tf.sum(tf.mul(nll, w)), greedyIds(ctx, enc, Tt)];
    });
    try {
      nllSum += (await lossSum.data())[0];
      const out = await ids.data();
      chunk.forEach((ex, r) => {
        const output = ds.targetVocab.decode(out.subarray(r * Tt, (r + 1) * Tt));
        const ok = output === ex.target ? 1 : 0;
        correct += ok;
        tokens += Array.from(ex.target).length + 1;
        for (const [map, len] of [
          [byIn, Array.from(ex.source).length],
          [byOut, Array.from(ex.target).length],
        ] as const) {
          const b = map.get(len) ?? [0, 0];
          map.set(len, [b[0] + 1, b[1] + ok]);
        }
        if (ex.format !== undefined) {
          const f = byFormat.get(ex.format) ?? [0, 0];
          byFormat.set(ex.format, [f[0] + 1, f[1] + ok]);
        }
        if (!ok && mistakes.length < 20)
          mistakes.push({ source: ex.source, target: ex.target, output });
      });
    } finally {
      tf.dispose([lossSum, ids]);
    }
    await ctx.yield();
  }
  return {
    split,
    label: split === 'train' ? 'training pairs' : ds.splitLabels[split],
    count: pairs.length,
    loss: nllSum / Math.max(1, tokens),
    exactMatch: correct / Math.max(1, pairs.length),
    byInputLength: buckets(byIn),
    byTargetLength: buckets(byOut),
    byFormat: [...byFormat.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([format, [count, ok]]) => ({ format, count, correct: ok, exactMatch: ok / count })),
    mistakes,
  };
}
