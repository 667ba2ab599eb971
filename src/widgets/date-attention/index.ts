/**
 * Chapter 14's date converter with attention, trained live. The component is loaded in its own
 * chunk after the chapter's text; TensorFlow.js follows only when it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const DateAttention = lazyWidget(
  () => import('./DateAttention').then((m) => m.DateAttention),
  { id: 'date-attention', title: 'Converting dates, with and without attention', minHeightRem: 80 },
);
