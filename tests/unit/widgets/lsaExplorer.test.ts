/**
 * The LSA explorer's logic (src/widgets/lsa-explorer): the model (X V for documents, V Σ for
 * terms, cosine over the first k dimensions, folding a query in with `transform`, the reader's
 * odd queries), the worker API on a MessageChannel, and the map's geometry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SotuCorpus } from '../../../src/data';
import { TfidfVectorizer } from '../../../src/nlp';
import { proxy, WorkerConnection } from '../../../src/train/worker/rpc';
import { createLsaApi } from '../../../src/widgets/lsa-explorer/lsaApi';
import { LSA_LIMITS, LSA_VECTORIZER } from '../../../src/widgets/lsa-explorer/lsaConfig';
import { LsaModel } from '../../../src/widgets/lsa-explorer/lsaModel';
import {
  docScale,
  legibleLabels,
  robustDomain,
} from '../../../src/widgets/lsa-explorer/mapGeometry';
import type { LsaProgress, LsaWorkerApi } from '../../../src/widgets/lsa-explorer/protocol';
import { channelWorker, closeChannelWorkers } from './channelWorker';

afterEach(closeChannelWorkers);

const TRADE = ['tariff', 'duties', 'imports', 'customs', 'goods', 'exports', 'revenue'];
const WAR = ['army', 'navy', 'soldiers', 'battle', 'troops', 'enemy', 'fleet'];

/** 24 passages, half about trade and half about war, each with 4 of its theme's 7 words. */
function corpusTexts(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    const pick = (ws: string[]) => [0, 1, 2, 3].map((j) => ws[(i + 2 * j) % ws.length]);
    out.push(`The ${pick(TRADE).join(' and ')} of the nation.`);
    out.push(`The ${pick(WAR).join(' and ')} of the nation.`);
  }
  return out;
}

const texts = corpusTexts();
const K = 4;
const model = new LsaModel(texts, K);
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

describe('LsaModel', () => {
  it('places documents at X V (transform) and terms at V Σ', () => {
    const X = new TfidfVectorizer(LSA_VECTORIZER).fitTransform(texts);
    const XV = model.svd.transform(X).data;
    for (let i = 0; i < XV.length; i++) expect(model.docVecs[i]).toBeCloseTo(XV[i], 10);
    const { data: Vt, cols: n } = model.svd.components;
    const s = model.svd.singularValues;
    const j = model.termIndex.get('tariff')!;
    for (let c = 0; c < K; c++)
      expect(model.termVecs[j * K + c]).toBeCloseTo(Vt[c * n + j] * s[c], 12);
  });

  it('finds the same-theme terms and passages nearest, by cosine over the first k dims', () => {
    const t = model.parseSelection('Tariff');
    if ('error' in t) throw new Error(t.error);
    const near = model.nearest(model.vectorOf(t), 2, 'term', 5, t.index);
    expect(near.map((n) => model.terms[n.index]).every((w) => TRADE.includes(w))).toBe(true);
    expect(near.some((n) => n.index === t.index)).toBe(false);
    // Best first, and the cosine is the one over two dimensions.
    for (let i = 1; i < near.length; i++)
      expect(near[i - 1].cos).toBeGreaterThanOrEqual(near[i].cos);
    const p = model.vectorOf(t).subarray(0, 2);
    const q = model.vectorOf({ kind: 'term', index: near[0].index }).subarray(0, 2);
    expect(near[0].cos).toBeCloseTo(dot(p, q) / Math.sqrt(dot(p, p) * dot(q, q)), 12);
    const docs = model.nearest(model.vectorOf(t), 2, 'doc', 6);
    expect(docs.every((d) => d.index % 2 === 0)).toBe(true); // even passages are about trade
    expect(() => model.nearest(p, K + 1, 'doc', 3)).toThrow(/k must be an integer in \[1, 4\]/);
  });

  it('folds a query in with transform and explains the queries it cannot place', () => {
    const f = model.fold('Customs duties on goods, and the weather');
    expect(f.status).toBe('ok');
    expect(f.unknown).toEqual(['weather']);
    expect(f.stopWords).toEqual(['on', 'and', 'the']);
    const hits = model.nearest(f.vector, 2, 'doc', 5);
    expect(hits.every((d) => d.index % 2 === 0)).toBe(true);
    expect(model.fold('').status).toBe('empty');
    expect(model.fold('!!! ?').status).toBe('empty');
    expect(model.fold('the of and').status).toBe('stop-words-only');
    const oov = model.fold('cryptocurrency blockchain');
    expect(oov).toMatchObject({ status: 'unknown', unknown: ['cryptocurrency', 'blockchain'] });
    expect(oov.vector.length).toBe(0);
    expect(model.fold('tariff '.repeat(100)).status).toBe('too-long');
  });

  it('reads a selection as a term or #N, with a message otherwise', () => {
    expect(model.parseSelection('#3')).toEqual({ kind: 'doc', index: 3 });
    expect(model.parseSelection('#99')).toEqual({ error: expect.stringMatching(/#0 to #23/) });
    expect(model.parseSelection(' ')).toEqual({ error: expect.stringMatching(/click a point/) });
    expect(model.parseSelection('nation')).toEqual({ error: expect.stringMatching(/not one of/) });
  });

  it('maps the terms farthest from the origin and spreads the passages', () => {
    const m = model.mapPoints(0, 1, 5, 6);
    expect(m.terms).toHaveLength(5);
    const r = m.terms.map((t) => Math.hypot(t.x, t.y));
    for (let i = 1; i < r.length; i++) expect(r[i - 1]).toBeGreaterThanOrEqual(r[i]);
    expect(m.docs.map((d) => d.index)).toEqual([0, 4, 8, 12, 16, 20]);
  });
});

describe('the LSA worker API', () => {
  const corpus: SotuCorpus = {
    name: 'toy',
    addresses: [
      { year: 1800, name: 'A', party: 'none' },
      { year: 1950, name: 'B', party: 'none' },
    ],
    passages: texts.map((text, i) => ({ address: i % 2, text })),
  };

  it('loads with progress, then answers map, neighbour and query calls', async () => {
    const worker = channelWorker(
      createLsaApi({
        kMax: K,
        loadCorpus: async (_url, onProgress) => {
          onProgress({ loaded: 5, total: 5 });
          return corpus;
        },
      }),
    );
    const conn = new WorkerConnection<LsaWorkerApi>(worker.endpoint, { name: 'LSA' });
    await expect(conn.api.map(1, 2, 5, 5)).rejects.toThrow(/not fitted yet/);
    const seen: LsaProgress[] = [];
    const info = await conn.api.load(
      'http://x/',
      proxy((p: LsaProgress) => void seen.push(p)),
    );
    expect(seen[0]).toEqual({ phase: 'download', loaded: 5, total: 5 });
    expect(seen[1]).toEqual({ phase: 'vectorize', passages: 24 });
    expect(seen.at(-1)).toMatchObject({ phase: 'svd', done: 12, total: 12 });
    expect(info).toMatchObject({ passages: 24, terms: 14, kMax: K });
    const cum = info.explainedVarianceRatio.reduce((a, b) => a + b, 0);
    expect(cum).toBeGreaterThan(0);
    expect(cum).toBeLessThanOrEqual(1 + 1e-12);
    const map = await conn.api.map(1, 2, 3, 4);
    expect(map.dims).toEqual([1, 2]);
    expect(map.docs[1]).toMatchObject({ doc: 6, year: 1800 });
    await expect(conn.api.map(0, 2, 3, 4)).rejects.toThrow(/from 1 to 4/);
    const nb = await conn.api.neighbours('army', 2, 3);
    expect(
      nb.status === 'ok' && nb.kind === 'term' && nb.terms.every((t) => WAR.includes(t.term)),
    ).toBe(true);
    expect(await conn.api.neighbours('peace', 2, 3)).toMatchObject({ status: 'error' });
    const f = await conn.api.fold('soldiers and fleet', 2, 3);
    expect(f.status).toBe('ok');
    expect(f.docs.every((d) => d.year === 1950)).toBe(true); // odd passages: war, address 1
    await expect(conn.api.fold('army', 9, 3)).rejects.toThrow(/k must be an integer from 1 to 4/);
    // The Embedding Projector export: every term on the first k dimensions, as float32.
    const tv = await conn.api.termVectors(3);
    expect(tv.k).toBe(3);
    expect(tv.terms).toHaveLength(14);
    expect(tv.vectors).toBeInstanceOf(Float32Array);
    expect(tv.vectors.length).toBe(14 * 3);
    const army = tv.terms.indexOf('army');
    const point = nb.status === 'ok' ? nb.point : [];
    expect(Array.from(tv.vectors.subarray(army * 3, army * 3 + 3))).toEqual(
      Array.from(Float32Array.from(point.slice(0, 3))),
    );
    await expect(conn.api.termVectors(5)).rejects.toThrow(/k must be an integer from 1 to 4/);
  });
});

describe('the map geometry', () => {
  it('keeps 0 in a robust domain that ignores one extreme value', () => {
    const vals = [...Array.from({ length: 200 }, (_, i) => 0.1 + i / 1000), 50];
    const [lo, hi] = robustDomain(vals);
    expect(lo).toBeLessThan(0);
    expect(hi).toBeLessThan(1);
    expect(hi).toBeGreaterThan(0.29);
  });

  it('scales documents to the terms’ typical radius', () => {
    const terms = [
      { x: 2, y: 0 },
      { x: 0, y: 4 },
      { x: 3, y: 0 },
    ];
    const docs = [
      { x: 0.1, y: 0 },
      { x: 0.3, y: 0 },
      { x: 0, y: 0.2 },
    ];
    expect(docScale(terms, docs)).toBeCloseTo(3 / 0.2, 12);
    expect(docScale(terms, [{ x: 0, y: 0 }])).toBe(1);
  });

  it('shows only labels that do not overlap and stay inside', () => {
    const pts = Array.from({ length: 30 }, (_, i) => ({
      word: `word${i}`,
      px: 100 + (i % 3),
      py: 100,
    }));
    const shown = legibleLabels(pts, 30, 12, 400, 300);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(30);
    const box = (l: (typeof shown)[number]) => ({
      x0: l.x,
      x1: l.x + pts[l.index].word.length * 7.2,
      y0: l.y - 6.6,
      y1: l.y + 6.6,
    });
    for (let a = 0; a < shown.length; a++) {
      for (let b = a + 1; b < shown.length; b++) {
        const p = box(shown[a]);
        const q = box(shown[b]);
        expect(p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1).toBe(false);
      }
    }
    expect(LSA_LIMITS.kDefault).toBeLessThanOrEqual(LSA_LIMITS.kMax);
  });
});
