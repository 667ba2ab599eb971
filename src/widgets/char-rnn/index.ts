/**
 * Chapter 9's character-level language model (RNN / LSTM / GRU) trained live. The component is
 * loaded in its own chunk after the chapter's text; TensorFlow.js and the corpus follow only when
 * it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const CharRnn = lazyWidget(() => import('./CharRnn').then((m) => m.CharRnn), {
  id: 'char-rnn',
  title: 'A character-level language model',
  minHeightRem: 90,
});
