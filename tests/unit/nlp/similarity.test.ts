/**
 * Cosine similarity, Euclidean distance and Jaccard similarity: scikit-learn 1.2.1's pairwise
 * metrics (fixture from scripts/fixtures/sklearn_vectorize.py), hand-computed values, and
 * top-k search against brute force.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CosineIndex,
  CsrMatrix,
  TfidfVectorizer,
  cosineSimilarity,
  euclideanDistances,
  jaccardSimilarity,
  termContributions,
  topKCosine,
  type CsrMatrixData,
} from '../../../src/nlp';

interface Csr {
  indptr: number[];
  indices: number[];
  data: number[];
  shape: [number, number];
}
const P = (
  JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sklearn-vectorize.json'), 'utf8')) as {
    pairwise: Record<string, unknown>;
  }
).pairwise as {
  tfidf: { X: Csr; Q: Csr };
  counts: { X: Csr };
  cosine_XX: number[][];
  cosine_QX: number[][];
  euclidean_XX: number[][];
  euclidean_QX: number[][];
  euclidean_counts: number[][];
  cosine_counts: number[][];
  dense_a: number[][];
  dense_b: number[][];
  cosine_dense_ab: number[][];
  euclidean_dense_ab: number[][];
};

const csr = (c: Csr): CsrMatrixData => ({
  indptr: Int32Array.from(c.indptr),
  indices: Int32Array.from(c.indices),
  data: Float64Array.from(c.data),
  shape: c.shape,
});

function expectClose(actual: ArrayLike<number>[], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    expect(actual[i].length).toBe(expected[i].length);
    for (let j = 0; j < expected[i].length; j++)
      expect(actual[i][j]).toBeCloseTo(expected[i][j], 6);
  }
}

describe('pairwise metrics match scikit-learn', () => {
  const X = csr(P.tfidf.X);
  const Q = csr(P.tfidf.Q);
  it('cosineSimilarity', () => {
    expectClose(cosineSimilarity(X), P.cosine_XX);
    expectClose(cosineSimilarity(Q, X), P.cosine_QX); // includes an empty query (zero row)
    expectClose(cosineSimilarity(csr(P.counts.X)), P.cosine_counts);
    expectClose(cosineSimilarity(P.dense_a, P.dense_b), P.cosine_dense_ab);
  });
  it('euclideanDistances', () => {
    expectClose(euclideanDistances(X), P.euclidean_XX);
    expectClose(euclideanDistances(Q, X), P.euclidean_QX);
    expectClose(euclideanDistances(csr(P.counts.X)), P.euclidean_counts);
    expectClose(euclideanDistances(P.dense_a, P.dense_b), P.euclidean_dense_ab);
  });
});

describe('similarity by hand', () => {
  it('cosine and Euclidean of small vectors', () => {
    // a = (3, 4), b = (4, 3): cos = 24 / 25 = 0.96; |a - b| = sqrt(1 + 1)
    expectClose(cosineSimilarity([[3, 4]], [[4, 3]]), [[0.96]]);
    expectClose(euclideanDistances([[3, 4]], [[4, 3]]), [[Math.SQRT2]]);
    // the diagonal of the self-distance matrix is exactly 0
    expect(
      euclideanDistances([
        [1e8, 1],
        [0, 0],
      ])[0][0],
    ).toBe(0);
  });
  it('refuses matrices of different widths', () => {
    expect(() => cosineSimilarity([[1, 2]], [[1, 2, 3]])).toThrow(
      /A.shape\[1\] == 2 while B.shape\[1\] == 3/,
    );
    expect(() => euclideanDistances('x' as unknown as number[][])).toThrow(TypeError);
  });
  it('jaccardSimilarity', () => {
    // {a, b, c} and {b, c, d}: |∩| = 2, |∪| = 4
    expect(jaccardSimilarity(['a', 'b', 'c', 'c'], new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccardSimilarity(['a'], ['b'])).toBe(0);
    expect(jaccardSimilarity([], ['b'])).toBe(0);
    expect(jaccardSimilarity([], [])).toBe(1); // documented: two empty sets are identical
  });
});

describe('top-k cosine search', () => {
  const docs = [
    'the union is strong',
    'the state of the union',
    'a strong economy and strong jobs',
    'jobs jobs jobs',
    'peace and war',
    'war is over',
  ];
  const tv = new TfidfVectorizer();
  const X = tv.fitTransform(docs);

  it('returns the same ranking as brute-force cosineSimilarity', () => {
    for (const q of ['strong union', 'jobs and war', 'the', 'peace']) {
      const row = tv.transform([q]);
      const brute = cosineSimilarity(row, X)[0];
      const expected = Array.from(brute, (score, r) => ({ row: r, score }))
        .filter((h) => h.score > 0)
        .sort((a, b) => b.score - a.score || a.row - b.row)
        .slice(0, 3);
      const hits = topKCosine(row.getRow(0), X, 3);
      expect(hits.map((h) => h.row)).toEqual(expected.map((h) => h.row));
      hits.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i].score, 12));
    }
  });

  it('term contributions sum to the cosine and name the shared terms', () => {
    const q = tv.transform(['strong union']).getRow(0);
    const [best] = topKCosine(q, X, 1);
    expect(best.row).toBe(0); // "the union is strong" has both words
    const parts = new CosineIndex(X).contributions(q, best.row);
    const names = tv.getFeatureNamesOut();
    expect(parts.map((p) => names[p.column]).sort()).toEqual(['strong', 'union']);
    expect(parts.reduce((s, p) => s + p.contribution, 0)).toBeCloseTo(best.score, 12);
    expect(parts[0].contribution).toBeGreaterThanOrEqual(parts[1].contribution);
  });

  it('an empty or unknown query has no hits; k = 0 gives none; a bad column throws', () => {
    expect(topKCosine(tv.transform(['zzz']).getRow(0), X, 5)).toEqual([]);
    expect(topKCosine(tv.transform(['jobs']).getRow(0), X, 0)).toEqual([]);
    const index = new CosineIndex(X);
    const bad = { indices: Int32Array.from([X.cols]), data: Float64Array.from([1]) };
    expect(() => index.search(bad, 3)).toThrow(/outside/);
    // the failed call left no state behind
    expect(index.search(tv.transform(['jobs']).getRow(0), 1)[0].row).toBe(3);
    expect(
      termContributions(bad, { indices: new Int32Array(0), data: new Float64Array(0) }),
    ).toEqual([]);
  });

  it('filter and matched: the filtered brute-force ranking, and every matching row counted', () => {
    const index = new CosineIndex(X);
    const even = (r: number) => r % 2 === 0;
    for (const q of ['strong union', 'jobs and war', 'the', 'peace', 'zzz']) {
      const row = tv.transform([q]);
      const brute = Array.from(cosineSimilarity(row, X)[0], (score, r) => ({ row: r, score }))
        .filter((h) => h.score > 0 && even(h.row))
        .sort((a, b) => b.score - a.score || a.row - b.row);
      const seen: [number, number][] = [];
      const r = index.rank(row.getRow(0), 1, {
        filter: even,
        onMatch: (i, score) => seen.push([i, score]),
      });
      expect(r.matched).toBe(brute.length);
      expect(r.hits.map((h) => h.row)).toEqual(brute.slice(0, 1).map((h) => h.row));
      // onMatch sees each matched row once, in row order, with its cosine
      expect(seen.map(([i]) => i)).toEqual(brute.map((h) => h.row).sort((a, b) => a - b));
      for (const [i, score] of seen)
        expect(score).toBeCloseTo(brute.find((h) => h.row === i)?.score ?? NaN, 12);
      expect(index.search(row.getRow(0), 3, { filter: even })).toEqual(
        index.rank(row.getRow(0), 3, { filter: even }).hits,
      );
    }
    // "the" is in docs 0 and 1 (and 1 is odd); k = 0 still counts.
    const the = tv.transform(['the']).getRow(0);
    expect(index.rank(the, 0)).toEqual({ hits: [], matched: 2 });
    expect(index.rank(the, 5, { filter: () => false })).toEqual({ hits: [], matched: 0 });
  });

  it('a filter that throws leaves the index clean for the next search (sparse and dense paths)', () => {
    const index = new CosineIndex(X);
    // 'peace' is in one row (sparse path: visits * 4 < rows), the long query in all (dense)
    for (const q of ['peace', 'the strong union jobs war peace economy state over']) {
      const row = tv.transform([q]).getRow(0);
      const before = index.rank(row, 6);
      expect(() =>
        index.rank(row, 6, {
          filter: (r) => {
            if (r > 0) throw new Error('boom');
            return true;
          },
        }),
      ).toThrow('boom');
      expect(index.rank(row, 6)).toEqual(before);
    }
  });

  it('returns at most k hits, best first, even with many ties', () => {
    const same = CsrMatrix.fromDense(Array.from({ length: 50 }, () => [1, 0]));
    const hits = topKCosine(
      { indices: Int32Array.from([0]), data: Float64Array.from([2]) },
      same,
      5,
    );
    expect(hits.map((h) => h.row)).toEqual([0, 1, 2, 3, 4]);
    hits.forEach((h) => expect(h.score).toBeCloseTo(1, 12));
  });
});
