/**
 * The TF-IDF classifier's vectorizer worker logic (src/widgets/tfidf-classifier/vectorizeCore.ts),
 * run directly in Node:
 * - on the real corpora, against scikit-learn 1.2 (fixture made by
 *   scripts/fixtures/sklearn_tfidf_classifier.py): vocabulary, TF-IDF matrices and the naive
 *   Bayes baseline;
 * - on a toy corpus, against src/nlp's TfidfVectorizer + MultinomialNB fitted in this test on the
 *   split it picks itself, for every option the widget exposes;
 * - errors: a split with no documents, min_df pruning every term, documents with no terms.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpamCorpus, parseUciCorpus } from '../../../src/data';
import { CsrMatrix, MultinomialNB, TfidfVectorizer } from '../../../src/nlp';
import type {
  CorpusForFit,
  VectorizerSettings,
} from '../../../src/widgets/tfidf-classifier/protocol';
import { tfidfClassifierSchema } from '../../../src/widgets/tfidf-classifier/schema';
import {
  fitCorpus,
  transformText,
  vectorizerOptions,
} from '../../../src/widgets/tfidf-classifier/vectorizeCore';
import { readCorpusJson } from '../data/realCorpus';

interface SklearnCase {
  task: 'spam' | 'source';
  settings: VectorizerSettings;
  nTrain: number;
  nVal: number;
  nFeatures: number;
  firstNames: string[];
  lastNames: string[];
  namesSha256: string;
  trainNnz: number;
  valNnz: number;
  trainSum: number;
  valSum: number;
  row0Indices: number[];
  row0Values: number[];
  nbAccuracy: number;
}
const fixture = JSON.parse(
  readFileSync(new URL('./tfidfClassifier.sklearn.json', import.meta.url), 'utf8'),
) as { sklearn: string; cases: SklearnCase[] };

/** The widget's default vectorizer settings, read from its schema. */
const DEFAULTS: VectorizerSettings = {
  ngram: tfidfClassifierSchema.ngram.default as VectorizerSettings['ngram'],
  min_df: tfidfClassifierSchema.min_df.default,
  max_features: tfidfClassifierSchema.max_features.default,
  sublinear_tf: tfidfClassifierSchema.sublinear_tf.default,
  binary: tfidfClassifierSchema.binary.default,
  norm: tfidfClassifierSchema.norm.default as VectorizerSettings['norm'],
};

const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};

function realCorpus(task: 'spam' | 'source'): CorpusForFit {
  if (task === 'spam') {
    const c = parseSpamCorpus(readCorpusJson('spam.json'));
    return { texts: c.texts, labels: c.labels, splits: c.splits };
  }
  const c = parseUciCorpus(readCorpusJson('uci-sentences.json'));
  return { texts: c.texts, labels: c.sourceIds, splits: c.splits };
}

describe(`vectorizeCore on the real corpora, against scikit-learn ${fixture.sklearn}`, () => {
  it('the fixture covers the widget defaults on spam', () => {
    expect(fixture.cases[0].task).toBe('spam');
    expect(fixture.cases[0].settings).toEqual(DEFAULTS);
  });

  for (const c of fixture.cases) {
    it(`${c.task} ${JSON.stringify(c.settings)}: vocabulary, matrices and naive Bayes`, () => {
      const { vectorizer, result } = fitCorpus(realCorpus(c.task), c.settings);
      expect(result.trainY.length).toBe(c.nTrain);
      expect(result.valY.length).toBe(c.nVal);
      // Vocabulary: size, ends, and every term in order (hash of the joined list).
      expect(result.featureNames.length).toBe(c.nFeatures);
      expect(result.featureNames.slice(0, 10)).toEqual(c.firstNames);
      expect(result.featureNames.slice(-10)).toEqual(c.lastNames);
      const sha = createHash('sha256').update(result.featureNames.join('\n'), 'utf8').digest('hex');
      expect(sha).toBe(c.namesSha256);
      expect(vectorizer.getFeatureNamesOut()).toEqual(result.featureNames);
      // The TF-IDF matrices.
      expect(result.trainX.shape).toEqual([c.nTrain, c.nFeatures]);
      expect(result.valX.shape).toEqual([c.nVal, c.nFeatures]);
      expect(result.trainX.indices.length).toBe(c.trainNnz);
      expect(result.valX.indices.length).toBe(c.valNnz);
      expect(sum(result.trainX.data)).toBeCloseTo(c.trainSum, 6);
      expect(sum(result.valX.data)).toBeCloseTo(c.valSum, 6);
      const row0 = CsrMatrix.from(result.trainX).getRow(0);
      expect(Array.from(row0.indices)).toEqual(c.row0Indices);
      row0.data.forEach((v, j) => expect(v).toBeCloseTo(c.row0Values[j], 10));
      expect(result.meanTermsPerDoc).toBeCloseTo(c.trainNnz / c.nTrain, 10);
      // MultinomialNB(alpha=1) on raw counts: the same validation accuracy.
      expect(result.nbAccuracy).toBeCloseTo(c.nbAccuracy, 12);
    }, 30_000);
  }
});

/** A toy two-class corpus: splits 0 (train), 1 (validation) and 2 (test, never used). */
const TOY: CorpusForFit = {
  texts: [
    'win a free prize now, click here',
    'free money, click now to win',
    'claim your free prize today',
    'cheap pills, free shipping, click here',
    'are we meeting for lunch tomorrow',
    'the meeting notes are attached',
    'lunch tomorrow at noon with the team',
    'notes from the team meeting today',
    'click here for a free prize',
    'see the attached notes before lunch',
    'free free free prize prize eggs',
    'the team lunch is at noon, eggs',
  ],
  labels: [1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0],
  splits: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2],
};

/** What the worker should compute, recomputed here from src/nlp on the split picked here. */
function expected(corpus: CorpusForFit, s: VectorizerSettings) {
  const idx = (k: number) => corpus.splits.flatMap((sp, i) => (sp === k ? [i] : []));
  const [tr, va] = [idx(0), idx(1)];
  const texts = (ii: number[]) => ii.map((i) => corpus.texts[i]);
  const v = new TfidfVectorizer({
    ngramRange: s.ngram === '1-2' ? [1, 2] : [1, 1],
    minDf: { count: s.min_df },
    maxFeatures: s.max_features,
    sublinearTf: s.sublinear_tf,
    binary: s.binary,
    norm: s.norm === 'none' ? null : s.norm,
  });
  const trainX = v.fitTransform(texts(tr));
  const valX = v.transform(texts(va));
  const yTr = tr.map((i) => corpus.labels[i]);
  const yVa = va.map((i) => corpus.labels[i]);
  const nb = new MultinomialNB({ alpha: 1 }).fit(v.countTransform(texts(tr)), yTr);
  const pred = nb.predict(v.countTransform(texts(va)));
  return {
    names: v.getFeatureNamesOut(),
    trainX: trainX.toDense(),
    valX: valX.toDense(),
    yTr,
    yVa,
    nbAccuracy: pred.filter((p, i) => p === yVa[i]).length / yVa.length,
  };
}

const SETTINGS: [string, Partial<VectorizerSettings>][] = [
  ['defaults', {}],
  ['min_df 1', { min_df: 1 }],
  ['min_df 3', { min_df: 3 }],
  ['max_features 5', { min_df: 1, max_features: 5 }],
  ['word pairs', { ngram: '1-2', min_df: 1 }],
  ['sublinear tf', { sublinear_tf: true, min_df: 1 }],
  ['binary, no norm', { binary: true, norm: 'none' }],
  ['l1 norm', { norm: 'l1' }],
];

describe('vectorizeCore on a toy corpus, against src/nlp fitted in the test', () => {
  for (const [name, patch] of SETTINGS) {
    it(`${name}: same vocabulary, matrices, labels and naive Bayes accuracy`, () => {
      const s = { ...DEFAULTS, ...patch };
      const { result } = fitCorpus(TOY, s);
      const e = expected(TOY, s);
      expect(result.featureNames).toEqual(e.names);
      expect(CsrMatrix.from(result.trainX).toDense()).toEqual(e.trainX);
      expect(CsrMatrix.from(result.valX).toDense()).toEqual(e.valX);
      expect(Array.from(result.trainY)).toEqual(e.yTr);
      expect(Array.from(result.valY)).toEqual(e.yVa);
      expect(result.nbAccuracy).toBe(e.nbAccuracy);
      // The test split (2) is never used: its word "eggs" is in no vocabulary.
      expect(result.trainY.length + result.valY.length).toBe(10);
      expect(result.featureNames).not.toContain('eggs');
    });
  }

  it('each option has its documented effect', () => {
    const fit = (p: Partial<VectorizerSettings>) => fitCorpus(TOY, { ...DEFAULTS, ...p }).result;
    const base = fit({ min_df: 1 });
    // min_df: every kept term occurs in at least that many training documents.
    const df3 = fit({ min_df: 3 });
    expect(df3.featureNames.length).toBeGreaterThan(0);
    expect(df3.featureNames.length).toBeLessThan(base.featureNames.length);
    expect(df3.featureNames).toContain('free');
    expect(df3.featureNames).not.toContain('cheap');
    // max_features: at most that many columns.
    expect(fit({ min_df: 1, max_features: 5 }).featureNames).toHaveLength(5);
    // (1, 2): word pairs joined by a space, as scikit-learn names them.
    const pairs = fit({ min_df: 1, ngram: '1-2' });
    expect(pairs.featureNames).toContain('free prize');
    expect(pairs.featureNames.length).toBeGreaterThan(base.featureNames.length);
    // Norms: l2 rows have unit length, l1 rows sum to 1, none leaves tf x idf (> 1 here).
    const rows = (m: typeof base.trainX) => CsrMatrix.from(m).toDense();
    for (const r of rows(base.trainX)) expect(Math.hypot(...r)).toBeCloseTo(1, 12);
    for (const r of rows(fit({ min_df: 1, norm: 'l1' }).trainX)) expect(sum(r)).toBeCloseTo(1, 12);
    expect(Math.max(...fit({ min_df: 1, norm: 'none' }).trainX.data)).toBeGreaterThan(1);
    // binary, no norm: every stored value is the idf of its term (tf = 1).
    const bin = fitCorpus(TOY, { ...DEFAULTS, min_df: 1, binary: true, norm: 'none' });
    const idf = bin.vectorizer.idf;
    const m = CsrMatrix.from(bin.result.trainX);
    m.indices.forEach((j, k) => expect(m.data[k]).toBeCloseTo(idf[j], 12));
  });

  it('translates the settings to TfidfVectorizer options', () => {
    expect(vectorizerOptions({ ...DEFAULTS, ngram: '1-2', norm: 'none', min_df: 4 })).toEqual({
      ngramRange: [1, 2],
      minDf: { count: 4 },
      maxFeatures: DEFAULTS.max_features,
      sublinearTf: false,
      binary: false,
      norm: null,
    });
  });

  it('transforms the reader text with the fitted vocabulary (unknown terms listed, not kept)', () => {
    const { vectorizer, result } = fitCorpus(TOY, { ...DEFAULTS, min_df: 1 });
    const t = transformText(vectorizer, 'FREE prize, zyzzyva! 🙂 free');
    expect(t.terms).toEqual(['free', 'prize', 'zyzzyva', 'free']);
    expect(Array.from(t.indices).map((j) => result.featureNames[j])).toEqual(['free', 'prize']);
    const row = vectorizer.transform(['FREE prize, zyzzyva! 🙂 free']).getRow(0);
    expect(Array.from(t.values)).toEqual(Array.from(row.data));
    expect(Math.hypot(...t.values)).toBeCloseTo(1, 12);
    // Nothing known: an empty row, no error.
    const none = transformText(vectorizer, '☃☃ ‮ 🙂');
    expect(none.terms).toEqual([]);
    expect(none.indices.length).toBe(0);
  });
});

describe('vectorizeCore errors', () => {
  it('says so when min_df prunes every term, naming min_df and the document count', () => {
    // "free", the most widespread term, is in 4 of the 8 training documents.
    expect(fitCorpus(TOY, { ...DEFAULTS, min_df: 4 }).result.featureNames).toEqual(['free']);
    for (const minDf of [5, 50]) {
      expect(() => fitCorpus(TOY, { ...DEFAULTS, min_df: minDf })).toThrow(
        new RegExp(
          `^min_df = ${minDf} removed every term: no term occurs in ${minDf} or more of the 8 training documents\\. Lower min_df\\.$`,
        ),
      );
    }
  });

  it('says so when the training documents have no terms at all', () => {
    const junk: CorpusForFit = {
      texts: ['!!', '☃ ☃', 'a b', '?'],
      labels: [0, 1, 0, 1],
      splits: [0, 0, 1, 1],
    };
    expect(() => fitCorpus(junk, { ...DEFAULTS, min_df: 1 })).toThrow(
      /training documents contain no terms/,
    );
  });

  it('names the missing split', () => {
    const noVal = { ...TOY, splits: TOY.splits.map((s) => (s === 1 ? 2 : s)) };
    expect(() => fitCorpus(noVal, DEFAULTS)).toThrow('the corpus has no validation documents');
    const noTrain = { ...TOY, splits: TOY.splits.map((s) => (s === 0 ? 2 : s)) };
    expect(() => fitCorpus(noTrain, DEFAULTS)).toThrow('the corpus has no training documents');
  });
});
