/**
 * TF-IDF by hand on a three-document corpus (scikit-learn 1.2 definitions):
 *   d0 "aa bb", d1 "aa cc", d2 "aa bb bb"; n = 3; columns aa, bb, cc; df = 3, 2, 1.
 * smooth idf = ln((1 + n) / (1 + df)) + 1:
 *   aa: ln(4/4) + 1 = 1;  bb: ln(4/3) + 1 = 1.2876820724517808;  cc: ln(4/2) + 1 = 1.6931471805599454
 */
import { describe, expect, it } from 'vitest';
import { CountVectorizer, CsrMatrix, TfidfTransformer, TfidfVectorizer } from '../../../src/nlp';

const DOCS = ['aa bb', 'aa cc', 'aa bb bb'];
const IDF_BB = 1.2876820724517808;
const IDF_CC = 1.6931471805599454;

function expectRows(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 12)));
}

describe('TfidfVectorizer by hand', () => {
  it('smooth idf', () => {
    const tv = new TfidfVectorizer().fit(DOCS);
    expectRows([Array.from(tv.idf)], [[1, IDF_BB, IDF_CC]]);
  });

  it('default: tf x idf, then unit L2 rows', () => {
    // d0: [1, 1.28768, 0] / sqrt(1 + 1.28768^2) = [0.61336, 0.78981, 0]
    // d1: [1, 0, 1.69315] / sqrt(1 + 1.69315^2) = [0.50854, 0, 0.86104]
    // d2: [1, 2 * 1.28768, 0] / sqrt(1 + 4 * 1.28768^2) = [0.36197, 0.93219, 0]
    const X = new TfidfVectorizer().fitTransform(DOCS);
    expectRows(X.toDense(), [
      [0.6133555370249717, 0.7898069290660905, 0],
      [0.5085423203783267, 0, 0.8610369959439764],
      [0.3619650009883935, 0.9321916852554909, 0],
    ]);
    for (let i = 0; i < 3; i++) {
      const { data } = X.getRow(i);
      expect(data.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 12);
    }
  });

  it('smoothIdf false: ln(n / df) + 1', () => {
    // aa: ln(3/3) + 1 = 1; bb: ln(3/2) + 1 = 1.4054651081081644; cc: ln(3/1) + 1 = 2.09861228866811
    const tv = new TfidfVectorizer({ smoothIdf: false }).fit(DOCS);
    expectRows([Array.from(tv.idf)], [[1, 1.4054651081081644, 2.09861228866811]]);
  });

  it('sublinearTf: tf = 1 + ln(count)', () => {
    // d2: bb count 2 -> 1 + ln 2 = 1.69315; [1, 1.69315 * 1.28768] normalized = [0.41690, 0.90895]
    const X = new TfidfVectorizer({ sublinearTf: true }).fitTransform(DOCS);
    expectRows([Array.from(X.denseRow(2))], [[0.4169046512765058, 0.9089502251190739, 0]]);
  });

  it('norm l1 and null', () => {
    // d2 l1: [1, 2.57536] / (1 + 2.57536) = [0.27969, 0.72031]
    const l1 = new TfidfVectorizer({ norm: 'l1' }).fitTransform(DOCS);
    expectRows([Array.from(l1.denseRow(2))], [[0.27969179067408617, 0.7203082093259139, 0]]);
    const raw = new TfidfVectorizer({ norm: null }).fitTransform(DOCS);
    expectRows(raw.toDense(), [
      [1, IDF_BB, 0],
      [1, 0, IDF_CC],
      [1, 2 * IDF_BB, 0],
    ]);
  });

  it('useIdf false: normalized counts', () => {
    const X = new TfidfVectorizer({ useIdf: false }).fitTransform(DOCS);
    // d2: [1, 2] / sqrt(5)
    expectRows([Array.from(X.denseRow(2))], [[1 / Math.sqrt(5), 2 / Math.sqrt(5), 0]]);
  });

  it('transform uses the fitted idf; an all-unknown document is a zero row', () => {
    const tv = new TfidfVectorizer().fit(DOCS);
    const Q = tv.transform(['cc cc zz', 'zz']);
    expect(Q.toDense()).toEqual([
      [0, 0, 1],
      [0, 0, 0],
    ]);
    expect(Q.getRow(1).indices.length).toBe(0);
  });

  it('TfidfTransformer on counts equals TfidfVectorizer', () => {
    const counts = new CountVectorizer().fitTransform(DOCS);
    const a = new TfidfTransformer().fitTransform(counts);
    expect(a.toDense()).toEqual(new TfidfVectorizer().fitTransform(DOCS).toDense());
    // the counts are not modified
    expect(counts.toDense()).toEqual([
      [1, 1, 0],
      [1, 0, 1],
      [1, 2, 0],
    ]);
  });

  it('TfidfTransformer refuses a matrix of another width and use before fit', () => {
    const t = new TfidfTransformer();
    const m = CsrMatrix.fromDense([[1, 2]]);
    expect(() => t.transform(m)).toThrow(/not fitted yet/);
    t.fit(m);
    expect(() => t.transform(CsrMatrix.fromDense([[1, 2, 3]]))).toThrow(/3 columns.*2/);
  });
});
