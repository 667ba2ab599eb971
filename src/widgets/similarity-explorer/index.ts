/**
 * Chapter 4's similarity explorer (cosine, Euclidean and Jaccard on two or three texts).
 * Loaded in its own chunk after the chapter's text; see `lazyWidget`.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const SimilarityExplorer = lazyWidget(
  () => import('./SimilarityExplorer').then((m) => m.SimilarityExplorer),
  { id: 'similarity-explorer', title: 'Similarity explorer', minHeightRem: 40 },
);
