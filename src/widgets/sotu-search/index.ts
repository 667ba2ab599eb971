/**
 * Chapter 4's search over the State of the Union addresses (TF-IDF + cosine similarity). The
 * component loads in its own chunk after the chapter's text; the corpus and the index are
 * built in a Web Worker when it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const SotuSearch = lazyWidget(() => import('./SotuSearch').then((m) => m.SotuSearch), {
  id: 'sotu-search',
  title: 'SOTU search',
  minHeightRem: 40,
});
