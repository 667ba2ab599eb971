import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '../../../src/nlp/vectorize/sparse';
import { TruncatedSVD } from '../../../src/nlp/decomposition/truncatedSvd';
import { luPermuteL, randomizedSvdCsr } from '../../../src/nlp/decomposition/randomizedSvd';

interface Case {
  name: string;
  kind: 'exact' | 'gap';
  X: number[][];
  params: {
    n_components: number;
    n_iter?: number;
    n_oversamples?: number;
    power_iteration_normalizer?: 'LU';
  };
  components: number[][];
  singularValues: number[];
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  transformed: number[][];
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'sklearn-truncated-svd.json'), 'utf8'),
) as { versions: { sklearn: string }; cases: Case[] };

function fitCase(c: Case, randomState = 0) {
  const svd = new TruncatedSVD({
    nComponents: c.params.n_components,
    nIter: c.params.n_iter ?? 5,
    nOversamples: c.params.n_oversamples ?? 10,
    powerIterationNormalizer: c.params.power_iteration_normalizer ?? 'auto',
    randomState,
  });
  const Xt = svd.fitTransform(CsrMatrix.fromDense(c.X));
  return { svd, Xt };
}

function rowsOf(data: Float64Array, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < data.length; i += cols) out.push(Array.from(data.subarray(i, i + cols)));
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(
      tol * Math.max(1, Math.abs(expected[i])),
    );
  }
}

describe('TruncatedSVD vs scikit-learn ' + fixture.versions.sklearn, () => {
  for (const c of fixture.cases.filter((x) => x.kind === 'exact')) {
    it(`${c.name}: exact case (k + p >= rank) matches everything, signs included`, () => {
      const { svd, Xt } = fitCase(c);
      const k = c.params.n_components;
      expectClose(svd.singularValues, c.singularValues, 1e-9);
      expectClose(svd.explainedVariance, c.explainedVariance, 1e-9);
      expectClose(svd.explainedVarianceRatio, c.explainedVarianceRatio, 1e-9);
      expect(svd.components.rows).toBe(k);
      expect(svd.components.cols).toBe(c.X[0].length);
      expectClose(svd.components.data, c.components.flat(), 1e-8);
      expectClose(Xt.data, c.transformed.flat(), 1e-8);
      // transform on the training matrix gives fitTransform's result.
      expectClose(svd.transform(c.X).data, Xt.data, 1e-12);
    });
  }

  const gap = fixture.cases.filter((x) => x.kind === 'gap');
  it('has a spectral-gap case', () => expect(gap.length).toBeGreaterThan(0));
  for (const c of gap) {
    it(`${c.name}: singular values and explained-variance ratio to 1e-3, same subspace`, () => {
      for (const seed of [0, 1, 2]) {
        const { svd } = fitCase(c, seed);
        const k = c.params.n_components;
        const n = c.X[0].length;
        expectClose(svd.singularValues, c.singularValues, 1e-3);
        expectClose(svd.explainedVarianceRatio, c.explainedVarianceRatio, 1e-3);
        const ours = rowsOf(svd.components.data, n);
        for (let j = 0; j < k; j++) {
          // |cos| between our j-th component and scikit-learn's (unit vectors).
          const dot = ours[j].reduce((s, v, i) => s + v * c.components[j][i], 0);
          expect(Math.abs(dot)).toBeGreaterThan(0.999);
        }
      }
    });
  }
});

describe('TruncatedSVD behaviour', () => {
  const c = fixture.cases[0];
  it('components are orthonormal rows', () => {
    const { svd } = fitCase(fixture.cases.find((x) => x.kind === 'gap')!);
    const { rows, cols, data } = svd.components;
    const V = rowsOf(data, cols);
    for (let a = 0; a < rows; a++) {
      for (let b = 0; b < rows; b++) {
        const dot = V[a].reduce((s, v, i) => s + v * V[b][i], 0);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
  });

  it('the same seed gives the same result; onProgress counts 2 nIter + 2 products', () => {
    const calls: number[][] = [];
    const a = new TruncatedSVD({
      nComponents: 2,
      nIter: 3,
      onProgress: (d, t) => calls.push([d, t]),
    });
    const b = new TruncatedSVD({ nComponents: 2, nIter: 3 });
    expect(Array.from(a.fitTransform(c.X).data)).toEqual(Array.from(b.fitTransform(c.X).data));
    expect(calls).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((d) => [d, 8]));
  });

  it('throws clear errors', () => {
    expect(() => new TruncatedSVD({ nComponents: 0 })).toThrow(/nComponents/);
    expect(() => new TruncatedSVD({ nIter: -1 })).toThrow(/nIter/);
    expect(() => new TruncatedSVD({ powerIterationNormalizer: 'qr' as 'QR' })).toThrow(
      /powerIteration/,
    );
    expect(() => new TruncatedSVD({ nComponents: 7 }).fit(c.X)).toThrow(/nFeatures/);
    expect(() => new TruncatedSVD().components).toThrow(/not fitted/);
    const svd = new TruncatedSVD().fit(c.X);
    expect(() => svd.transform([[1, 2, 3]])).toThrow(/3 features/);
    expect(() => new TruncatedSVD().fit([[1], [2]])).toThrow(/2 features/);
  });
});

describe('luPermuteL (scipy.linalg.lu permute_l)', () => {
  it('P L reproduces scipy on a small matrix and spans the same columns', () => {
    // scipy.linalg.lu([[1, 2], [3, 4], [5, 6]], permute_l=True)[0]
    const Y = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const PL = luPermuteL(Y, 3, 2);
    expectClose(PL, [0.2, 1, 0.6, 0.5, 1, 0], 1e-12);
  });
});

describe('randomizedSvdCsr', () => {
  it("'QR', 'LU' and 'none' normalisers agree on an exact case", () => {
    const M = CsrMatrix.fromDense(fixture.cases[0].X);
    const ref = randomizedSvdCsr(M, 3, { powerIterationNormalizer: 'QR' });
    for (const how of ['LU', 'none'] as const) {
      const r = randomizedSvdCsr(M, 3, { powerIterationNormalizer: how, nIter: 3 });
      expectClose(r.s, ref.s, 1e-9);
      expectClose(r.Vt, ref.Vt, 1e-8);
    }
  });
});
