/**
 * Chapter 5's LSA explorer. The component loads in its own chunk after the chapter's text; the
 * corpus is downloaded and the model fitted in a Web Worker when it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const LsaExplorer = lazyWidget(() => import('./LsaExplorer').then((m) => m.LsaExplorer), {
  id: 'lsa-explorer',
  title: 'LSA explorer',
  minHeightRem: 50,
});
