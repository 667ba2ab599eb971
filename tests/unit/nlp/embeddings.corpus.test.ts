/**
 * The evaluation sets of chapter 8 fit their corpora: every word of every analogy question and
 * judged pair occurs at least 5 times (the default min count) in the prepared corpus as
 * lmSentences tokenizes it, so a model trained with min count <= 5 covers the whole set.
 */
import { describe, expect, it } from 'vitest';
import { lmSentences, mobyDickSentences, parseMobyDick, parseSotu } from '../../../src/data';
import {
  MOBY_DICK_EVALUATION_SET,
  SOTU_EVALUATION_SET,
  type EvaluationSet,
} from '../../../src/nlp';
import { readCorpusJson } from '../data/realCorpus';

const MIN_COUNT = 5;

function rareWords(set: EvaluationSet, sentences: string[][]): string[] {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = new Set([
    ...set.analogies.flatMap((q) => [q.a, q.b, q.c, q.expected]),
    ...set.similarity.flatMap((p) => [p.w1, p.w2]),
  ]);
  return [...words].filter((w) => (counts.get(w) ?? 0) < MIN_COUNT);
}

function checkShape(set: EvaluationSet): void {
  for (const q of set.analogies) {
    expect(new Set([q.a, q.b, q.c, q.expected]).size, JSON.stringify(q)).toBe(4);
  }
  for (const p of set.similarity) {
    expect(p.score).toBeGreaterThanOrEqual(0);
    expect(p.score).toBeLessThanOrEqual(10);
    expect(p.w1).not.toBe(p.w2);
  }
  const keys = set.similarity.map((p) => [p.w1, p.w2].sort().join(' '));
  expect(new Set(keys).size).toBe(keys.length);
}

describe('evaluation sets against their corpora', () => {
  it('State of the Union: 40-80 questions, ~40+ pairs, every word >= 5 times', () => {
    const sotu = parseSotu(readCorpusJson('sotu.json'));
    const sentences = sotu.passages.flatMap((p) => lmSentences(p.text));
    checkShape(SOTU_EVALUATION_SET);
    expect(SOTU_EVALUATION_SET.analogies.length).toBeGreaterThanOrEqual(40);
    expect(SOTU_EVALUATION_SET.analogies.length).toBeLessThanOrEqual(80);
    expect(SOTU_EVALUATION_SET.similarity.length).toBeGreaterThanOrEqual(40);
    expect(rareWords(SOTU_EVALUATION_SET, sentences)).toEqual([]);
  }, 30_000);

  it('Moby Dick (training chapters): every word >= 5 times', () => {
    const md = parseMobyDick(readCorpusJson('moby-dick.json'));
    checkShape(MOBY_DICK_EVALUATION_SET);
    expect(rareWords(MOBY_DICK_EVALUATION_SET, mobyDickSentences(md, 'train'))).toEqual([]);
  });
});
