#!/usr/bin/env node
/**
 * Benchmark of chapter 11's TextCNN (not a pass/fail test): sentences per second of one training
 * step of Kim's CNN-rand (vocabulary 5,000, embedding 128, 100 filters each of widths 3, 4 and 5,
 * length 50, batch 50, dropout 0.5, Adam) per tfjs backend, in headless Chromium through a Vite
 * dev server, on random ids (seeded):
 * - `ours`: src/models/textcnn's createTextCnnTask (textCnnForward: one window gather, one
 *   embedding lookup and one matMul for all widths), each step's loss read with `await data()`;
 * - `layers`: the same model from tf.layers (conv1d, globalMaxPooling1d, concatenate) trained with
 *   `model.fit` one batch per call (tests/bench/textCnnLayers.ts);
 * - PyTorch 1.13 on this machine's CPU with one thread (tests/bench/textcnn_torch.py).
 * Rates are medians of per-step wall times after warm-up steps, over at least `--seconds` s and
 * `--steps` steps. On a shared machine the load changes within a minute, so `ours` and PyTorch
 * are measured in `--rounds` alternating rounds per backend (PyTorch `--torch-steps` steps, then
 * ours, in the same minute); the ratio reported is the median of the rounds' ratios, the rates
 * the medians of the rounds' rates. Prints a table and writes tests/bench/results/textcnn.json.
 *
 * Usage: node tests/bench/textcnn.mjs [--backends wasm,webgl,cpu] [--seconds 10] [--steps 5]
 *   [--warmup 2] [--torch-steps 20] [--rounds 3] [--skip-layers]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { startDevServer } from './lib/devServer.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SIZES = { vocab: 5000, dim: 128, filters: 100, length: 50, batch: 50 };

const o = {
  backends: ['wasm', 'webgl'],
  seconds: 10,
  steps: 5,
  warmup: 2,
  torchSteps: 20,
  rounds: 3,
  skipLayers: false,
};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [key, inline] = argv[i].split('=');
  const value = () => inline ?? argv[++i];
  if (key === '--backends') o.backends = value().split(',');
  else if (key === '--seconds') o.seconds = Number(value());
  else if (key === '--steps') o.steps = Number(value());
  else if (key === '--warmup') o.warmup = Number(value());
  else if (key === '--torch-steps') o.torchSteps = Number(value());
  else if (key === '--rounds') o.rounds = Number(value());
  else if (key === '--skip-layers') o.skipLayers = true;
  else throw new Error(`Unknown option ${argv[i]}`);
}

/** Installed in the page: random data, our task and the tf.layers model, a timer. */
async function setUpPage({ backend, sizes }) {
  const train = await import('/src/train/index.ts');
  const info = await train.selectBackend(backend);
  const textcnn = await import('/src/models/textcnn/index.ts');
  const layersLib = await import('/tests/bench/textCnnLayers.ts');
  const rows = 1000;
  let s = 12345;
  const rand = (n) => ((s = (s * 1103515245 + 12345) % 2147483648), s % n);
  const trainX = Int32Array.from({ length: rows * sizes.length }, () => rand(sizes.vocab));
  const trainY = Int32Array.from({ length: rows }, () => rand(2));
  const timeIt = async (step, warm, ms, minSteps) => {
    for (let i = 0; i < warm; i++) await step();
    const times = [];
    const t0 = performance.now();
    while (performance.now() - t0 < ms || times.length < minSteps) {
      const a = performance.now();
      await step();
      times.push(performance.now() - a);
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)], steps: times.length };
  };
  window.__tc = {
    async ours(warm, ms, minSteps) {
      const task = textcnn.createTextCnnTask({
        trainX,
        trainY,
        valX: trainX.subarray(0, 50 * sizes.length),
        valY: trainY.subarray(0, 50),
        vocabSize: sizes.vocab,
        maxlen: sizes.length,
        filterWidths: [3, 4, 5],
        filtersPerWidth: sizes.filters,
        embeddingDim: sizes.dim,
        dropout: 0.5,
        learningRate: 1e-3,
        batchSize: sizes.batch,
        epochs: 100,
        seed: 1,
      });
      task.init();
      try {
        return await timeIt(
          async () => {
            const out = task.step();
            await out.loss.data();
            out.loss.dispose();
            Object.values(out.metrics ?? {}).forEach((t) => t.dispose());
          },
          warm,
          ms,
          minSteps,
        );
      } finally {
        task.dispose();
      }
    },
    async layers(warm, ms, minSteps) {
      const model = layersLib.createLayersTextCnn(trainX, trainY, sizes);
      try {
        return await timeIt(() => model.step(), warm, ms, minSteps);
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      } finally {
        model.dispose();
      }
    },
  };
  return { info };
}

/** One PyTorch measurement (`--torch-steps` steps after 2 warm-up steps, one run). */
function runTorch() {
  const run = spawnSync(
    '/usr/bin/python3',
    [
      join(HERE, 'textcnn_torch.py'),
      '--steps',
      String(o.torchSteps),
      '--runs',
      '1',
      '--warmup',
      '2',
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return run.status === 0 ? JSON.parse(run.stdout) : { error: `exit ${run.status}` };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const torchRounds = [];

const server = await startDevServer();
const base = server.base;
const browser = await launchBrowser();
const rows = [];
const rate = (r) => (r && r.median ? (SIZES.batch * 1000) / r.median : null);
try {
  for (const backend of o.backends) {
    const page = await browser.context.newPage();
    try {
      await page.goto(base, { waitUntil: 'load' });
      const { info } = await page.evaluate(setUpPage, { backend, sizes: SIZES });
      const args = [o.warmup, o.seconds * 1000, o.steps];
      const rounds = [];
      for (let r = 0; r < o.rounds; r++) {
        const t = runTorch();
        torchRounds.push(t);
        const ours = await page.evaluate((a) => window.__tc.ours(...a), args);
        const ratio = t.sentencesPerSecond ? rate(ours) / t.sentencesPerSecond : null;
        rounds.push({ ours, torch: t.sentencesPerSecond ?? null, ratio, load: loadavg()[0] });
        console.log(
          `[bench] ${backend} round ${r + 1}: ours ${rate(ours)?.toFixed(1)}, PyTorch ${t.sentencesPerSecond?.toFixed(1) ?? t.error} sentences/s (${ratio?.toFixed(2)}), load ${loadavg()[0].toFixed(1)}`,
        );
      }
      const ours = rounds[Math.floor(rounds.length / 2)].ours;
      const layers = o.skipLayers
        ? null
        : await page.evaluate((a) => window.__tc.layers(...a), args);
      rows.push({
        backend,
        renderer: info.name,
        rounds,
        ours,
        layers,
        oursRate: median(rounds.map((x) => rate(x.ours))),
        torchRate: median(rounds.filter((x) => x.torch).map((x) => x.torch)),
        vsTorch: median(rounds.filter((x) => x.ratio).map((x) => x.ratio)),
        layersRate: rate(layers),
      });
      console.log(
        `[bench] ${backend}: ours ${rows.at(-1).oursRate?.toFixed(1)} sentences/s; layers ${layers?.error ?? rate(layers)?.toFixed(1)}`,
      );
    } catch (error) {
      rows.push({ backend, error: error instanceof Error ? error.message : String(error) });
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(
  '\n| backend | ours (sentences/s) | tf.layers + fit | ours / layers | ours / PyTorch 1 thread |',
);
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  if (r.error) {
    console.log(`| ${r.backend} | error: ${r.error} | | | |`);
    continue;
  }
  const f = (v) => (v == null ? '—' : v.toFixed(1));
  const layers = r.layers?.error ? `fails: ${r.layers.error.slice(0, 60)}` : f(r.layersRate);
  const vsLayers = r.layersRate ? (r.oursRate / r.layersRate).toFixed(2) : '—';
  const vsTorch = r.vsTorch ? r.vsTorch.toFixed(2) : '—';
  console.log(`| ${r.backend} | ${f(r.oursRate)} | ${layers} | ${vsLayers} | ${vsTorch} |`);
  console.log(`PyTorch 1.13, 1 thread, same rounds: ${f(r.torchRate)} sentences/s (median)`);
}
console.log(
  `load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')} on ${cpus().length} cores`,
);
mkdirSync(join(HERE, 'results'), { recursive: true });
writeFileSync(
  join(HERE, 'results', 'textcnn.json'),
  JSON.stringify(
    { date: new Date().toISOString(), sizes: SIZES, torchRounds, rows, loadavg: loadavg() },
    null,
    2,
  ),
);
