#!/usr/bin/env node
/**
 * Benchmark of chapter 14's date model (not a pass/fail test): examples per second of one
 * training step of `createSeq2SeqTask()` with its defaults (character embeddings 32, bidirectional
 * GRU encoder 64 per direction, GRU decoder 128, additive attention with 64 units, batch 128,
 * inputs up to 24 characters, outputs 10 + END, Adam 0.005, clipping at 5), per tfjs backend, in
 * headless Chromium through a Vite dev server, each step's loss read with `await data()` as the
 * training runner does; against the same model in PyTorch 1.13 on this machine's CPU with one
 * thread (tests/bench/seq2seq_date_torch.py, OPENBLAS_NUM_THREADS=1), run before and after the
 * browser in the same benchmark (the ratio uses the mean of the two). Rates are medians of per-step wall times after warm-up steps, over at least
 * `--seconds` s and `--steps` steps. With `--learn S` (default 300; 0 = off) the defaults train
 * on wasm for up to S seconds of training time, scored every `--every` seconds (the scoring time
 * is not counted) on 500 held-out-date and 500 held-out-format pairs (greedy exact match): the
 * seconds until the held-out exact match passes 95% and 99%. Prints a table, the load average,
 * and writes tests/bench/results/seq2seq-date.json.
 *
 * Usage: node tests/bench/seq2seq-date.mjs [--backends wasm,webgl,cpu] [--seconds 20]
 *   [--steps 5] [--warmup 2] [--torch-runs 3] [--torch-steps 20] [--learn 300] [--every 10]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { launchBrowser } from './lib/browser.mjs';
import { ROOT } from './lib/site.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'results');

function parseArgs(argv) {
  const o = {
    backends: ['wasm', 'webgl', 'cpu'],
    seconds: 20,
    steps: 5,
    warmup: 2,
    torchRuns: 3,
    torchSteps: 20,
    learn: 300,
    every: 10,
  };
  const numeric = {
    '--seconds': 'seconds',
    '--steps': 'steps',
    '--warmup': 'warmup',
    '--torch-runs': 'torchRuns',
    '--torch-steps': 'torchSteps',
    '--learn': 'learn',
    '--every': 'every',
  };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
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

/** Installed in the page: the task with its defaults and the timing helpers. */
async function setUpPage({ backend }) {
  const train = await import('/src/train/index.ts');
  const info = await train.selectBackend(backend);
  const s2s = await import('/src/models/seq2seq/index.ts');
  const step = (task) => async () => {
    const o = task.step();
    const loss = (await o.loss.data())[0];
    o.loss.dispose();
    for (const m of Object.values(o.metrics ?? {})) m.dispose();
    return loss;
  };
  /** @type {any} */ (window).__s2s = {
    async time(warm, ms, minSteps) {
      const task = s2s.createSeq2SeqTask();
      task.init();
      try {
        const run = step(task);
        const tw = performance.now();
        let loss = NaN;
        for (let i = 0; i < warm; i++) loss = await run();
        const warmupMs = performance.now() - tw;
        const times = [];
        const t0 = performance.now();
        while (performance.now() - t0 < ms || times.length < minSteps) {
          const a = performance.now();
          loss = await run();
          times.push(performance.now() - a);
        }
        return { warmupMs, times, loss, params: task.parameterCount, batch: task.examplesPerStep };
      } finally {
        task.dispose();
      }
    },
    /** Trains the defaults for `seconds` of training time, scoring every `every` seconds. */
    async learn(seconds, every) {
      const task = s2s.createSeq2SeqTask();
      task.init();
      const run = step(task);
      const marks = [];
      let trained = 0;
      let steps = 0;
      let loss = NaN;
      try {
        while (trained < seconds * 1000) {
          const t0 = performance.now();
          while (performance.now() - t0 < every * 1000) {
            loss = await run();
            steps++;
          }
          trained += performance.now() - t0;
          const val = await task.evaluateSplit('validation', 500);
          const test = await task.evaluateSplit('test', 500);
          marks.push({
            seconds: Math.round(trained / 100) / 10,
            steps,
            loss,
            heldOutDates: val.exactMatch,
            heldOutFormats: test.exactMatch,
          });
          if (val.exactMatch >= 0.99 && test.exactMatch >= 0.99) break;
        }
        const [t] = await task.translate(['3rd of March 2021']);
        const test = await task.evaluateSplit('test');
        return {
          marks,
          example: { input: t.input, output: t.output },
          heldOutFormats: test.byFormat,
          mistakes: test.mistakes.slice(0, 6),
        };
      } finally {
        task.dispose();
      }
    },
  };
  return { info };
}

async function benchBackend(context, base, backend, o) {
  const page = await context.newPage();
  try {
    await page.goto(`${base}?bench=seq2seq-date`, { waitUntil: 'load' });
    const setup = await page.evaluate(setUpPage, { backend });
    console.log(`[bench] ${backend}: ${setup.info.name} (${setup.info.reason})`);
    const l0 = load1();
    const r = await page.evaluate(
      ([w, ms, n]) => window.__s2s.time(w, ms, n),
      [o.warmup, o.seconds * 1000, o.steps],
    );
    const ms = median(r.times);
    const ours = {
      warmupMs: Math.round(r.warmupMs),
      steps: r.times.length,
      msPerStep: Number(ms.toFixed(1)),
      examplesPerSecond: Math.round((r.batch * 1000) / ms),
      lastLoss: Number(r.loss.toFixed(3)),
      params: r.params,
    };
    console.log(`[bench]   ${JSON.stringify(ours)}`);
    let learn = null;
    if (backend === 'wasm' && o.learn > 0) {
      console.log(`[bench]   training the defaults for up to ${o.learn} s...`);
      learn = await page.evaluate(([s, e]) => window.__s2s.learn(s, e), [o.learn, o.every]);
      for (const m of learn.marks) {
        console.log(
          `[bench]   ${m.seconds} s, step ${m.steps}: loss ${m.loss.toFixed(3)}, exact match held-out dates ${(100 * m.heldOutDates).toFixed(1)}%, held-out formats ${(100 * m.heldOutFormats).toFixed(1)}%`,
        );
      }
      const first = (key, level) => learn.marks.find((m) => m[key] >= level)?.seconds ?? null;
      learn.secondsTo = {
        dates95: first('heldOutDates', 0.95),
        dates99: first('heldOutDates', 0.99),
        formats95: first('heldOutFormats', 0.95),
        formats99: first('heldOutFormats', 0.99),
      };
      console.log(`[bench]   held-out formats: ${JSON.stringify(learn.heldOutFormats)}`);
      console.log(`[bench]   mistakes: ${JSON.stringify(learn.mistakes)}`);
      console.log(
        `[bench]   seconds to: ${JSON.stringify(learn.secondsTo)}; ${JSON.stringify(learn.example)}`,
      );
    }
    return {
      backend,
      active: setup.info.name,
      software: setup.info.software,
      renderer: setup.info.renderer,
      ours,
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
  // PyTorch runs before AND after the browser: on a shared machine the load moves, and a ratio
  // against a rate measured minutes apart can be off by 2x; both are reported.
  const runTorch = () => {
    if (o.torchRuns === 0) return null;
    console.log('[bench] PyTorch, 1 thread...');
    const r = spawnSync(
      '/usr/bin/python3',
      [
        join(HERE, 'seq2seq_date_torch.py'),
        '--runs',
        String(o.torchRuns),
        '--steps',
        String(o.torchSteps),
        '--threads',
        '1',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const out = r.status === 0 ? JSON.parse(r.stdout) : { error: `exit ${r.status}` };
    console.log(`[bench] PyTorch: ${JSON.stringify(out)} (load ${load1()})`);
    return out;
  };
  const torchBefore = runTorch();
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
  const torchAfter = runTorch();
  const loadAfter = loadavg();
  const rates = [torchBefore, torchAfter].map((t) => t?.results?.[0]?.examples_per_second ?? null);
  const torch = { before: torchBefore, after: torchAfter };
  const torchRate = rates.every((x) => x) ? (rates[0] + rates[1]) / 2 : (rates[0] ?? rates[1]);
  const fmt = (x, d = 0) => (x == null || Number.isNaN(x) ? '—' : Number(x).toFixed(d));
  console.log(
    '\nbackend  ms/step  examples/s  ours/torch(1 thread, mean of before and after)  load',
  );
  for (const r of rows) {
    if (r.error) {
      console.log(`${r.backend.padEnd(8)} error: ${r.error}`);
      continue;
    }
    r.oursOverTorch1 = torchRate ? r.ours.examplesPerSecond / torchRate : null;
    console.log(
      `${r.backend.padEnd(8)} ${fmt(r.ours.msPerStep, 1).padStart(7)} ${fmt(r.ours.examplesPerSecond).padStart(11)} ${fmt(r.oursOverTorch1, 2).padStart(21)}  ${r.loadAverage.join(' → ')}`,
    );
  }
  for (const [when, t] of Object.entries(torch)) {
    if (t?.results) {
      const r = t.results[0];
      console.log(
        `PyTorch ${t.torch}, 1 thread, ${when}: ${fmt(r.ms_per_step, 1)} ms/step, ${fmt(r.examples_per_second)} examples/s`,
      );
    }
  }
  console.log(
    `load average: before ${loadBefore.map((x) => x.toFixed(1)).join(' ')}, after ${loadAfter.map((x) => x.toFixed(1)).join(' ')}`,
  );
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'seq2seq-date.json');
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadavgBefore: loadBefore,
    loadavgAfter: loadAfter,
  };
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), machine, options: o, rows, torch }, null, 2)}\n`,
  );
  console.log(`[bench] wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
