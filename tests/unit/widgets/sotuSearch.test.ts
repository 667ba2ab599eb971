/**
 * The SOTU search ranking on a tiny corpus: cosine scores equal the library's
 * cosineSimilarity of the TF-IDF vectors, hits come best first, each hit's term contributions
 * add up to its score, the filter and the per-group counts work, and empty, stop-word-only and
 * unknown-word queries say so.
 */
import { describe, expect, it } from 'vitest';
import { CosineIndex, cosineSimilarity } from '../../../src/nlp';
import {
  buildIndex,
  highlightSegments,
  searchIndex,
  tokenize,
} from '../../../src/widgets/sotu-search/search';
import { ENGLISH_STOP_WORDS } from '../../../src/nlp';

const CORPUS = [
  'The income tax shall be levied on all incomes above a modest sum.',
  'Slavery must end; the slave trade is an evil that shames the nation.',
  'We ask Congress to reduce the tax on tea and coffee.',
  'Nuclear weapons threaten every nation; we seek to limit nuclear arms.',
  'The railroads now cross the continent, and trade follows them.',
  'An income tax on the largest fortunes would be fair, and the tax on wages lower.',
];
const STOP = new Set(ENGLISH_STOP_WORDS);

describe('searchIndex', () => {
  const index = buildIndex(CORPUS, true);

  it('scores equal the cosine similarity of the TF-IDF vectors, best first', () => {
    const r = searchIndex(index, 'income tax', { k: 10, stopList: STOP });
    expect(r.status).toBe('ok');
    const q = index.vectorizer.transform(['income tax']);
    const cos = cosineSimilarity(q, index.matrix)[0];
    const expected = Array.from(cos, (s, doc) => ({ doc, s }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s);
    expect(r.hits.map((h) => h.doc)).toEqual(expected.map((x) => x.doc));
    r.hits.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i].s, 12));
    for (let i = 1; i < r.hits.length; i++)
      expect(r.hits[i].score).toBeLessThanOrEqual(r.hits[i - 1].score);
    // Texts 0 and 5 have both words; text 2 only "tax".
    expect(new Set(r.hits.slice(0, 2).map((h) => h.doc))).toEqual(new Set([0, 5]));
    expect(r.matched).toBe(3);
  });

  it("agrees with the library's CosineIndex top-k", () => {
    const ci = new CosineIndex(index.matrix);
    for (const query of ['nation', 'tax trade', 'nuclear slavery railroads']) {
      const q = index.vectorizer.transform([query]).getRow(0);
      const lib = ci.search(q, 3);
      const ours = searchIndex(index, query, { k: 3 }).hits;
      expect(ours.map((h) => h.doc)).toEqual(lib.map((h) => h.row));
    }
  });

  it("each hit's term contributions (query weight × passage weight) sum to its score", () => {
    const r = searchIndex(index, 'tax on trade and nuclear nation', { stopList: STOP });
    expect(r.hits.length).toBeGreaterThan(2);
    for (const h of r.hits) {
      const sum = h.contributions.reduce((s, c) => s + c.product, 0);
      expect(sum).toBeCloseTo(h.score, 12);
      for (const c of h.contributions)
        expect(c.product).toBeCloseTo(c.queryWeight * c.docWeight, 12);
      for (let i = 1; i < h.contributions.length; i++)
        expect(h.contributions[i].product).toBeLessThanOrEqual(h.contributions[i - 1].product);
    }
    expect(r.stopWords).toEqual(['on', 'and']);
  });

  it('filters texts and counts matches per group', () => {
    const r = searchIndex(index, 'tax', {
      filter: (doc) => doc !== 0,
      groupOf: (doc) => (doc < 3 ? 0 : 1),
    });
    expect(r.hits.map((h) => h.doc).sort()).toEqual([2, 5]);
    expect(r.matched).toBe(2);
    expect([...r.groups].sort()).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it('says why an empty, stop-word-only or unknown-word query ranks nothing', () => {
    expect(searchIndex(index, '   ', { stopList: STOP }).status).toBe('empty');
    expect(searchIndex(index, 'a I ?', { stopList: STOP }).status).toBe('empty');
    const stop = searchIndex(index, 'the and of', { stopList: STOP });
    expect(stop.status).toBe('stop-words-only');
    expect(stop.hits).toEqual([]);
    const unk = searchIndex(index, 'internet the', { stopList: STOP });
    expect(unk.status).toBe('unknown-words');
    expect(unk.unknown).toEqual(['internet']);
    expect(unk.stopWords).toEqual(['the']);
  });

  it('keeps stop words in the index when asked', () => {
    const withStops = buildIndex(CORPUS, false);
    const r = searchIndex(withStops, 'the', {});
    expect(r.status).toBe('ok');
    expect(r.matched).toBe(5);
  });
});

describe('highlighting', () => {
  it("marks the query's terms with the vectorizer's tokenization, keeping the text whole", () => {
    const text = 'The TAX on tax-payers, taxes and a tax.';
    const segs = highlightSegments(text, new Set(['tax']));
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['TAX', 'tax', 'tax']);
    expect(tokenize('Ünïcode wörds, a b 42')).toEqual(['ünïcode', 'wörds', '42']);
  });
});
