/**
 * Chapter 15's decoder-only character Transformer trained live. The component is loaded in its
 * own chunk after the chapter's text; TensorFlow.js and the corpus follow only when it nears the
 * screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const TransformerLm = lazyWidget(
  () => import('./TransformerLm').then((m) => m.TransformerLm),
  {
    id: 'transformer-lm',
    title: 'A small Transformer, trained live',
    minHeightRem: 90,
  },
);
