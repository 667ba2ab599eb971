#!/usr/bin/env node
/**
 * PPMI + SVD benchmark (not a pass/fail test): the count-based route of chapter 8 on all State
 * of the Union passages (public/data/sotu.json; `npm run prepare-data` first), in Node.
 *
 * Tokenization: lmSentences (src/data), one passage at a time; vocabulary: buildEmbeddingVocab
 * with min count 5 (word2vec's default), rare words dropped before windowing. Then, timed
 * (median of RUNS runs each): cooccurrenceMatrix (symmetric window within sentences), ppmi,
 * svdWordVectors (randomized SVD, k = 100, 4 power iterations, 10 oversamples), and the
 * evaluation on SOTU_EVALUATION_SET (3CosAdd top-1 accuracy, Spearman); plus the median time of a
 * mostSimilar query (the neighbour box of the widget) over 200 words. A few settings of Levy,
 * Goldberg & Dagan (2015) are scored once each: window 2 / 5, context smoothing alpha 1 / 0.75,
 * eigenvalue weighting p 1 / 0.5.
 *
 * Times are wall-clock and CPU (process.cpuUsage; the machine may be shared: see loadAverage).
 * Writes tests/bench/results/ppmi.json.
 * Usage: node tests/bench/ppmi.mjs [--runs N] (default 3)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsLoader } from './lib/loadTs.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const RESULTS = join(HERE, 'results');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const MIN_COUNT = 5;
const K = 100;
const WINDOW = 5;
const SHOW = ['war', 'peace', 'tax', 'america', 'january', 'slavery', 'oil', 'congress'];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Wall-clock and CPU milliseconds of `fn` (CPU time is what to compare on a shared machine). */
function timed(fn) {
  const t = performance.now();
  const c = cpuMs();
  const value = fn();
  return { value, ms: performance.now() - t, cpu: cpuMs() - c };
}

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

const tok = timed(() => corpus.passages.flatMap((p) => data.lmSentences(p.text)));
const sentences = tok.value;
const vocabT = timed(() => nlp.buildEmbeddingVocab(sentences, { minCount: MIN_COUNT }));
const vocab = vocabT.value;
const ids = nlp.encodeSentences(sentences, vocab);
const V = vocab.words.length;
console.log(
  `SOTU: ${sentences.length} sentences, ${vocab.totalTokens} tokens (${vocab.keptTokens} kept), ` +
    `V = ${V} (min count ${MIN_COUNT}); tokenize ${round(tok.ms, 0)} ms, vocabulary ${round(vocabT.ms, 0)} ms`,
);

/** Builds vectors for one setting; returns times, sizes and the evaluation. */
function pipeline({ window, alpha, power }) {
  const co = timed(() => nlp.cooccurrenceMatrix(ids, V, window));
  const pm = timed(() => nlp.ppmi(co.value, { alpha }));
  const sv = timed(() => nlp.svdWordVectors(pm.value, K, { power, seed: 0 }));
  const kv = new nlp.KeyedVectors(sv.value.vectors, K, vocab.words);
  const ev = timed(() => nlp.evaluate(kv, nlp.SOTU_EVALUATION_SET));
  return {
    kv,
    ms: { cooccurrence: co.ms, ppmi: pm.ms, svd: sv.ms, evaluate: ev.ms },
    cpuMs: { cooccurrence: co.cpu, ppmi: pm.cpu, svd: sv.cpu, evaluate: ev.cpu },
    nnz: { cooccurrence: co.value.nnz, ppmi: pm.value.nnz },
    topSingularValues: Array.from(sv.value.singularValues.slice(0, 5), (s) => round(s, 3)),
    evaluation: ev.value,
  };
}

const summary = (e) => ({
  analogyAccuracy: round(e.analogy.accuracy, 4),
  analogyCorrect: e.analogy.correct,
  analogyAnswered: e.analogy.answered,
  analogyCoverage: round(e.analogy.coverage, 4),
  spearman: round(e.similarity.spearman, 4),
  similarityCoverage: round(e.similarity.coverage, 4),
  byFamily: e.analogy.byFamily,
});

// Timed runs of the default setting.
const base = { window: WINDOW, alpha: 1, power: 1 };
const runs = [];
const cpuRuns = [];
let last;
for (let r = 0; r < RUNS; r++) {
  last = pipeline(base);
  runs.push(last.ms);
  cpuRuns.push(last.cpuMs);
  const total = last.ms.cooccurrence + last.ms.ppmi + last.ms.svd;
  console.log(
    `run ${r + 1}: co-occurrence ${round(last.ms.cooccurrence, 0)} ms, PPMI ${round(last.ms.ppmi, 0)} ms, ` +
      `SVD ${round(last.ms.svd, 0)} ms (total ${round(total, 0)} ms), evaluate ${round(last.ms.evaluate, 0)} ms; ` +
      `CPU: SVD ${round(last.cpuMs.svd, 0)} ms`,
  );
}
const medians = (rs) => ({
  cooccurrence: round(median(rs.map((m) => m.cooccurrence)), 1),
  ppmi: round(median(rs.map((m) => m.ppmi)), 1),
  svd: round(median(rs.map((m) => m.svd)), 1),
  evaluate: round(median(rs.map((m) => m.evaluate)), 1),
  total: round(median(rs.map((m) => m.cooccurrence + m.ppmi + m.svd)), 1),
});
const mediansMs = medians(runs);
const mediansCpuMs = medians(cpuRuns);

// Neighbour query latency (the widget's neighbour box).
const kv = last.kv;
kv.mostSimilar('war', 10); // builds the unit-vector cache
const queryMs = [];
for (let i = 0; i < 200; i++) {
  const w = vocab.words[(i * 61) % V];
  const t = performance.now();
  kv.mostSimilar(w, 10);
  queryMs.push(performance.now() - t);
}
const analogyMs = [];
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  kv.analogy('man', 'king', 'woman', 1);
  analogyMs.push(performance.now() - t);
}
const neighbours = Object.fromEntries(
  SHOW.filter((w) => kv.has(w)).map((w) => [w, kv.mostSimilar(w, 8).map((h) => h.word)]),
);
for (const [w, ns] of Object.entries(neighbours)) console.log(`  ${w}: ${ns.join(', ')}`);

// Settings of Levy et al. (2015), scored once each.
const variants = [];
for (const window of [2, 5]) {
  for (const alpha of [1, 0.75]) {
    for (const power of [1, 0.5]) {
      const setting = { window, alpha, power };
      const res =
        window === base.window && alpha === base.alpha && power === base.power
          ? last
          : pipeline(setting);
      variants.push({ ...setting, ...summary(res.evaluation) });
      console.log(
        `window ${window}, alpha ${alpha}, p ${power}: analogy ${res.evaluation.analogy.correct}/` +
          `${res.evaluation.analogy.answered}, Spearman ${round(res.evaluation.similarity.spearman, 3)}`,
      );
    }
  }
}
await close();

const result = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
  },
  corpus: {
    sentences: sentences.length,
    tokens: vocab.totalTokens,
    keptTokens: vocab.keptTokens,
    vocabSize: V,
    minCount: MIN_COUNT,
    tokenizeMs: round(tok.ms, 0),
  },
  settings: { ...base, k: K, nIter: 4, nOversamples: 10, weighting: 'uniform', runs: RUNS },
  nnz: last.nnz,
  loadAverage: loadavg().map((x) => round(x, 1)),
  mediansMs,
  mediansCpuMs,
  runsMs: runs,
  queryMs: {
    mostSimilarMedian: round(median(queryMs), 2),
    mostSimilarMax: round(Math.max(...queryMs), 2),
    analogyMedian: round(median(analogyMs), 2),
  },
  topSingularValues: last.topSingularValues,
  evaluation: summary(last.evaluation),
  variants,
  neighbours,
};
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'ppmi.json'), JSON.stringify(result, null, 2) + '\n');
console.log(
  `\nV = ${V}, k = ${K}: co-occurrence ${mediansMs.cooccurrence} ms + PPMI ${mediansMs.ppmi} ms + ` +
    `SVD ${mediansMs.svd} ms = ${mediansMs.total} ms wall, ${mediansCpuMs.total} ms CPU (median of ${RUNS}); ` +
    `analogy ${result.evaluation.analogyCorrect}/${result.evaluation.analogyAnswered}, ` +
    `Spearman ${result.evaluation.spearman}; mostSimilar ${result.queryMs.mostSimilarMedian} ms. ` +
    `Wrote tests/bench/results/ppmi.json`,
);
