import { createElement, Fragment, isValidElement, type ReactElement, type ReactNode } from 'react';
import { jsx, jsxs } from 'react/jsx-runtime';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { numberBlocks } from '../../../src/book/mdx/numbering';

function Fig(_props: { number?: number; children?: ReactNode }) {
  return null;
}
function Ex(_props: { number?: number; children?: ReactNode }) {
  return null;
}
const kinds = new Map<unknown, string>([
  [Fig, 'figure'],
  [Ex, 'exercise'],
]);

/** The `number` props of every element of `type`, depth-first. */
function numbers(node: ReactNode, type: unknown): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  const walk = (n: ReactNode) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!isValidElement(n)) return;
    const props = (n as ReactElement<{ number?: number; children?: ReactNode }>).props;
    if (n.type === type) out.push(props.number);
    walk(props.children);
  };
  walk(node);
  return out;
}

describe('numberBlocks', () => {
  it('numbers each kind separately in document order, including nested ones', () => {
    const tree = createElement(Fragment, null, [
      createElement('h2', { key: 1 }, 'Intro'),
      createElement(Fig, { key: 2 }, 'first'),
      createElement(Ex, { key: 3 }, [createElement(Fig, { key: 'in' }, 'inside exercise')]),
      createElement('div', { key: 4 }, createElement(Fig, null, 'in a wrapper')),
      createElement(Ex, { key: 5 }, 'second exercise'),
    ]);
    const result = numberBlocks(tree, kinds);
    expect(numbers(result, Fig)).toEqual([1, 2, 3]);
    expect(numbers(result, Ex)).toEqual([1, 2]);
  });

  it('gives the same numbers on every call (no state kept between calls)', () => {
    const tree = [createElement(Fig, { key: 'a' }), createElement(Fig, { key: 'b' })];
    expect(numbers(numberBlocks(tree, kinds), Fig)).toEqual([1, 2]);
    expect(numbers(numberBlocks(tree, kinds), Fig)).toEqual([1, 2]);
  });

  it('returns untouched subtrees as the same objects and keeps keys', () => {
    const plain = createElement('p', null, 'no figures here');
    const tree = [plain, createElement(Fig, { key: 'f' })];
    const result = numberBlocks(tree, kinds) as ReactElement[];
    expect(result[0]).toBe(plain);
    expect(result[1].key).toBe('f');
    expect(numberBlocks(plain, kinds)).toBe(plain);
    expect(numberBlocks('text', kinds)).toBe('text');
  });

  it('keeps static children static: rendering a numbered MDX tree asks for no keys', () => {
    // MDX compiles an element with several children to `jsxs`, whose children need no keys.
    const tree = jsxs('section', {
      children: [jsx('p', { children: 'text' }), jsx(Fig, { children: 'a figure' })],
    });
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args) => errors.push(args));
    try {
      renderToStaticMarkup(numberBlocks(tree, kinds) as ReactElement);
    } finally {
      spy.mockRestore();
    }
    expect(errors).toEqual([]);
    expect(numbers(numberBlocks(tree, kinds), Fig)).toEqual([1]);
  });
});
