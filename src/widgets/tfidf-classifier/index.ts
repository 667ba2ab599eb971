/**
 * Chapter 4's live TF-IDF classifier (logistic / softmax regression). The component is loaded
 * in its own chunk after the chapter's text; TensorFlow.js, the data and the vectorizer worker
 * follow only when it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const TfidfClassifier = lazyWidget(
  () => import('./TfidfClassifier').then((m) => m.TfidfClassifier),
  { id: 'tfidf-classifier', title: 'TF-IDF classifier', minHeightRem: 80 },
);
