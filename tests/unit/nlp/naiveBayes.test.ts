/**
 * MultinomialNB against scikit-learn 1.2.1 (fixture from scripts/fixtures/sklearn_vectorize.py)
 * and by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MultinomialNB,
  type ClassLabel,
  type CsrMatrixData,
  type MultinomialNBOptions,
} from '../../../src/nlp';

interface Csr {
  indptr: number[];
  indices: number[];
  data: number[];
  shape: [number, number];
}
interface Model {
  js: MultinomialNBOptions;
  classes: string[];
  classCount: number[];
  featureCount: number[][];
  classLogPrior: number[];
  featureLogProb: number[][];
  predict: string[];
  predictProba: number[][];
  predictLogProba: number[][];
}
const NB = (
  JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sklearn-vectorize.json'), 'utf8')) as {
    naiveBayes: unknown;
  }
).naiveBayes as {
  X: Csr;
  y: string[];
  Xtest: Csr;
  models: Model[];
  binaryTfidf: {
    X: Csr;
    y: number[];
    Xtest: Csr;
    classes: number[];
    featureLogProb: number[][];
    classLogPrior: number[];
    predictProba: number[][];
    predict: number[];
  };
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

describe('MultinomialNB matches scikit-learn', () => {
  for (const m of NB.models) {
    it(`three classes, ${JSON.stringify(m.js)}`, () => {
      const nb = new MultinomialNB(m.js).fit(csr(NB.X), NB.y);
      expect(nb.classes).toEqual(m.classes);
      expect(Array.from(nb.classCount)).toEqual(m.classCount);
      expectClose(nb.featureCount, m.featureCount);
      expectClose([nb.classLogPrior], [m.classLogPrior]);
      expectClose(nb.featureLogProb, m.featureLogProb);
      const T = csr(NB.Xtest);
      expect(nb.predict(T)).toEqual(m.predict);
      expectClose(nb.predictProba(T), m.predictProba);
      expectClose(nb.predictLogProba(T), m.predictLogProba);
    });
  }
  it('two numeric classes on TF-IDF features, alpha 0.5', () => {
    const b = NB.binaryTfidf;
    const nb = new MultinomialNB({ alpha: 0.5 }).fit(csr(b.X), b.y);
    expect(nb.classes).toEqual(b.classes);
    expectClose(nb.featureLogProb, b.featureLogProb);
    expectClose([nb.classLogPrior], [b.classLogPrior]);
    expectClose(nb.predictProba(csr(b.Xtest)), b.predictProba);
    expect(nb.predict(csr(b.Xtest))).toEqual(b.predict);
  });
});

describe('MultinomialNB by hand', () => {
  // Features (word counts) for two classes:
  //   class "a": [2, 0], [1, 1]  -> N_a = [3, 1], total 4
  //   class "b": [0, 3]          -> N_b = [0, 3], total 3
  // alpha = 1, 2 features: P(f0|a) = (3+1)/(4+2) = 2/3, P(f1|a) = 2/6 = 1/3
  //                        P(f0|b) = (0+1)/(3+2) = 1/5, P(f1|b) = 4/5
  // priors: P(a) = 2/3, P(b) = 1/3
  // x = [1, 0]: P(a) P(f0|a) = 2/3 * 2/3 = 4/9; P(b) P(f0|b) = 1/3 * 1/5 = 1/15
  //   P(a|x) = (4/9) / (4/9 + 1/15) = 20/23
  const X = [
    [2, 0],
    [1, 1],
    [0, 3],
  ];
  const y: ClassLabel[] = ['a', 'a', 'b'];
  it('smoothed likelihoods, priors and posterior', () => {
    const nb = new MultinomialNB().fit(X, y);
    expectClose(nb.featureLogProb, [
      [Math.log(2 / 3), Math.log(1 / 3)],
      [Math.log(1 / 5), Math.log(4 / 5)],
    ]);
    expectClose([nb.classLogPrior], [[Math.log(2 / 3), Math.log(1 / 3)]]);
    expectClose(nb.predictProba([[1, 0]]), [[20 / 23, 3 / 23]]);
    expect(
      nb.predict([
        [1, 0],
        [0, 1],
      ]),
    ).toEqual(['a', 'b']);
  });
  it('fitPrior false uses uniform priors', () => {
    const nb = new MultinomialNB({ fitPrior: false }).fit(X, y);
    expectClose([nb.classLogPrior], [[Math.log(0.5), Math.log(0.5)]]);
  });
  it('alpha 0 is raised to 1e-10 (no -Infinity from an unseen feature)', () => {
    const nb = new MultinomialNB({ alpha: 0 }).fit(X, y);
    expect(nb.alpha).toBe(1e-10);
    expect(Number.isFinite(nb.featureLogProb[1][0])).toBe(true);
  });
  it('refuses negative features, mismatched shapes, bad labels and use before fit', () => {
    expect(() => new MultinomialNB().fit([[1, -1]], ['a'])).toThrow(
      'Negative values in data passed to MultinomialNB (input X).',
    );
    expect(() => new MultinomialNB().fit(X, ['a'])).toThrow(/3 samples but y has 1/);
    expect(() => new MultinomialNB().fit(X, ['a', 1, 'b'])).toThrow(
      /all finite numbers or all strings/,
    );
    expect(() => new MultinomialNB().predict(X)).toThrow(/not fitted/);
    const nb = new MultinomialNB().fit(X, y);
    expect(() => nb.predict([[1, 2, 3]])).toThrow(/3 features.*fitted with 2/);
    expect(() => nb.predict([[1, -2]])).toThrow(/Negative values/);
    expect(() => new MultinomialNB({ alpha: -1 })).toThrow(RangeError);
  });
});
