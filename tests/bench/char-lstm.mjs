#!/usr/bin/env node
/**
 * Benchmark of chapter 9's character LSTM (not a pass/fail test): characters per second of one
 * training step (LSTM, hidden 128, seqLen 64, batch 32, one-hot input over Moby Dick's ~80
 * characters, Adam, clipping at global norm 5, truncated BPTT with the state carried), per tfjs
 * backend, in headless Chromium through a Vite dev server:
 * - `ours`: src/models/rnn's createCharLmTask (runStackedRnn with the fused BPTT backward), each
 *   step's loss read with `await data()` as the training runner does;
 * - `layers`: the same model the usual tfjs way, `tf.layers.lstm` + time-distributed dense
 *   softmax trained with `model.trainOnBatch` (tests/bench/charLstmLayers.ts), same batches;
 * - PyTorch 1.13 on this machine's CPU (tests/bench/char_lstm_torch.py: nn.LSTM + nn.Linear,
 *   Adam, clip_grad_norm_, same ids and sizes) with torch's default thread count, 1 and 2 threads
 *   (OPENBLAS_NUM_THREADS=1), run first.
 * Rates are medians of per-step wall times after warm-up steps (shader compilation on webgl), over
 * at least `--seconds` s and `--steps` steps each. With `--learn S` (default 120; 0 = off) the
 * default widget configuration also trains on wasm for S seconds, with the held-out loss and a
 * sample (temperature 0.7) at 30 s, 60 s, ... : does it visibly learn words within a minute or two?
 * Prints a table and ratios (ours / layers on the same backend; ours on wasm / PyTorch), the load
 * average, and writes tests/bench/results/char-lstm.json.
 *
 * Usage: node tests/bench/char-lstm.mjs [--backends wasm,webgl,cpu] [--seconds 20] [--steps 10]
 *   [--warmup 3] [--torch-runs 3] [--torch-steps 30] [--learn 120] [--skip-layers]
 * Needs public/data (npm run prepare-data).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { launchBrowser } from './lib/browser.mjs';
import { ROOT } from './lib/site.mjs';
import { tsLoader } from './lib/loadTs.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'results');
const SIZES = { hidden: 128, seqLen: 64, batch: 32 };

/** @param {string[]} argv */
function parseArgs(argv) {
  const o = {
    backends: ['wasm', 'webgl', 'cpu'],
    seconds: 20,
    steps: 10,
    warmup: 3,
    torchRuns: 3,
    torchSteps: 30,
    learn: 120,
    skipLayers: false,
  };
  const numeric = {
    '--seconds': 'seconds',
    '--steps': 'steps',
    '--warmup': 'warmup',
    '--torch-runs': 'torchRuns',
    '--torch-steps': 'torchSteps',
    '--learn': 'learn',
  };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    if (key === '--skip-layers') {
      o.skipLayers = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (key === '--backends') o.backends = value.split(',').filter(Boolean);
    else if (key in numeric) {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${key} needs a number >= 0`);
      o[numeric[key]] = n;
    } else throw new Error(`unknown option ${key}`);
  }
  for (const b of o.backends) {
    if (!['webgl', 'wasm', 'cpu'].includes(b)) throw new Error(`Unknown backend "${b}".`);
  }
  return o;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const load1 = () => Number(loadavg()[0].toFixed(2));

/** Moby Dick's training text as character ids (the project's own code), for PyTorch. */
async function writeIds(dir) {
  const { load, close } = await tsLoader();
  try {
    const cd = await load('/src/models/rnn/charData.ts');
    const corpus = JSON.parse(readFileSync(join(ROOT, 'public/data/moby-dick.json'), 'utf8'));
    const vocab = cd.buildCharVocab(cd.mobyDickText(corpus, 'train'));
    const ids = cd.encodeChars(vocab, cd.mobyDickText(corpus, 'train'));
    const file = join(dir, 'moby-ids.bin');
    writeFileSync(file, Buffer.from(ids.buffer));
    return { file, chars: ids.length, vocab: vocab.chars.length };
  } finally {
    await close();
  }
}

/** Installed in the page: the corpus, our task and the tf.layers model, timing helpers. */
async function setUpPage({ backend, sizes }) {
  const train = await import('/src/train/index.ts');
  const info = await train.selectBackend(backend);
  const data = await import('/src/data/index.ts');
  const rnn = await import('/src/models/rnn/index.ts');
  const layersLib = await import('/tests/bench/charLstmLayers.ts');
  const corpus = await data.loadMobyDick({ baseUrl: '/' });
  const trainText = rnn.mobyDickText(corpus, 'train');
  const heldoutText = rnn.mobyDickText(corpus, 'heldout');
  const make = (extra = {}) => {
    const task = rnn.createCharLmTask({
      trainText,
      heldoutText,
      cell: 'lstm',
      hiddenSize: sizes.hidden,
      seqLen: sizes.seqLen,
      batchSize: sizes.batch,
      clipNorm: 5,
      seed: 1,
      ...extra,
    });
    task.init();
    return task;
  };
  const oursStep = (task) => async () => {
    const o = task.step();
    const loss = (await o.loss.data())[0];
    o.loss.dispose();
    for (const m of Object.values(o.metrics ?? {})) m.dispose();
    return loss;
  };
  /** Runs `step` warm times, then until `ms` and `minSteps`; per-step wall times. */
  const timeIt = async (step, warm, ms, minSteps) => {
    const tw = performance.now();
    let loss = NaN;
    for (let i = 0; i < warm; i++) loss = await step();
    const warmupMs = performance.now() - tw;
    const times = [];
    const t0 = performance.now();
    while (performance.now() - t0 < ms || times.length < minSteps) {
      const a = performance.now();
      loss = await step();
      times.push(performance.now() - a);
    }
    return { warmupMs, times, loss };
  };
  /** @type {any} */ (window).__lstm = {
    async ours(warm, ms, minSteps) {
      const task = make();
      try {
        const r = await timeIt(oursStep(task), warm, ms, minSteps);
        return { ...r, params: task.parameterCount, vocab: task.config.vocabSize };
      } finally {
        task.dispose();
      }
    },
    async layers(warm, ms, minSteps) {
      const t0 = performance.now();
      const vocab = rnn.buildCharVocab(trainText);
      const ids = rnn.encodeChars(vocab, trainText);
      const model = layersLib.createLayersCharLstm(ids, vocab.chars.length, sizes);
      const buildMs = performance.now() - t0;
      try {
        return { ...(await timeIt(() => model.step(), warm, ms, minSteps)), buildMs };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      } finally {
        model.dispose();
      }
    },
    /** Trains the default configuration for `seconds`, reporting every `every` seconds. */
    async learn(seconds, every) {
      const task = make({ seed: 42 });
      const step = oursStep(task);
      const marks = [];
      const t0 = performance.now();
      let next = every * 1000;
      let steps = 0;
      let loss = NaN;
      try {
        while (performance.now() - t0 < seconds * 1000) {
          loss = await step();
          steps++;
          if (performance.now() - t0 >= next) {
            const pause = performance.now();
            const ev = await task.evaluate();
            const text = await task.sample(240, { temperature: 0.7, seed: 1, prime: '\n' });
            marks.push({
              seconds: Math.round((pause - t0) / 1000),
              steps,
              loss,
              ...ev,
              sample: text,
            });
            next += every * 1000 + (performance.now() - pause);
          }
        }
        return { marks, defaults: rnn.CHAR_LM_DEFAULTS };
      } finally {
        task.dispose();
      }
    },
  };
  return { info, chars: trainText.length };
}

async function benchBackend(context, base, backend, o) {
  const page = await context.newPage();
  try {
    await page.goto(`${base}?bench=char-lstm`, { waitUntil: 'load' });
    const setup = await page.evaluate(setUpPage, { backend, sizes: SIZES });
    console.log(`[bench] ${backend}: ${setup.info.name} (${setup.info.reason})`);
    const chars = SIZES.batch * SIZES.seqLen;
    const summarise = (r) =>
      r.error
        ? r
        : {
            warmupMs: Math.round(r.warmupMs),
            buildMs: r.buildMs == null ? undefined : Math.round(r.buildMs),
            steps: r.times.length,
            msPerStep: Number(median(r.times).toFixed(1)),
            charsPerSecond: Math.round((chars * 1000) / median(r.times)),
            lastLoss: Number(r.loss.toFixed(3)),
          };
    const l0 = load1();
    const ours = summarise(
      await page.evaluate(
        ([w, ms, n]) => window.__lstm.ours(w, ms, n),
        [o.warmup, o.seconds * 1000, o.steps],
      ),
    );
    console.log(`[bench]   ours: ${JSON.stringify(ours)}`);
    let layers = null;
    if (!o.skipLayers) {
      layers = summarise(
        await page.evaluate(
          ([w, ms, n]) => window.__lstm.layers(w, ms, n),
          [o.warmup, o.seconds * 1000, o.steps],
        ),
      );
      console.log(`[bench]   tf.layers: ${JSON.stringify(layers)}`);
    }
    let learn = null;
    if (backend === 'wasm' && o.learn > 0) {
      console.log(`[bench]   training the defaults for ${o.learn} s...`);
      learn = await page.evaluate(([s, e]) => window.__lstm.learn(s, e), [o.learn, 30]);
      for (const m of learn.marks) {
        console.log(
          `[bench]   ${m.seconds} s, step ${m.steps}: loss ${m.loss.toFixed(3)}, held-out ${m.val_loss.toFixed(3)} (ppl ${m.val_perplexity.toFixed(2)})\n${m.sample}\n`,
        );
      }
    }
    return {
      backend,
      active: setup.info.name,
      software: setup.info.software,
      renderer: setup.info.renderer,
      ours,
      layers,
      learn,
      loadAverage: [l0, load1()],
    };
  } finally {
    await page.close();
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const loadBefore = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'char-lstm-bench-'));
  let torch = null;
  try {
    const ids = await writeIds(dir);
    console.log(`[bench] Moby Dick training text: ${ids.chars} characters, V = ${ids.vocab}`);
    if (o.torchRuns > 0) {
      console.log('[bench] PyTorch...');
      const r = spawnSync(
        '/usr/bin/python3',
        [
          join(HERE, 'char_lstm_torch.py'),
          ids.file,
          String(ids.vocab),
          '--hidden',
          String(SIZES.hidden),
          '--seq',
          String(SIZES.seqLen),
          '--batch',
          String(SIZES.batch),
          '--runs',
          String(o.torchRuns),
          '--steps',
          String(o.torchSteps),
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      torch = r.status === 0 ? JSON.parse(r.stdout) : { error: `exit ${r.status}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const server = await createServer({
    root: ROOT,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: {
      include: [
        '@tensorflow/tfjs',
        '@tensorflow/tfjs-backend-webgl',
        '@tensorflow/tfjs-backend-wasm',
        'seedrandom',
      ],
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 5173}/`;
  const browser = await launchBrowser();
  const rows = [];
  try {
    for (const backend of o.backends) {
      try {
        rows.push(await benchBackend(browser.context, base, backend, o));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`[bench] ${backend} failed: ${message}`);
        rows.push({ backend, error: message });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const loadAfter = loadavg();
  const torchRate = (threads) => torch?.configs?.[String(threads)]?.median?.charsPerSecond ?? null;
  const torchDefault = torch?.defaultThreads ?? null;
  const ratios = {};
  for (const r of rows) {
    if (r.error || r.ours.error) continue;
    ratios[r.backend] = {
      oursOverLayers: r.layers?.charsPerSecond
        ? r.ours.charsPerSecond / r.layers.charsPerSecond
        : null,
      oursOverTorchDefault: torchDefault ? r.ours.charsPerSecond / torchRate(torchDefault) : null,
      oursOverTorch1: torchRate(1) ? r.ours.charsPerSecond / torchRate(1) : null,
      torchDefaultOverOurs: torchDefault ? torchRate(torchDefault) / r.ours.charsPerSecond : null,
    };
  }
  const fmt = (x, d = 0) => (x == null || Number.isNaN(x) ? '—' : Number(x).toFixed(d));
  console.log(
    '\nbackend  ours ms/step  ours chars/s  layers ms/step  layers chars/s  ours/layers  torch/ours  load',
  );
  for (const r of rows) {
    if (r.error) {
      console.log(`${r.backend.padEnd(8)} error: ${r.error}`);
      continue;
    }
    const q = ratios[r.backend] ?? {};
    console.log(
      [
        r.backend.padEnd(8),
        fmt(r.ours.msPerStep, 1).padStart(13),
        fmt(r.ours.charsPerSecond).padStart(13),
        (r.layers?.error ? 'error' : fmt(r.layers?.msPerStep, 1)).padStart(15),
        fmt(r.layers?.charsPerSecond).padStart(15),
        fmt(q.oursOverLayers, 2).padStart(12),
        fmt(q.torchDefaultOverOurs, 2).padStart(11),
        `  ${r.loadAverage.join(' → ')}`,
      ].join(' '),
    );
  }
  if (torch?.configs) {
    for (const [threads, c] of Object.entries(torch.configs)) {
      console.log(
        `PyTorch ${torch.torch}, ${threads} thread(s)${Number(threads) === torchDefault ? ' (default)' : ''}: ${fmt(c.median.msPerStep, 1)} ms/step, ${fmt(c.median.charsPerSecond)} chars/s`,
      );
    }
  } else if (torch) console.log(`PyTorch: ${torch.error}`);
  console.log(
    `load average: before ${loadBefore.map((x) => x.toFixed(1)).join(' ')}, after ${loadAfter.map((x) => x.toFixed(1)).join(' ')}`,
  );
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'char-lstm.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpu: cpus()[0]?.model,
          memoryGiB: Math.round(totalmem() / 2 ** 30),
          loadavgBefore: loadBefore,
          loadavgAfter: loadAfter,
        },
        options: o,
        sizes: SIZES,
        rows,
        torch,
        ratios,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`[bench] wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
