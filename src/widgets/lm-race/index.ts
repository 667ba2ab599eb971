/**
 * Chapter 15's race of the character Transformer against chapter 9's LSTM of the same size. The
 * component is loaded in its own chunk; TensorFlow.js and the corpus follow only when it nears
 * the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const LmRace = lazyWidget(() => import('./LmRace').then((m) => m.LmRace), {
  id: 'lm-race',
  title: 'Transformer against LSTM, same size, same seconds',
  minHeightRem: 50,
});
