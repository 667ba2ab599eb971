/**
 * The two models chapter 11 compares the TextCNN with, trained on exactly the TextCNN run's
 * training and validation split (same texts, same order, same labels), each with its own
 * chapter's defaults and for its default number of epochs:
 *
 * - `averaged`: chapter 1's averaged-embedding classifier ({@link createSentimentTask} with
 *   SENTIMENT_DEFAULTS: embedding 16, Adam 0.01, batch 32, 10 epochs, seed 42) on the TextCNN's
 *   own padded ids (the same tokenizer, num_words and maxlen);
 * - `tfidf`: chapter 4's logistic regression ({@link createLinearClassifier} with LINEAR_DEFAULTS:
 *   Adam 0.05, L2 1e-4, batch 32, 10 epochs, seed 42) on TF-IDF features of the raw texts, the
 *   vectorizer fitted on the training texts with chapter 4's widget defaults
 *   ({@link CHAPTER4_VECTORIZER}).
 *
 * Runs in the TextCNN's worker (the `baseline` call of ./workerKind.ts), yielding to the worker's
 * event loop every few steps so the TextCNN keeps training meanwhile. Every tensor it makes is
 * freed before it returns, also on error. No React, no DOM.
 */
import * as tf from '@tensorflow/tfjs';
import {
  createLinearClassifier,
  createSentimentTask,
  evaluateLinear,
  type LinearClassifierTask,
  type SentimentTask,
} from '../../models';
import { TfidfVectorizer } from '../../nlp';
import {
  CLASSIFIER_VECTORIZER_DEFAULTS,
  classifierVectorizerOptions,
} from '../common/classifierVectorizer';

/** The baselines by name. */
export type BaselineName = 'averaged' | 'tfidf';

/** The baselines in the order of the widget's table. */
export const BASELINE_NAMES: readonly BaselineName[] = ['averaged', 'tfidf'];

/** The data of a TextCNN run that the baselines share (fields of its model config). */
export interface BaselineData {
  /** Training ids, int32 `[nTrain * maxlen]`, padded as the TextCNN saw them. */
  trainX: Int32Array;
  /** Training labels `[nTrain]`, 0 or 1. */
  trainY: ArrayLike<number>;
  /** Validation ids, int32 `[nVal * maxlen]`. */
  valX: Int32Array;
  /** Validation labels `[nVal]`. */
  valY: ArrayLike<number>;
  vocabSize: number;
  maxlen: number;
}

/** The raw texts of the same split, row for row in the order of `trainX` / `valX`. */
export interface SplitTexts {
  train: string[];
  val: string[];
}

/** One trained baseline's numbers (accuracies in [0, 1], loss in nats per text). */
export interface BaselineResult {
  name: BaselineName;
  /** What the table calls it. */
  model: string;
  parameters: number;
  trainAccuracy: number;
  valAccuracy: number;
  /** Mean validation cross-entropy, without any L2 term (as the TextCNN's). */
  valLoss: number;
  epochs: number;
  /** Wall-clock milliseconds of the whole run, data preparation included. */
  ms: number;
}

/**
 * Chapter 4's TfidfVectorizer settings, its widget's defaults: words only, min_df 2,
 * max_features 5000, raw term counts, l2-normalised rows.
 */
export const CHAPTER4_VECTORIZER = classifierVectorizerOptions(CLASSIFIER_VECTORIZER_DEFAULTS);

/** Steps between two yields to the worker's event loop. */
const YIELD_EVERY = 16;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Trains for the task's `totalSteps`, freeing each step's scalars without reading them. */
async function fit(task: SentimentTask | LinearClassifierTask): Promise<void> {
  task.init();
  const total = task.progress().totalSteps ?? 0;
  for (let s = 0; s < total; s++) {
    const out = task.step();
    tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
    if (s % YIELD_EVERY === YIELD_EVERY - 1) await pause();
  }
}

function binaryLabels(name: string, y: ArrayLike<number>): Uint8Array {
  const out = Uint8Array.from(y);
  for (let i = 0; i < out.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw new RangeError(`baselines: ${name}[${i}] = ${y[i]}; the baselines need labels 0 or 1`);
    }
  }
  return out;
}

/** Chapter 1's averaged-embedding classifier on the TextCNN's ids. */
async function averaged(d: BaselineData): Promise<BaselineResult> {
  const t0 = performance.now();
  const trainY = binaryLabels('trainY', d.trainY);
  const task = createSentimentTask({
    trainX: d.trainX,
    trainY,
    valX: d.valX,
    valY: binaryLabels('valY', d.valY),
    vocabSize: d.vocabSize,
    maxlen: d.maxlen,
  });
  try {
    await fit(task);
    const { val_loss, val_accuracy } = await task.evaluate();
    const p = await task.predict(d.trainX);
    // The model's accuracy counts logit > 0, i.e. p > 0.5.
    let right = 0;
    p.forEach((pi, i) => (right += Number(pi > 0.5 === (trainY[i] === 1))));
    const { vocabSize: V, embeddingDim: D, epochs } = task.config;
    return {
      name: 'averaged',
      model: 'averaged embeddings (ch. 1)',
      parameters: V * D + D + 1,
      trainAccuracy: right / p.length,
      valAccuracy: val_accuracy,
      valLoss: val_loss,
      epochs,
      ms: performance.now() - t0,
    };
  } finally {
    task.dispose();
  }
}

/** Chapter 4's logistic regression on TF-IDF features of the texts. */
async function tfidf(d: BaselineData, texts: SplitTexts): Promise<BaselineResult> {
  const t0 = performance.now();
  const nTrain = d.trainX.length / d.maxlen;
  const nVal = d.valX.length / d.maxlen;
  if (texts?.train?.length !== nTrain || texts?.val?.length !== nVal) {
    throw new RangeError(
      `baselines: the texts (${texts?.train?.length} training, ${texts?.val?.length} validation) are not the run's split (${nTrain} and ${nVal})`,
    );
  }
  const trainY = binaryLabels('trainY', d.trainY);
  const valY = binaryLabels('valY', d.valY);
  const vectorizer = new TfidfVectorizer(CHAPTER4_VECTORIZER);
  const trainX = vectorizer.fitTransform(texts.train);
  const valX = vectorizer.transform(texts.val);
  const task = createLinearClassifier({ trainX, trainY, valX, valY, numClasses: 2 });
  try {
    await fit(task);
    const w = await task.readWeights();
    const val = evaluateLinear(w, valX, valY);
    const train = evaluateLinear(w, trainX, trainY);
    return {
      name: 'tfidf',
      model: 'TF-IDF + logistic regression (ch. 4)',
      parameters: task.config.numFeatures + 1,
      trainAccuracy: train.accuracy,
      valAccuracy: val.accuracy,
      valLoss: val.crossEntropy,
      epochs: task.config.epochs,
      ms: performance.now() - t0,
    };
  } finally {
    task.dispose();
  }
}

/**
 * Trains one baseline on the run's split and scores it; frees all its tensors.
 * @param texts - the split's raw texts; needed by `tfidf` only.
 * @throws RangeError for an unknown name, labels other than 0/1, or texts that are not the split.
 */
export function trainBaseline(
  name: BaselineName,
  data: BaselineData,
  texts?: SplitTexts,
): Promise<BaselineResult> {
  if (name === 'averaged') return averaged(data);
  if (name === 'tfidf') return tfidf(data, texts as SplitTexts);
  return Promise.reject(
    new RangeError(`baselines: unknown baseline "${String(name)}" (known: averaged, tfidf)`),
  );
}
