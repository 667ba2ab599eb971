/** Chapter 1's live sentiment classifier widget. */
export { SentimentClassifier } from './SentimentClassifier';
