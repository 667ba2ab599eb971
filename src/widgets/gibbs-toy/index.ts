/** Chapter 5's Gibbs sampler toy; the component loads in its own chunk after the chapter's text. */
import { lazyWidget } from '../kit/lazyWidget';

export const GibbsToy = lazyWidget(() => import('./GibbsToy').then((m) => m.GibbsToy), {
  id: 'gibbs-toy',
  title: 'Gibbs sampler',
  minHeightRem: 45,
});
