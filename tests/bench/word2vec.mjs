#!/usr/bin/env node
/**
 * Benchmark of chapter 8's word2vec (not a pass/fail test). Skip-gram, d = 100, window 5,
 * 5 negatives, sample 1e-3, min count 5, on the State of the Union corpus tokenized by
 * `lmSentences` (src/data), in headless Chromium through a Vite dev server, per tfjs backend:
 * - `fast`: src/models/word2vec (batched SGD with sparse row updates), words/s counted as
 *   word2vec.c and gensim count them (centre words after subsampling), each step's loss read with
 *   `await data()` as the runner does; the median of `--windows` consecutive timing windows of
 *   `--seconds / --windows` s after `--warmup` steps; on `--epoch-backends` the whole first epoch
 *   is trained and scored on src/nlp/embeddings' SOTU evaluation set;
 * - `naive`: the same model with tf.gather + autograd + Adam (tests/bench/word2vecNaive.ts), the
 *   baseline of the 20x target (on wasm tf.gather's gradient does not exist: it is
 *   reported as an error, and the project's embeddingLookup gradient is timed instead); its
 *   windows of `--naive-seconds / --windows` s alternate with the fast ones, and "x naive" is the
 *   median of the per-window ratios, so both sides of a ratio ran under the same machine load;
 * - gensim 4.2 `Word2Vec(workers=1, sg=1, vector_size=100, window=5, negative=5, sample=1e-3,
 *   min_count=5)` on the same token lists, one epoch, `--gensim-runs` times, scored on the same
 *   questions (tests/bench/word2vec_gensim.py, /usr/bin/python3).
 * The machine is shared: besides wall-clock rates it records the CPU time of the Chromium
 * processes (from /proc) and of gensim's process, so the ratios can be taken per CPU second, and
 * the load average. gensim runs first. Prints a table and ratios; writes
 * tests/bench/results/word2vec.json.
 *
 * `wasm-mt` in --backends adds tfjs's multithreaded SIMD wasm build with `--threads` threads
 * (tests/bench/word2vecThreads.ts; the server then sends COOP/COEP headers so the page is
 * cross-origin isolated); the book itself runs wasm single-threaded, like gensim's 1 worker.
 *
 * Usage: node tests/bench/word2vec.mjs [--backends wasm,webgl,cpu,wasm-mt] [--epoch-backends wasm]
 *   [--seconds 30] [--windows 3] [--warmup 3] [--naive-seconds 20] [--batch 4096]
 *   [--naive-batch 4096 | wasm=4096,cpu=1024,webgl=1024 (default: --batch)] [--gensim-runs 3]
 *   [--threads 2]
 * Needs public/data (npm run prepare-data).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { launchBrowser } from './lib/browser.mjs';
import { ROOT } from './lib/site.mjs';
import { tsLoader } from './lib/loadTs.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'results');

/** @param {string[]} argv */
function parseArgs(argv) {
  const o = {
    backends: ['wasm', 'webgl', 'cpu'],
    epochBackends: ['wasm'],
    seconds: 30,
    windows: 3,
    warmup: 3,
    naiveSeconds: 20,
    batch: 4096,
    /** @type {Record<string, number>} backend (or '*') -> naive batch size */
    naiveBatch: {},
    gensimRuns: 3,
    threads: 2,
  };
  const numeric = {
    '--threads': 'threads',
    '--seconds': 'seconds',
    '--windows': 'windows',
    '--warmup': 'warmup',
    '--naive-seconds': 'naiveSeconds',
    '--batch': 'batch',
    '--gensim-runs': 'gensimRuns',
  };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    const value = inline ?? argv[++i];
    if (key === '--backends') o.backends = value.split(',').filter(Boolean);
    else if (key === '--naive-batch') {
      // one size for all backends, or per backend: wasm=4096,cpu=1024
      for (const part of value.split(',')) {
        const [a, b] = part.includes('=') ? part.split('=') : ['*', part];
        const n = Number(b);
        if (!Number.isInteger(n) || n < 64) throw new Error('--naive-batch needs integers >= 64');
        o.naiveBatch[a] = n;
      }
    } else if (key === '--epoch-backends') o.epochBackends = value.split(',').filter(Boolean);
    else if (key in numeric) {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${key} needs a number >= 0`);
      o[numeric[key]] = n;
    } else throw new Error(`unknown option ${key}`);
  }
  return o;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
    : null;
};

/** Writes the token lists and the evaluation set for gensim, with the project's own code. */
async function writeGensimInputs(dir) {
  const { load, close } = await tsLoader();
  try {
    const data = await load('/src/data/index.ts');
    const emb = await load('/src/nlp/embeddings/index.ts');
    const sotu = data.parseSotu(
      JSON.parse(readFileSync(join(ROOT, 'public/data/sotu.json'), 'utf8')),
    );
    const sentences = sotu.passages.flatMap((p) => data.lmSentences(p.text));
    const tokens = join(dir, 'sotu-tokens.txt');
    writeFileSync(tokens, `${sentences.map((s) => s.join(' ')).join('\n')}\n`);
    const evalset = join(dir, 'sotu-evalset.json');
    writeFileSync(evalset, JSON.stringify(emb.SOTU_EVALUATION_SET));
    return {
      tokens,
      evalset,
      sentences: sentences.length,
      tokensCount: sentences.reduce((a, s) => a + s.length, 0),
    };
  } finally {
    await close();
  }
}

/** Installed in the page: builds the corpus and exposes timing helpers on window.__w2v. */
async function setUpPage({ backend, batch, naiveBatch, threads }) {
  const train = await import('/src/train/index.ts');
  let info;
  if (backend === 'wasm-mt') {
    // tfjs's threaded SIMD build (needs the COOP/COEP headers this script's server sends)
    const mt = await import('/tests/bench/word2vecThreads.ts');
    const r = await mt.initThreadedWasm(threads);
    info = { name: `${r.backend}-mt`, reason: `threaded SIMD build, ${r.threads} threads` };
  } else {
    info = await train.selectBackend(backend);
  }
  const data = await import('/src/data/index.ts');
  const w2v = await import('/src/models/word2vec/index.ts');
  const emb = await import('/src/nlp/embeddings/index.ts');
  const naive = await import('/tests/bench/word2vecNaive.ts');
  const t0 = performance.now();
  const sotu = data.parseSotu(await (await fetch('/data/sotu.json')).json());
  const sentences = sotu.passages.flatMap((p) => data.lmSentences(p.text));
  const t1 = performance.now();
  const corpus = w2v.prepareCorpus(sentences, 5);
  const t2 = performance.now();
  const task = w2v.createWord2VecTask({
    corpus,
    architecture: 'skipgram',
    dim: 100,
    window: 5,
    negative: 5,
    sample: 1e-3,
    epochs: 1,
    batchSize: batch,
    seed: 1,
    evaluationSet: emb.SOTU_EVALUATION_SET,
  });
  task.init();
  const one = async () => {
    const o = task.step();
    const loss = (await o.loss.data())[0];
    o.loss.dispose();
    for (const m of Object.values(o.metrics ?? {})) m.dispose();
    return loss;
  };
  let lastLoss = NaN;
  const naiveModels = {};
  /** @type {any} */ (window).__w2v = {
    async warmup(n) {
      const t = performance.now();
      for (let i = 0; i < n; i++) lastLoss = await one();
      return performance.now() - t;
    },
    /** Trains for `ms` (or to the end of the epoch); returns words, steps, ms. */
    async fast(ms) {
      const w0 = task.effectiveWords;
      const t = performance.now();
      let steps = 0;
      while (!task.finished && performance.now() - t < ms) {
        lastLoss = await one();
        steps++;
      }
      return { words: task.effectiveWords - w0, steps, ms: performance.now() - t, loss: lastLoss };
    },
    async finishEpoch() {
      const w0 = task.effectiveWords;
      const t = performance.now();
      while (!task.finished) lastLoss = await one();
      const ms = performance.now() - t;
      const te = performance.now();
      const score = await task.evaluate();
      return {
        words: task.effectiveWords - w0,
        ms,
        totalEffectiveWords: task.effectiveWords,
        loss: lastLoss,
        evaluateMs: performance.now() - te,
        score,
      };
    },
    /**
     * Trains the naive model with `lookup` for `ms` (at least one step), creating it (and taking
     * `warm` untimed steps) on first use; it persists between calls, so naive windows can be
     * interleaved with the fast ones under the same machine load.
     */
    async naive(lookup, ms, warm) {
      const state = (naiveModels[lookup] ??= { model: null, error: null });
      if (state.error) return { error: state.error };
      try {
        if (!state.model) {
          state.model = naive.createNaiveWord2Vec(corpus, {
            dim: 100,
            window: 5,
            negative: 5,
            batchSize: naiveBatch,
            lookup,
          });
          for (let i = 0; i < warm; i++) await state.model.step();
        }
        const t = performance.now();
        let words = 0;
        let steps = 0;
        let loss = NaN;
        while (performance.now() - t < ms || steps < 1) {
          const r = await state.model.step();
          words += r.words;
          loss = r.loss;
          steps++;
        }
        return { words, steps, ms: performance.now() - t, loss };
      } catch (error) {
        state.error = error instanceof Error ? error.message : String(error);
        state.model?.dispose();
        state.model = null;
        return { error: state.error };
      }
    },
    naiveDispose() {
      for (const state of Object.values(naiveModels)) state.model?.dispose();
    },
    dispose() {
      task.dispose();
    },
  };
  return {
    info,
    sparseUpdate: task.sparseUpdate,
    vocab: corpus.vocab.words.length,
    tokens: corpus.ids.length,
    tokenizeMs: t1 - t0,
    prepareMs: t2 - t1,
  };
}

/**
 * CPU seconds (user + system) used so far by the Chromium processes this script started (the
 * descendants of this Node process whose name contains "chrom": renderer, GPU process with
 * SwiftShader, browser), from /proc; null where /proc is missing. Clock ticks of 1/100 s.
 */
function chromeCpuSeconds() {
  let entries;
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  const info = new Map();
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      // fields after the name: state(0) ppid(1) ... utime(11) stime(12)
      info.set(Number(pid), { comm, ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  const children = new Map();
  for (const [pid, p] of info) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(pid);
  }
  let ticks = 0;
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const pid = stack.pop();
    const p = info.get(pid);
    if (/chrom/i.test(p.comm)) ticks += p.ticks;
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks / 100;
}

async function benchBackend(context, base, backend, o) {
  const page = await context.newPage();
  try {
    await page.goto(`${base}?bench=word2vec`, { waitUntil: 'load' });
    const setup = await page.evaluate(setUpPage, {
      backend,
      batch: o.batch,
      naiveBatch: o.naiveBatch[backend] ?? o.naiveBatch['*'] ?? o.batch,
      threads: o.threads,
    });
    console.log(
      `[bench] ${backend}: ${setup.info.name} (${setup.info.reason}); update ${setup.sparseUpdate}`,
    );
    const warmupMs = await page.evaluate((n) => window.__w2v.warmup(n), o.warmup);
    // fast and naive windows alternate, so that each ratio compares the two under the same load
    const windows = [];
    const naiveWindows = { gather: [], embeddingLookup: [] };
    const naiveErrors = {};
    const naiveDone = {}; // a naive model whose one step outlasts 3 windows is timed once
    for (let w = 0; w < o.windows; w++) {
      const b0 = chromeCpuSeconds();
      const r = await page.evaluate((ms) => window.__w2v.fast(ms), (o.seconds * 1000) / o.windows);
      const cpu = chromeCpuSeconds() - b0;
      if (r.steps === 0) {
        // The one-epoch task finished in the earlier windows (a quiet machine): an empty window
        // would enter the medians as 0 words/s, so timing stops here.
        console.log(`[bench]   fast window ${w}: the epoch is finished; no more windows`);
        break;
      }
      windows.push({
        ...r,
        cpuSeconds: cpu,
        wordsPerSecond: (r.words * 1000) / r.ms,
        wordsPerCpuSecond: r.words / cpu,
      });
      console.log(
        `[bench]   fast window ${w}: ${Math.round((r.words * 1000) / r.ms)} words/s (${r.steps} steps, loss ${r.loss.toFixed(3)})`,
      );
      for (const lookup of ['gather', 'embeddingLookup']) {
        if (naiveErrors[lookup] || naiveDone[lookup]) continue;
        const c0 = chromeCpuSeconds();
        const n = await page.evaluate(
          ([l, ms]) => window.__w2v.naive(l, ms, 1),
          [lookup, (o.naiveSeconds * 1000) / o.windows],
        );
        const ncpu = chromeCpuSeconds() - c0;
        if (n.error) {
          naiveErrors[lookup] = n.error;
          console.log(`[bench]   naive ${lookup}: ${n.error}`);
          continue;
        }
        const nw = {
          ...n,
          cpuSeconds: ncpu,
          wordsPerSecond: (n.words * 1000) / n.ms,
          wordsPerCpuSecond: n.words / ncpu,
        };
        if (n.ms > (3 * o.naiveSeconds * 1000) / o.windows) naiveDone[lookup] = true;
        nw.ratio = windows[w].wordsPerSecond / nw.wordsPerSecond;
        nw.ratioCpu = windows[w].wordsPerCpuSecond / nw.wordsPerCpuSecond;
        naiveWindows[lookup].push(nw);
        console.log(
          `[bench]   naive ${lookup} window ${w}: ${Math.round(nw.wordsPerSecond)} words/s (${n.steps} steps); fast / naive ${nw.ratio.toFixed(1)}`,
        );
      }
    }
    await page.evaluate(() => window.__w2v.naiveDispose());
    const naive = {};
    for (const lookup of ['gather', 'embeddingLookup']) {
      const ws = naiveWindows[lookup];
      naive[lookup] = naiveErrors[lookup]
        ? { error: naiveErrors[lookup] }
        : {
            windows: ws,
            wordsPerSecond: median(ws.map((x) => x.wordsPerSecond)),
            wordsPerCpuSecond: median(ws.map((x) => x.wordsPerCpuSecond)),
            ratio: median(ws.map((x) => x.ratio)),
            ratioCpu: median(ws.map((x) => x.ratioCpu)),
          };
    }
    let epoch = null;
    if (o.epochBackends.includes(backend)) {
      const b0 = chromeCpuSeconds();
      epoch = await page.evaluate(() => window.__w2v.finishEpoch());
      epoch.cpuSeconds = chromeCpuSeconds() - b0;
      console.log(`[bench]   epoch done: ${JSON.stringify(epoch.score)}`);
    }
    await page.evaluate(() => window.__w2v.dispose());
    return {
      backend,
      active: setup.info.name,
      software: setup.info.software,
      renderer: setup.info.renderer,
      ...setup,
      info: undefined,
      warmupMs,
      windows,
      wordsPerSecond: median(windows.map((w) => w.wordsPerSecond)),
      wordsPerCpuSecond: median(windows.map((w) => w.wordsPerCpuSecond)),
      epoch,
      naive,
    };
  } finally {
    await page.close();
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const load0 = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'w2v-bench-'));
  const inputs = await writeGensimInputs(dir);
  console.log(`[bench] SOTU: ${inputs.sentences} sentences, ${inputs.tokensCount} tokens`);
  let gensim = null;
  if (o.gensimRuns > 0) {
    console.log('[bench] gensim...');
    const r = spawnSync(
      '/usr/bin/python3',
      [
        join(HERE, 'word2vec_gensim.py'),
        inputs.tokens,
        inputs.evalset,
        '--runs',
        String(o.gensimRuns),
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    gensim = r.status === 0 ? JSON.parse(r.stdout) : { error: `exit ${r.status}` };
    if (gensim.runs) {
      gensim.median.wordsPerCpuSecond = median(
        gensim.runs.map((x) => x.effectiveWords / x.cpuSeconds),
      );
    }
  }
  const server = await createServer({
    root: ROOT,
    logLevel: 'error',
    server: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      hmr: false,
      // cross-origin isolation (SharedArrayBuffer) for the threaded wasm row only
      headers: o.backends.includes('wasm-mt')
        ? {
            'Cross-Origin-Opener-Policy': 'same-origin',
            'Cross-Origin-Embedder-Policy': 'require-corp',
          }
        : {},
    },
    optimizeDeps: {
      include: [
        '@tensorflow/tfjs',
        '@tensorflow/tfjs-backend-webgl',
        '@tensorflow/tfjs-backend-wasm',
        'seedrandom',
        'ml-matrix',
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
  rmSync(dir, { recursive: true, force: true });
  const load1 = loadavg();
  const ratios = {};
  for (const r of rows) {
    if (r.error) continue;
    // median of the per-window ratios (fast and naive windows alternate)
    ratios[r.backend] = {
      vsNaiveGather: r.naive.gather?.ratio ?? null,
      vsNaiveEmbeddingLookup: r.naive.embeddingLookup?.ratio ?? null,
      vsNaiveAvailable: r.naive.gather?.ratio ?? r.naive.embeddingLookup?.ratio ?? null,
      vsNaiveAvailableCpu: r.naive.gather?.ratioCpu ?? r.naive.embeddingLookup?.ratioCpu ?? null,
      vsGensimWall: gensim?.median ? r.wordsPerSecond / gensim.median.wordsPerSecond : null,
      vsGensimCpu: gensim?.median?.wordsPerCpuSecond
        ? r.wordsPerCpuSecond / gensim.median.wordsPerCpuSecond
        : null,
    };
  }
  const fmt = (x, d = 0) => (x == null || Number.isNaN(x) ? '—' : Number(x).toFixed(d));
  console.log(
    '\nbackend  words/s  words/cpu-s  naive(gather)  naive(embLookup)  x naive  x naive(cpu)  x gensim(wall)  x gensim(cpu)  epoch score',
  );
  for (const r of rows) {
    if (r.error) {
      console.log(`${r.backend.padEnd(8)} error: ${r.error}`);
      continue;
    }
    const q = ratios[r.backend];
    console.log(
      [
        r.backend.padEnd(8),
        fmt(r.wordsPerSecond).padStart(7),
        fmt(r.wordsPerCpuSecond).padStart(13),
        (r.naive.gather?.error ? 'error' : fmt(r.naive.gather?.wordsPerSecond)).padStart(14),
        fmt(r.naive.embeddingLookup?.wordsPerSecond).padStart(17),
        fmt(q.vsNaiveAvailable, 1).padStart(8),
        fmt(q.vsNaiveAvailableCpu, 1).padStart(12),
        fmt(q.vsGensimWall, 2).padStart(15),
        fmt(q.vsGensimCpu, 2).padStart(14),
        r.epoch
          ? ` analogy ${fmt(r.epoch.score.analogy_accuracy, 3)} rho ${fmt(r.epoch.score.similarity_spearman, 3)}`
          : '',
      ].join(' '),
    );
  }
  if (gensim?.median) {
    console.log(
      `gensim ${gensim.gensim}: ${fmt(gensim.median.wordsPerSecond)} words/s wall, ${fmt(gensim.median.wordsPerCpuSecond)} per CPU s; analogy ${fmt(gensim.median.analogy_accuracy, 3)} rho ${fmt(gensim.median.similarity_spearman, 3)}`,
    );
  }
  console.log(
    `load average: before ${load0.map((x) => x.toFixed(1)).join(' ')}, after ${load1.map((x) => x.toFixed(1)).join(' ')}`,
  );
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'word2vec.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpu: cpus()[0]?.model,
          memoryGiB: Math.round(totalmem() / 2 ** 30),
          loadavgBefore: load0,
          loadavgAfter: load1,
        },
        options: o,
        corpus: { sentences: inputs.sentences, tokens: inputs.tokensCount },
        rows,
        gensim,
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
