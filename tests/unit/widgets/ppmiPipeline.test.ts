import { describe, expect, it, vi } from 'vitest';
import {
  buildEmbeddingVocab,
  encodeSentences,
  cooccurrenceMatrix,
  ppmi,
  svdWordVectors,
} from '../../../src/nlp/embeddings';
import { PpmiPipeline, SVD_SEED } from '../../../src/widgets/ppmi-svd/pipeline';
import type { PpmiSettings } from '../../../src/widgets/ppmi-svd/protocol';
import { settingsOf, settingsSummary } from '../../../src/widgets/ppmi-svd/PpmiSvd';

// A small corpus with planted structure: months and numbers occur in their own frames.
const months = ['january', 'march', 'june', 'july'];
const numbers = ['two', 'three', 'four', 'five'];
const sentences: string[][] = [];
for (let r = 0; r < 30; r++) {
  for (const m of months) sentences.push(['in', m, 'the', 'congress', 'met', 'again']);
  for (const n of numbers) sentences.push(['we', 'built', n, 'new', 'ships', 'today']);
}

const base: PpmiSettings = { corpus: 'sotu', window: 2, alpha: 1, k: 4, power: 1, minCount: 5 };

describe('PpmiPipeline', () => {
  it('matches the library route (vocabulary, counts, PPMI, svdWordVectors) exactly', async () => {
    const p = new PpmiPipeline(async () => sentences);
    const r = await p.build(base);
    const vocab = buildEmbeddingVocab(sentences, { minCount: 5 });
    const C = cooccurrenceMatrix(encodeSentences(sentences, vocab), vocab.words.length, 2);
    const ref = svdWordVectors(ppmi(C), 4, { seed: SVD_SEED, power: 1 });
    expect(r.words).toEqual(vocab.words);
    expect(r.nnzCooccurrence).toBe(C.nnz);
    expect(Array.from(r.vectors)).toEqual(Array.from(ref.vectors));
    expect(r.evaluation.analogy.total).toBeGreaterThan(0);
  });

  it('reuses cached stages: p alone skips the SVD, window recounts', async () => {
    const load = vi.fn(async () => sentences);
    const p = new PpmiPipeline(load);
    await p.build(base);
    const r2 = await p.build({ ...base, power: 0.5 });
    expect(load).toHaveBeenCalledTimes(1);
    expect(r2.ms.svd).toBeUndefined();
    expect(r2.ms.cooccurrence).toBeUndefined();
    expect(r2.fullMs.svd).toBeGreaterThanOrEqual(0);
    const ref = svdWordVectors(
      ppmi(
        cooccurrenceMatrix(
          encodeSentences(sentences, buildEmbeddingVocab(sentences)),
          r2.words.length,
          2,
        ),
      ),
      4,
      { seed: SVD_SEED, power: 0.5 },
    );
    expect(Array.from(r2.vectors)).toEqual(Array.from(ref.vectors));
    const r3 = await p.build({ ...base, window: 1 });
    expect(r3.ms.cooccurrence).toBeGreaterThanOrEqual(0);
    expect(r3.ms.svd).toBeGreaterThanOrEqual(0);
  });

  it('separates the planted groups', async () => {
    const p = new PpmiPipeline(async () => sentences);
    const r = await p.build({ ...base, k: 3 });
    const at = (w: string) => r.words.indexOf(w) * r.dim;
    const cos = (a: string, b: string) => {
      let s = 0,
        na = 0,
        nb = 0;
      for (let c = 0; c < r.dim; c++) {
        const x = r.vectors[at(a) + c],
          y = r.vectors[at(b) + c];
        s += x * y;
        na += x * x;
        nb += y * y;
      }
      return s / Math.sqrt(na * nb);
    };
    expect(cos('january', 'july')).toBeGreaterThan(cos('january', 'three') + 0.5);
  });

  it('says when k is too large for the vocabulary', async () => {
    const p = new PpmiPipeline(async () => sentences);
    await expect(p.build({ ...base, k: 200 })).rejects.toThrow(/choose k below/);
  });

  it('turns schema values into settings and a summary', () => {
    const s = settingsOf({
      corpus: 'moby',
      window: 2,
      alpha: '0.75',
      k: 50,
      power: '0.5',
      minCount: 5,
    });
    expect(s).toEqual({ corpus: 'moby', window: 2, alpha: 0.75, k: 50, power: 0.5, minCount: 5 });
    expect(settingsSummary(s)).toBe('window 2, α = 0.75, d = 50, p = 0.5');
  });
});
