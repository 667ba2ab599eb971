/**
 * Chapter 11's convolution arithmetic widget (kernel width, stride, padding and dilation of a
 * 1-D convolution over a sentence matrix). Loaded in its own chunk after the chapter's text; see
 * `lazyWidget`. The chapter's static figures are in `./figures`.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const ConvArithmetic = lazyWidget(
  () => import('./ConvArithmetic').then((m) => m.ConvArithmetic),
  { id: 'conv-arithmetic', title: 'Convolution arithmetic on a sentence', minHeightRem: 40 },
);
