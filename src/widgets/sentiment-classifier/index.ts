// Placeholder until the widget lands (work in progress in this session).
export { SentimentClassifier } from './SentimentClassifier';
