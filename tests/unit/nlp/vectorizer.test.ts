/**
 * CountVectorizer / TfidfVectorizer against scikit-learn 1.2.1 (fixture written by
 * scripts/fixtures/sklearn_vectorize.py), plus hand-computed counts and the error messages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CountVectorizer,
  ENGLISH_STOP_WORDS,
  TfidfVectorizer,
  compareCodePoints,
  numpyArgsort,
  translatePythonPattern,
  type CsrMatrix,
  type TfidfVectorizerOptions,
} from '../../../src/nlp';

interface Csr {
  indptr: number[];
  indices: number[];
  data: number[];
  shape: [number, number];
}
interface Case {
  name: string;
  kind: 'count' | 'tfidf';
  docs: string[];
  js: TfidfVectorizerOptions;
  error?: string;
  features?: string[];
  vocabulary?: Record<string, number>;
  X?: Csr;
  idf?: number[];
  queries?: string[];
  Q?: Csr;
}
const fixture = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'sklearn-vectorize.json'), 'utf8'),
) as {
  versions: { sklearn: string };
  cases: Case[];
  tokens: { docs: string[]; tokens: string[][] };
  englishStopWords: string[];
};

function expectCsr(actual: CsrMatrix, expected: Csr): void {
  expect(actual.shape).toEqual(expected.shape);
  expect(Array.from(actual.indptr)).toEqual(expected.indptr);
  expect(Array.from(actual.indices)).toEqual(expected.indices);
  expect(actual.data.length).toBe(expected.data.length);
  actual.data.forEach((v, p) => expect(v).toBeCloseTo(expected.data[p], 6));
}

const make = (c: Case) =>
  c.kind === 'tfidf' ? new TfidfVectorizer(c.js) : new CountVectorizer(c.js);

describe(`vectorizers match scikit-learn ${fixture.versions.sklearn}`, () => {
  it('the fixture comes from scikit-learn 1.2', () => {
    expect(fixture.versions.sklearn).toMatch(/^1\.2\./);
  });

  for (const c of fixture.cases.filter((c) => !c.error)) {
    it(c.name, () => {
      const v = make(c);
      const X = v.fitTransform(c.docs);
      expect(v.getFeatureNamesOut()).toEqual(c.features);
      expect(Object.fromEntries(v.vocabulary)).toEqual(c.vocabulary);
      expectCsr(X, c.X as Csr);
      if (c.idf) {
        const idf = (v as TfidfVectorizer).idf;
        expect(idf.length).toBe(c.idf.length);
        idf.forEach((x, j) => expect(x).toBeCloseTo((c.idf as number[])[j], 6));
      }
      if (c.queries) expectCsr(v.transform(c.queries), c.Q as Csr);
      // fit then transform gives the fitTransform matrix.
      expectCsr(make(c).fit(c.docs).transform(c.docs), c.X as Csr);
    });
  }

  for (const c of fixture.cases.filter((c) => c.error)) {
    it(c.name, () => {
      // Same message as scikit-learn, with our camelCase option names.
      const msg = (c.error as string).replace('min_df', 'minDf').replace('max_df', 'maxDf');
      expect(() => make(c).fit(c.docs)).toThrow(msg.slice(0, 30));
    });
  }

  it('tokenizes Unicode as Python (?u)\\b\\w\\w+\\b after str.lower()', () => {
    const analyze = new CountVectorizer().buildAnalyzer();
    expect(fixture.tokens.docs.map(analyze)).toEqual(fixture.tokens.tokens);
  });

  it("ENGLISH_STOP_WORDS is scikit-learn's list (318 words, sorted by code point)", () => {
    expect(fixture.englishStopWords).toHaveLength(318);
    expect(ENGLISH_STOP_WORDS).toEqual(fixture.englishStopWords);
  });
});

describe("stopWords: 'english'", () => {
  it('removes the built-in list before n-grams, and survives toJSON / fromJSON as the name', () => {
    const tv = new TfidfVectorizer({ stopWords: 'english', ngramRange: [1, 2] });
    tv.fit(['The cat sat on the mat', 'a dog and the cat']);
    expect(tv.getFeatureNamesOut()).toEqual([
      'cat',
      'cat sat',
      'dog',
      'dog cat',
      'mat',
      'sat',
      'sat mat',
    ]);
    const json = tv.toJSON();
    expect(json.options.stopWords).toBe('english');
    const copy = TfidfVectorizer.fromJSON(structuredClone(json));
    expect(copy.buildAnalyzer()('Where is the cat? Over there')).toEqual(['cat']);
  });
  it("refuses another stop list name (scikit-learn's 'not a built-in stop list')", () => {
    expect(() => new CountVectorizer({ stopWords: 'french' as 'english' })).toThrow(
      /not a built-in stop list: "french"/,
    );
  });
});

describe('CountVectorizer by hand', () => {
  // docs: d0 "the cat sat", d1 "The cat, the dog!", d2 "a dog" ("a" is one character: no token)
  // sorted vocabulary: cat 0, dog 1, sat 2, the 3
  const docs = ['the cat sat', 'The cat, the dog!', 'a dog'];
  it('counts terms per document with columns in sorted order', () => {
    const cv = new CountVectorizer();
    const X = cv.fitTransform(docs);
    expect(cv.getFeatureNamesOut()).toEqual(['cat', 'dog', 'sat', 'the']);
    expect(X.toDense()).toEqual([
      [1, 0, 1, 1],
      [1, 1, 0, 2],
      [0, 1, 0, 0],
    ]);
    expect(X.nnz).toBe(7);
  });
  it('minDf 2 keeps terms in two or more documents; prunedTerms lists the rest', () => {
    // df: cat 2, dog 2, sat 1, the 2
    const cv = new CountVectorizer({ minDf: 2 });
    cv.fit(docs);
    expect(cv.getFeatureNamesOut()).toEqual(['cat', 'dog', 'the']);
    expect([...cv.prunedTerms]).toEqual(['sat']);
  });
  it('maxFeatures 1 keeps the most frequent term (the: 3 occurrences)', () => {
    const cv = new CountVectorizer({ maxFeatures: 1 });
    expect(cv.fitTransform(docs).toDense()).toEqual([[1], [2], [0]]);
    expect(cv.getFeatureNamesOut()).toEqual(['the']);
  });
  it('bigrams are formed after stop words are removed', () => {
    const cv = new CountVectorizer({ ngramRange: [2, 2], stopWords: ['the'] });
    cv.fit(['the cat the sat']);
    // tokens without "the": cat sat -> one bigram
    expect(cv.getFeatureNamesOut()).toEqual(['cat sat']);
  });
  it('a document shorter than n gives no n-grams, and unknown words are ignored by transform', () => {
    const cv = new CountVectorizer({ ngramRange: [1, 3] }).fit(['aa bb', 'cc']);
    expect(cv.getFeatureNamesOut()).toEqual(['aa', 'aa bb', 'bb', 'cc']);
    expect(cv.transform(['zz aa', '']).toDense()).toEqual([
      [1, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });
  it('accepts a JS RegExp or a tokenizer function', () => {
    expect(new CountVectorizer({ tokenPattern: /\w/gu }).fit(['ab']).getFeatureNamesOut()).toEqual([
      'a',
      'b',
    ]);
    const cv = new CountVectorizer({ tokenizer: (d) => d.split('|') }).fit(['x y|z']);
    expect(cv.getFeatureNamesOut()).toEqual(['x y', 'z']);
  });
});

describe('ordering', () => {
  it('sorts by code point as Python, not by UTF-16 unit', () => {
    const words = ['ｆｕｌｌ', '𝐀𝐁𝐂', 'zz', 'ﬁ', 'é'];
    expect([...words].sort(compareCodePoints)).toEqual(['zz', 'é', 'ﬁ', 'ｆｕｌｌ', '𝐀𝐁𝐂']);
    expect([...words].sort()).not.toEqual([...words].sort(compareCodePoints));
  });
  it('numpyArgsort is a correct (ascending) sort and unstable beyond 16 elements like NumPy', () => {
    const v = Array.from({ length: 17 }, (_, i) => -(1 + (i % 2)));
    const a = numpyArgsort(v);
    for (let k = 1; k < a.length; k++) expect(v[a[k - 1]]).toBeLessThanOrEqual(v[a[k]]);
    // NumPy 1.24: np.argsort(-np.array([1,2]*8+[1.])) (value printed by Python)
    expect(Array.from(a)).toEqual([1, 3, 13, 5, 7, 15, 9, 11, 0, 14, 12, 8, 6, 4, 2, 10, 16]);
  });
});

describe('vectorizer errors', () => {
  it('refuses non-string documents and a bare string', () => {
    const cv = new CountVectorizer();
    expect(() => cv.fit(['ok', 3 as unknown as string])).toThrow(/docs\[1\] is number/);
    expect(() => cv.fit(['ok', null as unknown as string])).toThrow(/docs\[1\] is null/);
    expect(() => cv.fit('a text' as unknown as string[])).toThrow(/string object received/);
  });
  it('refuses transform before fit', () => {
    expect(() => new TfidfVectorizer().transform(['a'])).toThrow(/not fitted yet/);
    expect(() => new CountVectorizer().getFeatureNamesOut()).toThrow(/not fitted yet/);
    expect(() => new TfidfVectorizer().idf).toThrow(/not fitted yet/);
  });
  it('refuses an empty corpus vocabulary and out-of-range options', () => {
    expect(() => new CountVectorizer().fit(['a b c', ''])).toThrow(/empty vocabulary/i);
    expect(() => new CountVectorizer().fit([])).toThrow(/empty vocabulary/i);
    expect(() => new CountVectorizer({ minDf: 0.5, maxDf: 0.2 })).toThrow(/maxDf .* below minDf/);
    expect(() => new CountVectorizer({ minDf: 5, maxDf: 3 })).toThrow(/maxDf .* below minDf/);
    expect(() => new CountVectorizer({ maxDf: 1.5 })).toThrow(RangeError);
    expect(() => new CountVectorizer({ minDf: -1 })).toThrow(RangeError);
    expect(() => new CountVectorizer({ maxFeatures: 0 })).toThrow(RangeError);
    expect(() => new CountVectorizer({ ngramRange: [2, 1] })).toThrow(RangeError);
    expect(() => new TfidfVectorizer({ norm: 'l3' as 'l1' })).toThrow(RangeError);
    expect(() => new CountVectorizer({ tokenPattern: '(a)(b)' })).toThrow(
      /More than 1 capturing group/,
    );
    expect(() => new TfidfVectorizer({ useIdf: false }).fit(['aa']).idf).toThrow(/useIdf is false/);
  });
});

describe('token pattern translation', () => {
  const tokens = (pattern: string, text: string) => {
    const cv = new CountVectorizer({ tokenPattern: pattern, lowercase: false });
    return cv.buildAnalyzer()(text);
  };
  it('translates \\w, \\b, \\d and classes to Unicode-aware JS', () => {
    expect(translatePythonPattern(String.raw`(?u)\b\w\w+\b`).flags).toBe('u');
    expect(tokens(String.raw`[\w-]+`, 'état-civil, x')).toEqual(['état-civil', 'x']);
    expect(tokens(String.raw`\d+`, 'a 42 ٣٤ ²')).toEqual(['42', '٣٤']); // Python \d = Nd, not ²
    expect(tokens(String.raw`(?i)\bÉT\w*`, 'été Étage')).toEqual(['été', 'Étage']);
    expect(tokens(String.raw`(?P<w>\w+)-(?P=w)`, 'bye-bye so-so no-yes')).toEqual(['bye', 'so']);
    expect(tokens(String.raw`\S+`, 'a\u001cb c\ufeffd')).toEqual(['a', 'b', 'c\ufeffd']); // Python's \s
  });
  it('refuses what JS cannot express', () => {
    expect(() => translatePythonPattern(String.raw`[\W]`)).toThrow(/inside a character class/);
    expect(() => translatePythonPattern(String.raw`(?x)a b`)).toThrow(/\(\?x\)/);
  });
});

describe('larger vocabularies and serialization', () => {
  it('counts 5,000 distinct terms exactly (hash table growth)', () => {
    const terms = Array.from({ length: 5000 }, (_, i) => `t${i}`);
    const docs = [terms.join(' '), terms.filter((_, i) => i % 3 === 0).join(' ')];
    const cv = new CountVectorizer();
    const X = cv.fitTransform(docs);
    expect(X.shape).toEqual([2, 5000]);
    expect(cv.getFeatureNamesOut()).toEqual([...terms].sort());
    expect(X.getRow(1).indices.length).toBe(1667);
    expect(cv.vocabulary.get('t4998')).toBe(cv.getFeatureNamesOut().indexOf('t4998'));
    expect(X.get(1, cv.vocabulary.get('t3') as number)).toBe(1);
    expect(X.get(1, cv.vocabulary.get('t4') as number)).toBe(0);
  });
  it('a fitted TfidfVectorizer survives structuredClone (as postMessage from a worker)', () => {
    const docs = ['the cat sat', 'the dog sat down', 'a cat and a dog'];
    const tv = new TfidfVectorizer({ ngramRange: [1, 2], sublinearTf: true, norm: 'l1' });
    tv.fit(docs);
    const copy = TfidfVectorizer.fromJSON(structuredClone(tv.toJSON()));
    expect(copy.getFeatureNamesOut()).toEqual(tv.getFeatureNamesOut());
    expect(Array.from(copy.idf)).toEqual(Array.from(tv.idf));
    expect(copy.transform(['cat sat down']).toDense()).toEqual(
      tv.transform(['cat sat down']).toDense(),
    );
    const cv = CountVectorizer.fromJSON(new CountVectorizer({ binary: true }).fit(docs).toJSON());
    expect(
      cv
        .transform(['cat cat'])
        .toDense()[0]
        .filter((v) => v > 0),
    ).toEqual([1]);
    expect(() => new CountVectorizer({ tokenizer: (d) => [d] }).fit(['x']).toJSON()).toThrow(
      /cannot be serialized/,
    );
    expect(() => TfidfVectorizer.fromJSON({ ...tv.toJSON(), idf: [1] })).toThrow(
      /one value per term/,
    );
  });
});
