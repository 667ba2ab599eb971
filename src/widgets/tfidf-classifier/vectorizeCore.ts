/**
 * The vectorizer worker's work, as plain functions (so it can also run in Node tests): fit a
 * TfidfVectorizer on the training split, transform both splits, and score a multinomial naive
 * Bayes baseline on term counts over the same vocabulary.
 */
import { MultinomialNB, TfidfVectorizer, type CsrMatrix } from '../../nlp';
import type { CorpusForFit, TransformedText, Vectorized, VectorizerSettings } from './protocol';

/** The TfidfVectorizer options of a settings object (scikit-learn defaults otherwise). */
export function vectorizerOptions(s: VectorizerSettings) {
  return {
    ngramRange: (s.ngram === '1-2' ? [1, 2] : [1, 1]) as [number, number],
    minDf: { count: s.min_df },
    maxFeatures: s.max_features,
    sublinearTf: s.sublinear_tf,
    binary: s.binary,
    norm: s.norm === 'none' ? null : s.norm,
  };
}

const plain = (m: CsrMatrix) => m.toJSON();

/**
 * Fits on the training split (split 0) and transforms it and the validation split (split 1).
 * @throws Error from the vectorizer (e.g. "After pruning, no terms remain") or for an empty split.
 */
export function fitCorpus(
  corpus: CorpusForFit,
  settings: VectorizerSettings,
): { vectorizer: TfidfVectorizer; result: Vectorized } {
  const t0 = performance.now();
  const pick = (split: number) => {
    const texts: string[] = [];
    const labels: number[] = [];
    corpus.splits.forEach((s, i) => {
      if (s === split) {
        texts.push(corpus.texts[i]);
        labels.push(corpus.labels[i]);
      }
    });
    if (texts.length === 0)
      throw new Error(`the corpus has no ${split ? 'validation' : 'training'} documents`);
    return { texts, labels };
  };
  const train = pick(0);
  const val = pick(1);
  const vectorizer = new TfidfVectorizer(vectorizerOptions(settings));
  const trainX = vectorizer.fitTransform(train.texts);
  const valX = vectorizer.transform(val.texts);
  const nb = new MultinomialNB({ alpha: 1 }).fit(
    vectorizer.countTransform(train.texts),
    train.labels,
  );
  const predicted = nb.predict(vectorizer.countTransform(val.texts));
  const nbAccuracy = predicted.filter((p, i) => p === val.labels[i]).length / val.labels.length;
  return {
    vectorizer,
    result: {
      trainX: plain(trainX),
      valX: plain(valX),
      trainY: Int32Array.from(train.labels),
      valY: Int32Array.from(val.labels),
      featureNames: vectorizer.getFeatureNamesOut(),
      nbAccuracy,
      meanTermsPerDoc: trainX.nnz / trainX.rows,
      ms: performance.now() - t0,
    },
  };
}

/** One text through a fitted vectorizer. */
export function transformText(vectorizer: TfidfVectorizer, text: string): TransformedText {
  const row = vectorizer.transform([text]).getRow(0);
  return {
    terms: vectorizer.buildAnalyzer()(text),
    indices: Int32Array.from(row.indices),
    values: Float64Array.from(row.data),
  };
}
