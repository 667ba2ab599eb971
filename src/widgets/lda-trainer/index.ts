/**
 * Chapter 5's LDA trainer. The component is loaded in its own chunk after the chapter's text;
 * TensorFlow.js and the corpus follow only when it nears the screen (the corpus in its worker).
 */
import { lazyWidget } from '../kit/lazyWidget';

export const LdaTrainer = lazyWidget(() => import('./LdaTrainer').then((m) => m.LdaTrainer), {
  id: 'lda-trainer',
  title: 'LDA, fitted live',
  minHeightRem: 90,
});
