/**
 * Chapter 15's positional-encoding explorer (the sinusoidal table, the dot product between
 * positions, and how both change with d_model). No training and no tfjs: loaded in its own
 * chunk after the chapter's text; see `lazyWidget`.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const PositionalEncodingExplorer = lazyWidget(
  () => import('./PositionalEncodingExplorer').then((m) => m.PositionalEncodingExplorer),
  { id: 'positional-encoding', title: 'Positional-encoding explorer', minHeightRem: 44 },
);
