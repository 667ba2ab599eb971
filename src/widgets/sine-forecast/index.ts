/**
 * Chapter 9's SimpleRNN forecasting a noisy sine wave, trained live. The component is loaded in
 * its own chunk after the chapter's text; TensorFlow.js follows only when it nears the screen.
 */
import { lazyWidget } from '../kit/lazyWidget';

export const SineForecast = lazyWidget(() => import('./SineForecast').then((m) => m.SineForecast), {
  id: 'sine-forecast',
  title: 'Sine forecaster',
  minHeightRem: 60,
});
