/**
 * Chapter 13's addition seq2seq trained live. The component is loaded in its own chunk after the
 * chapter's text; TensorFlow.js follows only when it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const Seq2SeqAddition = lazyWidget(
  () => import('./Seq2SeqAddition').then((m) => m.Seq2SeqAddition),
  { id: 'seq2seq-addition', title: 'A seq2seq model learns to add', minHeightRem: 80 },
);
