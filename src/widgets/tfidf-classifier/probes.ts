/**
 * The probes' results packed for the trip from the worker to the page (typed arrays, transferred)
 * and unpacked for the charts: the largest weights per class with the confusion matrix, and the
 * reader's text explained term by term. Pure functions, no tfjs, no DOM.
 */
import type { LinearEvaluation, LinearExplanation, WeightedTerm } from '../../models';
import type { PackedExplanation, PackedInspection, TransformedText } from './protocol';

/** What the weight bars and the confusion matrix show. */
export interface Inspection {
  /** `[K]` lists of the terms with the largest weights per class. */
  top: WeightedTerm[][];
  /** `[K][K]` validation confusion matrix (rows true, columns predicted), or null before one. */
  confusion: number[][] | null;
}

/** The reader's text: its terms, and the model's reading of it once a model exists. */
export interface TextVerdict {
  /** Terms the analyzer produced, in order, unknown ones included. */
  terms: string[];
  explanation: LinearExplanation | null;
}

/**
 * Packs `top` (`[K]` lists of the same length) and the evaluation's confusion matrix.
 * @throws RangeError when the lists differ in length.
 */
export function packInspection(
  top: readonly WeightedTerm[][],
  evaluation: LinearEvaluation | null,
): PackedInspection {
  const perClass = top[0]?.length ?? 0;
  if (top.some((t) => t.length !== perClass)) {
    throw new RangeError('packInspection: every class must have the same number of terms');
  }
  const flat = top.flat();
  const k = top.length;
  const m = evaluation?.confusion ?? null;
  return {
    perClass,
    terms: flat.map((t) => t.term),
    weights: Float64Array.from(flat, (t) => t.weight),
    confusion: m && m.length === k ? Int32Array.from(m.flat()) : null,
  };
}

/** The inverse of {@link packInspection} (feature indices are not sent: -1). */
export function unpackInspection(p: PackedInspection, numClasses: number): Inspection {
  const top: WeightedTerm[][] = [];
  for (let c = 0; c < numClasses; c++) {
    const terms: WeightedTerm[] = [];
    for (let i = c * p.perClass; i < (c + 1) * p.perClass; i++) {
      terms.push({ feature: -1, term: p.terms[i], weight: p.weights[i] });
    }
    top.push(terms);
  }
  const m = p.confusion;
  const confusion = m
    ? Array.from({ length: numClasses }, (_, r) =>
        Array.from(m.subarray(r * numClasses, (r + 1) * numClasses)),
      )
    : null;
  return { top, confusion };
}

/** Packs a text's terms and its explanation (contributions row-major `[n, O]`). */
export function packExplanation(terms: string[], e: LinearExplanation): PackedExplanation {
  const o = e.logits.length;
  const contributions = new Float64Array(e.contributions.length * o);
  e.contributions.forEach((c, i) => contributions.set(c.contribution, i * o));
  return {
    terms,
    features: e.contributions.map((c) => c.term),
    values: Float64Array.from(e.contributions, (c) => c.value),
    contributions,
    logits: Float64Array.from(e.logits),
    bias: Float64Array.from(e.bias),
    probabilities: Float64Array.from(e.probabilities),
    predicted: e.predicted,
  };
}

/** The buffers of a packed explanation, to transfer. */
export function explanationBuffers(p: PackedExplanation): ArrayBuffer[] {
  return [p.values, p.contributions, p.logits, p.bias, p.probabilities].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** The inverse of {@link packExplanation} (feature indices are not sent: -1). */
export function unpackExplanation(p: PackedExplanation): TextVerdict {
  const o = p.logits.length;
  return {
    terms: p.terms,
    explanation: {
      logits: Array.from(p.logits),
      bias: Array.from(p.bias),
      probabilities: Array.from(p.probabilities),
      predicted: p.predicted,
      contributions: p.features.map((term, i) => ({
        feature: -1,
        term,
        value: p.values[i],
        contribution: Array.from(p.contributions.subarray(i * o, (i + 1) * o)),
      })),
    },
  };
}

/** A text with no model yet: its terms only. */
export function termsOnly(t: TransformedText): TextVerdict {
  return { terms: t.terms, explanation: null };
}
