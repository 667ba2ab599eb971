/**
 * The SOTU search worker: downloads the corpus (about 11 MB), fits the TF-IDF index over its
 * ~15,000 passages (1.8 M words) and answers queries, all off the main thread so the page stays
 * responsive. Protocol: ./protocol.ts.
 */
import { loadSotu, type SotuCorpus } from '../../data';
import { ENGLISH_STOP_WORDS } from '../../nlp';
import type { FromWorker, HitView, IndexInfo, ToWorker } from './protocol';
import { buildIndex, searchIndex, type SearchIndex } from './search';

let corpus: SotuCorpus | null = null;
let index: SearchIndex | null = null;
let years: Int32Array = new Int32Array(0);

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);

function build(stopWords: boolean): void {
  if (!corpus) return;
  post({ type: 'progress', phase: 'index', passages: corpus.passages.length });
  const t0 = performance.now();
  index = buildIndex(
    corpus.passages.map((p) => p.text),
    stopWords,
  );
  const info: IndexInfo = {
    passages: corpus.passages.length,
    addresses: corpus.addresses.length,
    terms: index.terms.length,
    firstYear: corpus.addresses[0].year,
    lastYear: corpus.addresses[corpus.addresses.length - 1].year,
    stopWords,
    buildMs: Math.round(performance.now() - t0),
  };
  post({ type: 'ready', info });
}

async function load(baseUrl: string, stopWords: boolean): Promise<void> {
  corpus = await loadSotu({
    baseUrl,
    onProgress: ({ loaded, total }) => post({ type: 'progress', phase: 'download', loaded, total }),
  });
  const c = corpus;
  years = Int32Array.from(c.passages, (p) => c.addresses[p.address].year);
  build(stopWords);
}

function search(id: number, query: string, from: number, to: number, k: number): void {
  if (!corpus || !index) return;
  const c = corpus;
  const stopList = index.stopWords ? new Set(ENGLISH_STOP_WORDS) : undefined;
  const r = searchIndex(index, query, {
    k,
    stopList,
    filter: (doc) => years[doc] >= from && years[doc] <= to,
    groupOf: (doc) => Math.floor(years[doc] / 10) * 10,
  });
  const hits: HitView[] = r.hits.map((h) => {
    const p = c.passages[h.doc];
    const a = c.addresses[p.address];
    return { ...h, text: p.text, year: a.year, name: a.name, party: a.party };
  });
  const decades = [...r.groups.entries()].sort((x, y) => x[0] - y[0]);
  post({ type: 'results', id, result: { ...r, hits, decades } });
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    if (m.type === 'load') {
      load(m.baseUrl, m.stopWords).catch((err: unknown) =>
        post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
      );
    } else if (m.type === 'reindex') build(m.stopWords);
    else search(m.id, m.query, m.from, m.to, m.k);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
