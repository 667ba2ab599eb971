import type { HeadingInfo } from './toc';

/**
 * The visible text of a heading element, skipping KaTeX's hidden MathML copy (which would
 * otherwise double every formula) and the permalink "#".
 */
export function headingText(element: Element): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      text += node.textContent ?? '';
      return;
    }
    if (node instanceof Element) {
      if (node.classList.contains('katex-mathml') || node.classList.contains('heading-anchor')) {
        return;
      }
      node.childNodes.forEach(walk);
    }
  };
  walk(element);
  return text;
}

/** Headings marked with this attribute (e.g. exercise titles) stay out of the outline. */
export const TOC_SKIP_ATTRIBUTE = 'data-toc-skip';

/**
 * The h2 and h3 elements with an id inside `root`, in document order, as plain data;
 * headings carrying {@link TOC_SKIP_ATTRIBUTE} and headings inside a widget (an element
 * with `data-widget`) are left out.
 */
export function readHeadings(root: ParentNode): HeadingInfo[] {
  const selector = `h2[id]:not([${TOC_SKIP_ATTRIBUTE}]), h3[id]:not([${TOC_SKIP_ATTRIBUTE}])`;
  return Array.from(root.querySelectorAll(selector))
    .filter((el) => !el.closest('[data-widget]'))
    .map((el) => ({
      level: el.tagName === 'H2' ? 2 : 3,
      id: el.id,
      text: headingText(el),
    }));
}
