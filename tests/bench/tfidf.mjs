#!/usr/bin/env node
/**
 * TF-IDF benchmark (not a pass/fail test): our TfidfVectorizer against scikit-learn's on all
 * State of the Union passages (public/data/sotu.json; `npm run prepare-data` first).
 *
 * 1. fitTransform over every passage (~15,000 passages, ~1.8M words), median of 3 runs;
 * 2. a 1,000-query search: transform the queries, build the inverted index (CosineIndex),
 *    top 10 passages per query by cosine; median of 3 runs. The queries are the first 8 words
 *    of 1,000 passages drawn with a seeded RNG (mulberry32, seed 4).
 * Then tests/bench/tfidf_sklearn.py does the same with scikit-learn on the same texts and
 * queries (passed through a temporary JSON file); the script prints both times and the ratios,
 * checks that the vocabularies are identical, that idf agrees (max |difference|), and that the
 * top-10 lists agree (ties may order differently; compared as score lists), and writes
 * tests/bench/results/tfidf.json.
 *
 * Usage: node tests/bench/tfidf.mjs   (env PYTHON: the Python with scikit-learn, default /usr/bin/python3)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsLoader } from './lib/loadTs.mjs';
import { mulberry32 } from '../../scripts/data/common.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const RESULTS = join(HERE, 'results');
const N_QUERIES = 1000;
const K = 10;
const RUNS = 3;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { load, close } = await tsLoader();
const nlp = await load('/src/nlp/index.ts');
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
const texts = corpus.passages.map((p) => p.text);
const rng = mulberry32(4);
const queries = Array.from({ length: N_QUERIES }, () =>
  texts[Math.floor(rng() * texts.length)].split(/\s+/).slice(0, 8).join(' '),
);
const words = texts.reduce((s, t) => s + t.split(/\s+/).filter(Boolean).length, 0);

// --- ours ---
const fitMs = [];
let tv;
let X;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  tv = new nlp.TfidfVectorizer();
  X = tv.fitTransform(texts);
  fitMs.push(performance.now() - t0);
}
const searchMs = [];
let top;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const Q = tv.transform(queries);
  const index = new nlp.CosineIndex(X);
  top = queries.map((_, i) => index.search(Q.getRow(i), K));
  searchMs.push(performance.now() - t0);
}
await close();

// --- scikit-learn ---
const tmp = mkdtempSync(join(tmpdir(), 'tfidf-bench-'));
const inFile = join(tmp, 'in.json');
const outFile = join(tmp, 'out.json');
writeFileSync(inFile, JSON.stringify({ texts, queries }));
const python = process.env.PYTHON ?? '/usr/bin/python3';
const py = spawnSync(python, [join(HERE, 'tfidf_sklearn.py'), inFile, outFile], {
  stdio: 'inherit',
});
if (py.status !== 0) {
  console.error(`${python} tfidf_sklearn.py failed (is scikit-learn installed?)`);
  process.exit(1);
}
const sk = JSON.parse(readFileSync(outFile, 'utf8'));
rmSync(tmp, { recursive: true, force: true });

// --- agreement ---
const ours = tv.getFeatureNamesOut();
const sameVocabulary =
  ours.length === sk.features.length && ours.every((t, j) => t === sk.features[j]);
let maxIdfDiff = 0;
for (let j = 0; j < Math.min(tv.idf.length, sk.idf.length); j++) {
  maxIdfDiff = Math.max(maxIdfDiff, Math.abs(tv.idf[j] - sk.idf[j]));
}
const idfSamples = ['the', 'union', 'liberty', 'slavery', 'internet'].map((t) => ({
  term: t,
  ours: tv.idf[tv.vocabulary.get(t)],
  sklearn: sk.idf[sk.features.indexOf(t)],
}));
let topMismatches = 0;
let maxScoreDiff = 0;
top.forEach((hits, i) => {
  const a = hits.map((h) => h.score);
  const b = sk.topScores[i].filter((s) => s > 0);
  if (a.length !== b.length) topMismatches++;
  else a.forEach((s, k) => (maxScoreDiff = Math.max(maxScoreDiff, Math.abs(s - b[k]))));
  if (
    hits.some((h, k) => h.row !== sk.top[i][k] && Math.abs(h.score - sk.topScores[i][k]) > 1e-12)
  ) {
    topMismatches++;
  }
});

const ourFit = median(fitMs);
const ourSearch = median(searchMs);
const result = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
  },
  corpus: { passages: texts.length, words, queries: N_QUERIES, k: K },
  ours: {
    fitTransformMs: fitMs,
    searchMs,
    fitTransformMedianMs: ourFit,
    searchMedianMs: ourSearch,
    shape: X.shape,
    nnz: X.nnz,
  },
  sklearn: {
    versions: sk.versions,
    fitTransformMs: sk.fitTransformMs,
    searchMs: sk.searchMs,
    fitTransformMedianMs: sk.fitTransformMedianMs,
    searchMedianMs: sk.searchMedianMs,
    shape: sk.shape,
    nnz: sk.nnz,
  },
  ratio: { fitTransform: ourFit / sk.fitTransformMedianMs, search: ourSearch / sk.searchMedianMs },
  agreement: {
    sameVocabulary,
    vocabularySize: ours.length,
    maxIdfDiff,
    idfSamples,
    topMismatches,
    maxScoreDiff,
  },
};

const f = (x) => x.toFixed(0).padStart(8);
console.log(
  `\nTF-IDF on ${texts.length} SOTU passages (${words.toLocaleString('en')} words), ${N_QUERIES} queries, top ${K}`,
);
console.log('                         ours (ms)  sklearn (ms)  ours / sklearn');
console.log(
  `fitTransform (median 3) ${f(ourFit)}    ${f(sk.fitTransformMedianMs)}      ${result.ratio.fitTransform.toFixed(2)}`,
);
console.log(
  `search 1000 (median 3)  ${f(ourSearch)}    ${f(sk.searchMedianMs)}      ${result.ratio.search.toFixed(2)}`,
);
console.log(
  `vocabulary: ${ours.length} terms, identical: ${sameVocabulary}; max |idf diff| ${maxIdfDiff.toExponential(2)}; nnz ${X.nnz} vs ${sk.nnz}`,
);
console.log(
  `top-${K} lists differing: ${topMismatches} of ${N_QUERIES}; max |score diff| ${maxScoreDiff.toExponential(2)}`,
);
for (const s of idfSamples)
  console.log(`  idf(${s.term}) = ${s.ours?.toFixed(6)} (sklearn ${s.sklearn?.toFixed(6)})`);
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'tfidf.json'), JSON.stringify(result, null, 2) + '\n');
console.log('wrote tests/bench/results/tfidf.json');
if (!sameVocabulary || maxIdfDiff > 1e-9 || topMismatches > 0) process.exitCode = 1;
