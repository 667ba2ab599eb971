#!/usr/bin/env node
/**
 * N-gram benchmark (not a pass/fail test): fit a 5-gram interpolated Kneser-Ney model
 * (discount 0.1, unkCutoff 2) on Moby Dick's training sentences and compute the held-out
 * perplexity, with our toolkit (src/nlp, NLTK 3.8 names) and with NLTK 3.8 on the same tokens.
 *
 * - Tokens: public/data/moby-dick.json (`npm run prepare-data` first) through `mobyDickSentences`
 *   (src/data), written to a temporary JSON that tests/bench/ngram_nltk.py reads, so both sides see
 *   the same sentences, vocabulary and n-grams (the script checks vocabulary size, N() and the
 *   number of evaluation n-grams).
 * - Fit: `paddedEverygramPipeline(5, train)` + `fit` (NLTK: `padded_everygram_pipeline` + `fit`);
 *   median of 3 runs (NLTK: `--nltk-runs`, default 3). Also our `fitSentences(train)`, which
 *   counts the same n-grams without building the n-gram arrays.
 * - Score: `perplexity(evaluationNgrams(heldout, 5))`, median of 3 (this includes the
 *   continuation counts, computed lazily on the first score). NLTK 3.8 scans every higher-order
 *   context for each lower-order Kneser-Ney score, which would take hours on the whole held-out
 *   set: it scores n-grams in order for `--nltk-score-budget` seconds (default 60), and its time
 *   for all of them is extrapolated from that rate; our perplexity over the same prefix is printed
 *   next to NLTK's. The two perplexities differ only where the Kneser-Ney definitions differ (see
 *   KneserNeyInterpolated's documentation: the unigram level and λ of contexts ending in '<s>').
 *
 * Times are CPU seconds (Node: process.cpuUsage, all threads; Python: time.process_time), with
 * wall-clock seconds beside them: on a shared, loaded machine only CPU times are comparable.
 * Prints a table and writes tests/bench/results/ngram.json.
 * Usage: node tests/bench/ngram.mjs [--nltk-runs 3] [--nltk-score-budget 60] [--no-nltk]
 * Environment: PYTHON, the Python with NLTK 3.8 (default /usr/bin/python3).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsLoader } from './lib/loadTs.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const RESULTS = join(HERE, 'results');
const ORDER = 5;
const DISCOUNT = 0.1;
const RUNS = 3;

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const nltkRuns = opt('--nltk-runs', 3);
const nltkBudget = opt('--nltk-score-budget', 60);
const withNltk = !args.includes('--no-nltk');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { load, close } = await tsLoader();
const nlp = await load('/src/nlp/index.ts');
const data = await load('/src/data/index.ts');
let corpus;
try {
  corpus = data.parseMobyDick(
    JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'moby-dick.json'), 'utf8')),
  );
} catch (e) {
  console.error(`Cannot read public/data/moby-dick.json (run npm run prepare-data): ${e.message}`);
  process.exit(1);
}
const unkCutoff = 2; // the benchmark's setting (the chapter's widget may use data.MOBY_DICK_UNK_CUTOFF)
const train = data.mobyDickSentences(corpus, 'train');
const heldout = data.mobyDickSentences(corpus, 'heldout');
const trainTokens = train.reduce((s, x) => s + x.length, 0);

/** Runs `fn`, returning its value with wall-clock and CPU seconds (user + system, all threads). */
function timed(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1e6 };
}

function fitOnce() {
  return timed(() => {
    const { ngrams, vocab } = nlp.paddedEverygramPipeline(ORDER, train);
    const model = new nlp.KneserNeyInterpolated(ORDER, {
      discount: DISCOUNT,
      vocabulary: new nlp.Vocabulary({ unkCutoff }),
    });
    model.fit(ngrams, vocab);
    return model;
  });
}

function fitSentencesOnce() {
  return timed(() => {
    const model = new nlp.KneserNeyInterpolated(ORDER, {
      discount: DISCOUNT,
      vocabulary: new nlp.Vocabulary({ unkCutoff }),
    });
    model.fitSentences(train);
    return model;
  });
}

const fits = [];
const fastFits = [];
const scores = [];
let lm;
let perplexity;
let testNgrams;
for (let r = 0; r < RUNS; r++) {
  const fit = fitOnce();
  fits.push(fit);
  lm = fit.value;
  // Scoring includes building the evaluation n-grams and the continuation counts (lazy).
  const score = timed(() => {
    testNgrams = nlp.evaluationNgrams(heldout, ORDER);
    return lm.perplexity(testNgrams);
  });
  scores.push(score);
  perplexity = score.value;
  const fast = fitSentencesOnce();
  fastFits.push(fast);
  if (fast.value.counts.N() !== lm.counts.N()) throw new Error('fitSentences counted differently');
}
const fitWall = median(fits.map((f) => f.wall));
const fitCpu = median(fits.map((f) => f.cpu));
const fastWall = median(fastFits.map((f) => f.wall));
const fastCpu = median(fastFits.map((f) => f.cpu));
const scoreWall = median(scores.map((f) => f.wall));
const scoreCpu = median(scores.map((f) => f.cpu));
const ours = {
  fitMedianSeconds: fitWall,
  fitMedianCpuSeconds: fitCpu,
  fitSeconds: fits.map((f) => f.wall),
  fitCpuSeconds: fits.map((f) => f.cpu),
  fitSentencesMedianSeconds: fastWall,
  fitSentencesMedianCpuSeconds: fastCpu,
  fitSentencesCpuSeconds: fastFits.map((f) => f.cpu),
  scoreMedianSeconds: scoreWall,
  scoreMedianCpuSeconds: scoreCpu,
  scoreSeconds: scores.map((f) => f.wall),
  scoreCpuSeconds: scores.map((f) => f.cpu),
  vocabSize: lm.vocab.size,
  countsN: lm.counts.N(),
  evaluationNgrams: testNgrams.length,
  perplexity,
  fitTokensPerCpuSecond: trainTokens / fitCpu,
  scoreNgramsPerCpuSecond: testNgrams.length / scoreCpu,
};
await close();

let nltk = null;
let nltkNote = '';
if (withNltk) {
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  const check = spawnSync(python, ['-c', 'import nltk; print(nltk.__version__)'], {
    encoding: 'utf8',
  });
  if (check.status !== 0) {
    nltkNote = `NLTK is not available to ${python}; our numbers alone.`;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ngram-bench-'));
    const file = join(dir, 'tokens.json');
    writeFileSync(
      file,
      JSON.stringify({ train, heldout, order: ORDER, unkCutoff, discount: DISCOUNT }),
    );
    console.log(
      `NLTK ${check.stdout.trim()}: ${nltkRuns} fit(s), then scoring for ${nltkBudget} s ...`,
    );
    const run = spawnSync(
      python,
      [join(HERE, 'ngram_nltk.py'), file, String(nltkRuns), String(nltkBudget)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    );
    rmSync(dir, { recursive: true, force: true });
    if (run.status !== 0) {
      nltkNote = `ngram_nltk.py failed: ${run.stderr.slice(-2000)}`;
    } else {
      nltk = JSON.parse(run.stdout.trim().split('\n').pop());
      for (const k of ['vocabSize', 'countsN', 'evaluationNgrams']) {
        if (nltk[k] !== ours[k]) nltkNote += `MISMATCH ${k}: ours ${ours[k]}, NLTK ${nltk[k]}. `;
      }
    }
  }
}

// Our perplexity over the prefix NLTK scored, for a like-for-like comparison.
let oursOnPrefix = null;
if (nltk) oursOnPrefix = lm.perplexity(testNgrams.slice(0, nltk.scoredNgrams));

const fmt = (x, d = 3) => (x == null ? '—' : Number(x).toPrecision(d));
const ratio = (a, b) => (a == null || b == null ? '—' : `${fmt(a / b)}x`);
const nFit = nltk?.fitMedianCpuSeconds;
const nScore = nltk?.scoreCpuSecondsExtrapolated;
const speedup = nltk
  ? {
      fit: nFit / fitCpu,
      fitSentences: nFit / fastCpu,
      score: nScore / scoreCpu,
      total: (nFit + nScore) / (fitCpu + scoreCpu),
    }
  : null;
const rows = [
  ['CPU seconds (wall in brackets)', 'ours', 'NLTK 3.8', 'speed-up'],
  [
    'fit: pipeline + fit (median)',
    `${fmt(fitCpu)} (${fmt(fitWall)})`,
    nltk ? `${fmt(nFit)} (${fmt(nltk.fitMedianSeconds)})` : '—',
    ratio(nFit, fitCpu),
  ],
  ['fit: fitSentences (median)', `${fmt(fastCpu)} (${fmt(fastWall)})`, '', ratio(nFit, fastCpu)],
  [
    'score all held-out (median)',
    `${fmt(scoreCpu)} (${fmt(scoreWall)})`,
    nltk ? `${fmt(nScore)} (${fmt(nltk.scoreSecondsExtrapolated)}) extrapolated` : '—',
    ratio(nScore, scoreCpu),
  ],
  [
    'pipeline + fit + score',
    fmt(fitCpu + scoreCpu),
    nltk ? fmt(nFit + nScore) : '—',
    ratio(nltk && nFit + nScore, fitCpu + scoreCpu),
  ],
  [
    'fit: training tokens / CPU s',
    fmt(trainTokens / fitCpu),
    nltk ? fmt(trainTokens / nFit) : '—',
    '',
  ],
  [
    'score: n-grams / CPU s',
    fmt(testNgrams.length / scoreCpu),
    nltk ? fmt(nltk.scoredNgrams / nltk.scoreCpuSeconds) : '—',
    '',
  ],
  [
    `perplexity, first ${nltk?.scoredNgrams ?? '—'} n-grams`,
    fmt(oursOnPrefix, 6),
    fmt(nltk?.perplexityScored, 6),
    '',
  ],
  ['perplexity, all held-out', fmt(ours.perplexity, 6), '—', ''],
];
const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => String(r[j]).length)));
console.log(
  `\n5-gram Kneser-Ney (d = ${DISCOUNT}, unkCutoff ${unkCutoff}) on Moby Dick: ${train.length} training sentences, ` +
    `${trainTokens} tokens; ${heldout.length} held-out sentences, ${ours.evaluationNgrams} evaluation n-grams; |V| = ${ours.vocabSize}\n`,
);
for (const r of rows) console.log(r.map((c, j) => String(c).padEnd(widths[j])).join('  '));
console.log(
  '\nThe perplexities differ only where the Kneser-Ney definitions differ (NLTK: no uniform term at the ' +
    "unigram level, λ of '<s>' contexts from raw counts; see KneserNeyInterpolated's TSDoc).",
);
if (nltkNote) console.log(nltkNote);

mkdirSync(RESULTS, { recursive: true });
writeFileSync(
  join(RESULTS, 'ngram.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGiB: totalmem() / 2 ** 30,
        node: process.version,
      },
      task: {
        order: ORDER,
        discount: DISCOUNT,
        unkCutoff,
        trainSentences: train.length,
        trainTokens,
        heldoutSentences: heldout.length,
      },
      ours: { ...ours, perplexityOnNltkPrefix: oursOnPrefix },
      speedup,
      nltk,
      note: nltkNote || undefined,
    },
    null,
    2,
  ) + '\n',
);
console.log(`\nwrote ${join(RESULTS, 'ngram.json')}`);
