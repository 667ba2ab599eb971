/**
 * Chapter 4's TF-IDF matrix widget (documents -> document-term matrix -> TF-IDF, with the
 * formula of every cell). Loaded in its own chunk after the chapter's text; see `lazyWidget`.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const TfidfMatrix = lazyWidget(() => import('./TfidfMatrix').then((m) => m.TfidfMatrix), {
  id: 'tfidf-matrix',
  title: 'TF-IDF matrix',
  minHeightRem: 50,
});
