#!/usr/bin/env node
/**
 * Topic-model benchmark (not a pass/fail test): chapter 5's TruncatedSVD (LSA) and LDA against
 * scikit-learn 1.2 on the State of the Union passages (public/data/sotu.json; `npm run
 * prepare-data` first), in Node, in the same run.
 *
 * Matrices: CountVectorizer / TfidfVectorizer with English stop words, minDf 5, maxDf 0.5,
 * maxFeatures 10,000 (the vocabularies are checked identical to scikit-learn's).
 * 1. TruncatedSVD(k = 100, nIter 5) on the TF-IDF matrix, plain TypeScript: median of --svd-runs;
 *    the top singular values and the explained-variance ratio are compared with scikit-learn's
 *    (different random draws: agreement, not identity).
 * 2. LatentDirichletAllocation(20 topics, online, batch 128, 5 passes) on the counts, per tfjs
 *    backend available in Node (wasm, cpu) and per E-step (the tensor ops, and the plain
 *    TypeScript loop: the `eStep` option), one fit each (includes the final training
 *    perplexity, as scikit-learn's fit does); perplexity compared with scikit-learn's (both from
 *    their own random starts).
 * scikit-learn runs with OPENBLAS_NUM_THREADS=1 and n_jobs 1. Writes tests/bench/results/topics.json.
 *
 * Not measured here: the browser (WebGL / WASM in Chromium), where the chapter's worker runs.
 *
 * Usage: node tests/bench/topics.mjs [--docs N] [--passes 5] [--topics 20] [--k 100]
 *   [--svd-runs 3] [--backends wasm,cpu ('' for the SVD only)] [--e-step tensor,typescript]
 *   (env PYTHON: default /usr/bin/python3)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsLoader } from './lib/loadTs.mjs';

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
const BACKENDS = arg('backends', 'wasm').split(',').filter(Boolean); // '' = SVD only
const E_STEPS = arg('e-step', 'tensor,typescript').split(',');
const VEC = { stopWords: 'english', minDf: 5, maxDf: 0.5, maxFeatures: 10000 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { load, close } = await tsLoader();
const nlp = await load('/src/nlp/index.ts');
const data = await load('/src/data/index.ts');
const lda = await load('/src/models/lda/index.ts');
const backend = await load('/src/train/backend.ts');
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

const cv = new nlp.CountVectorizer(VEC);
const X = cv.fitTransform(texts);
const T = new nlp.TfidfVectorizer(VEC).fitTransform(texts);
console.log(`${texts.length} passages; counts ${X.shape.join(' x ')}, nnz ${X.nnz}`);

// --- TruncatedSVD (plain TypeScript) ---
const svdMs = [];
let svd;
for (let r = 0; r < SVD_RUNS; r++) {
  const t0 = performance.now();
  svd = new nlp.TruncatedSVD({ nComponents: K, nIter: N_ITER, randomState: r });
  svd.fit(T);
  svdMs.push(performance.now() - t0);
}
console.log(`TruncatedSVD(${K}): ${svdMs.map((m) => m.toFixed(0)).join(', ')} ms`);

// --- LDA per backend ---
const ldaRows = [];
for (const name of BACKENDS) {
  const info = await backend.selectBackend(name);
  if (info.name !== name) {
    console.log(`backend ${name} unavailable (got ${info.name}); skipped`);
    continue;
  }
  for (const eStep of E_STEPS) {
    const model = new lda.LatentDirichletAllocation({
      nComponents: TOPICS,
      learningMethod: 'online',
      batchSize: BATCH,
      maxIter: PASSES,
      randomState: 0,
      eStep,
    });
    const t0 = performance.now();
    model.fit(X);
    const ms = performance.now() - t0;
    ldaRows.push({ backend: name, eStep, ms, perplexity: model.bound });
    console.log(
      `LDA(${TOPICS}) on ${name}, eStep ${eStep}: ${ms.toFixed(0)} ms, perplexity ${model.bound.toFixed(1)}`,
    );
    model.dispose();
  }
}
await close();

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

const ours = cv.getFeatureNamesOut();
const sameVocabulary =
  ours.length === sk.features.length && ours.every((t, j) => t === sk.features[j]);
const rel = (a, b) => Math.abs(a - b) / Math.abs(b);
const sv = Array.from(svd.singularValues);
const maxSvRelDiffTop10 = Math.max(...sv.slice(0, 10).map((s, i) => rel(s, sk.singularValues[i])));
const evrOurs = Array.from(svd.explainedVarianceRatio).reduce((a, b) => a + b, 0);
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
  corpus: { passages: texts.length, shape: X.shape, nnz: X.nnz },
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
console.log('\n                              ours (ms)  sklearn (ms)  ours / sklearn');
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
writeFileSync(join(RESULTS, 'topics.json'), JSON.stringify(result, null, 2) + '\n');
console.log('wrote tests/bench/results/topics.json');
if (!sameVocabulary) process.exitCode = 1;
