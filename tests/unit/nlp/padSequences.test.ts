/**
 * Keras pad_sequences semantics (keras_preprocessing/sequence.py).
 */
import { describe, expect, it } from 'vitest';
import { matrixToArrays, padSequences } from '../../../src/nlp';

const SEQS = [[1, 2, 3], [4, 5], [6]];

describe('padSequences', () => {
  it('pads at the front by default to the longest length, with 0', () => {
    const m = padSequences(SEQS);
    expect(m.data).toBeInstanceOf(Int32Array);
    expect([m.rows, m.cols]).toEqual([3, 3]);
    expect(matrixToArrays(m)).toEqual([
      [1, 2, 3],
      [0, 4, 5],
      [0, 0, 6],
    ]);
  });

  it("pads at the end with padding 'post'", () => {
    expect(matrixToArrays(padSequences(SEQS, { padding: 'post' }))).toEqual([
      [1, 2, 3],
      [4, 5, 0],
      [6, 0, 0],
    ]);
  });

  it("truncating 'pre' keeps the end, 'post' keeps the start", () => {
    expect(matrixToArrays(padSequences(SEQS, { maxlen: 2 }))).toEqual([
      [2, 3],
      [4, 5],
      [0, 6],
    ]);
    expect(
      matrixToArrays(padSequences(SEQS, { maxlen: 2, truncating: 'post', padding: 'post' })),
    ).toEqual([
      [1, 2],
      [4, 5],
      [6, 0],
    ]);
  });

  it('pads with a custom value to a maxlen longer than every sequence', () => {
    expect(matrixToArrays(padSequences([[1, 2]], { maxlen: 4, value: -1 }))).toEqual([
      [-1, -1, 1, 2],
    ]);
  });

  it('gives a row of padding for an empty sequence, and handles empty input', () => {
    expect(matrixToArrays(padSequences([[], [7]]))).toEqual([[0], [7]]);
    expect(matrixToArrays(padSequences([[], []], { maxlen: 2 }))).toEqual([
      [0, 0],
      [0, 0],
    ]);
    const none = padSequences([]);
    expect([none.rows, none.cols, none.data.length]).toEqual([0, 0, 0]);
    const noneWide = padSequences([], { maxlen: 4 });
    expect([noneWide.rows, noneWide.cols]).toEqual([0, 4]);
    expect(matrixToArrays(padSequences([[1, 2]], { maxlen: 0 }))).toEqual([[]]);
  });

  it('casts like numpy: int32 truncates toward zero; float32 keeps fractions', () => {
    expect(matrixToArrays(padSequences([[1.9, -1.7]], { maxlen: 3, value: 0.5 }))).toEqual([
      [0, 1, -1],
    ]);
    const f = padSequences([[1.5]], { maxlen: 2, dtype: 'float32', value: 0.25 });
    expect(f.data).toBeInstanceOf(Float32Array);
    expect(Array.from(f.data)).toEqual([0.25, 1.5]);
  });

  it('rejects bad options and inputs with clear messages', () => {
    expect(() => padSequences(SEQS, { padding: 'middle' as 'pre' })).toThrow(
      /Padding type "middle" not understood/,
    );
    expect(() => padSequences(SEQS, { truncating: 'end' as 'pre' })).toThrow(
      /Truncating type "end" not understood/,
    );
    expect(() => padSequences(SEQS, { maxlen: -1 })).toThrow(RangeError);
    expect(() => padSequences([[1], 2 as unknown as number[]])).toThrow(/sequences\[1\]/);
    expect(() => padSequences([['a' as unknown as number]])).toThrow(/only numbers/);
  });
});
