/**
 * Chapter 3's neural language model (Bengio et al. 2003) trained live on Moby Dick. The component
 * is loaded in its own chunk after the chapter's text; TensorFlow.js and the corpus follow only
 * when it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const NeuralLm = lazyWidget(() => import('./NeuralLm').then((m) => m.NeuralLm), {
  id: 'neural-lm',
  title: 'Neural language model',
  minHeightRem: 70,
});
