#!/usr/bin/env node
/**
 * `npm run bench`: runs the book's benchmarks one after another (not pass/fail tests; each prints
 * a table and writes tests/bench/results/<name>.json). The site is built once, then every browser
 * benchmark reuses dist/.
 *
 * | name              | script                  | measures                                                   |
 * | ----------------- | ----------------------- | ---------------------------------------------------------- |
 * | sentiment         | sentiment.mjs           | ch. 1 classifier: ms/step per backend, JS weight, long tasks |
 * | ngram             | ngram.mjs               | ch. 3 5-gram Kneser-Ney fit + perplexity vs NLTK 3.8       |
 * | neural-lm         | neural-lm.mjs           | ch. 3 neural LM: steps/s, words/s per backend               |
 * | tfidf             | tfidf.mjs               | ch. 4 TF-IDF fitTransform + 1,000-query search vs sklearn   |
 * | linear-classifier | linear-classifier.mjs   | ch. 4 logistic/softmax regression: steps/s per backend      |
 * | topics            | topics.mjs              | ch. 5 TruncatedSVD + LDA on SOTU vs scikit-learn (Node; --browser) |
 * | ppmi              | ppmi.mjs                | ch. 8 co-occurrence + PPMI + truncated SVD on SOTU (Node)   |
 * | word2vec          | word2vec.mjs            | ch. 8 word2vec words/s per backend vs gensim and naive tfjs |
 * | char-lstm         | char-lstm.mjs           | ch. 9 char LSTM chars/s per backend vs tf.layers and PyTorch |
 * | seq2seq-date      | seq2seq-date.mjs        | ch. 14 date seq2seq examples/s per backend vs PyTorch, s to 99% |
 * | textcnn           | textcnn.mjs             | ch. 11 TextCNN sentences/s per backend vs tf.layers and PyTorch |
 * | transformer       | transformer.mjs         | ch. 15 char Transformer chars/s per backend (Chromium; --node) vs plain tfjs and PyTorch |
 * | main-thread       | main-thread.mjs         | every training widget: longest main-thread task, long tasks/min, busy % |
 * | pipeline-scaling  | pipeline-scaling.mjs    | ch. 1 tokenizers and pipeline: n vs 4n time, fails if superlinear |
 *
 * Usage: node tests/bench/run.mjs [name ...], e.g. `npm run bench -- ngram tfidf`. Each script
 * also runs alone with its own options (see its header). Environment: E2E_SKIP_BUILD=1 reuses dist/.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite } from './lib/site.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCHES = {
  sentiment: 'sentiment.mjs',
  ngram: 'ngram.mjs',
  'neural-lm': 'neural-lm.mjs',
  tfidf: 'tfidf.mjs',
  'linear-classifier': 'linear-classifier.mjs',
  topics: 'topics.mjs',
  ppmi: 'ppmi.mjs',
  word2vec: 'word2vec.mjs',
  'char-lstm': 'char-lstm.mjs',
  'seq2seq-date': 'seq2seq-date.mjs',
  textcnn: 'textcnn.mjs',
  transformer: 'transformer.mjs',
  'main-thread': 'main-thread.mjs',
  'pipeline-scaling': 'pipeline-scaling.mjs',
};

const names = process.argv.slice(2);
const unknown = names.filter((n) => !Object.hasOwn(BENCHES, n));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}.`,
  );
  process.exit(2);
}
const chosen = names.length > 0 ? names : Object.keys(BENCHES);

await buildSite();
const failed = [];
for (const name of chosen) {
  console.log(`\n=== bench: ${name} ===`);
  const { status } = spawnSync(process.execPath, [join(HERE, BENCHES[name])], {
    stdio: 'inherit',
    env: { ...process.env, E2E_SKIP_BUILD: '1' },
  });
  if (status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\n[bench] failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\n[bench] done: ${chosen.join(', ')}; results in tests/bench/results/`);
