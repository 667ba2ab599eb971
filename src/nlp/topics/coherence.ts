/**
 * Topic coherence: how often a topic's top words occur together in a reference corpus.
 *
 * - UMass (Mimno, Wallach, Talley, Leenders & McCallum 2011, "Optimizing semantic coherence in
 *   topic models", eq. 1): C(t) = Σ_{m=2..M} Σ_{l<m} log((D(v_m, v_l) + 1) / D(v_l)), with the
 *   top words v_1..v_M in decreasing probability, D(v) the number of documents containing v and
 *   D(v, v') those containing both. Always document co-occurrence; 0 is the best score.
 * - NPMI (Bouma 2009; the C_NPMI of Röder, Both & Hinneburg 2015): the mean over pairs i < j of
 *   NPMI(v_i, v_j) = log(P(v_i, v_j) / (P(v_i) P(v_j))) / −log P(v_i, v_j), in [−1, 1], with
 *   probabilities counted over boolean sliding windows of `window` tokens (Röder et al. use 10;
 *   each window is a pseudo-document, a document shorter than the window is one window) or,
 *   with `window: 'document'`, over whole documents. A pair that never co-occurs scores −1
 *   (the limit; Röder et al.'s ε = 1e-12 gives ≈ −1 too) and a pair in every window 1.
 */
import { CsrMatrix, type CsrMatrixData } from '../vectorize/sparse';

/** A reference corpus: documents as word-id sequences, or a document-term CSR matrix. */
export type CoherenceCorpus = readonly (readonly number[])[] | CsrMatrixData;

/** Options of {@link topicCoherence}. */
export interface CoherenceOptions {
  /** 'umass' (default) or 'npmi'. */
  measure?: 'umass' | 'npmi';
  /**
   * NPMI only: sliding-window length in tokens (default 10), or 'document' for document
   * co-occurrence. A window needs token sequences: a CSR corpus allows only 'document'.
   */
  window?: number | 'document';
}

/** Co-occurrence counts of a fixed set of words over a corpus's units (documents or windows). */
class Counts {
  readonly units: number;
  private readonly index = new Map<number, number>();
  private readonly single: Float64Array;
  private readonly pair: Float64Array;

  constructor(words: readonly number[], units: Iterable<Iterable<number>>) {
    for (const w of words) if (!this.index.has(w)) this.index.set(w, this.index.size);
    const n = this.index.size;
    this.single = new Float64Array(n);
    this.pair = new Float64Array(n * n);
    let count = 0;
    const present: number[] = [];
    const seen = new Uint8Array(n);
    for (const unit of units) {
      count++;
      present.length = 0;
      for (const w of unit) {
        const i = this.index.get(w);
        if (i !== undefined && !seen[i]) {
          seen[i] = 1;
          present.push(i);
        }
      }
      for (const a of present) {
        seen[a] = 0;
        this.single[a]++;
        for (const b of present) if (a !== b) this.pair[a * n + b]++;
      }
    }
    this.units = count;
  }

  one(w: number): number {
    return this.single[this.index.get(w)!];
  }

  two(v: number, w: number): number {
    return this.pair[this.index.get(v)! * this.index.size + this.index.get(w)!];
  }
}

function* documentsOf(corpus: CoherenceCorpus): Generator<Iterable<number>> {
  if (Array.isArray(corpus)) {
    yield* corpus as readonly (readonly number[])[];
    return;
  }
  const M = CsrMatrix.from(corpus as CsrMatrixData);
  for (let d = 0; d < M.rows; d++) yield M.getRow(d).indices;
}

function* windowsOf(
  corpus: readonly (readonly number[])[],
  size: number,
): Generator<Iterable<number>> {
  for (const doc of corpus) {
    if (doc.length <= size) yield doc;
    else for (let s = 0; s + size <= doc.length; s++) yield doc.slice(s, s + size);
  }
}

/**
 * Coherence of each topic, given as its top word ids in decreasing probability (at least 2).
 *
 * @returns one score per topic (UMass: a sum over pairs, <= 0; NPMI: a mean, in [−1, 1]).
 * @throws RangeError for a topic with fewer than 2 words or a repeated word, a top word that never occurs in the
 *   corpus (UMass divides by its document frequency), a bad window, or a window on a CSR corpus.
 */
export function topicCoherence(
  topics: readonly (readonly number[])[],
  corpus: CoherenceCorpus,
  options: CoherenceOptions = {},
): number[] {
  const { measure = 'umass', window = 10 } = options;
  if (measure !== 'umass' && measure !== 'npmi') {
    throw new RangeError(
      `topicCoherence: measure must be 'umass' or 'npmi', got ${String(measure)}.`,
    );
  }
  for (const t of topics) {
    if (t.length < 2) throw new RangeError('topicCoherence: every topic needs at least 2 words.');
    if (new Set(t).size !== t.length) {
      throw new RangeError(`topicCoherence: topic [${t.join(', ')}] repeats a word.`);
    }
  }
  const words = topics.flat();
  let units: Iterable<Iterable<number>>;
  if (measure === 'umass' || window === 'document') units = documentsOf(corpus);
  else {
    if (!Number.isInteger(window) || window < 2) {
      throw new RangeError(
        `topicCoherence: window must be an integer >= 2 or 'document', got ${window}.`,
      );
    }
    if (!Array.isArray(corpus)) {
      throw new RangeError(
        "topicCoherence: a sliding window needs token sequences; pass window: 'document' for a CSR matrix.",
      );
    }
    units = windowsOf(corpus as readonly (readonly number[])[], window);
  }
  const counts = new Counts(words, units);
  for (const w of words) {
    if (counts.one(w) === 0) {
      throw new RangeError(`topicCoherence: word id ${w} never occurs in the reference corpus.`);
    }
  }
  return topics.map((t) => (measure === 'umass' ? umass(t, counts) : npmi(t, counts)));
}

function umass(top: readonly number[], c: Counts): number {
  let score = 0;
  for (let m = 1; m < top.length; m++) {
    for (let l = 0; l < m; l++) score += Math.log((c.two(top[m], top[l]) + 1) / c.one(top[l]));
  }
  return score;
}

function npmi(top: readonly number[], c: Counts): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < top.length; i++) {
    for (let j = i + 1; j < top.length; j++) {
      const pij = c.two(top[i], top[j]) / c.units;
      const pi = c.one(top[i]) / c.units;
      const pj = c.one(top[j]) / c.units;
      let v: number;
      if (pij === 0) v = -1;
      else if (pij === 1) v = 1;
      else v = Math.log(pij / (pi * pj)) / -Math.log(pij);
      sum += v;
      pairs++;
    }
  }
  return sum / pairs;
}

/** UMass coherence of one topic (see {@link topicCoherence}). */
export function umassCoherence(topWords: readonly number[], corpus: CoherenceCorpus): number {
  return topicCoherence([topWords], corpus, { measure: 'umass' })[0];
}

/** NPMI coherence of one topic (see {@link topicCoherence}). */
export function npmiCoherence(
  topWords: readonly number[],
  corpus: CoherenceCorpus,
  window: number | 'document' = 10,
): number {
  return topicCoherence([topWords], corpus, { measure: 'npmi', window })[0];
}

/**
 * The `n` highest-weighted word ids of each row of a row-major `[K, V]` topic-word matrix
 * (λ, φ or β), in decreasing weight (ties: lower id first).
 */
export function topWordIds(topicWord: ArrayLike<number>, nFeatures: number, n: number): number[][] {
  const K = Math.floor(topicWord.length / nFeatures);
  const out: number[][] = [];
  for (let k = 0; k < K; k++) {
    const ids = Array.from({ length: nFeatures }, (_, w) => w);
    ids.sort((a, b) => topicWord[k * nFeatures + b] - topicWord[k * nFeatures + a] || a - b);
    out.push(ids.slice(0, n));
  }
  return out;
}
