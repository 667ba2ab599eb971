/**
 * Chapter 8's live word2vec widget. The component is loaded in its own chunk after the chapter's
 * text; the corpus worker, TensorFlow.js and the model follow only when it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const Word2Vec = lazyWidget(() => import('./Word2Vec').then((m) => m.Word2Vec), {
  id: 'word2vec',
  title: 'word2vec',
  minHeightRem: 90,
});
