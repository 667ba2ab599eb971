/**
 * The browser side of tests/bench/topics.mjs (`--browser`): the same fits as its Node mode, in
 * headless Chromium through a Vite dev server (tests/bench/lib/benchPage.mjs). The page fetches
 * the corpus from the server (`/data/sotu.json`, the built file in public/data, through
 * src/data's `loadSotu` as the book does), vectorizes it, times `TruncatedSVD` (wasm SIMD
 * kernels unless `svdKernels` says otherwise) and `LatentDirichletAllocation` per tfjs backend
 * (wasm by default) and E-step.
 */
import { openBenchPage } from './lib/benchPage.mjs';

/** The bare imports of src/nlp, src/data, src/models/lda and src/train besides tfjs. */
const DEPS = ['comlink', 'ml-matrix', 'seedrandom', 'stemmer', 'stopwords-iso'];

/**
 * Runs in the page (serialised by `page.evaluate`: self-contained, imports through Vite): loads
 * the corpus as the book does, then tests/bench/topicsFits.ts's `runTopicFits`.
 *
 * @param {{ docs: number; k: number; nIter: number; svdRuns: number; svdKernels: string;
 *   topics: number;
 *   passes: number; batchSize: number; backends: string[]; eSteps: string[];
 *   vectorizer: object }} o
 */
async function fitInPage(o) {
  const data = await import('/src/data/index.ts');
  const { runTopicFits } = await import('/tests/bench/topicsFits.ts');
  const t0 = performance.now();
  const corpus = await data.loadSotu({ baseUrl: '/' });
  const loadMs = performance.now() - t0;
  let texts = corpus.passages.map((p) => p.text);
  if (o.docs > 0) texts = texts.slice(0, o.docs);
  const out = await runTopicFits(texts, o);
  return { ...out, userAgent: navigator.userAgent, loadMs };
}

/**
 * Fits in headless Chromium; returns what topics.mjs's Node mode computes (the vocabulary, the
 * matrices' shape and non-zeros, the SVD times and spectrum, one row per LDA fit) plus the
 * browser's user agent and the corpus download time.
 *
 * @param {Parameters<typeof fitInPage>[0]} options
 */
export async function fitInBrowser(options) {
  const bench = await openBenchPage({ include: DEPS });
  try {
    const out = await bench.page.evaluate(fitInPage, options);
    for (const line of out.log) console.log(`[browser] ${line}`);
    console.log(`[browser] ${out.userAgent}; corpus fetched in ${out.loadMs.toFixed(0)} ms`);
    return out;
  } finally {
    await bench.close();
  }
}
