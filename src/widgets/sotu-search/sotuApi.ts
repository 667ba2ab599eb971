/**
 * The SOTU search worker's API (see protocol.ts): it keeps the corpus (about 11 MB of text) and
 * its TF-IDF index over ~15,000 passages (1.8 M words), and answers queries. Separate from the
 * Worker global (sotu.worker.ts exposes it) so that Node tests can serve it on a MessageChannel.
 */
import type { LoadProgress, SotuCorpus } from '../../data';
import { ENGLISH_STOP_WORDS } from '../../nlp';
import { progressSender, type ProgressSender } from '../common/workerProgress';
import type { HitView, IndexInfo, IndexProgress, SotuWorkerApi } from './protocol';
import { buildIndex, searchIndex, type SearchIndex } from './search';

/** What the API needs from its host. */
export interface SotuApiDeps {
  /** Downloads the corpus (the worker: `loadSotu`; tests: a small in-memory corpus). */
  loadCorpus: (baseUrl: string, onProgress: (p: LoadProgress) => void) => Promise<SotuCorpus>;
}

/** Creates the API; one corpus and one index at a time. */
export function createSotuApi(deps: SotuApiDeps): SotuWorkerApi {
  let corpus: SotuCorpus | null = null;
  let index: SearchIndex | null = null;
  let years: Int32Array = new Int32Array(0);

  const build = (c: SotuCorpus, stopWords: boolean, progress: ProgressSender<IndexProgress>) => {
    progress.send({ phase: 'index', passages: c.passages.length });
    const t0 = performance.now();
    index = buildIndex(
      c.passages.map((p) => p.text),
      stopWords,
    );
    const info: IndexInfo = {
      passages: c.passages.length,
      addresses: c.addresses.length,
      terms: index.terms.length,
      firstYear: c.addresses[0].year,
      lastYear: c.addresses[c.addresses.length - 1].year,
      stopWords,
      buildMs: Math.round(performance.now() - t0),
    };
    return info;
  };

  /** Runs `fn`, delivering its progress before its answer. */
  const withProgress = async <T>(
    onProgress: ((p: IndexProgress) => void) | undefined,
    fn: (progress: ProgressSender<IndexProgress>) => Promise<T> | T,
  ): Promise<T> => {
    const progress = progressSender(onProgress);
    try {
      return await fn(progress);
    } finally {
      await progress.done();
    }
  };

  return {
    load: (baseUrl, stopWords, onProgress) =>
      withProgress(onProgress, async (progress) => {
        const c = await deps.loadCorpus(baseUrl, ({ loaded, total }) =>
          progress.send({ phase: 'download', loaded, total }),
        );
        corpus = c;
        years = Int32Array.from(c.passages, (p) => c.addresses[p.address].year);
        return build(c, stopWords, progress);
      }),
    reindex: (stopWords, onProgress) =>
      withProgress(onProgress, (progress) => {
        if (!corpus) throw new Error('The State of the Union addresses are not loaded yet.');
        return build(corpus, stopWords, progress);
      }),
    async search({ query, from, to, k }) {
      if (!corpus || !index) throw new Error('The search index is not built yet.');
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
      return { ...r, hits, decades };
    },
  };
}
