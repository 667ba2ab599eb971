import { useEffect, type RefObject } from 'react';

/** Display formulas (`.katex-display`) scroll sideways when wider than the text column. */
const SELECTOR = '.katex-display';

/**
 * Makes every display formula that is wider than its box (and so scrolls sideways) reachable
 * from the keyboard: `tabindex="0"`, `role="group"` and a label, so it can be focused and scrolled
 * with the arrow keys (WCAG 2.1.1; axe's `scrollable-region-focusable`). Formulas that fit stay
 * out of the tab order. Rechecked whenever the article or a formula changes size (a rotated
 * phone, a resized window, KaTeX's fonts loading).
 *
 * @param articleRef - the chapter's article element.
 * @param rendered - true once the chapter's content is in the DOM.
 */
export function useScrollableMath(articleRef: RefObject<HTMLElement | null>, rendered: boolean) {
  useEffect(() => {
    const article = articleRef.current;
    if (!rendered || !article) return;
    const update = () => {
      for (const el of article.querySelectorAll<HTMLElement>(SELECTOR)) {
        // Even 1 px of overflow makes it a scrollable region (axe counts it as one).
        if (el.scrollWidth > el.clientWidth) {
          el.tabIndex = 0;
          el.setAttribute('role', 'group');
          el.setAttribute('aria-label', 'Formula (scrolls sideways)');
        } else if (el.hasAttribute('tabindex')) {
          el.removeAttribute('tabindex');
          el.removeAttribute('role');
          el.removeAttribute('aria-label');
        }
      }
    };
    update();
    let live = true;
    // KaTeX's web fonts can arrive after the first check and widen a formula without resizing
    // the article, so check again once the fonts are in and whenever a formula's width changes.
    void document.fonts?.ready.then(() => {
      if (live) update();
    });
    if (typeof ResizeObserver === 'undefined') {
      return () => {
        live = false;
      };
    }
    const observer = new ResizeObserver(update);
    observer.observe(article);
    for (const el of article.querySelectorAll<HTMLElement>(`${SELECTOR} > .katex`)) {
      observer.observe(el);
    }
    return () => {
      live = false;
      observer.disconnect();
    };
  }, [articleRef, rendered]);
}
