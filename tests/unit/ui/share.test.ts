import { describe, expect, it } from 'vitest';
import { defineSchema, parseParams, shareUrl, tryItSearch, widgetAnchor } from '../../../src/ui';

const schema = defineSchema({
  kernel: {
    kind: 'number',
    label: 'Kernel width',
    default: 3,
    min: 1,
    max: 7,
    integer: true,
    restart: false,
  },
  padding: {
    kind: 'choice',
    label: 'Padding',
    default: 'valid',
    options: [
      { value: 'valid', label: 'valid' },
      { value: 'same', label: 'same' },
    ],
    restart: false,
  },
  on: { kind: 'boolean', label: 'On', default: false, restart: false },
});

describe('shareUrl', () => {
  it('writes the widget values, keeps other keys, drops present and sets the anchor', () => {
    const url = shareUrl(
      'https://book.test/chapters/x?other.a=1&ca.kernel=2&present=cw#intro',
      'cw',
      {
        schema,
        prefix: 'ca.',
        values: { kernel: 5, padding: 'valid', on: true },
      },
    );
    const u = new URL(url);
    expect(u.pathname).toBe('/chapters/x');
    expect(u.hash).toBe(`#${widgetAnchor('cw')}`);
    expect(u.searchParams.get('other.a')).toBe('1');
    expect(u.searchParams.get('ca.kernel')).toBe('5');
    expect(u.searchParams.has('ca.padding')).toBe(false); // the default is not written
    expect(u.searchParams.get('ca.on')).toBe('true');
    expect(u.searchParams.has('present')).toBe(false);
    expect(parseParams(schema, u.searchParams, 'ca.').values).toEqual({
      kernel: 5,
      padding: 'valid',
      on: true,
    });
  });

  it('keeps the query as it is without settings', () => {
    expect(shareUrl('https://book.test/p?a=1', 'w')).toBe('https://book.test/p?a=1#widget-w');
  });
});

describe('tryItSearch', () => {
  it('gives the values the same validation and messages as the same values typed in the URL', () => {
    const set = { kernel: 99, padding: 'diagonal', on: 'yes' };
    const viaTryIt = parseParams(
      schema,
      new URLSearchParams(tryItSearch('', schema, 'ca.', set).search),
      'ca.',
    );
    const viaUrl = parseParams(
      schema,
      new URLSearchParams('ca.kernel=99&ca.padding=diagonal&ca.on=yes'),
      'ca.',
    );
    expect(viaTryIt).toEqual(viaUrl);
    expect(viaTryIt.values).toEqual({ kernel: 7, padding: 'valid', on: true });
    expect(viaTryIt.messages).toContain('Kernel width 99 is above the maximum 7; using 7.');
  });

  it('keeps other keys, replaces its own and reports names the schema lacks', () => {
    const out = tryItSearch('?x.a=1&ca.kernel=2&present=w', schema, 'ca.', {
      kernel: 4,
      stride: 2,
    });
    const params = new URLSearchParams(out.search);
    expect(params.get('x.a')).toBe('1');
    expect(params.get('ca.kernel')).toBe('4');
    expect(params.has('ca.stride')).toBe(false);
    expect(params.has('present')).toBe(false);
    expect(out.unknown).toEqual(['stride']);
  });
});
