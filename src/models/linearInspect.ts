/**
 * Reading a trained linear classifier in plain JavaScript (float64) from its weights copied off
 * the device: per-document logits and probabilities, evaluation (loss, accuracy, confusion
 * matrix), the largest weights per class, and per-word contributions of one document.
 * No tfjs, no React, no DOM.
 *
 * Weights layout: W float32 `[V, O]` row-major (V features, O = 1 for two classes, else K),
 * b `[O]`. With two classes the single column scores class 1 (sigmoid(z) = P(class 1)); the
 * class-0 view of it is -z, so "the words that push towards class 0" are the most negative.
 */
import type { CsrMatrixLike } from './linearClassifierConfig';

/** Weights of a linear classifier as plain arrays. */
export interface LinearWeights {
  /** Row-major `[numFeatures, numOutputs]`. */
  W: Float32Array;
  /** `[numOutputs]`. */
  b: Float32Array;
  numFeatures: number;
  /** 1 for logistic regression (K = 2), K for softmax regression. */
  numOutputs: number;
  numClasses: number;
}

/** A sparse feature vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** Class probabilities `[K]` from logits `[O]` (sigmoid for O = 1, stable softmax otherwise). */
export function probabilitiesFromLogits(z: readonly number[], numClasses: number): number[] {
  if (numClasses === 2) {
    const p = 1 / (1 + Math.exp(-z[0]));
    return [1 - p, p];
  }
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, c) => a + c, 0);
  return e.map((v) => v / s);
}

/** Cross-entropy of the true class `y` given logits, computed stably (natural log). */
export function crossEntropyFromLogits(
  z: readonly number[],
  y: number,
  numClasses: number,
): number {
  if (numClasses === 2) {
    // BCE from the logit: max(z, 0) - z y + log(1 + exp(-|z|)).
    const v = z[0];
    return Math.max(v, 0) - v * y + Math.log1p(Math.exp(-Math.abs(v)));
  }
  const m = Math.max(...z);
  const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
  return lse - z[y];
}

/** Logits `[O]` of one sparse vector: b + sum_j x_j W[j, :]. */
export function logitsOf(w: LinearWeights, x: SparseVector): number[] {
  const z = Array.from(w.b, Number);
  for (let p = 0; p < x.indices.length; p++) {
    const row = x.indices[p] * w.numOutputs;
    for (let o = 0; o < w.numOutputs; o++) z[o] += x.values[p] * w.W[row + o];
  }
  return z;
}

/** Row `r` of a CSR matrix as a sparse vector (views, not copies, where the arrays allow). */
export function csrRow(x: CsrMatrixLike, r: number): SparseVector {
  const start = x.indptr[r];
  const end = x.indptr[r + 1];
  const slice = (a: ArrayLike<number>) =>
    ArrayBuffer.isView(a)
      ? (a as unknown as Float32Array).subarray(start, end)
      : Array.prototype.slice.call(a, start, end);
  return { indices: slice(x.indices), values: slice(x.data) };
}

/** Predicted class: argmax of the probabilities (class 1 when z > 0 for two classes). */
export function argmaxClass(z: readonly number[], numClasses: number): number {
  if (numClasses === 2) return z[0] > 0 ? 1 : 0;
  let best = 0;
  for (let k = 1; k < z.length; k++) if (z[k] > z[best]) best = k;
  return best;
}

/** Result of {@link evaluateLinear}. */
export interface LinearEvaluation {
  /** Mean cross-entropy over the documents (no penalty). */
  crossEntropy: number;
  /** Share of documents whose argmax class is the true one. */
  accuracy: number;
  /**
   * `[K][K]` counts: row = true class, column = predicted class (scikit-learn's
   * `confusion_matrix(y_true, y_pred)` convention).
   */
  confusion: number[][];
}

/** Evaluates weights on CSR documents `x` with labels `y`, in JavaScript. O(nnz · O). */
export function evaluateLinear(
  w: LinearWeights,
  x: CsrMatrixLike,
  y: ArrayLike<number>,
): LinearEvaluation {
  const k = w.numClasses;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const rows = x.shape[0];
  let ce = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const z = logitsOf(w, csrRow(x, r));
    const pred = argmaxClass(z, k);
    ce += crossEntropyFromLogits(z, y[r], k);
    if (pred === y[r]) correct++;
    confusion[y[r]][pred]++;
  }
  return { crossEntropy: ce / rows, accuracy: correct / rows, confusion };
}

/** Weight of feature `j` for class `c` (for two classes: +W[j] for class 1, -W[j] for class 0). */
export function classWeight(w: LinearWeights, j: number, c: number): number {
  if (w.numClasses === 2) return c === 1 ? w.W[j] : -w.W[j];
  return w.W[j * w.numOutputs + c];
}

/** A feature and its weight for one class. */
export interface WeightedTerm {
  feature: number;
  /** The feature's name when names were given, else `#<index>`. */
  term: string;
  weight: number;
}

/**
 * The `k` features with the largest weights for each class (most positive first; equal weights
 * by feature index). With two classes, class 0's list is the most negative weights of the single
 * column, negated.
 *
 * A bounded selection, not a sort: one pass over the V weights per class keeping the best `k` in
 * a sorted buffer, O(V · k) comparisons in the worst case and about V when few weights qualify
 * (sorting all V with a comparator took 10-40 ms for V = 5,000, run after every evaluation).
 *
 * @param featureNames - `[V]` names (e.g. `getFeatureNamesOut()`), optional.
 * @returns `[K]` lists of at most `k` terms.
 */
export function topTerms(
  w: LinearWeights,
  k: number,
  featureNames?: readonly string[],
): WeightedTerm[][] {
  const out: WeightedTerm[][] = [];
  const size = Math.min(Math.max(0, Math.floor(k)), w.numFeatures);
  const best = new Int32Array(size);
  const bestScore = new Float64Array(size);
  for (let c = 0; c < w.numClasses; c++) {
    let n = 0;
    for (let j = 0; j < w.numFeatures && size > 0; j++) {
      const s = classWeight(w, j, c);
      // j increases, so a tie with the last kept entry never displaces it (index order).
      if (n === size && !(s > bestScore[n - 1])) continue;
      let i = n < size ? n++ : n - 1;
      while (i > 0 && s > bestScore[i - 1]) {
        best[i] = best[i - 1];
        bestScore[i] = bestScore[i - 1];
        i--;
      }
      best[i] = j;
      bestScore[i] = s;
    }
    const terms: WeightedTerm[] = [];
    for (let i = 0; i < n; i++) {
      const j = best[i];
      terms.push({ feature: j, term: featureNames?.[j] ?? `#${j}`, weight: bestScore[i] });
    }
    out.push(terms);
  }
  return out;
}

/** One feature's share of a document's logits. */
export interface Contribution {
  feature: number;
  term: string;
  /** The document's value for the feature (e.g. its tf-idf weight). */
  value: number;
  /** `[O]` value x W[feature, :]: what the feature adds to each logit. */
  contribution: number[];
}

/** Result of {@link explainLinear}. */
export interface LinearExplanation {
  /** `[O]` the logits: bias + the sum of every contribution. */
  logits: number[];
  /** `[K]` class probabilities. */
  probabilities: number[];
  /** The argmax class. */
  predicted: number;
  /** `[O]` the bias. */
  bias: number[];
  /** One entry per non-zero feature of the document, in the order given. */
  contributions: Contribution[];
}

/**
 * Per-feature contributions to the logits of one document (value x weight): what the "try your
 * text" box shows. `logits[o] = bias[o] + sum over contributions of contribution[o]`.
 */
export function explainLinear(
  w: LinearWeights,
  x: SparseVector,
  featureNames?: readonly string[],
): LinearExplanation {
  const contributions: Contribution[] = [];
  for (let p = 0; p < x.indices.length; p++) {
    const j = x.indices[p];
    const value = x.values[p];
    const contribution: number[] = [];
    for (let o = 0; o < w.numOutputs; o++) contribution.push(value * w.W[j * w.numOutputs + o]);
    contributions.push({ feature: j, term: featureNames?.[j] ?? `#${j}`, value, contribution });
  }
  const logits = logitsOf(w, x);
  return {
    logits,
    probabilities: probabilitiesFromLogits(logits, w.numClasses),
    predicted: argmaxClass(logits, w.numClasses),
    bias: Array.from(w.b, Number),
    contributions,
  };
}
