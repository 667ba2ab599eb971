/**
 * `translate`: the reader's inputs through the trained encoder-decoder, by greedy search,
 * sampling or beam search, with each output's log-probability and attention map. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../train/random';
import type { Seq2SeqContext } from './evaluate';
import { decodeStep, encode, encoderInputs, tidyResult } from './network';
import { searchBatch, type DecodeStrategy, type LengthNormalization } from './search';

/** Options of `translate`. */
export interface TranslateOptions {
  /** `'greedy'` (default), `'sample'` or `'beam'`. */
  strategy?: DecodeStrategy;
  /** Beam width, an integer in [1, 64]. Default 4. Beam search only. */
  beamWidth?: number;
  /** Sampling temperature in [0, 10]: softmax(log p / T); below 1e-3 greedy. Default 1. */
  temperature?: number;
  /** alpha of the length normalisation, in [0, 5]; 0 ranks by raw log-probability. Default 0.6. */
  lengthPenalty?: number;
  /** `'power'` (default): log P / |Y|^alpha; `'gnmt'`: log P / ((5 + |Y|) / 6)^alpha (Wu et al. 2016). */
  lengthNormalization?: LengthNormalization;
  /** Most output tokens, END included, in [1, 64]. Default the task's longest answer + 1. */
  maxLength?: number;
  /** Seed of the sampler. Default the task's seed. */
  seed?: number;
}

/** One hypothesis of a beam (or the one output of greedy search and sampling). */
export interface TranslationCandidate {
  output: string;
  /** log P(output tokens | input), natural log, END included when `finished`. */
  logProb: number;
  /** The length-normalised score it was ranked by. */
  score: number;
  /** True when the model ended it with END (false: cut at maxLength). */
  finished: boolean;
}

/** The result of translating one input. */
export interface Translation extends TranslationCandidate {
  input: string;
  /** The input's characters as the encoder read them (unknown ones as U+FFFD). inLen = length. */
  inputTokens: string[];
  /** The output's tokens: its characters, then `</s>` when finished. outLen = length. */
  outputTokens: string[];
  /**
   * Attention weights `[outLen, inLen]` row-major (row i: where the decoder looked while emitting
   * output token i; each row sums to 1), or null without attention.
   */
  attention: Float32Array | null;
  /** Beam search: every finished hypothesis (and cut ones), best score first; otherwise [this]. */
  candidates: TranslationCandidate[];
}

const MAX_INPUTS = 64;
const MAX_CHARS = 64;

function option(name: string, value: number, [lo, hi]: [number, number], integer: boolean) {
  if (
    typeof value !== 'number' ||
    !(value >= lo && value <= hi) ||
    (integer && !Number.isInteger(value))
  ) {
    throw new RangeError(
      `seq2seq translate: ${name} must be ${integer ? 'an integer' : 'a number'} in [${lo}, ${hi}], got ${String(value)}`,
    );
  }
  return value;
}

/** Decodes up to 64 inputs together (hypotheses of all inputs batched as rows). */
export async function translateBatch(
  ctx: Seq2SeqContext,
  inputs: readonly string[],
  options: TranslateOptions,
): Promise<Translation[]> {
  const { cfg } = ctx;
  const ds = cfg.dataset;
  if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > MAX_INPUTS) {
    throw new RangeError(`seq2seq translate: give 1 to ${MAX_INPUTS} inputs`);
  }
  const strategy = options.strategy ?? 'greedy';
  if (strategy !== 'greedy' && strategy !== 'sample' && strategy !== 'beam') {
    throw new RangeError(
      `seq2seq translate: strategy must be "greedy", "sample" or "beam", got ${String(strategy)}`,
    );
  }
  const form = options.lengthNormalization ?? 'power';
  if (form !== 'power' && form !== 'gnmt') {
    throw new RangeError(
      `seq2seq translate: lengthNormalization must be "power" or "gnmt", got ${String(form)}`,
    );
  }
  const beamWidth = option('beamWidth', options.beamWidth ?? 4, [1, 64], true);
  const temperature = option('temperature', options.temperature ?? 1, [0, 10], false);
  const lengthPenalty = option('lengthPenalty', options.lengthPenalty ?? 0.6, [0, 5], false);
  const maxLength = option('maxLength', options.maxLength ?? ds.maxTargetLength + 1, [1, 64], true);
  const chars = inputs.map((text, i) => {
    if (typeof text !== 'string')
      throw new TypeError(`seq2seq translate: input ${i} is not a string`);
    const c = Array.from(text);
    if (c.length === 0 || c.length > MAX_CHARS) {
      throw new RangeError(
        `seq2seq translate: input ${i} has ${c.length} characters; 1 to ${MAX_CHARS} allowed`,
      );
    }
    return c;
  });
  if (ctx.cfg.reverseSource) chars.forEach((c) => c.reverse());
  const T = Math.max(...chars.map((c) => c.length));
  const ids = new Int32Array(inputs.length * T);
  const lengths = Int32Array.from(chars, (c) => c.length);
  chars.forEach((c, r) =>
    ids.set(
      Int32Array.from(c, (ch) => ds.sourceVocab.idOf(ch)),
      r * T,
    ),
  );
  const enc = tidyResult(() => encode(ctx.params, cfg, encoderInputs(ids, lengths, T)));
  let results;
  try {
    results = await searchBatch(enc, {
      strategy,
      beamWidth: strategy === 'beam' ? beamWidth : 1,
      temperature,
      lengthPenalty,
      lengthNormalization: form,
      maxLength,
      startId: ds.targetVocab.startId,
      endId: ds.targetVocab.endId,
      banned: [ds.targetVocab.padId, ds.targetVocab.startId, ds.targetVocab.unkId],
      rng: createRng(`${options.seed ?? cfg.seed}/translate`),
      step: (e, tokens, h) => decodeStep(ctx.params, cfg, e, tokens, h),
    });
  } finally {
    tf.dispose([enc.keys, enc.mask, enc.h0]);
  }
  const vocab = ds.targetVocab;
  return results.map((hyps, r) => {
    const best = hyps[0];
    const n = lengths[r];
    let attention: Float32Array | null = null;
    if (cfg.attention !== 'none') {
      attention = new Float32Array(best.ids.length * n);
      best.attention.forEach((row, i) => attention!.set(row.subarray(0, n), i * n));
    }
    const candidate = (h: (typeof hyps)[number]): TranslationCandidate => ({
      output: vocab.decode(h.ids),
      logProb: h.logProb,
      score: h.score,
      finished: h.finished,
    });
    return {
      ...candidate(best),
      input: inputs[r],
      inputTokens: chars[r].map((ch) =>
        ds.sourceVocab.idOf(ch) === ds.sourceVocab.unkId ? '\uFFFD' : ch,
      ),
      outputTokens: best.ids.map((id) => vocab.tokens[id]),
      attention,
      candidates: hyps.map(candidate),
    };
  });
}
