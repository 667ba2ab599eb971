/**
 * Chapter 11's static SVG figures (the worked example's sliding window, and the TextCNN
 * architecture). Small and without state, so they are imported directly, not lazily.
 */
export { SlidingWindowFigure } from './SlidingWindowFigure';
export { TextCnnFigure } from './TextCnnFigure';
