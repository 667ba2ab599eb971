/**
 * Chapter 3's n-gram explorer. The component is loaded in its own chunk after the chapter's
 * text; the corpus is downloaded and counted in a Web Worker when it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const NgramExplorer = lazyWidget(
  () => import('./NgramExplorer').then((m) => m.NgramExplorer),
  { id: 'ngram-explorer', title: 'N-gram explorer', minHeightRem: 60 },
);
