/** Work in progress: replaced by the real sentiment classifier widget. */
export function SentimentClassifier() {
  return <section data-widget="sentiment-classifier">Sentiment classifier (work in progress)</section>;
}
