#!/usr/bin/env node
/**
 * Kernel-by-kernel profile of one word2vec training step on the wasm (or cpu) backend in Node
 * (not a pass/fail test): SOTU, skip-gram, d 100, window 5, 5 negatives, sample 1e-3, min count 5.
 * Prints the JS-side time (BatchStream.next, plans), then tf.profile's kernels of a step, summed by
 * kernel name, and the median wall time of `--steps` steps with each loss read by `await data()`.
 *
 * With `--epoch 1`, then trains the rest of the first epoch and scores it on the SOTU evaluation set.
 *
 * Usage: node tests/bench/word2vecProfile.mjs [--backend wasm] [--batch 4096] [--steps 30]
 *   [--profile 7] [--update segment|scatter|gather] [--alpha 0.025] [--epoch 1]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { ROOT } from './lib/site.mjs';
import { tsLoader } from './lib/loadTs.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []),
);
const backend = args.backend ?? 'wasm';
const batch = Number(args.batch ?? 4096);
const nSteps = Number(args.steps ?? 30);

const { load, close } = await tsLoader();
try {
  const tf = await import('@tensorflow/tfjs');
  const train = await load('/src/train/index.ts');
  const info = await train.selectBackend(backend);
  const data = await load('/src/data/index.ts');
  const w2v = await load('/src/models/word2vec/index.ts');
  const sotu = data.parseSotu(
    JSON.parse(readFileSync(join(ROOT, 'public/data/sotu.json'), 'utf8')),
  );
  const sentences = sotu.passages.flatMap((p) => data.lmSentences(p.text));
  const corpus = w2v.prepareCorpus(sentences, 5);
  const cfg = {
    corpus,
    dim: 100,
    window: 5,
    negative: 5,
    sample: 1e-3,
    epochs: 1,
    batchSize: batch,
    seed: 1,
    ...(args.update ? { sparseUpdate: args.update } : {}),
    ...(args.alpha ? { alpha: Number(args.alpha) } : {}),
  };
  console.log(`backend ${info.name}; V ${corpus.vocab.words.length}; batch ${batch}`);

  // JS side alone: the batch stream, and the segment plans of a skip-gram step
  {
    const stream = new w2v.BatchStream(corpus, { ...cfg, architecture: 'skipgram' });
    const V = corpus.vocab.words.length;
    const K1 = cfg.negative + 1;
    const scratch = new Int32Array(V + 1);
    const perOutput = new Int32Array(batch * K1);
    let tNext = 0;
    let tPlan = 0;
    const n = 50;
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      const b = stream.next();
      const t1 = performance.now();
      w2v.segmentPlan(b.outputIds, b.outputMask, scratch);
      for (let r = 0, e = 0; r < batch; r++)
        for (let k = 0; k < K1; k++) perOutput[e++] = b.inputIds[r];
      w2v.segmentPlan(perOutput, b.outputMask, scratch);
      tNext += t1 - t;
      tPlan += performance.now() - t1;
    }
    console.log(
      `JS per step: BatchStream.next ${(tNext / n).toFixed(2)} ms, segment plans ${(tPlan / n).toFixed(2)} ms`,
    );
  }

  const task = w2v.createWord2VecTask(cfg);
  task.init();
  const one = async () => {
    const o = task.step();
    const loss = (await o.loss.data())[0];
    tf.dispose([o.loss, ...Object.values(o.metrics ?? {})]);
    return loss;
  };
  for (let i = 0; i < 3; i++) await one();
  // per kernel: the median over `--profile` profiled steps (after one more warm-up step). Kernels
  // come in the same order every step; their data-dependent shapes do not repeat, so a kernel is
  // keyed by its position and name, and shown with the shapes of its first occurrence.
  const nProfile = Number(args.profile ?? 7);
  const byKey = new Map();
  const totals = [];
  for (let p = -1; p < nProfile; p++) {
    const prof = await tf.profile(async () => {
      await one();
    });
    if (p < 0) continue;
    let total = 0;
    for (const [i, k] of prof.kernels.entries()) {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      total += ms;
      const key = `${String(i).padStart(2)} ${k.name}`;
      if (!byKey.has(key)) byKey.set(key, { shapes: JSON.stringify(k.inputShapes), ms: [] });
      byKey.get(key).ms.push(ms);
    }
    totals.push(total);
    if (args.debug) console.log(`profile ${p}: ${total.toFixed(1)} ms`);
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  console.log(`kernels per step: ${byKey.size}; their sum: median ${med(totals).toFixed(1)} ms`);
  for (const [k, e] of [...byKey].sort((a, b) => med(b[1].ms) - med(a[1].ms)).slice(0, 24)) {
    console.log(`  ${med(e.ms).toFixed(2).padStart(7)} ms  ${k} ${e.shapes}`);
  }
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const times = [];
  let words = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < nSteps && !task.finished; i++) {
    const w = task.effectiveWords;
    const t = performance.now();
    await one();
    times.push(performance.now() - t);
    words += task.effectiveWords - w;
  }
  const el = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 0)); // deliver the last gc entries
  gcObserver.disconnect();
  times.sort((a, b) => a - b);
  console.log(
    `step: median ${times[times.length >> 1].toFixed(1)} ms, min ${times[0].toFixed(1)}; ${Math.round((words * 1000) / el)} words/s wall, ${Math.round((words * 1000) / cpuMs)} per CPU s (${(cpuMs / times.length).toFixed(1)} CPU ms/step, GC ${(gcMs / times.length).toFixed(1)} ms/step); load ${loadavg()[0].toFixed(1)}`,
  );
  if (args.epoch) {
    // the rest of the first epoch, then the book's SOTU evaluation set
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    const w1 = task.effectiveWords;
    while (!task.finished) await one();
    const cpu1 = process.cpuUsage(c1);
    const secs = (performance.now() - t1) / 1000;
    const emb = await load('/src/nlp/embeddings/index.ts');
    const kv = await task.keyedVectors();
    const score = emb.evaluate(kv, emb.SOTU_EVALUATION_SET);
    console.log(
      `epoch: ${task.effectiveWords} effective words; rest of epoch ${Math.round((task.effectiveWords - w1) / secs)} words/s wall, ${Math.round(((task.effectiveWords - w1) * 1e6) / (cpu1.user + cpu1.system))} per CPU s; analogy ${score.analogy.accuracy.toFixed(3)} (${score.analogy.correct}/${score.analogy.answered}), spearman ${score.similarity.spearman.toFixed(3)}; load ${loadavg()[0].toFixed(1)}`,
    );
  }
  task.dispose();
} finally {
  await close();
}
