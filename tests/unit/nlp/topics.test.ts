import { describe, expect, it } from 'vitest';
import { GibbsLda } from '../../../src/nlp/topics/gibbsLda';
import {
  npmiCoherence,
  topicCoherence,
  topWordIds,
  umassCoherence,
} from '../../../src/nlp/topics/coherence';
import { lgammaScalar } from '../../../src/nlp/topics/special';
import { CsrMatrix } from '../../../src/nlp/vectorize/sparse';

// Toy corpus: a = 0, b = 1, c = 2, d = 3.
const A = 0;
const B = 1;
const C = 2;
const D = 3;
const TOY = [
  [A, B, C],
  [A, B],
  [A, C],
  [D, D],
];
// Document frequencies: D(a) = 3, D(b) = 2, D(c) = 2, D(d) = 1; D(a,b) = 2, D(a,c) = 2,
// D(b,c) = 1, D(a,d) = 0.

describe('UMass coherence (Mimno et al. 2011), by hand', () => {
  it('sums log((D(v_m, v_l) + 1) / D(v_l)) over ordered pairs', () => {
    // [b, c, a]: log((1+1)/2) + log((2+1)/2) + log((2+1)/2) = 2 log 1.5
    expect(umassCoherence([B, C, A], TOY)).toBeCloseTo(2 * Math.log(1.5), 12);
    // [a, b, c]: log(3/3) + log(3/3) + log(2/2) = 0
    expect(umassCoherence([A, B, C], TOY)).toBeCloseTo(0, 12);
    // [a, d]: log((0 + 1) / 3)
    expect(umassCoherence([A, D], TOY)).toBeCloseTo(-Math.log(3), 12);
  });

  it('gives the same scores from the CSR document-term matrix', () => {
    const X = CsrMatrix.fromDense([
      [1, 1, 1, 0],
      [1, 1, 0, 0],
      [1, 0, 1, 0],
      [0, 0, 0, 2],
    ]);
    expect(
      topicCoherence(
        [
          [B, C, A],
          [A, D],
        ],
        X,
      ),
    ).toEqual(
      topicCoherence(
        [
          [B, C, A],
          [A, D],
        ],
        TOY,
      ),
    );
  });
});

describe('NPMI coherence (Bouma 2009; Röder et al. 2015)', () => {
  const npmi = (pij: number, pi: number, pj: number) => Math.log(pij / (pi * pj)) / -Math.log(pij);

  it('document co-occurrence: 4 documents', () => {
    // P(a) = 3/4, P(b) = P(c) = 1/2, P(a,b) = P(a,c) = 1/2, P(b,c) = 1/4
    const ab = npmi(1 / 2, 3 / 4, 1 / 2);
    const bc = npmi(1 / 4, 1 / 2, 1 / 2); // = 0: independent
    expect(bc).toBeCloseTo(0, 12);
    expect(npmiCoherence([A, B, C], TOY, 'document')).toBeCloseTo((2 * ab + bc) / 3, 12);
    expect(npmiCoherence([A, D], TOY, 'document')).toBe(-1); // never together
  });

  it('sliding windows of 2 tokens: 5 windows', () => {
    // [a b c] -> {a,b}, {b,c}; [a b], [a c], [d d] are one window each.
    // P(a) = P(b) = 3/5, P(c) = 2/5, P(a,b) = 2/5, P(b,c) = P(a,c) = 1/5
    const expected =
      (npmi(2 / 5, 3 / 5, 3 / 5) + npmi(1 / 5, 3 / 5, 2 / 5) + npmi(1 / 5, 3 / 5, 2 / 5)) / 3;
    expect(npmiCoherence([A, B, C], TOY, 2)).toBeCloseTo(expected, 12);
    expect(npmiCoherence([A, B], [[A, B]], 2)).toBe(1); // in every window
  });

  it('throws clear errors', () => {
    expect(() => umassCoherence([A], TOY)).toThrow(/at least 2/);
    expect(() => umassCoherence([A, A], TOY)).toThrow(/repeats/);
    expect(() => umassCoherence([A, 9], TOY)).toThrow(/word id 9 never occurs/);
    expect(() => npmiCoherence([A, B], TOY, 1)).toThrow(/window/);
    const X = CsrMatrix.fromDense([[1, 1]]);
    expect(() => npmiCoherence([0, 1], X, 10)).toThrow(/token sequences/);
  });
});

describe('topWordIds', () => {
  it('orders by weight, ties by id', () => {
    expect(topWordIds([0.1, 0.5, 0.5, 0.2, 3, 1, 2, 0], 4, 3)).toEqual([
      [1, 2, 3],
      [0, 2, 1],
    ]);
  });
});

/** Two topics with disjoint vocabularies: documents 0-5 use words 0-3, documents 6-11 words 4-7. */
function plantedCorpus(): number[][] {
  const docs: number[][] = [];
  for (let d = 0; d < 12; d++) {
    const base = d < 6 ? 0 : 4;
    docs.push(Array.from({ length: 12 }, (_, i) => base + ((i * 7 + d) % 4)));
  }
  return docs;
}

function recount(g: GibbsLda) {
  const K = g.nComponents;
  const nDk = new Int32Array(g.nDocs * K);
  const nKw = new Int32Array(K * g.nFeatures);
  const nK = new Int32Array(K);
  for (let i = 0; i < g.nTokens; i++) {
    nDk[g.docs[i] * K + g.z[i]]++;
    nKw[g.z[i] * g.nFeatures + g.words[i]]++;
    nK[g.z[i]]++;
  }
  return { nDk, nKw, nK };
}

describe('GibbsLda (collapsed Gibbs sampling, Griffiths & Steyvers 2004)', () => {
  it('keeps n_dk, n_kw and n_k equal to the counts of z after every step', () => {
    const g = new GibbsLda(plantedCorpus(), 8, { nComponents: 3, randomState: 1 });
    for (let s = 0; s < 300; s++) {
      g.step();
      if (s % 37 === 0) {
        const r = recount(g);
        expect(g.nDk).toEqual(r.nDk);
        expect(g.nKw).toEqual(r.nKw);
        expect(g.nK).toEqual(r.nK);
      }
    }
    expect(g.nK.reduce((a, b) => a + b, 0)).toBe(g.nTokens);
  });

  it("each step's conditional is eq. 5 on the counts without the token", () => {
    const g = new GibbsLda(plantedCorpus(), 8, { nComponents: 2, alpha: 0.5, beta: 0.1 });
    for (let s = 0; s < 20; s++) {
      const i = g.position;
      const before = { z: g.z[i], ...recount(g) };
      const step = g.step();
      expect(step.token).toBe(i);
      expect(step.oldTopic).toBe(before.z);
      const d = g.docs[i];
      const w = g.words[i];
      const p = [0, 1].map((k) => {
        const own = k === before.z ? 1 : 0;
        return (
          ((before.nKw[k * 8 + w] - own + 0.1) / (before.nK[k] - own + 8 * 0.1)) *
          (before.nDk[d * 2 + k] - own + 0.5)
        );
      });
      const total = p[0] + p[1];
      expect(step.conditional[0]).toBeCloseTo(p[0] / total, 12);
      expect(step.conditional[1]).toBeCloseTo(p[1] / total, 12);
      expect(g.z[i]).toBe(step.newTopic);
    }
  });

  it('separates two planted topics; seeded; sweeps count; log-likelihood rises', () => {
    const run = () => {
      const g = new GibbsLda(plantedCorpus(), 8, { nComponents: 2, randomState: 7 });
      const ll0 = g.logLikelihood();
      for (let s = 0; s < 30; s++) g.sweep();
      return { g, ll0 };
    };
    const { g, ll0 } = run();
    expect(g.sweeps).toBe(30);
    expect(g.position).toBe(0);
    expect(g.logLikelihood()).toBeGreaterThan(ll0);
    const phi = g.topicWordDistribution();
    const tops = topWordIds(phi, 8, 4).map((t) => [...t].sort((a, b) => a - b));
    expect(tops).toContainEqual([0, 1, 2, 3]);
    expect(tops).toContainEqual([4, 5, 6, 7]);
    const theta = g.docTopicDistribution();
    for (let d = 0; d < 12; d++)
      expect(Math.max(theta[2 * d], theta[2 * d + 1])).toBeGreaterThan(0.9);
    expect(Array.from(run().g.z)).toEqual(Array.from(g.z));
  });

  it('logLikelihood is Griffiths & Steyvers eq. 2', () => {
    const g = new GibbsLda([[0, 1], [1]], 2, { nComponents: 1, beta: 0.5 });
    // One topic: n_k0 = [1, 2], n_k = 3.
    const expected =
      lgammaScalar(1) -
      2 * lgammaScalar(0.5) +
      lgammaScalar(1.5) +
      lgammaScalar(2.5) -
      lgammaScalar(4);
    expect(g.logLikelihood()).toBeCloseTo(expected, 12);
  });

  it('throws clear errors', () => {
    expect(() => new GibbsLda([[0, 5]], 3)).toThrow(/word id 5/);
    expect(() => new GibbsLda([[]], 3)).toThrow(/no tokens/);
    expect(() => new GibbsLda([[0]], 3, { nComponents: 0 })).toThrow(/nComponents/);
    expect(() => new GibbsLda([[0]], 3, { alpha: 0 })).toThrow(/alpha/);
  });
});
