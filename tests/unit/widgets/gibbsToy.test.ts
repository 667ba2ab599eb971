/**
 * The Gibbs toy's logic (src/widgets/gibbs-toy): the reader's corpus, the numbers shown for a
 * step (they must reproduce the sampler's own conditional), the chain wrapper's trace, and that
 * the default corpus's two themes come out.
 */
import { describe, expect, it } from 'vitest';
import { GibbsLda } from '../../../src/nlp';
import {
  DEFAULT_TOY_CORPUS,
  TOY_LIMITS,
  explainStep,
  parseToyCorpus,
  topWords,
} from '../../../src/widgets/gibbs-toy/toyCorpus';
import { ToyChain } from '../../../src/widgets/gibbs-toy/useGibbsChain';

const parsed = parseToyCorpus(DEFAULT_TOY_CORPUS);
if (!parsed.ok) throw new Error(parsed.message);
const { docs, vocab } = parsed;
const opts = { docs, nFeatures: vocab.length, k: 2, alpha: 0.5, beta: 0.1, seed: 0 };

describe('parseToyCorpus', () => {
  it('reads one document per line without stop words, ids in order of first use', () => {
    const c = parseToyCorpus('The tariff and the trade\n\n  \nWar of the army, war!');
    expect(c).toEqual({
      ok: true,
      docs: [
        [0, 1],
        [2, 3, 2],
      ],
      vocab: ['tariff', 'trade', 'war', 'army'],
      notes: [],
    });
  });

  it('explains an unusable corpus', () => {
    expect(parseToyCorpus(' \n ')).toEqual({ ok: false, message: expect.stringMatching(/empty/) });
    expect(parseToyCorpus('the of and\nit is')).toEqual({
      ok: false,
      message: expect.stringMatching(/stop words/),
    });
  });

  it('keeps the tables small, saying what it left out', () => {
    const many = Array.from({ length: TOY_LIMITS.maxDocs + 2 }, (_, i) => `w${i} common`).join(
      '\n',
    );
    const c = parseToyCorpus(many);
    expect(c.ok && c.docs.length).toBe(TOY_LIMITS.maxDocs);
    expect(c.ok && c.notes.join(' ')).toMatch(/first 10 documents/);
    const long = parseToyCorpus(Array.from({ length: 40 }, (_, i) => `t${i}`).join(' '));
    expect(long.ok && long.docs[0].length).toBe(TOY_LIMITS.maxTokensPerDoc);
    const wide = parseToyCorpus(
      Array.from({ length: 40 }, (_, i) => `u${i}`)
        .join('\n')
        .slice(0, 400),
    );
    expect(wide.ok && wide.vocab.length).toBeLessThanOrEqual(TOY_LIMITS.maxTerms);
    expect(
      parseToyCorpus('the the\nriver bank').ok && parseToyCorpus('the the\nriver bank'),
    ).toMatchObject({
      notes: [expect.stringMatching(/1 line\(s\) had only stop words/)],
    });
  });
});

describe('explainStep', () => {
  it('reproduces the sampler’s conditional from the counts without the token', () => {
    for (const k of [2, 3]) {
      const lda = new GibbsLda(docs, vocab.length, {
        nComponents: k,
        alpha: 0.3,
        beta: 0.05,
        randomState: 7,
      });
      for (let i = 0; i < 200; i++) {
        const s = lda.step();
        const rows = explainStep(lda, s);
        rows.forEach((r, t) => expect(r.p).toBeCloseTo(s.conditional[t], 12));
        // Without the token: the document and word counts lost one in the new topic.
        const docLen = lda.docOffsets[s.doc + 1] - lda.docOffsets[s.doc];
        expect(rows.reduce((a, r) => a + r.nDk, 0)).toBe(docLen - 1);
        expect(rows.reduce((a, r) => a + r.nK, 0)).toBe(lda.nTokens - 1);
      }
    }
  });
});

describe('ToyChain', () => {
  it('records log p(w | z) after every complete sweep, by steps or by sweeps', () => {
    const a = new ToyChain(opts);
    const b = new ToyChain(opts);
    const N = a.lda.nTokens;
    expect(a.trace).toHaveLength(1);
    a.step(N - 1);
    expect(a.trace).toHaveLength(1);
    a.step(1);
    b.sweep();
    expect(a.trace).toHaveLength(2);
    expect(a.trace[1]).toEqual(b.trace[1]);
    expect(Array.from(a.lda.z)).toEqual(Array.from(b.lda.z)); // same seed, same draws
    b.step(3);
    b.sweep(); // finishes the sweep it is in
    expect(b.lda.position).toBe(0);
    expect(b.trace.map((t) => t.sweep)).toEqual([0, 1, 2]);
  });

  it('separates the default corpus’s two themes with the default settings', () => {
    const c = new ToyChain(opts);
    for (let i = 0; i < 30; i++) c.sweep();
    const tops = topWords(c.lda, vocab, 4).map((ws) => new Set(ws));
    const trade = new Set(['tariff', 'trade', 'duties', 'imports']);
    const war = new Set(['war', 'army', 'navy', 'soldiers']);
    const same = (x: Set<string>, y: Set<string>) =>
      x.size === y.size && [...x].every((w) => y.has(w));
    expect(tops.some((t) => same(t, trade))).toBe(true);
    expect(tops.some((t) => same(t, war))).toBe(true);
    expect(c.trace.at(-1)!.ll).toBeGreaterThan(c.trace[0].ll);
  });

  it('steps in microseconds, so playing stays far from a 50 ms task', () => {
    const c = new ToyChain(opts);
    const t0 = performance.now();
    c.step(20_000);
    const perStep = (performance.now() - t0) / 20_000;
    // A frame does at most 50 steps (MAX_STEPS_PER_FRAME): 50 steps must take well under 50 ms.
    expect(perStep * 50).toBeLessThan(5);
  });
});
