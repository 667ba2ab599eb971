#!/usr/bin/env node
/**
 * Profile of one training step of chapter 11's TextCNN in Node on the wasm backend (not a test):
 * Kim's CNN-rand at the benchmark's sizes (tests/bench/textcnn.mjs), random ids. Prints the median
 * step time and, from `tf.profile` of one step, the kernel time per kernel name (with profiling
 * overhead, so only the shares mean anything).
 *
 * Usage: node tests/bench/textcnnProfile.mjs [--steps 8] [--backend wasm]
 */
import { tsLoader } from './lib/loadTs.mjs';

const o = { steps: 8, backend: 'wasm' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [key, inline] = argv[i].split('=');
  if (key === '--steps') o.steps = Number(inline ?? argv[++i]);
  else if (key === '--backend') o.backend = inline ?? argv[++i];
  else throw new Error(`Unknown option ${argv[i]}`);
}
const SIZES = { vocab: 5000, dim: 128, filters: 100, length: 50, batch: 50 };
const { load, close } = await tsLoader();
const train = await load('/src/train/index.ts');
const textcnn = await load('/src/models/textcnn/index.ts');
const tf = await import('@tensorflow/tfjs');
const info = await train.selectBackend(o.backend);
if (info.name !== o.backend) throw new Error(`${o.backend} unavailable: ${info.reason}`);
const rows = 1000;
let s = 12345;
const rand = (n) => ((s = (s * 1103515245 + 12345) % 2147483648), s % n);
const trainX = Int32Array.from({ length: rows * SIZES.length }, () => rand(SIZES.vocab));
const trainY = Int32Array.from({ length: rows }, () => rand(2));
const task = textcnn.createTextCnnTask({
  trainX,
  trainY,
  valX: trainX.subarray(0, 50 * SIZES.length),
  valY: trainY.subarray(0, 50),
  vocabSize: SIZES.vocab,
  maxlen: SIZES.length,
  numClasses: 2,
  embeddingDim: SIZES.dim,
  filterWidths: [3, 4, 5],
  filtersPerWidth: SIZES.filters,
  batchSize: SIZES.batch,
  dropout: 0.5,
  learningRate: 1e-3,
  epochs: 100,
  seed: 1,
});
task.init();
const step = async () => {
  const out = task.step();
  const v = await out.loss.data();
  tf.dispose([out.loss, ...Object.values(out.metrics ?? {})]);
  return v[0];
};
for (let i = 0; i < 2; i++) await step();
const times = [];
for (let i = 0; i < o.steps; i++) {
  const t0 = performance.now();
  await step();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const ms = times[Math.floor(times.length / 2)];
console.log(
  `${o.backend}: median ${ms.toFixed(1)} ms/step (${((SIZES.batch * 1000) / ms).toFixed(1)} sentences/s), min ${times[0].toFixed(1)}, max ${times.at(-1).toFixed(1)}; tensors ${tf.memory().numTensors}`,
);
const profile = await tf.profile(() => step());
const byName = new Map();
// 'forward' entries are tf.customGrad's wrappers: their time includes the kernels inside them,
// which are listed on their own, so they are left out of the totals.
for (const k of profile.kernels.filter((x) => x.name !== 'forward')) {
  const e = byName.get(k.name) ?? { ms: 0, n: 0 };
  e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
  e.n += 1;
  byName.set(k.name, e);
}
const total = [...byName.values()].reduce((a, e) => a + e.ms, 0);
const table = [...byName.entries()]
  .sort((a, b) => b[1].ms - a[1].ms)
  .slice(0, 15)
  .map(([name, e]) => ({
    name,
    calls: e.n,
    ms: e.ms.toFixed(1),
    share: `${((100 * e.ms) / total).toFixed(0)}%`,
  }));
console.table(table);
const mm = profile.kernels
  .filter((k) => /MatMul/.test(k.name))
  .map(
    (k) =>
      `${k.name} ${k.inputShapes.map((x) => `[${x}]`).join('x')} ${k.kernelTimeMs.toFixed(1)} ms`,
  );
console.log(mm.join('\n'));
console.log(`kernel time ${total.toFixed(1)} ms (custom-gradient wrappers left out)`);
task.dispose();
await close();
