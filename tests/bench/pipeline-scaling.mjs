#!/usr/bin/env node
/**
 * Scaling check of chapter 1's preprocessing pipeline (Node): is the work linear in the text?
 * Times (best of RUNS, CPU time) `wordTokenize` on inputs of n and 4n characters that once
 * made it quadratic (long unspaced runs: "a.b" repeated, a URL ending in parentheses or dots)
 * and ordinary prose, `textToWordSequence`, `splitDocuments` on a whole text, and `runPipeline`
 * with its limits lifted, on Moby-Dick (public/data/moby-dick.json; `npm run prepare-data`).
 * Linear work gives a 4n/n ratio near 4, quadratic near 16: a ratio above MAX_RATIO fails the
 * run (exit 1). The bound is generous because the machine may be shared (see loadAverage).
 * Writes tests/bench/results/pipeline-scaling.json.
 * Usage: node tests/bench/pipeline-scaling.mjs [--n CHARS] (default 40000) [--runs N] (default 5)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsLoader } from './lib/loadTs.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('--n', 40_000);
const RUNS = arg('--runs', 5);
/** 4n/n time ratio above which the work is taken for superlinear. */
const MAX_RATIO = 9;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Best CPU time of RUNS calls of f, in ms. */
function best(f) {
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t0 = cpuMs();
    f();
    min = Math.min(min, cpuMs() - t0);
  }
  return min;
}

const { load, close } = await tsLoader();
const nlp = await load('/src/nlp/index.ts');
const pipeline = await load('/src/widgets/pipeline-explorer/pipeline.ts');
await close();

const moby = JSON.parse(readFileSync(join(ROOT, 'public', 'data', 'moby-dick.json'), 'utf8'));
const prose = moby.sections.map((s) => s.text).join('\n');
const take = (s, n) => {
  if (s.length < n) throw new Error(`The input is ${s.length} characters, fewer than ${n}.`);
  return s.slice(0, n);
};
const repeatTo = (unit, n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const noLimits = { maxChars: Infinity, maxDocuments: Infinity };
const o = pipeline.DEFAULT_PIPELINE_OPTIONS;

/** name -> [make input of n characters, work on it] */
const CASES = {
  'wordTokenize: "a.b" repeated': [(n) => repeatTo('a.b', n), (s) => nlp.wordTokenize(s)],
  'wordTokenize: URL + "(((…)))"': [
    (n) => 'http://x.org/' + '('.repeat(n / 2) + ')'.repeat(n / 2),
    (s) => nlp.wordTokenize(s),
  ],
  'wordTokenize: URL + "....a"': [
    (n) => 'http://x.org/' + '.'.repeat(n) + 'a',
    (s) => nlp.wordTokenize(s),
  ],
  'wordTokenize: Moby-Dick': [(n) => take(prose, n), (s) => nlp.wordTokenize(s)],
  'textToWordSequence: Moby-Dick': [(n) => take(prose, n), (s) => nlp.textToWordSequence(s)],
  'splitDocuments: Moby-Dick x 4 (whole text)': [
    (n) => take(prose, n * 4),
    (s) => pipeline.splitDocuments(s),
  ],
  'runPipeline, no limits: Moby-Dick': [
    (n) => take(prose, n),
    (s) => pipeline.runPipeline(s, o, noLimits),
  ],
  'runPipeline, no limits, stems + stopwords': [
    (n) => take(prose, n),
    (s) => pipeline.runPipeline(s, { ...o, stemming: true, removeStopwords: true }, noLimits),
  ],
};

const rows = [];
for (const [name, [make, work]] of Object.entries(CASES)) {
  const small = make(N);
  const large = make(4 * N);
  work(small); // warm-up
  const tSmall = best(() => work(small));
  const tLarge = best(() => work(large));
  const ratio = tLarge / Math.max(tSmall, 0.05);
  rows.push({ name, chars: [small.length, large.length], ms: [tSmall, tLarge], ratio });
}

console.log(
  `n = ${N} characters, best of ${RUNS} (CPU ms); load average ${loadavg()[0].toFixed(2)}`,
);
console.log('| case | n (ms) | 4n (ms) | 4n / n |');
console.log('| ---- | -----: | ------: | -----: |');
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.ms[0].toFixed(1)} | ${r.ms[1].toFixed(1)} | ${r.ratio.toFixed(1)} |`,
  );
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(
  join(HERE, 'results', 'pipeline-scaling.json'),
  JSON.stringify({ n: N, runs: RUNS, loadAverage: loadavg()[0], rows }, null, 2),
);
const bad = rows.filter((r) => r.ratio > MAX_RATIO);
if (bad.length > 0) {
  console.error(`Superlinear (4n/n > ${MAX_RATIO}): ${bad.map((r) => r.name).join('; ')}`);
  process.exit(1);
}
