/**
 * The vectorizer worker's work, as plain functions (so it can also run in Node tests): fit a
 * TfidfVectorizer on the training split, transform both splits, and score a multinomial naive
 * Bayes baseline on term counts over the same vocabulary.
 */
import { MultinomialNB, TfidfVectorizer, type CsrMatrix } from '../../nlp';
import { classifierVectorizerOptions } from '../common/classifierVectorizer';
import type { CorpusForFit, TransformedText, Vectorized, VectorizerSettings } from './protocol';

/** The TfidfVectorizer options of a settings object (scikit-learn defaults otherwise). */
export const vectorizerOptions = classifierVectorizerOptions;

const plain = (m: CsrMatrix) => m.toJSON();

/**
 * The vectorizer's fitting errors in the widget's own terms (its settings are scikit-learn's
 * parameter names; `maxDf` is not one of them).
 */
function readerError(err: unknown, settings: VectorizerSettings, nTrain: number): Error {
  const message = err instanceof Error ? err.message : String(err);
  // "After pruning ..." when no term reaches min_df; "maxDf corresponds to < documents than
  // minDf" when min_df exceeds the number of training documents (scikit-learn's two messages).
  if (message.startsWith('After pruning, no terms remain') || message.includes('than minDf')) {
    return new Error(
      `min_df = ${settings.min_df} removed every term: no term occurs in ${settings.min_df} or ` +
        `more of the ${nTrain.toLocaleString('en')} training documents. Lower min_df.`,
    );
  }
  if (message.includes('empty vocabulary')) {
    return new Error(
      'The training documents contain no terms (words of two or more letters or digits).',
    );
  }
  return err instanceof Error ? err : new Error(message);
}

/**
 * Fits on the training split (split 0) and transforms it and the validation split (split 1);
 * scores MultinomialNB (alpha 1) on the same vocabulary's raw counts (scikit-learn 1.2
 * semantics: `TfidfVectorizer(...).fit_transform(train)`, `MultinomialNB().fit(counts, y)`).
 * @throws Error "the corpus has no training documents" / "... no validation documents";
 *   "min_df = N removed every term: ... Lower min_df." when min_df prunes the whole vocabulary;
 *   "The training documents contain no terms ..." when no document has a token.
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
  let trainX: CsrMatrix;
  try {
    trainX = vectorizer.fitTransform(train.texts);
  } catch (err) {
    throw readerError(err, settings, train.texts.length);
  }
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

/**
 * One text through a fitted vectorizer: the analyzer's terms in order (unknown ones included)
 * and the text's TF-IDF row (`vectorizer.transform([text])`, columns increasing).
 */
export function transformText(vectorizer: TfidfVectorizer, text: string): TransformedText {
  const row = vectorizer.transform([text]).getRow(0);
  return {
    terms: vectorizer.buildAnalyzer()(text),
    indices: Int32Array.from(row.indices),
    values: Float64Array.from(row.data),
  };
}
