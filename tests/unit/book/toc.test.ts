import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { buildToc, pickActiveHeading, textOfChildren, tocIds } from '../../../src/book/toc';

describe('buildToc', () => {
  it('nests h3s under the preceding h2 and keeps document order', () => {
    const toc = buildToc([
      { level: 2, id: 'a', text: 'A' },
      { level: 3, id: 'a1', text: 'A.1' },
      { level: 3, id: 'a2', text: 'A.2' },
      { level: 2, id: 'b', text: 'B' },
      { level: 3, id: 'b1', text: 'B.1' },
    ]);
    expect(toc).toEqual([
      {
        id: 'a',
        text: 'A',
        children: [
          { id: 'a1', text: 'A.1' },
          { id: 'a2', text: 'A.2' },
        ],
      },
      { id: 'b', text: 'B', children: [{ id: 'b1', text: 'B.1' }] },
    ]);
    expect(tocIds(toc)).toEqual(['a', 'a1', 'a2', 'b', 'b1']);
  });

  it('promotes an h3 before any h2, drops other levels, empty ids/texts and repeated ids', () => {
    const toc = buildToc([
      { level: 3, id: 'early', text: 'Early' },
      { level: 1, id: 'title', text: 'Title' },
      { level: 2, id: '', text: 'No id' },
      { level: 2, id: 'blank', text: '   ' },
      { level: 2, id: 'x', text: '  Spaced \n  out ' },
      { level: 4, id: 'deep', text: 'Deep' },
      { level: 3, id: 'x', text: 'Duplicate' },
    ]);
    expect(toc).toEqual([
      { id: 'early', text: 'Early', children: [] },
      { id: 'x', text: 'Spaced out', children: [] },
    ]);
  });
});

describe('pickActiveHeading', () => {
  it('picks the last heading at or above the reading line', () => {
    expect(pickActiveHeading([-500, -100, 50, 400], 100)).toBe(2);
    expect(pickActiveHeading([-500, -100, 150, 400], 100)).toBe(1);
    expect(pickActiveHeading([-500, -100, 100, 400], 100)).toBe(2);
  });

  it('highlights the first section above the first heading, and none without headings', () => {
    expect(pickActiveHeading([300, 900], 100)).toBe(0);
    expect(pickActiveHeading([], 100)).toBe(-1);
  });
});

describe('textOfChildren', () => {
  it('flattens strings, numbers, arrays and nested elements, ignoring booleans and null', () => {
    const node = [
      'The ',
      createElement('code', null, 'num_words'),
      ' knob (',
      createElement('em', null, ['part ', 2]),
      ')',
      false,
      null,
    ];
    expect(textOfChildren(node)).toBe('The num_words knob (part 2)');
    expect(textOfChildren(undefined)).toBe('');
  });
});
