import { useEffect } from 'react';
import { pageTitle } from './navigation';

/**
 * Sets `document.title` to `"<page> · NLP, Live"` (or the book title when `page` is
 * undefined) while the calling page is mounted.
 */
export function useDocumentTitle(page?: string): void {
  useEffect(() => {
    document.title = pageTitle(page);
  }, [page]);
}
