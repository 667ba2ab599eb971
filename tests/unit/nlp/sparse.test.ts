/** The CSR matrix: construction checks, row access, dense conversion, plain-object round trip. */
import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '../../../src/nlp';

describe('CsrMatrix', () => {
  // [[0, 2, 0], [0, 0, 0], [1, 0, 3]]
  const m = new CsrMatrix(
    Int32Array.from([0, 1, 1, 3]),
    Int32Array.from([1, 0, 2]),
    Float64Array.from([2, 1, 3]),
    [3, 3],
  );

  it('reads rows, elements and the dense form', () => {
    expect(m.nnz).toBe(3);
    expect(m.rows).toBe(3);
    expect(m.cols).toBe(3);
    expect(Array.from(m.getRow(2).indices)).toEqual([0, 2]);
    expect(Array.from(m.getRow(1).data)).toEqual([]);
    expect(m.get(2, 2)).toBe(3);
    expect(m.get(2, 1)).toBe(0);
    expect(m.toDense()).toEqual([
      [0, 2, 0],
      [0, 0, 0],
      [1, 0, 3],
    ]);
    expect(() => m.getRow(3)).toThrow(RangeError);
  });

  it('round-trips through fromDense and through structuredClone (as postMessage does)', () => {
    expect(CsrMatrix.fromDense(m.toDense()).toDense()).toEqual(m.toDense());
    const copy = CsrMatrix.from(structuredClone(m.toJSON()));
    expect(copy).toBeInstanceOf(CsrMatrix);
    expect(copy.toDense()).toEqual(m.toDense());
  });

  it('refuses inconsistent arrays', () => {
    const ptr = Int32Array.from([0, 2]);
    const val = Float64Array.from([1, 1]);
    expect(() => new CsrMatrix(ptr, Int32Array.from([1, 0]), val, [1, 3])).toThrow(/out of order/);
    expect(() => new CsrMatrix(ptr, Int32Array.from([0, 3]), val, [1, 3])).toThrow(/out of range/);
    expect(() => new CsrMatrix(ptr, Int32Array.from([0]), val, [1, 3])).toThrow(/nnz/);
    expect(() => new CsrMatrix(ptr, Int32Array.from([0, 1]), val, [2, 3])).toThrow(/indptr/);
    expect(() => CsrMatrix.fromDense([[1, 2], [3]])).toThrow(/row 1 has 1 columns/);
    expect(() => CsrMatrix.fromDense([[1, NaN]])).toThrow(/not a number/);
  });
});
