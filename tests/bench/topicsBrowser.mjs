/**
 * The browser side of tests/bench/topics.mjs (`--browser`): the same fits as its Node mode, in
 * headless Chromium through a Vite dev server (tests/bench/lib/benchPage.mjs). The page fetches
 * the corpus from the server (`/data/sotu.json`, the built file in public/data, through
 * src/data's `loadSotu` as the book does), vectorizes it, times `TruncatedSVD` (plain
 * TypeScript) and `LatentDirichletAllocation` per tfjs backend (wasm by default) and E-step.
 */
import { openBenchPage } from './lib/benchPage.mjs';

/** The bare imports of src/nlp, src/data, src/models/lda and src/train besides tfjs. */
const DEPS = ['comlink', 'ml-matrix', 'seedrandom', 'stemmer', 'stopwords-iso'];

/**
 * Runs in the page (serialised by `page.evaluate`: self-contained, imports through Vite).
 *
 * @param {{ docs: number; k: number; nIter: number; svdRuns: number; topics: number;
 *   passes: number; batchSize: number; backends: string[]; eSteps: string[];
 *   vectorizer: object }} o
 */
async function fitInPage(o) {
  const nlp = await import('/src/nlp/index.ts');
  const data = await import('/src/data/index.ts');
  const lda = await import('/src/models/lda/index.ts');
  const train = await import('/src/train/index.ts');
  const t0 = performance.now();
  const corpus = await data.loadSotu({ baseUrl: '/' });
  const loadMs = performance.now() - t0;
  let texts = corpus.passages.map((p) => p.text);
  if (o.docs > 0) texts = texts.slice(0, o.docs);

  const cv = new nlp.CountVectorizer(o.vectorizer);
  const X = cv.fitTransform(texts);
  const T = new nlp.TfidfVectorizer(o.vectorizer).fitTransform(texts);
  const log = [`${texts.length} passages; counts ${X.shape.join(' x ')}, nnz ${X.nnz}`];

  const svdMs = [];
  let svd;
  for (let r = 0; r < o.svdRuns; r++) {
    const a = performance.now();
    svd = new nlp.TruncatedSVD({ nComponents: o.k, nIter: o.nIter, randomState: r });
    svd.fit(T);
    svdMs.push(performance.now() - a);
  }

  const ldaRows = [];
  const skipped = [];
  for (const name of o.backends) {
    const info = await train.selectBackend(name);
    if (info.name !== name) {
      skipped.push(`backend ${name} unavailable (got ${info.name})`);
      continue;
    }
    for (const eStep of o.eSteps) {
      const model = new lda.LatentDirichletAllocation({
        nComponents: o.topics,
        learningMethod: 'online',
        batchSize: o.batchSize,
        maxIter: o.passes,
        randomState: 0,
        eStep,
      });
      const a = performance.now();
      model.fit(X);
      const ms = performance.now() - a;
      ldaRows.push({ backend: name, eStep, ms, perplexity: model.bound });
      model.dispose();
    }
  }
  return {
    userAgent: navigator.userAgent,
    loadMs,
    log,
    skipped,
    features: Array.from(cv.getFeatureNamesOut()),
    shape: X.shape,
    nnz: X.nnz,
    svdMs,
    singularValues: Array.from(svd?.singularValues ?? []),
    explainedVarianceRatio: Array.from(svd?.explainedVarianceRatio ?? []),
    ldaRows,
  };
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
    for (const line of [...out.log, ...out.skipped]) console.log(`[browser] ${line}`);
    console.log(`[browser] ${out.userAgent}; corpus fetched in ${out.loadMs.toFixed(0)} ms`);
    return out;
  } finally {
    await bench.close();
  }
}
