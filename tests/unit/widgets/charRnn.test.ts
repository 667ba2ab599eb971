import { describe, expect, test } from 'vitest';
import { parseParams } from '../../../src/ui';
import {
  CHAR_LM_EXPLODING_CLIPPED,
  CHAR_LM_EXPLODING_PRESET,
  CHAR_LM_LIMITS,
} from '../../../src/models/rnn/charLmConfig';
import {
  CHAR_RNN_PREFIX,
  charRnnPresets,
  charRnnSchema,
  charRnnTrainSchema,
} from '../../../src/widgets/char-rnn/schema';
import {
  decayPerStep,
  defaultPassage,
  displayChar,
  heatmapChoices,
  pickChoice,
  stepsBackSeries,
  stepsBelow,
  topVaryingUnits,
  unitRows,
} from '../../../src/widgets/char-rnn/views';

describe('char-rnn views', () => {
  test('displayChar makes whitespace and control characters visible, keeps the rest', () => {
    expect([' ', '\n', '\t', '\u0007', 'a', 'é', '\uFFFD', '—'].map(displayChar)).toEqual([
      '␣',
      '↵',
      '⇥',
      '·',
      'a',
      'é',
      '\uFFFD',
      '—',
    ]);
  });

  test('topVaryingUnits ranks units by variance over time, ties by index', () => {
    // T = 3 steps, H = 4 units, row-major [t][u]: unit 2 varies most, unit 0 not at all.
    const values = Float32Array.from([0.5, 0, -1, 0.1, 0.5, 1, 1, 0.1, 0.5, 0, -1, 0.3]);
    expect(topVaryingUnits(values, 3, 4, 4)).toEqual([2, 1, 3, 0]);
    expect(topVaryingUnits(values, 3, 4, 2)).toEqual([2, 1]);
    expect(topVaryingUnits(values, 3, 4, 10)).toHaveLength(4);
    expect(topVaryingUnits(new Float32Array(6), 3, 2, 2)).toEqual([0, 1]);
    expect(() => topVaryingUnits(values, 3, 5, 2)).toThrow(/3×5/);
  });

  test('unitRows transposes the chosen units into rows over time', () => {
    const values = [1, 2, 3, 4, 5, 6]; // T = 2, H = 3
    expect(unitRows(values, 2, 3, [2, 0])).toEqual([
      [3, 6],
      [1, 4],
    ]);
  });

  test('heatmap choices: gates then h; the forget gate is preferred when the choice is gone', () => {
    expect(heatmapChoices(['i', 'f', 'g', 'o'])).toEqual(['i', 'f', 'g', 'o', 'h']);
    expect(heatmapChoices([])).toEqual(['h']);
    expect(pickChoice(['r', 'z', 'n', 'h'], 'f')).toBe('r');
    expect(pickChoice(['i', 'f', 'g', 'o', 'h'], 'z')).toBe('f');
    expect(pickChoice(['i', 'f', 'g', 'o', 'h'], 'o')).toBe('o');
    expect(pickChoice(['h'], 'f')).toBe('h');
  });

  test('stepsBackSeries reverses time and turns vanished (0) or non-finite norms into gaps', () => {
    const s = stepsBackSeries(Float32Array.from([0, 1e-3, Infinity, 0.5, 2]));
    expect(s.x).toEqual([0, 1, 2, 3, 4]);
    expect(s.y[0]).toBe(2);
    expect(s.y[1]).toBe(0.5);
    expect(s.y[2]).toBeNaN();
    expect(s.y[3]).toBeCloseTo(1e-3, 9);
    expect(s.y[4]).toBeNaN();
  });

  test('decayPerStep recovers the ratio of a geometric series; stepsBelow finds the crossing', () => {
    const norms = Float32Array.from({ length: 30 }, (_, t) => 0.5 ** (29 - t));
    const s = stepsBackSeries(norms);
    expect(decayPerStep(s)).toBeCloseTo(0.5, 5);
    // 0.5^7 = 0.0078 < 1/100 (0.5^6 = 0.0156 is not); 0.5^10 = 0.00098 < 1/1000.
    expect(stepsBelow(s, 1e-2)).toBe(7);
    expect(stepsBelow(s, 1e-3)).toBe(10);
    expect(stepsBelow(s, 1e-12)).toBeNull();
    const gap = { x: [0, 1, 2], y: [1, NaN, 0.5] };
    expect(stepsBelow(gap, 0.1)).toBe(1);
    expect(decayPerStep({ x: [0], y: [1] })).toBeNull();
    expect(stepsBelow({ x: [0, 1], y: [NaN, 1] }, 0.5)).toBeNull();
  });

  test('defaultPassage starts at a paragraph and counts code points', () => {
    const text = `${'x'.repeat(20)}\n\n  Call me 🐋 Ishmael. Some years ago`;
    expect(defaultPassage(text, 12, 5)).toBe('Call me 🐋 Is');
    expect(Array.from(defaultPassage(text, 12, 5))).toHaveLength(12);
    expect(defaultPassage('no breaks here', 5, 3)).toBe('break');
  });
});

describe('char-rnn schema', () => {
  test('every bound lies inside the task limits', () => {
    const pairs = [
      ['hidden', 'hiddenSize'],
      ['layers', 'layers'],
      ['seq', 'seqLen'],
      ['lr', 'learningRate'],
      ['clip', 'clipNorm'],
      ['init', 'initScale'],
      ['seed', 'seed'],
    ] as const;
    for (const [key, limit] of pairs) {
      const spec = charRnnTrainSchema[key];
      const [min, max] = CHAR_LM_LIMITS[limit];
      expect(spec.min, key).toBeGreaterThanOrEqual(min);
      expect(spec.max, key).toBeLessThanOrEqual(max);
    }
  });

  test('the exploding presets are the task verified configurations', () => {
    const byName = Object.fromEntries(charRnnPresets.map((p) => [p.name, p.values]));
    const asTask = (v: Record<string, unknown>) => ({
      cell: v.cell,
      hiddenSize: v.hidden,
      layers: v.layers,
      seqLen: v.seq,
      optimizer: v.opt,
      learningRate: v.lr,
      initScale: v.init,
      clipNorm: v.clip,
    });
    expect(asTask(byName.exploding)).toEqual({ ...CHAR_LM_EXPLODING_PRESET });
    expect(asTask(byName['exploding-clipped'])).toEqual({ ...CHAR_LM_EXPLODING_CLIPPED });
    expect(byName.rnn).toEqual({ cell: 'rnn' });
  });

  test('bad URL values are clamped or refused with a message naming the setting', () => {
    const parsed = parseParams(
      charRnnSchema,
      new URLSearchParams(
        `${CHAR_RNN_PREFIX}hidden=4096&${CHAR_RNN_PREFIX}cell=transformer&${CHAR_RNN_PREFIX}clip=-3`,
      ),
      CHAR_RNN_PREFIX,
    );
    expect(parsed.values.hidden).toBe(512);
    expect(parsed.values.cell).toBe('lstm');
    expect(parsed.values.clip).toBe(0);
    const text = parsed.messages.join(' ');
    expect(text).toMatch(/Hidden size/);
    expect(text).toMatch(/Cell/);
    expect(text).toMatch(/Clip/);
  });
});
