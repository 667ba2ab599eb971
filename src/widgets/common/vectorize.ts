/**
 * The one place where the Chapter 4 widgets turn their settings into options of src/nlp's
 * `CountVectorizer` / `TfidfVectorizer` (scikit-learn 1.2 parameter names in camelCase), and
 * the vectorizers' sparse output into dense rows.
 */
import type { TfidfVectorizerOptions } from '../../nlp';

/** The vectorizer settings the widgets expose (scikit-learn names in camelCase). */
export interface VectorizerSettings {
  /** Counts become 0/1 (`binary`). Default false. */
  binary: boolean;
  /** Multiply by idf (`use_idf`). Default true. */
  useIdf: boolean;
  /** Add one to n and df (`smooth_idf`). Default true. */
  smoothIdf: boolean;
  /** tf becomes 1 + ln(tf) (`sublinear_tf`). Default false. */
  sublinearTf: boolean;
  /** Row normalisation (`norm`): 'l2' (default), 'l1' or null. */
  norm: 'l1' | 'l2' | null;
  /** Remove scikit-learn's English stop words (`stop_words='english'`). Default false. */
  stopWords: boolean;
  /** `ngram_range`. Default [1, 1]. */
  ngramRange: readonly [number, number];
}

/** scikit-learn's `TfidfVectorizer()` defaults. */
export const SKLEARN_DEFAULTS: VectorizerSettings = {
  binary: false,
  useIdf: true,
  smoothIdf: true,
  sublinearTf: false,
  norm: 'l2',
  stopWords: false,
  ngramRange: [1, 1],
};

/** Options for `new TfidfVectorizer(...)` (and `CountVectorizer`, which ignores the idf ones). */
export function vectorizerOptions(s: VectorizerSettings): TfidfVectorizerOptions {
  return {
    lowercase: true,
    stopWords: s.stopWords ? 'english' : null,
    ngramRange: [s.ngramRange[0], s.ngramRange[1]],
    binary: s.binary,
    norm: s.norm,
    useIdf: s.useIdf,
    smoothIdf: s.smoothIdf,
    sublinearTf: s.sublinearTf,
  };
}

/** A sparse matrix as dense rows of plain numbers. */
export function denseRows(m: { toDense(): ArrayLike<ArrayLike<number>> }): number[][] {
  return Array.from(m.toDense(), (row) => Array.from(row));
}
