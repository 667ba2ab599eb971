/**
 * The seeded seq2seq tasks: addition as text and human-written dates -> ISO dates. Determinism,
 * correct targets, the splits (no held-out date, sum or format in training), vocabularies and
 * batch padding.
 */
import { describe, expect, it } from 'vitest';
import {
  additionDataset,
  createSeq2SeqVocab,
  DATE_FORMATS,
  DATE_HELD_OUT_FORMATS,
  datesDataset,
  encodeBatch,
  formatDate,
} from '../../../src/models';

describe('addition task', () => {
  it('is deterministic for a seed, adds correctly and keeps held-out sums out of training', () => {
    const a = additionDataset({ maxDigits: 3, seed: 7, trainSize: 3000 });
    const again = additionDataset({ maxDigits: 3, seed: 7, trainSize: 3000 });
    expect([again.train, again.validation, again.test]).toEqual([a.train, a.validation, a.test]);
    expect(additionDataset({ maxDigits: 3, seed: 8, trainSize: 3000 }).train).not.toEqual(a.train);
    for (const ex of [...a.train, ...a.validation, ...a.test]) {
      const m = /^(\d{1,3})\+(\d{1,3})$/.exec(ex.source);
      expect(m, ex.source).not.toBeNull();
      expect(ex.target).toBe(String(Number(m![1]) + Number(m![2])));
    }
    const train = new Set(a.train.map((e) => e.source));
    expect(a.validation.some((e) => train.has(e.source))).toBe(false);
    expect(a.test.some((e) => train.has(e.source))).toBe(false);
    expect(a.maxSourceLength).toBe(7);
    expect(a.maxTargetLength).toBe(4);
    // Operand lengths are uniform in [1, 3]: one-digit operands are common.
    expect(a.train.filter((e) => /^\d\+/.test(e.source)).length).toBeGreaterThan(700);
  });

  it('reverses the input on request (Sutskever et al. 2014), targets unchanged', () => {
    const plain = additionDataset({ seed: 3, trainSize: 50 });
    const rev = additionDataset({ seed: 3, trainSize: 50, reverseSource: true });
    rev.train.forEach((e, i) => {
      expect(e.source).toBe(Array.from(plain.train[i].source).reverse().join(''));
      expect(e.target).toBe(plain.train[i].target);
    });
  });

  it('refuses bad options', () => {
    expect(() => additionDataset({ maxDigits: 7 })).toThrow(
      /maxDigits must be an integer in \[1, 6\]/,
    );
    expect(() => additionDataset({ trainSize: 0 })).toThrow(/split sizes/);
  });
});

describe('dates task', () => {
  it('renders at least 12 distinct formats, each parseable back to the same date', () => {
    const names = Object.keys(DATE_FORMATS);
    expect(names.length).toBeGreaterThanOrEqual(12);
    const shown = names.map((f) => formatDate('2021-03-03', f));
    expect(new Set(shown).size).toBe(names.length);
    expect(shown).toContain('3rd of March 2021');
    expect(shown).toContain('03/03/21');
    expect(shown).toContain('Mar 3 2021');
    expect(shown).toContain('2021-3-3');
    expect(shown).toContain('Wednesday, March 3, 2021');
    expect(formatDate('1999-12-11', 'ordinal-of')).toBe('11th of December 1999');
    expect(formatDate('2002-01-22', 'lower-ordinal')).toBe('the 22nd of january, 2002');
    expect(() => formatDate('2021-02-30', 'ordinal-of')).toThrow(/not a YYYY-MM-DD date/);
    expect(() => formatDate('2021-02-03', 'nope')).toThrow(/unknown format/);
  });

  it('is deterministic; holds out dates (validation) and formats with dates (test)', () => {
    const d = datesDataset({ seed: 5, trainSize: 5000, validationSize: 300, testSize: 300 });
    const again = datesDataset({ seed: 5, trainSize: 5000, validationSize: 300, testSize: 300 });
    expect([again.train, again.validation, again.test]).toEqual([d.train, d.validation, d.test]);
    const trainDates = new Set(d.train.map((e) => e.target));
    const trainFormats = new Set(d.train.map((e) => e.format));
    for (const f of DATE_HELD_OUT_FORMATS) expect(trainFormats.has(f)).toBe(false);
    expect(trainFormats.size).toBe(Object.keys(DATE_FORMATS).length - DATE_HELD_OUT_FORMATS.length);
    expect(d.validation.every((e) => !trainDates.has(e.target) && trainFormats.has(e.format))).toBe(
      true,
    );
    expect(
      d.test.every((e) => !trainDates.has(e.target) && DATE_HELD_OUT_FORMATS.includes(e.format!)),
    ).toBe(true);
    for (const e of [...d.train, ...d.validation, ...d.test]) {
      expect(e.source.length).toBeLessThanOrEqual(24);
      expect(e.target).toMatch(/^(19[7-9]\d|20[0-3]\d)-\d\d-\d\d$/);
      expect(formatDate(e.target, e.format!)).toBe(e.source);
      expect(Array.from(d.sourceVocab.encode(e.source))).not.toContain(d.sourceVocab.unkId);
    }
  });

  it('refuses an unknown held-out format or no training format', () => {
    expect(() => datesDataset({ heldOutFormats: ['x'] })).toThrow(/unknown held-out format "x"/);
    expect(() => datesDataset({ heldOutFormats: Object.keys(DATE_FORMATS) })).toThrow(
      /training format/,
    );
  });
});

describe('vocabulary and batches', () => {
  it('puts PAD, <s>, </s>, <unk> first and decodes up to END', () => {
    const v = createSeq2SeqVocab('ab');
    expect(v.tokens).toEqual(['<pad>', '<s>', '</s>', '<unk>', 'a', 'b']);
    expect(Array.from(v.encode('abz'))).toEqual([4, 5, 3]);
    expect(v.decode([1, 4, 5, 2, 4])).toBe('ab');
  });

  it('pads sources and shifts targets behind START, END after the last character', () => {
    const v = createSeq2SeqVocab('0123456789+');
    const b = encodeBatch(
      [
        { source: '1+2', target: '3' },
        { source: '10+20', target: '30' },
      ],
      v,
      v,
      5,
      3,
    );
    expect(Array.from(b.sourceLengths)).toEqual([3, 5]);
    expect(Array.from(b.source.slice(0, 5))).toEqual([...v.encode('1+2'), 0, 0]);
    expect(Array.from(b.decoderInput)).toEqual([1, v.idOf('3'), 0, 1, v.idOf('3'), v.idOf('0')]);
    expect(Array.from(b.decoderTarget)).toEqual([v.idOf('3'), 2, 0, v.idOf('3'), v.idOf('0'), 2]);
  });
});
