/**
 * The count-based route of chapter 8: co-occurrence counts, PPMI and the truncated SVD, checked
 * against hand arithmetic (Saito's "you say goodbye and i say hello ." example), brute-force
 * dense references and ml-matrix's exact SVD.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  CsrMatrix,
  cooccurrenceMatrix,
  orthonormalize,
  ppmi,
  randomizedSvd,
  svdWordVectors,
} from '../../../src/nlp';
import { mulberry32 } from '../../../src/nlp/ngram/random';

// you=0 say=1 goodbye=2 and=3 i=4 hello=5 .=6 (Saito, Deep Learning from Scratch 2, ch. 2)
const WORDS = ['you', 'say', 'goodbye', 'and', 'i', 'hello', '.'];
const CORPUS = [0, 1, 2, 3, 4, 1, 5, 6];

function expectMatrixClose(actual: number[][], expected: number[][], digits = 10): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], digits)));
}

describe('cooccurrenceMatrix', () => {
  it('counts the window-1 neighbours of "you say goodbye and i say hello ." by hand', () => {
    // Each word's left and right neighbour: say has you, goodbye (1st say) and i, hello (2nd).
    const C = cooccurrenceMatrix(CORPUS, WORDS.length, 1);
    expect(C.toDense()).toEqual([
      [0, 1, 0, 0, 0, 0, 0],
      [1, 0, 1, 0, 1, 1, 0],
      [0, 1, 0, 1, 0, 0, 0],
      [0, 0, 1, 0, 1, 0, 0],
      [0, 1, 0, 1, 0, 0, 0],
      [0, 1, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 1, 0],
    ]);
    expect(C.nnz).toBe(14);
  });

  it('matches a brute-force dense count on random corpora, symmetric, every weighting', () => {
    const rng = mulberry32(3);
    const V = 13;
    const sentences = Array.from({ length: 20 }, () =>
      Array.from({ length: 1 + Math.floor(rng() * 12) }, () => Math.floor(rng() * V)),
    );
    for (const weighting of ['uniform', 'harmonic', 'linear'] as const) {
      for (const w of [1, 2, 4]) {
        const ref = Array.from({ length: V }, () => new Array<number>(V).fill(0));
        for (const s of sentences) {
          for (let i = 0; i < s.length; i++) {
            for (let j = 0; j < s.length; j++) {
              const k = Math.abs(i - j);
              if (k === 0 || k > w) continue;
              ref[s[i]][s[j]] +=
                weighting === 'uniform' ? 1 : weighting === 'harmonic' ? 1 / k : (w - k + 1) / w;
            }
          }
        }
        const C = cooccurrenceMatrix(sentences, V, w, { weighting });
        expectMatrixClose(C.toDense(), ref, 12);
        const d = C.toDense();
        d.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(d[j][i], 12)));
      }
    }
  });

  it('does not count across sentence boundaries, but does across a flat sequence', () => {
    expect(
      cooccurrenceMatrix(
        [
          [0, 1],
          [2, 3],
        ],
        4,
        2,
      ).get(1, 2),
    ).toBe(0);
    expect(cooccurrenceMatrix([0, 1, 2, 3], 4, 2).get(1, 2)).toBe(1);
    expect(cooccurrenceMatrix([0, 1, 2, 3], 4, 2).get(0, 2)).toBe(1);
    expect(cooccurrenceMatrix([0, 1, 2, 3], 4, 2).get(0, 3)).toBe(0);
  });

  it('weights a context at distance k by 1/k (harmonic) and (w - k + 1)/w (linear)', () => {
    expect(cooccurrenceMatrix([0, 1, 2], 3, 2, { weighting: 'harmonic' }).get(0, 2)).toBe(0.5);
    expect(cooccurrenceMatrix([0, 1, 2], 3, 2, { weighting: 'linear' }).get(0, 2)).toBe(0.5);
    expect(cooccurrenceMatrix([0, 1, 2], 3, 4, { weighting: 'linear' }).get(0, 2)).toBe(0.75);
  });

  it('gives an all-zero matrix for an empty corpus and rejects bad input clearly', () => {
    expect(cooccurrenceMatrix([], 3, 2).nnz).toBe(0);
    expect(() => cooccurrenceMatrix([0, 3], 3, 1)).toThrow(/id 3 at sentence 0, position 1/);
    expect(() => cooccurrenceMatrix([[0], [1, -1]], 3, 1)).toThrow(/sentence 1, position 1/);
    expect(() => cooccurrenceMatrix([0, 1], 3, 0)).toThrow(/windowSize/);
    expect(() => cooccurrenceMatrix([0, 1], 3, 1.5)).toThrow(/windowSize/);
    expect(() => cooccurrenceMatrix([0, 1], 0, 1)).toThrow(/vocabSize/);
  });
});

describe('ppmi', () => {
  it('reproduces the hand-computed PPMI of the Saito example (window 1)', () => {
    // N = 14 (sum of C); row sums: you 1, say 4, goodbye 2, and 2, i 2, hello 2, . 1.
    // PPMI(x, y) = log2(C[x, y] * N / (S[x] * S[y])):
    //   you-say:       log2(1 * 14 / (1 * 4)) = log2(3.5)  = 1.807
    //   say-goodbye, say-i, say-hello: log2(14 / (4 * 2)) = log2(1.75) = 0.807
    //   goodbye-and, and-i: log2(14 / (2 * 2)) = log2(3.5) = 1.807
    //   hello-.:       log2(14 / (2 * 1)) = log2(7)    = 2.807
    const a = Math.log2(3.5);
    const b = Math.log2(1.75);
    const c = Math.log2(7);
    const W = ppmi(cooccurrenceMatrix(CORPUS, WORDS.length, 1), { eps: 0 });
    expectMatrixClose(W.toDense(), [
      [0, a, 0, 0, 0, 0, 0],
      [a, 0, b, 0, b, b, 0],
      [0, b, 0, a, 0, 0, 0],
      [0, 0, a, 0, a, 0, 0],
      [0, b, 0, a, 0, 0, 0],
      [0, b, 0, 0, 0, 0, c],
      [0, 0, 0, 0, 0, c, 0],
    ]);
    // Saito's printed values (3 decimals) with his default eps = 1e-8.
    const saito = ppmi(cooccurrenceMatrix(CORPUS, WORDS.length, 1));
    expect(saito.get(0, 1)).toBeCloseTo(1.807, 3);
    expect(saito.get(1, 2)).toBeCloseTo(0.807, 3);
    expect(saito.get(5, 6)).toBeCloseTo(2.807, 3);
  });

  it('drops negative PMI (clips at 0) and keeps only positive entries', () => {
    // N = 22, row sums 11, 11: PMI(0,1) = log2(1 * 22 / 121) < 0, PMI(0,0) = log2(10 * 22 / 121).
    const W = ppmi(
      CsrMatrix.fromDense([
        [10, 1],
        [1, 10],
      ]),
      { eps: 0 },
    );
    expect(W.nnz).toBe(2);
    expect(W.get(0, 1)).toBe(0);
    expect(W.get(0, 0)).toBeCloseTo(Math.log2(220 / 121), 12);
  });

  it('smooths the context distribution with alpha (Levy et al. 2015)', () => {
    // C = [[2, 1], [1, 0]]: row sums 3, 1; column sums 3, 1. alpha = 0.5:
    // P_a(0) = 3^.5 / (3^.5 + 1), P_a(1) = 1 / (3^.5 + 1); P(x) = rowsum / N, N = 4.
    const C = CsrMatrix.fromDense([
      [2, 1],
      [1, 0],
    ]);
    const z = Math.sqrt(3) + 1;
    const W = ppmi(C, { eps: 0, alpha: 0.5 });
    const pmi = (cxy: number, rx: number, py: number) => Math.log2(cxy / 4 / ((rx / 4) * py));
    expect(W.get(0, 0)).toBeCloseTo(Math.max(0, pmi(2, 3, Math.sqrt(3) / z)), 12);
    expect(W.get(0, 1)).toBeCloseTo(Math.max(0, pmi(1, 3, 1 / z)), 12);
    expect(W.get(1, 0)).toBeCloseTo(Math.max(0, pmi(1, 1, Math.sqrt(3) / z)), 12);
    // Smoothing raises the rare context's probability (0.25 -> 0.366), lowering its PMI from
    // log2(1 * 4 / (3 * 1)) = 0.415 to log2(0.25 / (0.75 * 0.366)) = -0.135, clipped to 0.
    expect(W.get(0, 1)).toBe(0);
    expect(ppmi(C, { eps: 0 }).get(0, 1)).toBeCloseTo(Math.log2(4 / 3), 12);
  });

  it('rejects negative counts and bad options', () => {
    expect(() => ppmi(CsrMatrix.fromDense([[1, -1]]))).toThrow(/C\[0, 1\] = -1/);
    expect(() => ppmi(CsrMatrix.fromDense([[1]]), { eps: -1 })).toThrow(/eps/);
    expect(() => ppmi(CsrMatrix.fromDense([[1]]), { alpha: 0 })).toThrow(/alpha/);
    expect(() => ppmi(CsrMatrix.fromDense([[1]]), { alpha: NaN })).toThrow(/alpha/);
  });
});

function gaussianMatrix(rows: number, cols: number, seed: number): number[][] {
  const rng = mulberry32(seed);
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => {
      const u = 1 - rng();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
    }),
  );
}

/** Random orthonormal columns (rows x k), row-major. */
function randomOrthonormal(rows: number, k: number, seed: number): Float64Array {
  return orthonormalize(Float64Array.from(gaussianMatrix(rows, k, seed).flat()), rows, k);
}

describe('randomizedSvd', () => {
  it('matches ml-matrix exact SVD and reconstructs A when k + p covers the rank', () => {
    const A = gaussianMatrix(9, 6, 1);
    const { U, S, V, k } = randomizedSvd(CsrMatrix.fromDense(A), 6, { nOversamples: 0 });
    const exact = new SingularValueDecomposition(new Matrix(A));
    exact.diagonal.forEach((s, i) => expect(S[i]).toBeCloseTo(s, 9));
    const rebuilt = A.map((row, i) =>
      row.map((_, j) => {
        let s = 0;
        for (let c = 0; c < k; c++) s += U[i * k + c] * S[c] * V[j * k + c];
        return s;
      }),
    );
    expectMatrixClose(rebuilt, A, 9);
    // Columns of U agree with the exact ones up to sign.
    const Ue = exact.leftSingularVectors;
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let i = 0; i < 9; i++) dot += U[i * k + c] * Ue.get(i, c);
      expect(Math.abs(dot)).toBeCloseTo(1, 8);
    }
  });

  it('recovers the top singular values and subspace of a planted low-rank matrix', () => {
    const m = 300;
    const n = 200;
    const r = 5;
    const sigma = [50, 40, 30, 20, 10];
    const P = randomOrthonormal(m, r, 11);
    const Q = randomOrthonormal(n, r, 12);
    const noise = gaussianMatrix(m, n, 13);
    const A = Array.from({ length: m }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        let s = 0.01 * noise[i][j];
        for (let c = 0; c < r; c++) s += P[i * r + c] * sigma[c] * Q[j * r + c];
        return s;
      }),
    );
    const { U, S } = randomizedSvd(CsrMatrix.fromDense(A), 3, { seed: 5 });
    // Noise of spectral norm ~0.01 * (sqrt(m) + sqrt(n)) = 0.31 perturbs each value by < 0.31.
    for (let c = 0; c < 3; c++) expect(Math.abs(S[c] - sigma[c])).toBeLessThan(0.35);
    for (let c = 0; c < 3; c++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += U[i * 3 + c] * P[i * r + c];
      expect(Math.abs(dot)).toBeGreaterThan(0.999);
    }
    // The same seed gives the same result; signs follow svd_flip (largest |entry| positive).
    expect(randomizedSvd(CsrMatrix.fromDense(A), 3, { seed: 5 }).U).toEqual(U);
    for (let c = 0; c < 3; c++) {
      let best = 0;
      for (let i = 0; i < m; i++) if (Math.abs(U[i * 3 + c]) > Math.abs(best)) best = U[i * 3 + c];
      expect(best).toBeGreaterThan(0);
    }
  });

  it('returns orthonormal singular vectors', () => {
    const A = CsrMatrix.fromDense(gaussianMatrix(40, 30, 2));
    const progress: number[][] = [];
    const { U, V, k } = randomizedSvd(A, 8, {
      nIter: 2,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(progress).toEqual([
      [1, 6],
      [3, 6],
      [5, 6],
      [6, 6],
    ]);
    for (const [M, rows] of [
      [U, 40],
      [V, 30],
    ] as const) {
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          let s = 0;
          for (let i = 0; i < rows; i++) s += M[i * k + a] * M[i * k + b];
          expect(s).toBeCloseTo(a === b ? 1 : 0, 9);
        }
      }
    }
  });

  it('rejects a bad k or options', () => {
    const A = CsrMatrix.fromDense(gaussianMatrix(4, 3, 2));
    expect(() => randomizedSvd(A, 4)).toThrow(/k must be an integer in \[1, 3\]/);
    expect(() => randomizedSvd(A, 0)).toThrow(/k must/);
    expect(() => randomizedSvd(A, 2, { nIter: -1 })).toThrow(/nIter/);
    expect(() => randomizedSvd(A, 2, { nOversamples: 1.5 })).toThrow(/nOversamples/);
  });
});

describe('svdWordVectors', () => {
  it('is U_k S_k^p, and PPMI + SVD puts words with the same contexts together', () => {
    const W = ppmi(cooccurrenceMatrix(CORPUS, WORDS.length, 1));
    const { U, S } = randomizedSvd(W, 2);
    const half = svdWordVectors(W, 2, { power: 0.5 });
    for (let i = 0; i < WORDS.length; i++) {
      for (let c = 0; c < 2; c++) {
        expect(half.vectors[i * 2 + c]).toBeCloseTo(U[i * 2 + c] * Math.sqrt(S[c]), 5);
      }
    }
    expect(Array.from(half.singularValues)).toEqual(Array.from(S));
    expect(() => svdWordVectors(W, 2, { power: 2 })).toThrow(/power/);
    // goodbye and i share their contexts (say, and / and, say): identical PPMI rows up to order.
    const full = svdWordVectors(W, 6).vectors;
    const row = (i: number) => Array.from(full.subarray(i * 6, i * 6 + 6));
    const cos = (x: number[], y: number[]) =>
      x.reduce((s, v, t) => s + v * y[t], 0) /
      Math.sqrt(x.reduce((s, v) => s + v * v, 0) * y.reduce((s, v) => s + v * v, 0));
    expect(cos(row(2), row(4))).toBeCloseTo(1, 6);
    expect(cos(row(2), row(6))).toBeLessThan(0.5);
  });
});
