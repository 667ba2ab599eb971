import { describe, expect, it } from 'vitest';
import {
  LOOKUP_DIM,
  LOOKUP_MATRIX,
  LOOKUP_WORDS,
  changedRows,
  fmt,
  mixVector,
  oneHot,
  parseEntry,
  vectorTimesMatrix,
} from '../../../src/widgets/embedding-lookup/lookup';

const V = LOOKUP_WORDS.length;
const row = (r: number) => LOOKUP_MATRIX.slice(r * LOOKUP_DIM, (r + 1) * LOOKUP_DIM);

describe('embedding lookup arithmetic', () => {
  it('one-hot times E is the row (every word), and matches the chapter example', () => {
    for (let i = 0; i < V; i++) {
      const y = vectorTimesMatrix(oneHot(V, i), LOOKUP_MATRIX, LOOKUP_DIM).map((e) => e.value);
      expect(y).toEqual(row(i));
    }
    const y2 = vectorTimesMatrix(oneHot(V, 1), LOOKUP_MATRIX, LOOKUP_DIM).map((e) => e.value);
    expect(y2).toEqual([0.7, 0.3, -0.5]);
  });

  it('keeps every term of the sum', () => {
    const [first] = vectorTimesMatrix(oneHot(V, 2), LOOKUP_MATRIX, LOOKUP_DIM);
    expect(first.terms).toHaveLength(V);
    expect(first.terms.map((t) => t.x)).toEqual([0, 0, 1, 0, 0]);
    expect(first.terms[2]).toEqual({ x: 1, e: -0.6, product: -0.6 });
  });

  it('a mix of two one-hot vectors gives the weighted mean of the rows', () => {
    const x = mixVector(V, 0, 2, 0.5);
    expect(x).toEqual([0.5, 0, 0.5, 0, 0]);
    const y = vectorTimesMatrix(x, LOOKUP_MATRIX, LOOKUP_DIM).map((e) => e.value);
    y.forEach((v, c) => expect(v).toBeCloseTo((row(0)[c] + row(2)[c]) / 2, 12));
    expect(mixVector(V, 3, 3, 0.3)).toEqual(oneHot(V, 3));
    expect(() => mixVector(V, 0, 1, 1.5)).toThrow(RangeError);
    expect(() => oneHot(V, V)).toThrow(RangeError);
  });

  it('changing an unselected row changes nothing; a selected one changes the output', () => {
    const x = oneHot(V, 1);
    const E = [...LOOKUP_MATRIX];
    E[3 * LOOKUP_DIM + 1] = 5;
    const before = vectorTimesMatrix(x, LOOKUP_MATRIX, LOOKUP_DIM).map((e) => e.value);
    expect(vectorTimesMatrix(x, E, LOOKUP_DIM).map((e) => e.value)).toEqual(before);
    expect(changedRows(LOOKUP_MATRIX, E, LOOKUP_DIM)).toEqual([3]);
    E[1 * LOOKUP_DIM + 0] = -2;
    expect(vectorTimesMatrix(x, E, LOOKUP_DIM)[0].value).toBe(-2);
  });

  it('rejects mismatched sizes and reads typed entries with clear errors', () => {
    expect(() => vectorTimesMatrix([1, 0], LOOKUP_MATRIX, LOOKUP_DIM)).toThrow(RangeError);
    expect(parseEntry(' 0,25 ')).toEqual({ value: 0.25 });
    expect(parseEntry('−1.5')).toEqual({ value: -1.5 });
    expect(parseEntry('')).toEqual({ error: 'Type a number.' });
    expect(parseEntry('abc').error).toMatch(/not a number/);
    expect(parseEntry('1e6').error).toMatch(/between/);
    expect(fmt(-0.5)).toBe('−0.5');
    expect(fmt(-0.0001)).toBe('0');
  });
});
