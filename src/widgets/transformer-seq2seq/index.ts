/**
 * Chapter 15's encoder-decoder Transformer trained live on reversing or sorting digits. The
 * component is loaded in its own chunk after the chapter's text; TensorFlow.js follows only when
 * it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const TransformerSeq2Seq = lazyWidget(
  () => import('./TransformerSeq2Seq').then((m) => m.TransformerSeq2Seq),
  {
    id: 'transformer-seq2seq',
    title: 'An encoder-decoder Transformer learns to reverse and sort',
    minHeightRem: 80,
  },
);
