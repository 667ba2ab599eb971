/**
 * Decoding a trained encoder-decoder: greedy search, sampling at a temperature, and beam search
 * with length-normalised scores. Every hypothesis of every input is one row of one batched
 * decoder step, so a step costs one forward pass and one read-back (`await data()`) whatever the
 * number of inputs and beams. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../train/random';
import { yieldToBrowser } from '../../train/step-io';
import { tidyResult, type Encoded } from './network';

/** How output sequences are chosen. */
export type DecodeStrategy = 'greedy' | 'sample' | 'beam';

/**
 * Length normalisation of beam scores, with alpha = `lengthPenalty` and |Y| the output length in
 * tokens (END included):
 * - `'power'` (default): score = log P(Y|X) / |Y|^alpha (alpha 0: the raw log-probability,
 *   which favours short outputs; alpha 1: the mean log-probability per token);
 * - `'gnmt'`: score = log P(Y|X) / ((5 + |Y|) / 6)^alpha, Wu et al. (2016), "Google's Neural
 *   Machine Translation System", eq. 14 (without its coverage penalty).
 */
export type LengthNormalization = 'power' | 'gnmt';

/** One finished (or cut) hypothesis. */
export interface SearchHypothesis {
  /** Target token ids, END included when `finished`. */
  ids: number[];
  /** Sum of the model's log-probabilities (natural log) of the tokens, END included. */
  logProb: number;
  /** The length-normalised score (beam search ranks by it; equal to logProb when alpha = 0). */
  score: number;
  /** True when the model produced END; false when `maxLength` cut it. */
  finished: boolean;
  /** Attention rows, one `[T]` row per token (empty without attention). */
  attention: Float32Array[];
}

/** What {@link searchBatch} needs. */
export interface SearchArgs {
  strategy: DecodeStrategy;
  /** Beams per input (beam search), >= 1. */
  beamWidth: number;
  temperature: number;
  lengthPenalty: number;
  lengthNormalization: LengthNormalization;
  /** Most tokens per output, END included. */
  maxLength: number;
  startId: number;
  endId: number;
  /** Ids that are never emitted (PAD, START, UNK). */
  banned: readonly number[];
  rng: Rng;
  /** One decoder step (see `decodeStep`): rows of `enc` are the hypotheses. */
  step: (
    enc: Encoded,
    tokens: tf.Tensor1D,
    h: tf.Tensor2D,
  ) => { logProbs: tf.Tensor2D; h: tf.Tensor2D; weights: tf.Tensor2D | null };
  /** Frees the browser between steps (default true). */
  yieldBetweenSteps?: boolean;
}

interface Alive {
  ids: number[];
  logProb: number;
  attention: Float32Array[];
  /** Row of this hypothesis in the current state tensor. */
  row: number;
}

/** The length-normalised score of a hypothesis with `length` tokens. */
export function lengthNormalizedScore(
  logProb: number,
  length: number,
  alpha: number,
  form: LengthNormalization = 'power',
): number {
  if (alpha === 0) return logProb;
  return logProb / (form === 'gnmt' ? ((5 + length) / 6) ** alpha : Math.max(1, length) ** alpha);
}

/**
 * Decodes N inputs at once. Beam search (Graves 2012; Sutskever et al. 2014): at each step every
 * live hypothesis of an input is extended by every allowed token, the `beamWidth` best extensions
 * by log-probability are kept, those ending in END are set aside as finished; an input stops when
 * `beamWidth` hypotheses have finished, none is live, or `maxLength` is reached (live ones are
 * then kept, cut). Finished hypotheses are ranked by the length-normalised score. With width 1
 * this is greedy search; with a width at least the number of sequences it is exhaustive.
 *
 * @param enc - the encoder's result for the N inputs (keys, mask, h0), owned by the caller.
 * @returns per input, its hypotheses best first (one for greedy and sampling).
 */
export async function searchBatch(enc: Encoded, args: SearchArgs): Promise<SearchHypothesis[][]> {
  const N = enc.h0.shape[0];
  const { beamWidth: K, maxLength, endId } = args;
  const banned = new Set(args.banned);
  const alive: Alive[][] = Array.from({ length: N }, (_, i) => [
    { ids: [], logProb: 0, attention: [], row: i },
  ]);
  const finished: SearchHypothesis[][] = Array.from({ length: N }, () => []);
  const done = (i: number, h: Alive, isEnd: boolean) =>
    finished[i].push({
      ids: h.ids,
      logProb: h.logProb,
      score: lengthNormalizedScore(
        h.logProb,
        h.ids.length,
        args.lengthPenalty,
        args.lengthNormalization,
      ),
      finished: isEnd,
      attention: h.attention,
    });
  let state: tf.Tensor2D = tf.clone(enc.h0);
  try {
    for (let t = 0; t < maxLength; t++) {
      const rows: Array<{ input: number; hyp: Alive }> = [];
      alive.forEach((hyps, i) => hyps.forEach((hyp) => rows.push({ input: i, hyp })));
      if (rows.length === 0) break;
      const R = rows.length;
      const parent = Int32Array.from(rows, (r) => r.hyp.row);
      const inputOf = Int32Array.from(rows, (r) => r.input);
      const prev = Int32Array.from(rows, (r) =>
        r.hyp.ids.length ? r.hyp.ids[r.hyp.ids.length - 1] : args.startId,
      );
      const out = tidyResult(() => {
        const which = tf.tensor1d(inputOf, 'int32');
        const e: Encoded = {
          keys: tf.gather(enc.keys, which) as tf.Tensor3D,
          mask: tf.gather(enc.mask, which) as tf.Tensor2D,
          h0: enc.h0,
        };
        const h = tf.gather(state, tf.tensor1d(parent, 'int32')) as tf.Tensor2D;
        return args.step(e, tf.tensor1d(prev, 'int32'), h);
      });
      state.dispose();
      state = out.h;
      let lp: Float32Array;
      let att: Float32Array | null = null;
      try {
        lp = (await out.logProbs.data()) as Float32Array;
        if (out.weights) att = (await out.weights.data()) as Float32Array;
      } finally {
        out.logProbs.dispose();
        out.weights?.dispose();
      }
      const V = lp.length / R;
      const T = att ? att.length / R : 0;
      const attRow = (r: number) => (att ? [att.slice(r * T, (r + 1) * T)] : []);
      const next: Alive[][] = Array.from({ length: N }, () => []);
      // Candidates per input: [row, token, logProb].
      const cands: Array<Array<[number, number, number]>> = Array.from({ length: N }, () => []);
      for (let r = 0; r < R; r++) {
        const i = rows[r].input;
        const base = rows[r].hyp.logProb;
        if (args.strategy === 'beam') {
          for (let v = 0; v < V; v++)
            if (!banned.has(v)) cands[i].push([r, v, base + lp[r * V + v]]);
        } else {
          const v = pick(lp.subarray(r * V, (r + 1) * V), banned, args);
          cands[i].push([r, v, base + lp[r * V + v]]);
        }
      }
      for (let i = 0; i < N; i++) {
        // Stable sort: equal scores keep the lower row, then the lower token (greedy's argmax).
        const kept = cands[i].sort((a, b) => b[2] - a[2]).slice(0, K);
        for (const [r, v, logProb] of kept) {
          const hyp: Alive = {
            ids: [...rows[r].hyp.ids, v],
            logProb,
            attention: [...rows[r].hyp.attention, ...attRow(r)],
            row: r,
          };
          if (v === endId) done(i, hyp, true);
          else next[i].push(hyp);
        }
        if (finished[i].length >= K) next[i] = [];
      }
      for (let i = 0; i < N; i++) alive[i] = next[i];
      if (args.yieldBetweenSteps !== false) await yieldToBrowser();
    }
  } finally {
    state.dispose();
  }
  return finished.map((f, i) => {
    alive[i].forEach((h) => done(i, h, false));
    return f.sort((a, b) => b.score - a.score);
  });
}

/** Greedy argmax or a draw from softmax(logProbs / T), never a banned id. */
function pick(lp: Float32Array, banned: Set<number>, args: SearchArgs): number {
  let best = -1;
  for (let v = 0; v < lp.length; v++) {
    if (!banned.has(v) && (best < 0 || lp[v] > lp[best])) best = v;
  }
  if (args.strategy === 'greedy' || args.temperature < 1e-3) return best;
  const w = new Float64Array(lp.length);
  let total = 0;
  for (let v = 0; v < lp.length; v++) {
    if (banned.has(v)) continue;
    w[v] = Math.exp((lp[v] - lp[best]) / args.temperature);
    total += w[v];
  }
  let u = args.rng.next() * total;
  for (let v = 0; v < lp.length; v++) {
    u -= w[v];
    if (u < 0 && w[v] > 0) return v;
  }
  return best;
}
