/**
 * The TF-IDF matrix widget's numbers: the matrices it draws equal scikit-learn 1.2's output
 * for its sample documents (fixture made by scripts/fixtures/sklearn_tfidf_widget.py), and
 * the formula shown for every cell reproduces the value the vectorizer computed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_SETS, MAX_CHARS, MAX_DOCUMENTS } from '../../../src/widgets/tfidf-matrix/schema';
import {
  cellBreakdown,
  computeTfidf,
  formulaLines,
  splitDocuments,
  type VectorizerSettings,
} from '../../../src/widgets/tfidf-matrix/tfidfModel';
import { SKLEARN_DEFAULTS } from '../../../src/widgets/common/vectorize';

interface Case {
  set: string;
  settings: [boolean, boolean, boolean, boolean, 'l1' | 'l2' | null, boolean, [number, number]];
  terms?: string[];
  idf?: number[] | null;
  counts?: number[][];
  values?: number[][];
  error?: string;
}
const fixture = JSON.parse(
  readFileSync(new URL('./tfidfMatrix.sklearn.json', import.meta.url), 'utf8'),
) as { sets: Record<string, string[]>; cases: Case[] };

const settingsOf = (c: Case): VectorizerSettings => {
  const [binary, useIdf, smoothIdf, sublinearTf, norm, stopWords, ngramRange] = c.settings;
  return { binary, useIdf, smoothIdf, sublinearTf, norm, stopWords, ngramRange };
};

describe('TF-IDF matrix widget against scikit-learn', () => {
  it('uses the same document sets as the fixture', () => {
    for (const s of DOCUMENT_SETS) expect(fixture.sets[s.name]).toEqual(s.docs);
  });

  it(`matches TfidfVectorizer for all ${fixture.cases.length} cases (terms, counts, idf, values)`, () => {
    for (const c of fixture.cases) {
      const docs = fixture.sets[c.set];
      const where = `${c.set} ${JSON.stringify(c.settings)}`;
      if (c.error) {
        expect(() => computeTfidf(docs, settingsOf(c)), where).toThrow();
        continue;
      }
      const m = computeTfidf(docs, settingsOf(c));
      expect(m.terms, where).toEqual(c.terms);
      expect(m.counts, where).toEqual(c.counts);
      if (c.idf) m.idf!.forEach((v, j) => expect(v, where).toBeCloseTo(c.idf![j], 9));
      else expect(m.idf, where).toBeNull();
      m.values.forEach((row, i) =>
        row.forEach((v, j) => expect(v, `${where} (${i}, ${j})`).toBeCloseTo(c.values![i][j], 9)),
      );
    }
  });
});

describe('cellBreakdown', () => {
  it("every cell's formula reproduces the library's value, under every weighting", () => {
    const weighted = fixture.cases.filter((c) => !c.error);
    for (const c of weighted) {
      const m = computeTfidf(fixture.sets[c.set], settingsOf(c));
      for (let i = 0; i < m.n; i++) {
        for (let j = 0; j < m.terms.length; j++) {
          const b = cellBreakdown(m, i, j);
          expect(b.recomputed, `${c.set} ${JSON.stringify(c.settings)} (${i}, ${j})`).toBeCloseTo(
            b.value,
            12,
          );
        }
      }
    }
  });

  it('gives tf, df, n, the smoothed idf, the product and the l2 norm of a known cell', () => {
    // "sea" set: "sea" occurs twice in document 2 and in 3 of the 4 documents.
    const m = computeTfidf(DOCUMENT_SETS[0].docs, SKLEARN_DEFAULTS);
    const j = m.terms.indexOf('sea');
    const b = cellBreakdown(m, 1, j);
    expect(b.count).toBe(2);
    expect(b.tf).toBe(2);
    expect(b.df).toBe(3);
    expect(b.n).toBe(4);
    expect(b.idf).toBeCloseTo(Math.log(5 / 4) + 1, 12);
    expect(b.product).toBeCloseTo(2 * (Math.log(5 / 4) + 1), 12);
    const row = m.weighted[1];
    expect(b.norm).toBeCloseTo(Math.hypot(...row), 12);
    expect(b.value).toBeCloseTo(b.product / b.norm!, 12);
    const text = formulaLines(b, SKLEARN_DEFAULTS).join('\n');
    expect(text).toContain('ln(5 / 4) + 1 = 1.2231');
    expect(text).toContain('tf × idf = 2 × 1.2231 = 2.4463');
  });

  it('shows the unsmoothed, sublinear, l1 and no-idf variants of the formula', () => {
    const s: VectorizerSettings = {
      ...SKLEARN_DEFAULTS,
      smoothIdf: false,
      sublinearTf: true,
      norm: 'l1',
    };
    const m = computeTfidf(DOCUMENT_SETS[2].docs, s);
    const b = cellBreakdown(m, 0, m.terms.indexOf('spam'));
    expect(b.count).toBe(8);
    expect(b.tf).toBeCloseTo(1 + Math.log(8), 12);
    expect(b.idf).toBeCloseTo(Math.log(3 / 2) + 1, 12);
    expect(b.norm).toBeCloseTo(
      m.weighted[0].reduce((a, v) => a + Math.abs(v), 0),
      12,
    );
    const text = formulaLines(b, s).join('\n');
    expect(text).toContain('tf = 1 + ln(8) = 3.0794');
    expect(text).toContain('idf = ln(n / df) + 1 = ln(3 / 2) + 1');
    expect(text).toContain('‖row‖₁');
    const noIdf = { ...s, useIdf: false, norm: null };
    const m2 = computeTfidf(DOCUMENT_SETS[2].docs, noIdf);
    const b2 = cellBreakdown(m2, 0, m2.terms.indexOf('spam'));
    expect(b2.idf).toBeNull();
    expect(b2.norm).toBeNull();
    expect(b2.value).toBeCloseTo(1 + Math.log(8), 12);
    expect(formulaLines(b2, noIdf).join('\n')).toContain('use_idf off');
  });

  it('refuses a cell outside the matrix', () => {
    const m = computeTfidf(DOCUMENT_SETS[0].docs, SKLEARN_DEFAULTS);
    expect(() => cellBreakdown(m, 4, 0)).toThrow(RangeError);
    expect(() => cellBreakdown(m, 0, m.terms.length)).toThrow(RangeError);
  });
});

describe('splitDocuments', () => {
  it('keeps non-empty trimmed lines, at most the limit, and says when it clipped', () => {
    expect(splitDocuments(' a b \n\n c d \r\n')).toEqual({ docs: ['a b', 'c d'], clipped: false });
    const many = Array.from({ length: MAX_DOCUMENTS + 2 }, (_, i) => `doc ${i}`).join('\n');
    const r = splitDocuments(many);
    expect(r.docs).toHaveLength(MAX_DOCUMENTS);
    expect(r.clipped).toBe(true);
    expect(splitDocuments('x'.repeat(MAX_CHARS + 1)).clipped).toBe(true);
    expect(splitDocuments('   \n  ').docs).toEqual([]);
  });

  it('an only-stop-words text gives an error to show, not a crash', () => {
    expect(() =>
      computeTfidf(['the and of', 'it is'], { ...SKLEARN_DEFAULTS, stopWords: true }),
    ).toThrow(/vocabulary/i);
  });
});
