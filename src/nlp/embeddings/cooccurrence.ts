/**
 * Word-context co-occurrence counts in a symmetric window, as a sparse CSR matrix.
 */
import { CsrMatrix } from '../vectorize/sparse';

/**
 * How a context at distance k (1 <= k <= window) is weighted:
 * - `'uniform'`: 1 (Saito's `create_co_matrix`; the default);
 * - `'harmonic'`: 1 / k (GloVe, Pennington et al. 2014);
 * - `'linear'`: (window - k + 1) / window, the expected weight of word2vec's dynamic window,
 *   whose effective size is drawn uniformly in 1..window (Levy, Goldberg & Dagan 2015, section 3.2).
 */
export type DistanceWeighting = 'uniform' | 'harmonic' | 'linear';

/** Options of {@link cooccurrenceMatrix}. */
export interface CooccurrenceOptions {
  /** Distance weighting (default 'uniform': every context counts 1). */
  weighting?: DistanceWeighting;
}

/** Largest accepted window. */
export const MAX_WINDOW = 100;

/**
 * Symmetric co-occurrence matrix C of shape `[vocabSize, vocabSize]`: `C[x, y]` is the number of
 * times word y occurs within `windowSize` positions before or after an occurrence of word x
 * (each weighted as `options.weighting` says), so C is symmetric. This is the matrix of
 * Saito's `create_co_matrix` (Deep Learning from Scratch 2, ch. 2) and of the count-based models
 * in Levy, Goldberg & Dagan (2015).
 *
 * Windows stop at sentence boundaries: pass an array of sentences (each an array of ids) to count
 * within sentences, or one flat id sequence to count across the whole corpus as Saito does.
 * Words outside the vocabulary must be removed first (see {@link encodeSentences}), as word2vec.c
 * removes words below min count before it takes windows.
 *
 * Cost: time O(N * windowSize) and, transiently, 4 bytes per (word, context) event
 * (2 * N * windowSize events at most for N tokens: ~72 MB for 1.8 M tokens and window 5), plus 1
 * byte per event for non-uniform weighting. The result stores only non-zero entries, columns
 * sorted within each row.
 *
 * @param corpus one sequence of ids, or sentences of ids; every id an integer in `[0, vocabSize)`.
 * @param vocabSize V, the number of rows and columns.
 * @param windowSize context positions on each side, an integer in `[1, MAX_WINDOW]`.
 * @throws RangeError for a bad vocabSize, windowSize or id (naming the sentence and position).
 */
export function cooccurrenceMatrix(
  corpus: ArrayLike<number> | readonly ArrayLike<number>[],
  vocabSize: number,
  windowSize: number,
  options: CooccurrenceOptions = {},
): CsrMatrix {
  const weighting = options.weighting ?? 'uniform';
  if (!Number.isInteger(vocabSize) || vocabSize < 1) {
    throw new RangeError(
      `cooccurrenceMatrix: vocabSize must be a positive integer, got ${vocabSize}.`,
    );
  }
  if (!Number.isInteger(windowSize) || windowSize < 1 || windowSize > MAX_WINDOW) {
    throw new RangeError(
      `cooccurrenceMatrix: windowSize must be an integer from 1 to ${MAX_WINDOW}, got ${windowSize}.`,
    );
  }
  if (weighting !== 'uniform' && weighting !== 'harmonic' && weighting !== 'linear') {
    throw new RangeError(`cooccurrenceMatrix: unknown weighting "${String(weighting)}".`);
  }
  const sentences = isSentenceList(corpus) ? corpus : [corpus];
  const V = vocabSize;
  const w = windowSize;

  // Pass 1: validate ids and count the events of each row (centre word).
  const rowEvents = new Float64Array(V + 1);
  sentences.forEach((s, si) => {
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const x = s[i];
      if (!Number.isInteger(x) || x < 0 || x >= V) {
        throw new RangeError(
          `cooccurrenceMatrix: id ${x} at sentence ${si}, position ${i} is outside [0, ${V}).`,
        );
      }
      rowEvents[x + 1] += Math.min(w, i) + Math.min(w, n - 1 - i);
    }
  });
  for (let x = 0; x < V; x++) rowEvents[x + 1] += rowEvents[x];
  const nEvents = rowEvents[V];
  if (nEvents > 2 ** 31 - 1) {
    throw new RangeError(
      `cooccurrenceMatrix: ${nEvents} events is too many; use a smaller window.`,
    );
  }

  // Pass 2: bucket each event's context id (and distance) under its centre word.
  const ctx = new Int32Array(nEvents);
  const dist = weighting === 'uniform' ? null : new Uint8Array(nEvents);
  const fill = Int32Array.from(rowEvents.subarray(0, V));
  for (const s of sentences) {
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const x = s[i];
      const lo = Math.max(0, i - w);
      const hi = Math.min(n - 1, i + w);
      for (let j = lo; j <= hi; j++) {
        if (j === i) continue;
        const p = fill[x]++;
        ctx[p] = s[j];
        if (dist) dist[p] = j < i ? i - j : j - i;
      }
    }
  }

  // Pass 3: per row, accumulate into a dense scratch row, then emit sorted non-zero columns.
  const weightOf = new Float64Array(w + 1);
  for (let k = 1; k <= w; k++) {
    weightOf[k] = weighting === 'harmonic' ? 1 / k : weighting === 'linear' ? (w - k + 1) / w : 1;
  }
  const acc = new Float64Array(V);
  const touched = new Int32Array(V);
  const indptr = new Int32Array(V + 1);
  let indices = new Int32Array(Math.min(nEvents, 1 << 20));
  let data = new Float64Array(indices.length);
  let nnz = 0;
  for (let x = 0; x < V; x++) {
    let nt = 0;
    for (let p = rowEvents[x]; p < rowEvents[x + 1]; p++) {
      const y = ctx[p];
      if (acc[y] === 0) touched[nt++] = y;
      acc[y] += dist ? weightOf[dist[p]] : 1;
    }
    const cols = touched.subarray(0, nt).sort();
    if (nnz + nt > indices.length) {
      const cap = Math.min(nEvents, Math.max(nnz + nt, indices.length * 2));
      const ni = new Int32Array(cap);
      ni.set(indices.subarray(0, nnz));
      const nd = new Float64Array(cap);
      nd.set(data.subarray(0, nnz));
      indices = ni;
      data = nd;
    }
    for (let t = 0; t < nt; t++) {
      const y = cols[t];
      indices[nnz] = y;
      data[nnz] = acc[y];
      acc[y] = 0;
      nnz++;
    }
    indptr[x + 1] = nnz;
  }
  return new CsrMatrix(indptr, indices.slice(0, nnz), data.slice(0, nnz), [V, V]);
}

function isSentenceList(
  c: ArrayLike<number> | readonly ArrayLike<number>[],
): c is readonly ArrayLike<number>[] {
  return Array.isArray(c) && c.length > 0 && typeof c[0] !== 'number';
}
