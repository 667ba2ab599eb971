import { describe, expect, it } from 'vitest';
import { BOX_CHARS, splitForBox } from '../../../src/widgets/pipeline-explorer/boxText';

describe('splitForBox', () => {
  it('keeps a short text whole', () => {
    expect(splitForBox('one\ntwo')).toEqual({ head: 'one\ntwo', tail: '' });
    const exact = 'x'.repeat(BOX_CHARS);
    expect(splitForBox(exact)).toEqual({ head: exact, tail: '' });
  });

  it('cuts a long text after the last line break in the last half, losing nothing', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `document ${i} `.repeat(3));
    const text = lines.join('\n');
    const { head, tail } = splitForBox(text, 200);
    expect(head + tail).toBe(text);
    expect(head.length).toBeLessThanOrEqual(200);
    expect(head.endsWith('\n')).toBe(true);
    expect(head.length).toBeGreaterThan(100);
    expect(tail.startsWith('document')).toBe(true);
  });

  it('cuts at the limit when no line break is near, never inside a surrogate pair', () => {
    const text = 'a'.repeat(9) + '😀' + 'b'.repeat(20);
    // '😀' is two code units at indices 9 and 10: a cut at 10 would split it.
    const { head, tail } = splitForBox(text, 10);
    expect(head).toBe('a'.repeat(9));
    expect(head + tail).toBe(text);
    const plain = splitForBox('c'.repeat(30), 10);
    expect(plain.head).toBe('c'.repeat(10));
  });

  it('rejects a limit that is not an integer of at least 2', () => {
    expect(() => splitForBox('abc', 1)).toThrow(RangeError);
    expect(() => splitForBox('abc', 2.5)).toThrow(/integer/);
  });
});
