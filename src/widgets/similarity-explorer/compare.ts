/**
 * The numbers behind the similarity explorer: two or three texts as count or TF-IDF vectors
 * (src/nlp's `CountVectorizer` / `TfidfVectorizer`, scikit-learn 1.2 defaults: lowercase,
 * `(?u)\b\w\w+\b`, smooth idf, l2 rows), and for each pair the cosine similarity, the
 * Euclidean distance (`sklearn.metrics.pairwise`) and the Jaccard similarity of the two token
 * sets, |A ∩ B| / |A ∪ B| (Jaccard, 1901). Pure TypeScript, no React.
 */
import {
  CountVectorizer,
  TfidfVectorizer,
  cosineSimilarity,
  euclideanDistances,
  jaccardSimilarity,
} from '../../nlp';
import { SKLEARN_DEFAULTS, denseRows, vectorizerOptions } from '../common/vectorize';

/** Which vectors the texts become. */
export type VectorKind = 'count' | 'tfidf';

/** The three measures for one pair of texts. */
export interface PairMeasures {
  /** Indices of the two texts. */
  a: number;
  b: number;
  /** Cosine similarity of the vectors, in [0, 1] for non-negative vectors (0 if one is zero). */
  cosine: number;
  /** Euclidean distance of the vectors, >= 0. */
  euclidean: number;
  /** Jaccard similarity of the token sets, in [0, 1] (1 for two empty sets). */
  jaccard: number;
}

/** Result of {@link compareTexts}. */
export interface Comparison {
  /** Feature names (columns of `vectors`). */
  terms: string[];
  /** One vector per text, `[texts.length][terms.length]`. */
  vectors: number[][];
  /** The distinct tokens of each text (the sets Jaccard compares), sorted. */
  tokenSets: string[][];
  /** Every pair (0,1), (0,2), (1,2). */
  pairs: PairMeasures[];
}

/**
 * Vectorizes `texts` (fitted on these texts alone, so with TF-IDF a term in every text gets
 * the smallest idf, 1) and compares every pair.
 *
 * @param kind - `count`: raw term counts; `tfidf`: scikit-learn's default TF-IDF (l2 rows).
 * @param stopWords - leave out scikit-learn's English stop words (vectors and token sets).
 * @throws Error from the vectorizer when no text has a token (empty vocabulary).
 */
export function compareTexts(
  texts: readonly string[],
  kind: VectorKind,
  stopWords = false,
): Comparison {
  const opts = vectorizerOptions({ ...SKLEARN_DEFAULTS, stopWords });
  const v = kind === 'count' ? new CountVectorizer(opts) : new TfidfVectorizer(opts);
  const m = v.fitTransform([...texts]);
  const analyze = v.buildAnalyzer();
  const tokenSets = texts.map((t) => [...new Set(analyze(t))].sort());
  const cos = cosineSimilarity(m);
  const euc = euclideanDistances(m);
  const pairs: PairMeasures[] = [];
  for (let a = 0; a < texts.length; a++) {
    for (let b = a + 1; b < texts.length; b++) {
      pairs.push({
        a,
        b,
        cosine: cos[a][b],
        euclidean: euc[a][b],
        jaccard: jaccardSimilarity(tokenSets[a], tokenSets[b]),
      });
    }
  }
  return { terms: v.getFeatureNamesOut(), vectors: denseRows(m), tokenSets, pairs };
}

/** The pair a measure ranks most similar: highest similarity, or lowest distance. */
export function mostSimilarPair(
  pairs: readonly PairMeasures[],
  measure: 'cosine' | 'euclidean' | 'jaccard',
): PairMeasures | null {
  let best: PairMeasures | null = null;
  for (const p of pairs) {
    if (
      !best ||
      (measure === 'euclidean' ? p.euclidean < best.euclidean : p[measure] > best[measure])
    ) {
      best = p;
    }
  }
  return best;
}
