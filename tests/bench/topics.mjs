#!/usr/bin/env node
/**
 * Topic-model benchmark (not a pass/fail test): chapter 5's TruncatedSVD (LSA) and LDA against
 * scikit-learn 1.2 on the State of the Union passages (public/data/sotu.json; `npm run
 * prepare-data` first), in Node or (`--browser`) in headless Chromium, in the same run as
 * scikit-learn.
 *
 * Matrices: CountVectorizer / TfidfVectorizer with English stop words, minDf 5, maxDf 0.5,
 * maxFeatures 10,000 (the vocabularies are checked identical to scikit-learn's).
 * 1. TruncatedSVD(k = 100, nIter 5) on the TF-IDF matrix (kernels: --svd-kernels, default auto =
 *    WebAssembly SIMD where available; typescript = the scalar loops): median of --svd-runs;
 *    the top singular values and the explained-variance ratio are compared with scikit-learn's
 *    (different random draws: agreement, not identity).
 * 2. LatentDirichletAllocation(20 topics, online, batch 128, 5 passes) on the counts, per tfjs
 *    backend available in Node (wasm, cpu) and per E-step (the tensor ops, and the plain
 *    TypeScript loop: the `eStep` option), one fit each (includes the final training
 *    perplexity, as scikit-learn's fit does); perplexity compared with scikit-learn's (both from
 *    their own random starts).
 * scikit-learn runs with OPENBLAS_NUM_THREADS=1 and n_jobs 1. Writes tests/bench/results/topics.json.
 *
 * `--browser`: the same fits in headless Chromium (tests/bench/topicsBrowser.mjs: a Vite dev
 * server, the page fetches /data/sotu.json and imports /src/...; the SVD as in Node,
 * LDA's tensors run on the `--backends` given, wasm by default, webgl on SwiftShader if asked);
 * the table then holds the browser's times. Writes tests/bench/results/topics-browser.json.
 * On the main thread of a blank page, not in the chapter's worker.
 *
 * Usage: node tests/bench/topics.mjs [--browser] [--docs N] [--passes 5] [--topics 20] [--k 100]
 *   [--svd-runs 3] [--svd-kernels auto|wasm|typescript] [--backends wasm,cpu ('' for the SVD only)] [--e-step tensor,typescript]
 *   (env PYTHON: default /usr/bin/python3)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsLoader } from './lib/loadTs.mjs';
import { fitInBrowser } from './topicsBrowser.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const RESULTS = join(HERE, 'results');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const DOCS = Number(arg('docs', 0));
const PASSES = Number(arg('passes', 5));
const TOPICS = Number(arg('topics', 20));
const K = Number(arg('k', 100));
const N_ITER = 5;
const BATCH = 128;
const SVD_RUNS = Number(arg('svd-runs', 3));
const SVD_KERNELS = arg('svd-kernels', 'auto');
const BACKENDS = arg('backends', 'wasm').split(',').filter(Boolean); // '' = SVD only
const E_STEPS = arg('e-step', 'tensor,typescript').split(',');
const BROWSER = process.argv.includes('--browser');
const VEC = { stopWords: 'english', minDf: 5, maxDf: 0.5, maxFeatures: 10000 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { load, close } = await tsLoader();
const data = await load('/src/data/index.ts');
let corpus;
try {
  corpus = data.parseSotu(
    JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'sotu.json'), 'utf8')),
  );
} catch (e) {
  console.error(`Cannot read public/data/sotu.json (run npm run prepare-data): ${e.message}`);
  process.exit(1);
}
let texts = corpus.passages.map((p) => p.text);
if (DOCS > 0) texts = texts.slice(0, DOCS);

/** What to fit: topicsFits.ts's `TopicFitOptions`, the same in Node and in the browser. */
const FITS = {
  k: K,
  nIter: N_ITER,
  svdRuns: SVD_RUNS,
  svdKernels: SVD_KERNELS,
  topics: TOPICS,
  passes: PASSES,
  batchSize: BATCH,
  backends: BACKENDS,
  eSteps: E_STEPS,
  vectorizer: VEC,
};

/** The fits in Node (Vite's SSR loader): tests/bench/topicsFits.ts, as the browser runs them. */
async function fitInNode() {
  const { runTopicFits } = await load('/tests/bench/topicsFits.ts');
  const out = await runTopicFits(texts, FITS);
  for (const line of out.log) console.log(line);
  return out;
}

let ours;
try {
  ours = BROWSER ? await fitInBrowser({ docs: DOCS, ...FITS }) : await fitInNode();
} finally {
  await close();
}
const { svdMs, ldaRows } = ours;
const where = BROWSER ? 'Chromium' : 'Node';
console.log(`TruncatedSVD(${K}) in ${where}: ${svdMs.map((m) => m.toFixed(0)).join(', ')} ms`);
for (const r of ldaRows) {
  console.log(
    `LDA(${TOPICS}) in ${where} on ${r.backend}, eStep ${r.eStep}: ${r.ms.toFixed(0)} ms, perplexity ${r.perplexity.toFixed(1)}`,
  );
}

// --- scikit-learn ---
const tmp = mkdtempSync(join(tmpdir(), 'topics-bench-'));
const inFile = join(tmp, 'in.json');
const outFile = join(tmp, 'out.json');
writeFileSync(
  inFile,
  JSON.stringify({
    texts,
    k: K,
    nIter: N_ITER,
    topics: TOPICS,
    passes: PASSES,
    batchSize: BATCH,
    svdRuns: SVD_RUNS,
    skipLda: BACKENDS.length === 0,
  }),
);
const python = process.env.PYTHON ?? '/usr/bin/python3';
const py = spawnSync(python, [join(HERE, 'topics_sklearn.py'), inFile, outFile], {
  stdio: 'inherit',
  env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
});
if (py.status !== 0) {
  console.error(`${python} topics_sklearn.py failed (is scikit-learn installed?)`);
  process.exit(1);
}
const sk = JSON.parse(readFileSync(outFile, 'utf8'));
rmSync(tmp, { recursive: true, force: true });

const vocab = ours.features;
const sameVocabulary =
  vocab.length === sk.features.length && vocab.every((t, j) => t === sk.features[j]);
const rel = (a, b) => Math.abs(a - b) / Math.abs(b);
const sv = ours.singularValues;
const maxSvRelDiffTop10 = Math.max(...sv.slice(0, 10).map((s, i) => rel(s, sk.singularValues[i])));
const evrOurs = ours.explainedVarianceRatio.reduce((a, b) => a + b, 0);
const evrSk = sk.explainedVarianceRatio.reduce((a, b) => a + b, 0);
const result = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    loadAverage: loadavg(),
  },
  where: BROWSER
    ? { browser: ours.userAgent, corpusFetchMs: ours.loadMs }
    : { node: process.version },
  corpus: { passages: texts.length, shape: ours.shape, nnz: ours.nnz },
  svd: {
    k: K,
    nIter: N_ITER,
    oursMs: svdMs,
    oursMedianMs: median(svdMs),
    sklearnMs: sk.svdMs,
    sklearnMedianMs: sk.svdMedianMs,
    ratio: median(svdMs) / sk.svdMedianMs,
    maxSvRelDiffTop10,
    explainedVarianceRatioSum: { ours: evrOurs, sklearn: evrSk },
  },
  lda: {
    topics: TOPICS,
    passes: PASSES,
    batchSize: BATCH,
    rows: ldaRows.map((r) => ({
      ...r,
      ratio: r.ms / sk.ldaMs,
      perplexityRelDiff: rel(r.perplexity, sk.ldaPerplexity),
    })),
    sklearnMs: sk.ldaMs,
    sklearnPerplexity: sk.ldaPerplexity,
  },
  sklearn: { versions: sk.versions, countsShape: sk.countsShape, countsNnz: sk.countsNnz },
  sameVocabulary,
};
console.log(`\n${where.padEnd(30)}ours (ms)  sklearn (ms)  ours / sklearn`);
const f = (x) => x.toFixed(0).padStart(9);
console.log(
  `TruncatedSVD(${K}) median ${SVD_RUNS}   ${f(median(svdMs))}   ${f(sk.svdMedianMs)}      ${result.svd.ratio.toFixed(2)}`,
);
for (const r of result.lda.rows) {
  console.log(
    `LDA(${TOPICS}) ${r.backend} ${r.eStep.padEnd(10)} ${f(r.ms)}   ${f(sk.ldaMs)}      ${r.ratio.toFixed(2)}   perplexity ${r.perplexity.toFixed(1)} vs ${sk.ldaPerplexity.toFixed(1)} (${(100 * r.perplexityRelDiff).toFixed(2)}%)`,
  );
}
console.log(
  `vocabulary identical: ${sameVocabulary}; top-10 singular values max rel diff ${maxSvRelDiffTop10.toExponential(2)}; explained variance ratio sum ${evrOurs.toFixed(4)} vs ${evrSk.toFixed(4)}`,
);
mkdirSync(RESULTS, { recursive: true });
const outName = BROWSER ? 'topics-browser.json' : 'topics.json';
writeFileSync(join(RESULTS, outName), JSON.stringify(result, null, 2) + '\n');
console.log(
  `load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')} on ${cpus().length} cores`,
);
console.log(`wrote tests/bench/results/${outName}`);
if (!sameVocabulary) process.exitCode = 1;
