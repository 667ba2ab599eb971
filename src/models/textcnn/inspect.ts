/**
 * Reading a trained TextCNN: each filter's top n-grams over a data set, and one sentence's
 * winning windows and per-token contributions. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import type { ResolvedTextCnnConfig } from './config';
import { textCnnForward, type TextCnnWeights } from './forward';

/** One n-gram (token window) that activates a filter. */
export interface NgramActivation {
  /** The window's token ids (`width` of them). */
  ids: number[];
  /** The window's words, when the config has a vocabulary (id 0 without one: `'<pad>'`). */
  words: string[] | null;
  /** The filter's ReLU activation on this window: its max-pooled value in that sentence. */
  activation: number;
  /** The validation row it came from (its first occurrence among the top rows). */
  row: number;
  /** Start of the window in that row. */
  position: number;
}

/** A filter and the n-grams that activate it most. */
export interface FilterNgrams {
  /** Index of the filter among the pooled features, `convIndex * C + channel`. */
  filter: number;
  /** Which width (index into `filterWidths`) and which of its C filters. */
  convIndex: number;
  channel: number;
  /** The filter's width in tokens. */
  width: number;
  /** Up to k distinct n-grams, strongest first; fewer when fewer rows activate the filter. */
  ngrams: NgramActivation[];
}

/** One filter's max pool on a sentence. */
export interface FilterWin {
  filter: number;
  width: number;
  /** The winning window is tokens `[position, position + width)`. */
  position: number;
  /** The pooled value (ReLU output, >= 0; 0 means the filter is silent on this sentence). */
  value: number;
}

/** What {@link explainSentence} returns. */
export interface TextCnnExplanation {
  /** The ids the model read (the input, padded with id 0 to the widest filter if shorter). */
  ids: number[];
  words: string[] | null;
  /** softmax of the logits, `[K]`. */
  probabilities: number[];
  /** The predicted class c (argmax). */
  predicted: number;
  /** `z_c - mean_{k != c} z_k`; for two classes the log-odds log(P(c) / P(other)). */
  margin: number;
  /** Each token's share of the margin, `[ids.length]` (see {@link explainSentence}). */
  contributions: number[];
  /** The rest of the margin: the biases of the active filters and of the linear layer. */
  bias: number;
  /** One entry per filter, in the order of the pooled features. */
  filters: FilterWin[];
}

const PREFIX = 'TextCNN:';
const CHUNK = 256;

const wordsOf = (cfg: ResolvedTextCnnConfig, ids: number[]) =>
  cfg.vocabulary ? ids.map((id) => cfg.vocabulary![id] ?? (id === 0 ? '<pad>' : `#${id}`)) : null;

/**
 * For each filter, the `k` distinct n-grams of the validation set with the highest activation:
 * every validation row is run through the model (no dropout), each filter's winning window in
 * each row is its candidate n-gram with the pooled value as score; windows are ranked by score
 * and repeats of the same ids are skipped. Rows where the filter is silent (value 0) are left out.
 * @throws RangeError when k is not a positive integer.
 */
export async function topNgramsOf(
  weights: TextCnnWeights,
  cfg: ResolvedTextCnnConfig,
  k: number,
): Promise<FilterNgrams[]> {
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`${PREFIX} topNgrams k must be a positive integer, got ${String(k)}`);
  }
  const { valX, nVal, maxlen: T, filterWidths, filtersPerWidth: C } = cfg;
  const F = C * filterWidths.length;
  const [pooled, positions] = tf.tidy(() => {
    const p: tf.Tensor[] = [];
    const q: tf.Tensor[] = [];
    for (let s = 0; s < nVal; s += CHUNK) {
      const e = Math.min(nVal, s + CHUNK);
      const x = tf.tensor2d(valX.subarray(s * T, e * T), [e - s, T], 'int32');
      const out = textCnnForward(x, weights, { inspect: true });
      p.push(out.pooled);
      q.push(out.positions!);
    }
    return [tf.concat(p), tf.concat(q)];
  });
  let values: Float32Array;
  let starts: Int32Array;
  try {
    values = (await pooled.data()) as Float32Array;
    starts = (await positions.data()) as Int32Array;
  } finally {
    tf.dispose([pooled, positions]);
  }
  return Array.from({ length: F }, (_, f) => {
    const convIndex = Math.floor(f / C);
    const width = filterWidths[convIndex];
    const rows = Array.from({ length: nVal }, (_, r) => r)
      .filter((r) => values[r * F + f] > 0)
      .sort((a, b) => values[b * F + f] - values[a * F + f] || a - b);
    const seen = new Set<string>();
    const ngrams: NgramActivation[] = [];
    for (const row of rows) {
      if (ngrams.length === k) break;
      const position = starts[row * F + f];
      const ids = Array.from(valX.subarray(row * T + position, row * T + position + width));
      const key = ids.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      ngrams.push({
        ids,
        words: wordsOf(cfg, ids),
        activation: values[row * F + f],
        row,
        position,
      });
    }
    return { filter: f, convIndex, channel: f % C, width, ngrams };
  });
}

/**
 * Explains the prediction on one sentence. Each filter f (width k, winning start p_f, pooled
 * value h_f) adds `u_f h_f` to the margin `z_c - mean_{j != c} z_j` of the predicted class c,
 * where `u_f = W[c, f] - mean_{j != c} W[j, f]` (W the linear layer). When h_f > 0 it is the
 * ReLU's linear part, `h_f = b_f + sum_{i < k} s_{f,i}` with `s_{f,i} = w_f[:, i] . x[p_f + i]`
 * the term of the window's i-th token, so token t receives `sum_f u_f s_{f, t - p_f}` over the
 * active filters whose window holds it, and the conv and linear biases go to `bias`. The
 * decomposition is exact: `sum(contributions) + bias = margin` (Kim's model is piecewise linear
 * in the embeddings; this is the linear piece the sentence lies on, as in "gradient x input").
 * @param ids - token ids (int32, length >= 1), padded with id 0 to the widest filter if shorter.
 * @throws RangeError for an empty input or an id outside [0, vocabSize).
 */
export async function explainSentence(
  weights: TextCnnWeights,
  cfg: ResolvedTextCnnConfig,
  ids: Int32Array,
): Promise<TextCnnExplanation> {
  const { filterWidths, filtersPerWidth: C, embeddingDim: E, numClasses: K } = cfg;
  if (!(ids instanceof Int32Array) || ids.length === 0) {
    throw new RangeError(`${PREFIX} explain needs a non-empty Int32Array of token ids`);
  }
  ids.forEach((id, i) => {
    if (id < 0 || id >= cfg.vocabSize) {
      throw new RangeError(
        `${PREFIX} explain: id ${id} at position ${i} is not in [0, ${cfg.vocabSize})`,
      );
    }
  });
  const L = Math.max(ids.length, ...filterWidths);
  const padded = new Int32Array(L);
  padded.set(ids);
  const F = C * filterWidths.length;
  const read = tf.tidy(() => {
    const x = tf.tensor2d(padded, [1, L], 'int32');
    const out = textCnnForward(x, weights, { inspect: true });
    return [
      tf.softmax(out.logits),
      out.logits,
      out.pooled,
      out.positions!,
      tf.gather(weights.embedding, tf.tensor1d(padded, 'int32')),
      // Clones share the variables' data; disposing them leaves the variables alone.
      tf.clone(weights.fc.weight),
      tf.clone(weights.fc.bias),
      ...weights.convs.flatMap((c) => [tf.clone(c.weight), tf.clone(c.bias)]),
    ];
  });
  let data: Array<Float32Array | Int32Array>;
  try {
    data = (await Promise.all(read.map((t) => t.data()))) as Array<Float32Array | Int32Array>;
  } finally {
    tf.dispose(read);
  }
  const [probs, logits, pooled, starts, x, W, b, ...convs] = data;
  let predicted = 0;
  for (let j = 1; j < K; j++) if (logits[j] > logits[predicted]) predicted = j;
  const others = (v: (j: number) => number) => {
    let s = 0;
    for (let j = 0; j < K; j++) if (j !== predicted) s += v(j);
    return s / (K - 1);
  };
  const margin = logits[predicted] - others((j) => logits[j]);
  let bias = b[predicted] - others((j) => b[j]);
  const contributions = new Array<number>(L).fill(0);
  const filters: FilterWin[] = [];
  for (let f = 0; f < F; f++) {
    const conv = Math.floor(f / C);
    const ch = f % C;
    const k = filterWidths[conv];
    const position = starts[f];
    filters.push({ filter: f, width: k, position, value: pooled[f] });
    if (!(pooled[f] > 0)) continue;
    const u = W[predicted * F + f] - others((j) => W[j * F + f]);
    const w = convs[2 * conv]; // [C, E, k]
    bias += u * convs[2 * conv + 1][ch];
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let e = 0; e < E; e++) s += w[(ch * E + e) * k + i] * x[(position + i) * E + e];
      contributions[position + i] += u * s;
    }
  }
  const idList = Array.from(padded);
  return {
    ids: idList,
    words: wordsOf(cfg, idList),
    probabilities: Array.from(probs),
    predicted,
    margin,
    contributions,
    bias,
    filters,
  };
}
