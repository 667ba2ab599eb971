import { describe, expect, it } from 'vitest';
import {
  defaults,
  defineSchema,
  needsRestart,
  presetValues,
  type NumberSpec,
} from '../../../src/ui/schema';
import {
  canonicalParams,
  mergeParams,
  parseParams,
  serializeParams,
} from '../../../src/ui/urlParams';
import { formatNumber, validateValue } from '../../../src/ui/validate';

const schema = defineSchema({
  lr: {
    kind: 'number',
    label: 'Learning rate',
    default: 0.1,
    min: 1e-4,
    max: 1,
    scale: 'log',
    restart: false,
  },
  hidden: {
    kind: 'number',
    label: 'Hidden units',
    default: 16,
    min: 1,
    max: 256,
    integer: true,
    restart: true,
  },
  optimizer: {
    kind: 'choice',
    label: 'Optimizer',
    default: 'adam',
    options: [
      { value: 'sgd', label: 'SGD' },
      { value: 'adam', label: 'Adam' },
    ],
    restart: true,
  },
  lowercase: { kind: 'boolean', label: 'Lowercase', default: true, restart: false },
  text: { kind: 'text', label: 'Sentence', default: 'The cat sat.', maxLength: 10, restart: false },
});

const lr = schema.lr as NumberSpec;

describe('validateValue: numbers', () => {
  it('accepts in-range numbers and numeric strings unchanged', () => {
    expect(validateValue(lr, 0.01)).toEqual({ value: 0.01 });
    expect(validateValue(lr, '0.5')).toEqual({ value: 0.5 });
    expect(validateValue(lr, ' 1e-3 ')).toEqual({ value: 0.001 });
    expect(validateValue(lr, '.25')).toEqual({ value: 0.25 });
  });

  it('clamps values above the maximum with a message naming the label', () => {
    const v = validateValue(lr, '1e9');
    expect(v.value).toBe(1);
    expect(v.message).toBe('Learning rate 1e9 is above the maximum 1; using 1.');
  });

  it('clamps values below the minimum', () => {
    const v = validateValue(lr, 0);
    expect(v.value).toBe(1e-4);
    expect(v.message).toMatch(/below the minimum 1e-4; using 1e-4/);
  });

  it.each(['abc', '', '1e9x', '0x10', 'Infinity', '-Infinity', 'NaN', '1,5', '--1'])(
    'rejects %j and falls back to the default with the allowed range',
    (raw) => {
      const v = validateValue(lr, raw);
      expect(v.value).toBe(0.1);
      expect(v.message).toContain('Learning rate');
      expect(v.message).toContain('1e-4 to 1');
    },
  );

  it('rejects non-finite numbers and non-number types', () => {
    for (const raw of [NaN, Infinity, -Infinity, null, undefined, true, {}]) {
      const v = validateValue(lr, raw);
      expect(v.value).toBe(0.1);
      expect(v.message).toBeDefined();
    }
  });

  it('rounds integers with a message, staying inside the bounds', () => {
    const hidden = schema.hidden as NumberSpec;
    expect(validateValue(hidden, '12.5')).toEqual({
      value: 13,
      message: 'Hidden units 12.5 is not a whole number; using 13.',
    });
    expect(validateValue(hidden, 12.4).value).toBe(12);
    expect(validateValue(hidden, 32)).toEqual({ value: 32 });
    const odd: NumberSpec = { ...hidden, min: 0.5, max: 9.8 };
    expect(validateValue(odd, 9.6).value).toBe(9);
    expect(validateValue(odd, 0.6).value).toBe(1);
  });
});

describe('validateValue: choice, boolean, text', () => {
  it('accepts only listed choices', () => {
    expect(validateValue(schema.optimizer, 'sgd')).toEqual({ value: 'sgd' });
    const bad = validateValue(schema.optimizer, 'rmsprop');
    expect(bad.value).toBe('adam');
    expect(bad.message).toContain('sgd, adam');
    expect(validateValue(schema.optimizer, 'SGD').value).toBe('adam');
  });

  it('parses booleans leniently but rejects other words', () => {
    expect(validateValue(schema.lowercase, 'false')).toEqual({ value: false });
    expect(validateValue(schema.lowercase, '0')).toEqual({ value: false });
    expect(validateValue(schema.lowercase, 'on')).toEqual({ value: true });
    expect(validateValue(schema.lowercase, false)).toEqual({ value: false });
    const bad = validateValue(schema.lowercase, 'maybe');
    expect(bad.value).toBe(true);
    expect(bad.message).toContain('Lowercase');
  });

  it('cuts text to maxLength with a message and keeps short text as is', () => {
    expect(validateValue(schema.text, 'short')).toEqual({ value: 'short' });
    const long = validateValue(schema.text, 'abcdefghijklmnop');
    expect(long.value).toBe('abcdefghij');
    expect(long.message).toContain('first 10');
    expect(validateValue(schema.text, 42).value).toBe('The cat sat.');
  });

  it("keeps the end of an over-long text with keep: 'end' (a language model's context)", () => {
    const spec = { ...schema.text, keep: 'end' as const };
    const long = validateValue(spec, 'abcdefghijklmnop');
    expect(long.value).toBe('ghijklmnop');
    expect(long.message).toContain('last 10');
  });

  it('never cuts a surrogate pair in half', () => {
    // '😀' is two UTF-16 code units; a plain slice at 10 would keep a lone high surrogate.
    const start = validateValue(schema.text, 'abcdefghi😀xyz');
    expect(start.value).toBe('abcdefghi');
    const end = validateValue({ ...schema.text, keep: 'end' as const }, 'xyz😀abcdefghi');
    expect(end.value).toBe('abcdefghi');
  });
});

describe('parseParams / serializeParams', () => {
  it('uses defaults for missing keys and ignores unknown keys', () => {
    const { values, messages } = parseParams(schema, new URLSearchParams('foo=1&x.lr=0.5'));
    expect(values).toEqual(defaults(schema));
    expect(messages).toEqual([]);
  });

  it('reads prefixed keys and reports every bad value', () => {
    const p = new URLSearchParams('w.lr=abc&w.hidden=1000&w.optimizer=sgd&w.lowercase=false');
    const { values, messages } = parseParams(schema, p, 'w.');
    expect(values).toEqual({
      ...defaults(schema),
      hidden: 256,
      optimizer: 'sgd',
      lowercase: false,
    });
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('Learning rate');
    expect(messages[1]).toContain('Hidden units 1000 is above the maximum 256');
  });

  it('writes only non-default values', () => {
    expect(serializeParams(schema, defaults(schema)).toString()).toBe('');
    const values = { ...defaults(schema), lr: 0.003, lowercase: false };
    expect(serializeParams(schema, values, 'a.').toString()).toBe('a.lr=0.003&a.lowercase=false');
  });

  it('round-trips values through the URL with a prefix', () => {
    const values = {
      lr: 1e-4,
      hidden: 200,
      optimizer: 'sgd' as const,
      lowercase: false,
      text: 'a & b=c ?',
    };
    const url = serializeParams(schema, values, 'clf.');
    const back = parseParams(schema, new URLSearchParams(url.toString()), 'clf.');
    expect(back.values).toEqual(values);
    expect(back.messages).toEqual([]);
    // Another prefix sees nothing.
    expect(parseParams(schema, url, 'other.').values).toEqual(defaults(schema));
  });

  it('merges into an existing URL, keeping other keys and replacing ours', () => {
    const current = new URLSearchParams('backend=wasm&w.lr=0.5&v.lr=0.2&w.hidden=8');
    const merged = mergeParams(current, schema, { ...defaults(schema), lr: 0.01 }, 'w.');
    expect(merged.get('backend')).toBe('wasm');
    expect(merged.get('v.lr')).toBe('0.2');
    expect(merged.get('w.lr')).toBe('0.01');
    expect(merged.has('w.hidden')).toBe(false); // back to default: removed
  });

  it('canonicalParams ignores invalid and default-valued keys', () => {
    const a = canonicalParams(schema, new URLSearchParams('lr=0.1&hidden=abc&z=1'));
    expect(a).toBe('');
    expect(canonicalParams(schema, new URLSearchParams('hidden=8.2'))).toBe('hidden=8');
  });
});

describe('needsRestart and presets', () => {
  it('lists only changed params that need a restart', () => {
    const before = defaults(schema);
    expect(needsRestart(schema, before, before)).toEqual([]);
    const after = { ...before, lr: 0.5, hidden: 32, optimizer: 'sgd' as const };
    expect(needsRestart(schema, before, after)).toEqual(['hidden', 'optimizer']);
  });

  it('applies presets over the defaults and validates them', () => {
    const pv = presetValues(schema, {
      name: 'big',
      label: 'Big',
      values: { hidden: 512, lowercase: false },
    });
    expect(pv.values).toEqual({ ...defaults(schema), hidden: 256, lowercase: false });
    expect(pv.messages).toHaveLength(1);
  });
});

describe('formatNumber', () => {
  it('is compact and readable', () => {
    expect(formatNumber(0.1)).toBe('0.1');
    expect(formatNumber(1e-7)).toBe('1e-7');
    expect(formatNumber(2500)).toBe('2500');
    expect(formatNumber(1.5e6)).toBe('1.5e6');
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(-0.00025)).toBe('-2.5e-4');
  });
});
