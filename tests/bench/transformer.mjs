#!/usr/bin/env node
/**
 * Benchmark of chapter 15's character Transformer (not a pass/fail test): characters per second
 * of training steps of the default model (2 layers, 4 heads, d_model 128, d_ff 512, context 64,
 * batch 32, AdamW, clipping at 1, vocabulary 80, random text) per tfjs backend in headless
 * Chromium (a Vite dev server, the modules imported in the page), or with `--node` on wasm in Node
 * (Vite's SSR loader). The measured code is tests/bench/transformerBench.ts:
 * - `ours`: src/models/transformer's createTransformerLmTask (one fused QKV product, all heads in
 *   one batched product, the causal mask cached, products whose gradients avoid transposed matMuls);
 * - `plain`: tests/bench/transformerPlain.ts (separate Q, K, V products, a loop over heads, stock
 *   tfjs autograd), timed once per backend after the rounds (`--skip-plain` to leave it out);
 * - PyTorch 1.13 on this CPU with one thread (tests/bench/transformer_torch.py).
 * Every step's loss is read (`await data()`). Rates are medians of per-step wall times after
 * `--warmup` steps, over at least `--seconds` s and `--steps` steps. On a shared machine the load
 * changes within a minute, so ours and PyTorch alternate in `--rounds` rounds per backend (PyTorch
 * `--torch-steps` steps, then ours); the ratio reported is the median of the rounds' ratios. In
 * Node the process's CPU time per step is reported too (the steadier comparison on a loaded
 * machine); Chromium's is not. Writes tests/bench/results/transformer.json. The defaults take
 * about 5 minutes on a loaded 2-core machine, most of it webgl on SwiftShader (seconds per step);
 * the cpu backend is slower still (about 14 s per step of ours), so it is not in the defaults.
 *
 * Usage: node tests/bench/transformer.mjs [--node | --backends wasm,webgl,cpu] [--seconds 10]
 *   [--steps 5] [--warmup 2] [--torch-steps 10] [--rounds 3] [--skip-plain]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { startDevServer } from './lib/devServer.mjs';
import { tsLoader } from './lib/loadTs.mjs';
import { median } from './lib/stats.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SIZES = { vocab: 80, layers: 2, heads: 4, dModel: 128, dFf: 512, context: 64, batch: 32 };
const o = { node: false, backends: ['wasm', 'webgl'], seconds: 10, steps: 5, warmup: 2 };
Object.assign(o, { torchSteps: 10, rounds: 3, skipPlain: false });
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const [key, inline] = argv[i].split('=');
  const value = () => inline ?? argv[++i];
  const numeric = { '--seconds': 'seconds', '--steps': 'steps', '--warmup': 'warmup' };
  Object.assign(numeric, { '--torch-steps': 'torchSteps', '--rounds': 'rounds' });
  if (key === '--node') o.node = true;
  else if (key === '--skip-plain') o.skipPlain = true;
  else if (key === '--backends') o.backends = value().split(',');
  else if (numeric[key]) o[numeric[key]] = Number(value());
  else throw new Error(`Unknown option ${argv[i]}`);
}
for (const b of o.backends) {
  if (!['wasm', 'webgl', 'cpu'].includes(b)) throw new Error(`Unknown backend "${b}".`);
}
if (o.node) o.backends = ['wasm'];
const timing = { warmup: o.warmup, steps: o.steps, seconds: o.seconds };
const load1 = () => loadavg()[0];

/** One PyTorch measurement: `--torch-steps` steps after 3 warm-up steps, one thread. */
function runTorch() {
  const args = ['--steps', String(o.torchSteps), '--vocab', String(SIZES.vocab)];
  const run = spawnSync('/usr/bin/python3', [join(HERE, 'transformer_torch.py'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' },
  });
  return run.status === 0 ? JSON.parse(run.stdout) : { error: run.stderr.slice(-500) };
}

/**
 * Where the variants run: `open(backend)` returns `{ renderer, timeOurs, timePlain, close }`.
 * Node: one process on wasm, with CPU times. Chromium: one page per backend.
 */
async function nodeTarget() {
  const { load, close } = await tsLoader();
  const train = await load('/src/train/index.ts');
  const lib = await load('/tests/bench/transformerBench.ts');
  const bench = { ...lib.createTransformerBench(SIZES), details: lib.backendDetails };
  const cpuClock = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  return {
    async open() {
      const info = await train.selectBackend('wasm');
      if (info.name !== 'wasm') throw new Error(`wasm backend unavailable: ${info.reason}`);
      return {
        renderer: 'wasm (Node)',
        details: await bench.details(),
        timeOurs: () => bench.timeOurs({ ...timing, cpuClock }),
        timePlain: () => bench.timePlain({ ...timing, cpuClock }),
        close: async () => {},
      };
    },
    close,
  };
}

async function browserTarget() {
  const server = await startDevServer();
  const browser = await launchBrowser();
  return {
    async open(backend) {
      const page = await browser.context.newPage();
      await page.goto(server.base, { waitUntil: 'load' });
      const info = await page.evaluate(
        async ({ backend: b, sizes }) => {
          const train = await import('/src/train/index.ts');
          const lib = await import('/tests/bench/transformerBench.ts');
          const selected = await train.selectBackend(b);
          window.__tfBench = lib.createTransformerBench(sizes);
          const details = await lib.backendDetails();
          return { name: selected.name, reason: selected.reason ?? null, ...details };
        },
        { backend, sizes: SIZES },
      );
      if (info.name !== backend) {
        await page.close();
        throw new Error(`${backend} unavailable (got ${info.name}): ${info.reason}`);
      }
      return {
        renderer: `${backend} (Chromium)`,
        details: { wasmSimd: info.wasmSimd, gl: info.gl },
        timeOurs: () => page.evaluate((t) => window.__tfBench.timeOurs(t), timing),
        timePlain: () => page.evaluate((t) => window.__tfBench.timePlain(t), timing),
        close: () => page.close(),
      };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

const f = (v, d = 0) => (v == null ? '—' : v.toFixed(d));
/** A ratio as "0.24x", or "—". */
const ratioText = (v) => (v == null ? '—' : `${v.toFixed(2)}x`);
const target = o.node ? await nodeTarget() : await browserTarget();
const rows = [];
try {
  for (const backend of o.backends) {
    try {
      const t = await target.open(backend);
      const rounds = [];
      console.log(`[bench] ${t.renderer}: ${JSON.stringify(t.details)}`);
      try {
        for (let r = 0; r < o.rounds; r++) {
          const torch = runTorch();
          const ours = await t.timeOurs();
          const ratio = torch.charsPerSecond ? ours.charsPerSecond / torch.charsPerSecond : null;
          const cpuRatio =
            torch.cpuMsPerStep && ours.cpuMsPerStep ? torch.cpuMsPerStep / ours.cpuMsPerStep : null;
          rounds.push({ ours, torch, ratio, cpuRatio, load: load1() });
          console.log(
            `[bench] ${t.renderer} round ${r + 1}: ours ${f(ours.charsPerSecond)}, PyTorch ${torch.charsPerSecond ? f(torch.charsPerSecond) : `error ${torch.error?.slice(-200)}`} chars/s (${ratioText(ratio)}), load ${f(load1(), 1)}`,
          );
        }
        const plain = o.skipPlain ? null : await t.timePlain();
        const oursRate = median(rounds.map((x) => x.ours.charsPerSecond));
        const ratios = (k) => rounds.filter((x) => x[k] != null).map((x) => x[k]);
        rows.push({
          backend,
          renderer: t.renderer,
          details: t.details,
          rounds,
          plain,
          oursRate,
          torchRate: median(
            rounds.filter((x) => x.torch.charsPerSecond).map((x) => x.torch.charsPerSecond),
          ),
          plainRate: plain?.charsPerSecond ?? null,
          oursOverPlain: plain ? oursRate / plain.charsPerSecond : null,
          oursOverTorch: ratios('ratio').length ? median(ratios('ratio')) : null,
          oursOverTorchCpu: ratios('cpuRatio').length ? median(ratios('cpuRatio')) : null,
        });
      } finally {
        await t.close();
      }
    } catch (error) {
      rows.push({ backend, error: error instanceof Error ? error.message : String(error) });
      console.log(`[bench] ${backend}: ${rows.at(-1).error}`);
    }
  }
} finally {
  await target.close();
}

console.log(
  '\n| backend | ours (chars/s) | plain (chars/s) | PyTorch 1 thread (chars/s) | ours / plain | ours / PyTorch |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  if (r.error) console.log(`| ${r.backend} | error: ${r.error.slice(0, 120)} | | | | |`);
  else {
    const cpu = r.oursOverTorchCpu ? ` (CPU time ${ratioText(r.oursOverTorchCpu)})` : '';
    console.log(
      `| ${r.renderer} | ${f(r.oursRate)} | ${f(r.plainRate)} | ${f(r.torchRate)} | ${ratioText(r.oursOverPlain)} | ${ratioText(r.oursOverTorch)}${cpu} |`,
    );
  }
}
const load = loadavg().map((v) => v.toFixed(2));
console.log(`load average ${load.join(' ')} on ${cpus().length} cores`);
mkdirSync(join(HERE, 'results'), { recursive: true });
const result = { date: new Date().toISOString(), cpu: cpus()[0]?.model, cores: cpus().length };
Object.assign(result, { loadavg: loadavg(), sizes: SIZES, options: o, rows });
writeFileSync(join(HERE, 'results', 'transformer.json'), JSON.stringify(result, null, 2) + '\n');
