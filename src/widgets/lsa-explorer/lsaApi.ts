/**
 * The LSA worker's API (see protocol.ts): it keeps the corpus and the fitted {@link LsaModel}
 * and answers the page's questions. Separate from the Worker global (lsa.worker.ts exposes it)
 * so that Node tests can call it directly on a small corpus.
 */
import type { LoadProgress, SotuCorpus } from '../../data';
import { progressSender } from '../common/workerProgress';
import { LSA_LIMITS } from './lsaConfig';
import { LsaModel, type Neighbour } from './lsaModel';
import { transfer } from '../../train/worker/rpc';
import type { DocHit, LsaProgress, LsaWorkerApi, TermHit, TermVectors } from './protocol';

/** What the API needs from its host. */
export interface LsaApiDeps {
  /** Downloads the corpus (the worker: `loadSotu`; tests: a small in-memory corpus). */
  loadCorpus: (baseUrl: string, onProgress: (p: LoadProgress) => void) => Promise<SotuCorpus>;
  /** Components to fit (default LSA_LIMITS.kMax; tests use fewer). */
  kMax?: number;
}

const SNIPPET_CHARS = 120;

/** Creates the API; one corpus and one model at a time. */
export function createLsaApi(deps: LsaApiDeps): LsaWorkerApi {
  let corpus: SotuCorpus | null = null;
  let model: LsaModel | null = null;

  const fitted = (): { c: SotuCorpus; m: LsaModel } => {
    if (!corpus || !model) throw new Error('The LSA model is not fitted yet.');
    return { c: corpus, m: model };
  };
  const checkK = (k: number, m: LsaModel) => {
    if (!Number.isInteger(k) || k < 1 || k > m.kMax) {
      throw new RangeError(`k must be an integer from 1 to ${m.kMax}, got ${k}.`);
    }
  };
  const docView = (c: SotuCorpus, doc: number) => {
    const p = c.passages[doc];
    const a = c.addresses[p.address];
    const snippet =
      p.text.length > SNIPPET_CHARS ? `${p.text.slice(0, SNIPPET_CHARS).trimEnd()}…` : p.text;
    return { doc, year: a.year, name: a.name, snippet };
  };
  const hits = (
    c: SotuCorpus,
    m: LsaModel,
    probe: ArrayLike<number>,
    k: number,
    topn: number,
    ex?: { kind: string; index: number },
  ) => {
    const terms: TermHit[] = m
      .nearest(probe, k, 'term', topn, ex?.kind === 'term' ? ex.index : -1)
      .map((n: Neighbour) => ({ term: m.terms[n.index], cos: n.cos }));
    const docs: DocHit[] = m
      .nearest(probe, k, 'doc', topn, ex?.kind === 'doc' ? ex.index : -1)
      .map((n: Neighbour) => ({ ...docView(c, n.index), cos: n.cos }));
    return { terms, docs };
  };

  return {
    async load(baseUrl, onProgress) {
      const progress = progressSender<LsaProgress>(onProgress);
      try {
        const c = await deps.loadCorpus(baseUrl, ({ loaded, total }) =>
          progress.send({ phase: 'download', loaded, total }),
        );
        progress.send({ phase: 'vectorize', passages: c.passages.length });
        const t0 = performance.now();
        const m = new LsaModel(
          c.passages.map((p) => p.text),
          deps.kMax ?? LSA_LIMITS.kMax,
          (done, total) => progress.send({ phase: 'svd', done, total }),
        );
        corpus = c;
        model = m;
        return {
          passages: c.passages.length,
          terms: m.terms.length,
          kMax: m.kMax,
          singularValues: Array.from(m.svd.singularValues),
          explainedVarianceRatio: Array.from(m.svd.explainedVarianceRatio),
          fitMs: Math.round(performance.now() - t0),
        };
      } finally {
        await progress.done();
      }
    },
    async map(dimX, dimY, nTerms, nDocs) {
      const { c, m } = fitted();
      for (const d of [dimX, dimY]) {
        if (!Number.isInteger(d) || d < 1 || d > m.kMax) {
          throw new RangeError(`A map dimension must be an integer from 1 to ${m.kMax}, got ${d}.`);
        }
      }
      const p = m.mapPoints(dimX - 1, dimY - 1, nTerms, nDocs);
      return {
        dims: [dimX, dimY],
        terms: p.terms.map((t) => ({ term: m.terms[t.index], x: t.x, y: t.y })),
        docs: p.docs.map((d) => ({
          doc: d.index,
          year: c.addresses[c.passages[d.index].address].year,
          x: d.x,
          y: d.y,
        })),
      };
    },
    async neighbours(selection, k, topn) {
      const { c, m } = fitted();
      checkK(k, m);
      const item = m.parseSelection(selection);
      if ('error' in item) return { status: 'error', message: item.error };
      const point = m.vectorOf(item);
      const label =
        item.kind === 'term'
          ? m.terms[item.index]
          : `passage #${item.index} (${docView(c, item.index).year})`;
      return {
        status: 'ok',
        label,
        kind: item.kind,
        point: Array.from(point),
        ...hits(c, m, point, k, topn, item),
      };
    },
    async fold(query, k, topn) {
      const { c, m } = fitted();
      checkK(k, m);
      const f = m.fold(query);
      const base = {
        status: f.status,
        tokens: f.tokens,
        stopWords: f.stopWords,
        unknown: f.unknown,
      };
      if (f.status !== 'ok') return { ...base, point: [], terms: [], docs: [] };
      return { ...base, point: Array.from(f.vector), ...hits(c, m, f.vector, k, topn) };
    },
    async termVectors(k) {
      const { m } = fitted();
      checkK(k, m);
      const n = m.terms.length;
      const K = m.kMax;
      const vectors = new Float32Array(n * k);
      for (let j = 0; j < n; j++) {
        for (let c = 0; c < k; c++) vectors[j * k + c] = m.termVecs[j * K + c];
      }
      const answer: TermVectors = { terms: [...m.terms], vectors, k };
      return transfer(answer, [vectors.buffer]);
    },
  };
}
