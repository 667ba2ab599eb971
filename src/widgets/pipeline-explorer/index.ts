/**
 * Chapter 1's preprocessing pipeline explorer. The component is loaded in its own chunk (with
 * the NLP core and the stopword lists) after the chapter's text; see `lazyWidget`.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const PipelineExplorer = lazyWidget(
  () => import('./PipelineExplorer').then((m) => m.PipelineExplorer),
  { id: 'pipeline-explorer', title: 'Pipeline explorer', minHeightRem: 60 },
);
