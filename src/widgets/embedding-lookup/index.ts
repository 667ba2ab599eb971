/**
 * Chapter 8's Embedding-layer explainer (a one-hot vector times a matrix is a row lookup). The
 * component is loaded in its own chunk after the chapter's text.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const EmbeddingLookup = lazyWidget(
  () => import('./EmbeddingLookup').then((m) => m.EmbeddingLookup),
  { id: 'embedding-lookup', title: 'The embedding layer is a lookup', minHeightRem: 30 },
);
