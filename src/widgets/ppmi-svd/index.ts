/**
 * Chapter 8's PPMI + SVD widget: count-based word vectors built in a Web Worker, with the same
 * views as the word2vec widget and a table comparing the two routes. The component is loaded in
 * its own chunk after the chapter's text; the corpus and the build follow when it nears the
 * screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const PpmiSvd = lazyWidget(() => import('./PpmiSvd').then((m) => m.PpmiSvd), {
  id: 'ppmi-svd',
  title: 'PPMI + SVD word vectors',
  minHeightRem: 60,
});
