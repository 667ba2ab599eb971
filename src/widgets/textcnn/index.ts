/**
 * Chapter 11's live TextCNN. The component is loaded in its own chunk after the chapter's text;
 * TensorFlow.js and the data follow only when it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const TextCnn = lazyWidget(() => import('./TextCnn').then((m) => m.TextCnn), {
  id: 'textcnn',
  title: 'A TextCNN, trained live',
  minHeightRem: 80,
});
