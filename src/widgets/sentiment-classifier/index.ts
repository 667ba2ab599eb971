/**
 * Chapter 1's live sentiment classifier. The component is loaded in its own chunk after the
 * chapter's text; TensorFlow.js and the data follow only when it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const SentimentClassifier = lazyWidget(
  () => import('./SentimentClassifier').then((m) => m.SentimentClassifier),
  { id: 'sentiment-classifier', title: 'Sentiment classifier', minHeightRem: 70 },
);
