/**
 * The arithmetic of chapter 8's Embedding-layer explainer: a (one-hot or mixed) row vector x
 * times an embedding matrix E, entry by entry. Pure TypeScript.
 */

/** The explainer's vocabulary (frequent State of the Union words). */
export const LOOKUP_WORDS: readonly string[] = ['peace', 'war', 'tax', 'oil', 'january'];

/** Dimension d of the explainer's vectors. */
export const LOOKUP_DIM = 3;

/**
 * The starting matrix E `[5, 3]`, row-major: rows 1-4 are the chapter's worked example (so
 * e_2^T E = (0.7, 0.3, -0.5)), row 5 is one more word.
 */
export const LOOKUP_MATRIX: readonly number[] = [
  0.2, -0.1, 0.4, 0.7, 0.3, -0.5, -0.6, 0.8, 0.1, 0.0, 0.2, 0.9, -0.3, -0.4, 0.6,
];

/** Largest absolute value an entry of E may take in the explainer. */
export const MAX_ENTRY = 10;

/**
 * One-hot vector e_i of length V (1 at index i, 0 elsewhere).
 * @throws RangeError if i is not an index in [0, V).
 */
export function oneHot(V: number, i: number): number[] {
  if (!Number.isInteger(i) || i < 0 || i >= V) {
    throw new RangeError(`oneHot: index ${i} is outside 0..${V - 1}.`);
  }
  return Array.from({ length: V }, (_, k) => (k === i ? 1 : 0));
}

/**
 * The mixture (1 - lambda) e_i + lambda e_j: half of one word and half of another at
 * lambda = 0.5 (what CBOW's averaging of context vectors computes); e_i when i === j.
 * @throws RangeError for a bad index or lambda outside [0, 1].
 */
export function mixVector(V: number, i: number, j: number, lambda: number): number[] {
  if (!(lambda >= 0 && lambda <= 1)) {
    throw new RangeError(`mixVector: the weight must be in [0, 1], got ${lambda}.`);
  }
  const x = oneHot(V, i).map((v) => v * (1 - lambda));
  const e = oneHot(V, j);
  return x.map((v, k) => v + lambda * e[k]);
}

/** One output entry y_c = sum_r x_r E[r, c], with its terms. */
export interface ProductEntry {
  /** The terms x_r * E[r, c], r = 0..V-1. */
  terms: { x: number; e: number; product: number }[];
  value: number;
}

/**
 * y = x E for a row vector x `[V]` and a row-major matrix E `[V, d]`, keeping every term so the
 * page can show the sum entry by entry (the matrix product an embedding layer never computes;
 * Keras `Embedding` / `tf.gather` read row i instead).
 * @throws RangeError if the sizes do not match.
 */
export function vectorTimesMatrix(
  x: readonly number[],
  E: readonly number[],
  d: number,
): ProductEntry[] {
  const V = x.length;
  if (E.length !== V * d) {
    throw new RangeError(`vectorTimesMatrix: E has ${E.length} values, not ${V} x ${d}.`);
  }
  return Array.from({ length: d }, (_, c) => {
    const terms = x.map((xv, r) => ({ x: xv, e: E[r * d + c], product: xv * E[r * d + c] }));
    return { terms, value: terms.reduce((s, t) => s + t.product, 0) };
  });
}

/**
 * Reads a typed matrix entry: a finite number in [-MAX_ENTRY, MAX_ENTRY] (a decimal comma is
 * accepted). Returns the value, or an error message and no value.
 */
export function parseEntry(text: string): { value?: number; error?: string } {
  const t = text.trim().replace(',', '.').replace('−', '-');
  if (t === '' || t === '-' || t === '.') return { error: 'Type a number.' };
  const v = Number(t);
  if (!Number.isFinite(v)) return { error: `“${text}” is not a number.` };
  if (Math.abs(v) > MAX_ENTRY) {
    return { error: `Keep entries between -${MAX_ENTRY} and ${MAX_ENTRY}.` };
  }
  return { value: v };
}

/** Rows of E whose entries changed between two matrices (indices, ascending). */
export function changedRows(a: readonly number[], b: readonly number[], d: number): number[] {
  const rows: number[] = [];
  for (let r = 0; r * d < a.length; r++) {
    for (let c = 0; c < d; c++) {
      if (a[r * d + c] !== b[r * d + c]) {
        rows.push(r);
        break;
      }
    }
  }
  return rows;
}

/** A number as the explainer prints it: up to 3 decimals, no trailing zeros, a true minus sign. */
export function fmt(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  const s = (Object.is(r, -0) ? 0 : r).toString();
  return s.replace('-', '−');
}
